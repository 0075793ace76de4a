import { AgentText } from "~/app/_components/agent-text";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { AUDIT_ACTIONS, isAuditAction } from "~/server/audit/actions";
import { getCaller } from "~/server/trpc/server";
import { hrefWith } from "../_components/url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const str = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const dayMs = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(`${v}T00:00:00Z`)) ? Date.parse(`${v}T00:00:00Z`) : undefined);

function prettyDetails(details: string | null): string | null {
  if (!details) return null;
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}

export default async function AuditPage({ searchParams }: Props) {
  const sp = await searchParams;
  const q = str(sp.q)?.slice(0, 200);
  const action = str(sp.action)?.slice(0, 64);
  const fromDay = str(sp.from);
  const toDay = str(sp.to);
  const cursor = str(sp.cursor) && /^\d+$/.test(str(sp.cursor)!) ? Number(sp.cursor) : undefined;
  const from = dayMs(fromDay);
  const to = dayMs(toDay);
  const caller = await getCaller();
  const [page, agencies] = await Promise.all([caller.audit.list({ q, action, from, to: to === undefined ? undefined : to + 86_400_000, cursor, limit: 50 }), caller.agencies.list()]);
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  const params = { q, action, from: fromDay, to: toDay };
  const t = await getTranslations("audit");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form className="filters no-print" method="get" action="/audit" role="search" aria-label={t("search.label")}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="a-q">{t("search.contains")}</label>
            <input id="a-q" name="q" type="search" defaultValue={q ?? ""} maxLength={200} placeholder={t("search.containsPlaceholder")} />
          </div>
          <div className="field">
            <label htmlFor="a-action">{t("search.action")}</label>
            <input id="a-action" name="action" list="a-actions" defaultValue={action ?? ""} maxLength={64} />
            <datalist id="a-actions">
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a} label={t(`actions.${a}`)} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="a-from">{t("search.from")}</label>
            <input id="a-from" name="from" type="date" defaultValue={fromDay ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="a-to">{t("search.to")}</label>
            <input id="a-to" name="to" type="date" defaultValue={toDay ?? ""} />
          </div>
          <div className="actions">
            <button className="btn btn-primary" type="submit">
              {t("search.submit")}
            </button>
            <Link className="btn" href="/audit">
              {t("search.reset")}
            </Link>
          </div>
        </div>
      </form>
      <div className="table-wrap">
        <table className="data compact" data-testid="audit-table">
          <caption className="sr-only">{t("table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("table.when")}</th>
              <th scope="col">{t("table.who")}</th>
              <th scope="col">{t("table.action")}</th>
              <th scope="col">{t("table.object")}</th>
              <th scope="col">{t("table.agency")}</th>
              <th scope="col">{t("table.details")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {q || action || from || to ? t("table.noMatch") : t("table.empty")}
                </td>
              </tr>
            )}
            {page.items.map((e) => {
              const details = prettyDetails(e.details);
              return (
                <tr key={e.id}>
                  <td className="nowrap small">
                    <LocalTime ms={e.at} />
                  </td>
                  <td className="small" style={{ maxWidth: 220, wordBreak: "break-all" }}>
                    <AgentText value={e.actor} />
                    {e.ip && e.ip !== "unknown" && <div className="muted mono">{e.ip}</div>}
                  </td>
                  <td>
                    {isAuditAction(e.action) ? (
                      <>
                        <span className="tag">{t(`actions.${e.action}`)}</span>
                        <div className="muted mono small">{e.action}</div>
                      </>
                    ) : (
                      <span className="tag">{e.action}</span>
                    )}
                  </td>
                  <td className="small mono">{e.objectType ? `${e.objectType}${e.objectId ? ` #${e.objectId}` : ""}` : "—"}</td>
                  <td className="small mono nowrap">{e.agencyId !== null ? (codes.get(e.agencyId) ?? e.agencyId) : "—"}</td>
                  <td className="small" style={{ width: 280, maxWidth: 280 }}>
                    {details ? (
                      <details>
                        <summary>
                          <span className="truncate" style={{ display: "inline-block", maxWidth: 240, verticalAlign: "bottom" }}>
                            <AgentText value={e.details!.slice(0, 60)} />
                          </span>
                        </summary>
                        <pre className="cmd" style={{ background: "#f2f4f7", color: "var(--ink)" }}>
                          {details.split("\n").map((line, i) => (
                            <span key={i}>
                              {i > 0 && "\n"}
                              <AgentText value={line} />
                            </span>
                          ))}
                        </pre>
                      </details>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t("pager.label")}>
        <span>{cursor ? <Link href={hrefWith("/audit", params)}>{t("pager.newest")}</Link> : t("pager.newest")}</span>
        {page.nextCursor ? (
          <Link className="btn btn-small" href={hrefWith("/audit", params, { cursor: page.nextCursor })} rel="next">
            {t("pager.older")}
          </Link>
        ) : (
          <span className="muted">{t("pager.end")}</span>
        )}
      </nav>
    </>
  );
}
