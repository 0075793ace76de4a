import type { Metadata } from "next";
import { PageHeader } from "~/app/_components/page-header";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  return <PageHeader title="Overview" description="Removal progress across the deployment." />;
}
