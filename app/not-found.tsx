// Any address Muster does not know: a page that says so and leads back.
import { getTranslations } from "next-intl/server";
import { NotFoundBody } from "./_components/not-found-body";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="not-found" id="content" data-testid="not-found">
      <NotFoundBody title={t("pageTitle")} text={t("pageText")} />
    </main>
  );
}
