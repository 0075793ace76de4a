import { PageSkeleton } from "../_components/page-skeleton";

export default function Loading() {
  return <PageSkeleton title="Overview" figures={12} rows={6} />;
}
