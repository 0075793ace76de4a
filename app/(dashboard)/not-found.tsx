// Inside the dashboard (an unknown agency, endpoint or report, or one outside the viewer's
// scope): the same message, with the navigation still there.
import { getTranslations } from "next-intl/server";
import { NotFoundBody } from "~/app/_components/not-found-body";

export default async function DashboardNotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="not-found" data-testid="not-found">
      <NotFoundBody title={t("dashboardTitle")} text={t("dashboardText")} />
    </div>
  );
}
