import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { policyInLocale } from "~/server/policy/texts";
import { vendorPage } from "~/server/dashboard/catalog";
import { getCaller } from "~/server/trpc/server";
import { getLocale } from "next-intl/server";
import { firstValues } from "../../_components/url";
import { CatalogVendors } from "../_components/catalog-vendors";
import { PoliciesTable } from "../_components/policies-table";
import { ReevaluationStatus } from "../_components/reevaluation-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Vendors no policy covers, shown a page at a time: the catalog has hundreds. */
const OTHERS_PAGE = 40;

export default async function PoliciesPage({ searchParams }: Props) {
  const sp = firstValues(await searchParams);
  const cursor = (k: string) => (sp[k] && /^[a-z0-9-]{1,80}$/.test(sp[k]!) ? sp[k] : undefined);
  const find = (sp.find ?? "").trim().slice(0, 80);
  const caller = await getCaller();
  const [me, policies, catalog] = await Promise.all([caller.users.me(), caller.catalog.policies(), caller.catalog.vendors()]);
  const locale = await getLocale();
  const t = await getTranslations("policies");
  const isAdmin = me.role === "admin";
  const vendorName = new Map(catalog.vendors.map((v) => [v.slug, v.name]));
  const productNames = Object.fromEntries(catalog.vendors.flatMap((v) => v.products.map((p) => [p.slug, p.name])));
  const covered = catalog.vendors.filter((v) => v.products.some((p) => p.bannedBy.length || p.advisedBy.length));
  const others = vendorPage(
    catalog.vendors.filter((v) => !covered.includes(v)),
    { find, after: cursor("after"), before: cursor("before") },
    OTHERS_PAGE,
  );
  const productCount = catalog.vendors.reduce((n, v) => n + v.products.length, 0);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />

      <section aria-labelledby="policies-title">
        <div className="section-head">
          <h2 id="policies-title">{t("policiesHeading")}</h2>
          {isAdmin && (
            <Link className="btn btn-primary btn-small" href="/policies/new">
              {t("newLocal")}
            </Link>
          )}
        </div>
        <p className="small muted">{isAdmin ? t("adminHelp") : t("readOnlyHelp")}</p>
        <ReevaluationStatus />
        <PoliciesTable policies={policies.map((p) => policyInLocale(p, locale))} isAdmin={isAdmin} vendorName={Object.fromEntries(vendorName)} productName={productNames} />
      </section>

      <section className="section" aria-labelledby="catalog-title" id="catalog">
        <div className="section-head">
          <h2 id="catalog-title">{t("catalogHeading")}</h2>
          <span className="small muted">
            {t("catalogCounts", { vendors: catalog.vendors.length, products: productCount })} · {t("catalogVersion")} <span className="mono">{catalog.version}</span>
          </span>
        </div>
        <CatalogVendors covered={covered} others={others} find={find} />
      </section>

      <p className="small muted section">{t.rich("unrecognizedNote", { link: (chunks) => <Link href="/catalog">{chunks}</Link> })}</p>
    </>
  );
}
