import { PageSkeleton } from "../_components/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Policies & catalog" rows={10} />;
}
