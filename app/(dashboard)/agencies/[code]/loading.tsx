import { PageSkeleton } from "../../_components/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Agency" figures={8} rows={8} />;
}
