import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { hrefWith } from "../_components/url";
import { categoryLabel } from "./_components/category-label";
import { RecognisedTable, UnrecognizedTable } from "./_components/entry-tables";
import { ImportForm } from "./_components/import-form";
import { RetireButton } from "./_components/retire-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = 50;

export default async function CatalogPage({ searchParams }: Props) {
  const sp = await searchParams;
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string).trim().slice(0, 120) : "");
  const q = str("q") || undefined;
  const find = str("find");
  const offset = /^\d{1,4}$/.test(str("offset")) ? Math.min(Number(str("offset")), 1000) : 0;
  const caller = await getCaller();
  const me = await caller.users.me();
  const global = me.role === "admin" || me.role === "officer";
  const [unrecognized, catalog, overlay, recognised] = await Promise.all([
    caller.catalog.unrecognized({ q, offset, limit: PAGE }),
    caller.catalog.vendors(),
    global ? caller.catalog.overlay() : null,
    global && find.length >= 2 ? caller.catalog.searchEntries({ q: find }) : null,
  ]);
  const fmt = await getFormat();
  const t = await getTranslations("catalog");
  const vendors = [...catalog.vendors]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => ({ slug: v.slug, name: v.name, products: v.products.map((p) => ({ slug: p.slug, name: p.name, category: p.category })) }));
  const inForce = overlay?.rules.filter((r) => r.retiredAt === null) ?? [];
  const conflicts = inForce.filter((r) => r.conflict).length;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />

      {overlay && (
        <div className="card" style={{ marginBottom: "1rem" }}>
          <div className="row" style={{ justifyContent: "space-between", alignItems: "flex-start" }}>
            <div className="small">
              <div>
                {t.rich(overlay.revision > 0 ? "inForceLocal" : "inForceBuiltin", {
                  version: overlay.catalogVersion,
                  builtin: overlay.builtinVersion,
                  revision: overlay.revision,
                  rules: overlay.counts.rules,
                  vendors: overlay.counts.vendors,
                  products: overlay.counts.products,
                  mono: (chunks) => <span className="mono">{chunks}</span>,
                })}
              </div>
              {conflicts > 0 && (
                <div className="form-error" role="status" style={{ marginTop: ".5rem" }}>
                  {t("conflicts", { count: conflicts })}
                </div>
              )}
            </div>
            <div className="stack" style={{ alignItems: "flex-end" }}>
              <a className="btn btn-small" href="/catalog/export" download>
                {t("export")}
              </a>
              <ImportForm />
            </div>
          </div>
        </div>
      )}

      <section aria-labelledby="unrec-title">
        <div className="section-head">
          <h2 id="unrec-title">{t("unrecognizedHeading")}</h2>
          <form method="get" action="/catalog" className="row no-print" role="search" aria-label={t("searchUnrecognized")}>
            <label htmlFor="u-q" className="sr-only">
              {t("searchUnrecognizedLabel")}
            </label>
            <input id="u-q" name="q" type="search" placeholder={t("searchUnrecognizedPlaceholder")} defaultValue={q ?? ""} maxLength={120} />
            <button className="btn" type="submit">
              {t("search")}
            </button>
          </form>
        </div>
        <p className="small muted">{global ? t("unrecognizedHelp") : t("unrecognizedHelpAgency")}</p>
        <UnrecognizedTable items={unrecognized.items} vendors={vendors} canChange={global} />
        <nav className="pager" aria-label={t("pages")}>
          <span>{offset > 0 ? <Link href={hrefWith("/catalog", { q, offset: Math.max(0, offset - PAGE) || undefined })}>{t("previous")}</Link> : ""}</span>
          {unrecognized.more ? (
            <Link className="btn btn-small" href={hrefWith("/catalog", { q, offset: offset + PAGE })}>
              {t("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </section>

      {overlay && (
        <section className="section" aria-labelledby="rules-title">
          <h2 id="rules-title">{t("rulesHeading")}</h2>
          <div className="table-wrap">
            <table className="data" data-testid="local-rules-table">
              <caption className="sr-only">{t("rules.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rules.rule")}</th>
                  <th scope="col">{t("rules.matches")}</th>
                  <th scope="col">{t("rules.result")}</th>
                  <th scope="col">{t("rules.builtin")}</th>
                  <th scope="col" className="num">
                    {t("rules.counts")}
                  </th>
                  <th scope="col">{t("rules.made")}</th>
                  <th scope="col">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {overlay.rules.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      {t("rules.empty")}
                    </td>
                  </tr>
                )}
                {overlay.rules.map((r) => (
                  <tr key={r.id} className={r.retiredAt !== null ? "muted" : undefined} data-rule={r.id}>
                    <td className="mono small nowrap">local-{r.id}</td>
                    <td className="small" style={{ maxWidth: 320 }}>
                      {r.match.map((m) => (
                        <div key={m.field} className="truncate" title={m.value}>
                          {t.rich("rules.match", {
                            field: t(`fields.${m.field}`),
                            mode: t(`modes.${m.mode as "exact" | "prefix" | "contains"}`),
                            value: m.value,
                            strong: (chunks) => <strong>{chunks}</strong>,
                          })}
                        </div>
                      ))}
                      <div className="muted">{r.source ? t("rules.inSource", { source: r.source }) : t("rules.everySource")}</div>
                    </td>
                    <td className="small">
                      {r.kind === "classify" ? (
                        <>
                          {r.vendorName} · {r.productName}
                          <div className="muted">{categoryLabel(t, r.category)}</div>
                        </>
                      ) : (
                        <span className="tag">{t("notSecurity")}</span>
                      )}
                      {r.note && <div className="muted clamp-2">{r.note}</div>}
                    </td>
                    <td className="small">
                      {r.builtin ? (
                        <span className={r.conflict ? "tag tag-bad" : "tag"} title={r.conflict ? t("rules.conflict") : undefined}>
                          {r.builtin.vendorName} · {r.builtin.productName}
                        </span>
                      ) : (
                        <span className="muted">{t("rules.nothing")}</span>
                      )}
                    </td>
                    <td className="num small">
                      {fmt.n(r.entries)} / {fmt.n(r.endpoints)}
                    </td>
                    <td className="small">
                      <LocalTime ms={r.createdAt} mode="date" />
                      <div className="muted truncate">{r.createdBy}</div>
                      {r.retiredAt !== null && (
                        <div>
                          {t("rules.withdrawn")} <LocalTime ms={r.retiredAt} mode="date" />
                        </div>
                      )}
                    </td>
                    <td>
                      {r.retiredAt === null && <RetireButton ruleId={r.id} label={r.kind === "classify" ? t("rules.classifiesAs", { product: r.productName ?? "" }) : t("rules.marksNotSecurity")} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {overlay && (
        <section className="section" aria-labelledby="fp-title">
          <div className="section-head">
            <h2 id="fp-title">{t("falsePositiveHeading")}</h2>
            <form method="get" action="/catalog" className="row no-print" role="search" aria-label={t("searchRecognised")}>
              <label htmlFor="f-q" className="sr-only">
                {t("searchRecognisedLabel")}
              </label>
              <input id="f-q" name="find" type="search" placeholder={t("searchRecognisedPlaceholder")} defaultValue={find} maxLength={120} minLength={2} />
              <button className="btn" type="submit">
                {t("find")}
              </button>
            </form>
          </div>
          <p className="small muted">{t("falsePositiveHelp")}</p>
          {recognised && <RecognisedTable items={recognised} vendors={vendors} />}
        </section>
      )}
    </>
  );
}
