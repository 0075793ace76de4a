import { PageSkeleton } from "../../_components/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Reports" rows={10} />;
}
