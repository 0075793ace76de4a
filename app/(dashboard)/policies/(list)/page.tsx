import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { policyInLocale } from "~/server/policy/texts";
import { getCaller } from "~/server/trpc/server";
import { getLocale } from "next-intl/server";
import { categoryLabel } from "../../catalog/_components/category-label";
import { PoliciesTable } from "../_components/policies-table";
import { ReevaluationStatus } from "../_components/reevaluation-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies");
  return { title: t("title") };
}

export default async function PoliciesPage() {
  const caller = await getCaller();
  const [me, policies, catalog] = await Promise.all([caller.users.me(), caller.catalog.policies(), caller.catalog.vendors()]);
  const locale = await getLocale();
  const t = await getTranslations("policies");
  const tc = await getTranslations("catalog");
  const isAdmin = me.role === "admin";
  const vendorName = new Map(catalog.vendors.map((v) => [v.slug, v.name]));
  const productNames = Object.fromEntries(catalog.vendors.flatMap((v) => v.products.map((p) => [p.slug, p.name])));
  const covered = catalog.vendors.filter((v) => v.products.some((p) => p.bannedBy.length || p.advisedBy.length));
  const others = catalog.vendors.filter((v) => !covered.includes(v));
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

      <section className="section" aria-labelledby="catalog-title">
        <div className="section-head">
          <h2 id="catalog-title">{t("catalogHeading")}</h2>
          <span className="small muted">
            {t("catalogCounts", { vendors: catalog.vendors.length, products: productCount })} · {t("catalogVersion")} <span className="mono">{catalog.version}</span>
          </span>
        </div>
        <div className="card vendor-list" style={{ padding: 0 }}>
          {[...covered, ...others].map((v) => {
            const banned = v.products.filter((p) => p.bannedBy.length).length;
            const advised = v.products.filter((p) => !p.bannedBy.length && p.advisedBy.length).length;
            return (
              <details key={v.slug} open={banned > 0} data-vendor={v.slug}>
                <summary>
                  <strong>{v.name}</strong> <span className="muted small">{v.country ?? ""}</span>
                  <span className="muted small"> · {t("productCount", { count: v.products.length })}</span>
                  {banned > 0 && (
                    <span className="badge badge-banned" style={{ marginLeft: ".5rem" }}>
                      {t("bannedCount", { count: banned })}
                    </span>
                  )}
                  {advised > 0 && (
                    <span className="badge badge-unprotected" style={{ marginLeft: ".5rem" }}>
                      {t("advisedCount", { count: advised })}
                    </span>
                  )}
                </summary>
                <div className="table-wrap" style={{ margin: ".5rem 0 .25rem" }}>
                  <table className="data compact">
                    <caption className="sr-only">{t("productsOf", { vendor: v.name })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("col.product")}</th>
                        <th scope="col">{t("col.category")}</th>
                        <th scope="col">{t("col.underPolicies")}</th>
                        <th scope="col">{t("col.removalGuide")}</th>
                        <th scope="col">
                          <span className="sr-only">{t("col.endpoints")}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.products.map((p) => (
                        <tr key={p.slug}>
                          <td>{p.name}</td>
                          <td>{categoryLabel(tc, p.category)}</td>
                          <td className="small">
                            {p.bannedBy.length ? (
                              <span className="badge badge-banned" title={p.bannedBy.join("; ")}>
                                {t("banned")}
                              </span>
                            ) : p.advisedBy.length ? (
                              <span className="badge badge-unprotected" title={p.advisedBy.join("; ")}>
                                {t("advisedAgainst")}
                              </span>
                            ) : (
                              <span className="muted">{t("allowed")}</span>
                            )}
                          </td>
                          <td>{p.hasRemovalGuide ? t("yes") : <span className="muted">—</span>}</td>
                          <td className="nowrap">
                            <Link href={`/endpoints?present=product:${p.slug}`}>{t("endpointsWithIt")}</Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            );
          })}
        </div>
      </section>

      <p className="small muted section">{t.rich("unrecognizedNote", { link: (chunks) => <Link href="/catalog">{chunks}</Link> })}</p>
    </>
  );
}
