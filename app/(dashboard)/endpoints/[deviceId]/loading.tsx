import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "../../_components/page-skeleton";

export default async function Loading() {
  const t = await getTranslations("loading");
  return <PageSkeleton title={t("title.endpoint")} rows={10} />;
}
