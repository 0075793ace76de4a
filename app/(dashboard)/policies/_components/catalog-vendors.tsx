// The catalog on the Policies page: the vendors Muster recognises, in a <details> each. Vendors a
// policy covers (banned or advised against) come first, open when banned, with a table of their
// products; the several hundred others come a page at a time, found by vendor or product name, and
// list their products in one line each (name, category, a link to the endpoints carrying it): the
// page's weight follows one page of the catalog, not the whole of it.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CatalogVendorItem, VendorPage } from "~/server/dashboard/catalog";
import { Pager } from "../../_components/pager";
import { categoryLabel } from "../../catalog/_components/category-label";

type Props = { covered: CatalogVendorItem[]; others: VendorPage; find: string };

export async function CatalogVendors({ covered, others, find }: Props) {
  const t = await getTranslations("policies");
  const tc = await getTranslations("catalog");
  const summary = (v: CatalogVendorItem, banned = 0, advised = 0) => (
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
  );
  return (
    <div className="card vendor-list" style={{ padding: 0 }}>
      {covered.map((v) => {
        const banned = v.products.filter((p) => p.bannedBy.length).length;
        const advised = v.products.filter((p) => !p.bannedBy.length && p.advisedBy.length).length;
        return (
          <details key={v.slug} open={banned > 0} data-vendor={v.slug}>
            {summary(v, banned, advised)}
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
      <div className="vendor-others">
        <div className="section-head" style={{ marginBottom: ".25rem" }}>
          <h3 id="others-title">{t("othersHeading")}</h3>
          <form method="get" action="/policies#catalog" className="row no-print" role="search" aria-label={t("findLabel")}>
            <label htmlFor="find-vendor" className="sr-only">
              {t("findLabel")}
            </label>
            <input id="find-vendor" name="find" type="search" placeholder={t("findPlaceholder")} defaultValue={find} maxLength={80} />
            <button className="btn btn-small" type="submit">
              {t("find")}
            </button>
            {find && (
              <a className="btn btn-small" href="/policies#catalog">
                {t("clearFind")}
              </a>
            )}
          </form>
        </div>
        <p className="small muted" role="status" data-testid="others-shown">
          {others.total === 0
            ? t("noVendorMatches", { find })
            : t(find ? "othersShownFound" : "othersShown", { from: others.first + 1, to: others.first + others.items.length, total: others.total, find })}
        </p>
      </div>
      {others.items.map((v) => (
        <details key={v.slug} data-vendor={v.slug} open={Boolean(find) && others.total <= 3}>
          {summary(v)}
          <ul className="vendor-products" aria-label={t("productsOf", { vendor: v.name })}>
            {v.products.map((p) => (
              <li key={p.slug}>
                {/* A plain link: a page of them, each a client component with next/link. */}
                <a href={`/endpoints?present=product:${p.slug}`}>{p.name}</a> <span className="muted small">{categoryLabel(tc, p.category)}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
      {(others.prev || others.next) && (
        <div className="vendor-others">
          <Pager path="/policies" params={{ find: find || undefined }} prev={others.prev} next={others.next} label={t("othersPages")} hash="#catalog" />
        </div>
      )}
    </div>
  );
}
