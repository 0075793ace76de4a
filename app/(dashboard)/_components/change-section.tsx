// "What changed": the period picker (the last 7 days unless another range is chosen), one tile per
// kind of change linking to exactly the list it counts, and the change per agency since the start
// of the period and since the previous published report. Used by the Overview and agency pages.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Format } from "~/app/_components/format";
import { CHANGE_KINDS, type Changes } from "~/server/dashboard/changes";
import { addDays, dayOf } from "~/server/lib/time";
import { Figure } from "./figure";
import { hrefWith } from "./url";

const TONES = { detected: "bad", removed: "ok", reinstalled: "bad", stale: "grey", granted: "purple", expired: "warn" } as const;

const signed = (fmt: Format, n: number) => (n > 0 ? `+${fmt.n(n)}` : n < 0 ? `−${fmt.n(-n)}` : "0");

export function changeListHref(kind: string, c: Pick<Changes, "period">, agency?: string): string {
  return hrefWith("/changes", { kind, from: c.period.from, to: c.period.to, agency });
}

export function ChangeSection({ change, fmt, path = "/", agency }: { change: Changes; fmt: Format; path?: string; agency?: string }) {
  const t = useTranslations("changes.section");
  const tk = useTranslations("changes");
  const ts = useTranslations("states.terms");
  const p = change.period;
  const today = dayOf(Date.now());
  const presets = [
    { label: t("lastDays", { days: 7 }), from: addDays(today, -6) },
    { label: t("lastDays", { days: 30 }), from: addDays(today, -29) },
    ...(change.previousReport ? [{ label: t("sinceReport", { id: String(change.previousReport.id) }), from: addDays(change.previousReport.asOf, 1) }] : []),
  ];
  const before = fmt.day(addDays(p.from, -1));
  const rows = change.byAgency;
  return (
    <section className="section" aria-labelledby="change-title">
      <div className="section-head">
        <h2 id="change-title">
          {t("title", { from: fmt.day(p.from), to: fmt.day(p.to) })} <span className="muted small">{t("days", { count: p.days })}</span>
        </h2>
      </div>
      <form className="filters period-picker no-print" method="get" action={path} aria-label={t("period")}>
        <div className="row" style={{ flexWrap: "wrap", alignItems: "flex-end", gap: ".75rem" }}>
          <div className="field">
            <label htmlFor="period-from">{t("from")}</label>
            <input id="period-from" name="from" type="date" defaultValue={p.from} max={today} required />
          </div>
          <div className="field">
            <label htmlFor="period-to">{t("to")}</label>
            <input id="period-to" name="to" type="date" defaultValue={p.to} max={today} required />
          </div>
          <button type="submit" className="btn btn-primary">
            {t("show")}
          </button>
          {presets.map((x) => (
            <Link key={x.label} className="btn btn-small" href={hrefWith(path, { from: x.from, to: today })} aria-current={x.from === p.from && p.to === today ? "true" : undefined}>
              {x.label}
            </Link>
          ))}
        </div>
      </form>
      <div className="figures figures-tight" data-testid="change-tiles">
        {CHANGE_KINDS.map((k) => (
          <Figure
            key={k}
            label={tk(`kinds.${k}.title`)}
            value={fmt.n(change.counts[k])}
            tone={change.counts[k] ? TONES[k] : undefined}
            href={changeListHref(k, change, agency)}
            testId={`change-${k}`}
          />
        ))}
      </div>
      {rows.length > 1 && (
        <div className="table-wrap" style={{ marginTop: ".75rem" }}>
          <table className="data compact" data-testid="change-by-agency">
            <caption className="sr-only">{t("byAgencyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agency")}</th>
                <th scope="col" className="num">
                  {ts("needsAction")}
                </th>
                <th scope="col" className="num" title={t("changeSinceEndOf", { day: before })}>
                  {t("changeSince", { day: before })}
                </th>
                <th scope="col" className="num">
                  {ts("openFindings")}
                </th>
                <th scope="col" className="num">
                  {t("changeSince", { day: before })}
                </th>
                <th scope="col" className="num">
                  {change.previousReport ? t("changeSinceReport", { id: String(change.previousReport.id), day: fmt.day(change.previousReport.asOf) }) : t("changeSinceLastReport")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code} data-agency={r.code}>
                  <th scope="row" style={{ paddingLeft: `${0.75 + (r.depth - rows[0]!.depth) * 1.25}rem` }}>
                    <Link href={`/agencies/${r.code}`}>{r.name}</Link> <span className="mono muted small">{r.code}</span>
                  </th>
                  <td className="num">{fmt.n(r.needsActionNow)}</td>
                  <td className="num">{signed(fmt, r.needsActionNow - r.needsActionBefore)}</td>
                  <td className="num">{fmt.n(r.openNow)}</td>
                  <td className="num">{signed(fmt, r.openNow - r.openBefore)}</td>
                  <td className="num">{r.openAtReport === null ? "—" : signed(fmt, r.openNow - r.openAtReport)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
