// Page one of a report: the brief a minister reads and signs. Figures, who is behind, what is
// asked, how to check the document, and the signature block. From the report's data only.
import { asks, behindAgencies, statusLine } from "~/server/reports/brief";
import { groupedFingerprint } from "~/server/reports/canonical";
import type { ReportText } from "~/server/reports/i18n";
import type { ReportData } from "~/server/reports/types";
import { needsActionOf } from "./report-tables";

type Props = { data: ReportData; published: { id: number; sha256: string } | null; rt: ReportText };

export function Brief({ data, published, rt }: Props) {
  const { t, f } = rt;
  const tot = data.totals;
  const behind = behindAgencies(data);
  // The same count as the summary and the dashboard's tile: every agency rated behind, parents through a sub-agency included.
  const behindAll = data.agencies.filter((a) => a.status === "overdue" || a.status === "at-risk").length;
  const counted = data.agencies.filter((a) => a.endpoints > 0).length;
  const na = needsActionOf(tot);
  const figures = [
    {
      label: t("report.brief.needAction"),
      value: f.num(na),
      sub: t("report.brief.needActionSub", { percent: f.percentOf(na, tot.endpoints), endpoints: f.num(tot.endpoints) }),
      tone: na > 0 ? "bad" : "ok",
      id: "needs-action",
    },
    {
      label: t("report.brief.openFindings"),
      value: f.num(tot.openFindings),
      sub: t("report.brief.openFindingsSub", { banned: f.num(tot.banned), remnants: f.num(tot.remnants), stale: f.num(tot.staleBanned ?? 0) }),
      tone: tot.openFindings > 0 ? "bad" : "ok",
      id: "open",
    },
    { label: t("report.brief.removed"), value: f.num(tot.resolvedFindings), sub: t("report.brief.removedSub", { percent: f.percentText(tot.percentComplete) }), tone: "", id: "removed" },
    {
      label: t("report.brief.behind"),
      value: f.num(behindAll),
      sub: t("report.brief.behindSub", { counted: f.num(counted), own: f.num(behind.length) }),
      tone: behindAll ? "bad" : "ok",
      id: "agencies-behind",
    },
  ];
  return (
    <section className="rpt-brief" aria-labelledby="brief-title" data-testid="report-brief">
      <h2 id="brief-title">{t("report.brief.title")}</h2>
      <div className="rpt-figures rpt-figures-4">
        {figures.map((fig) => (
          <div key={fig.id} className={`rpt-figure ${fig.tone}`}>
            <div className="rpt-figure-label">{fig.label}</div>
            <div className="rpt-figure-value" data-testid={`brief-${fig.id}`}>
              {fig.value}
            </div>
            <div className="rpt-figure-sub">{fig.sub}</div>
          </div>
        ))}
      </div>
      <h3>{t("report.brief.whoIsBehind")}</h3>
      {behind.length === 0 ? (
        <p>{t("report.brief.noneBehind")}</p>
      ) : (
        <table className="rpt-table rpt-narrow" data-testid="brief-behind">
          <thead>
            <tr>
              <th scope="col">{t("report.brief.agency")}</th>
              <th scope="col" className="n">
                {t("report.brief.needAction")}
              </th>
              <th scope="col">{t("report.brief.status")}</th>
            </tr>
          </thead>
          <tbody>
            {behind.slice(0, 8).map((b) => (
              <tr key={b.code}>
                <th scope="row">
                  {b.name} <span className="rpt-code">{b.code}</span>
                </th>
                <td className="n">{f.num(b.needsAction)}</td>
                <td>{statusLine(b, rt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {behind.length > 8 && <p className="rpt-note">{t("report.brief.moreInSection", { n: f.num(behind.length - 8) })}</p>}
      <h3>{t("report.brief.asked")}</h3>
      <ol className="rpt-asks" data-testid="brief-asks">
        {asks(data, rt).map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ol>
      <div className="rpt-verify" data-testid="report-verify">
        <strong>{t("report.brief.howToCheck")}</strong>{" "}
        {published
          ? t.rich("report.brief.checkPublished", {
              fingerprint: groupedFingerprint(published.sha256),
              where: data.verifyUrl ?? t("report.brief.verifyElsewhere"),
              mono: (c) => <span className="rpt-mono rpt-break">{c}</span>,
            })
          : t("report.brief.checkDraft")}
      </div>
      <table className="rpt-signature" aria-label={t("report.brief.signatureBlock")}>
        <tbody>
          <tr>
            <th scope="row">{t("report.brief.prepared")}</th>
            <td colSpan={3}>{data.published ? t("report.brief.preparedBy", { name: data.published.by.name, time: f.longTime(data.published.at) }) : t("report.brief.notPublished")}</td>
          </tr>
          <tr>
            <th scope="row">{t("report.brief.submittedBy")}</th>
            <td className="rpt-line" />
            <th scope="row">{t("report.brief.date")}</th>
            <td className="rpt-line" />
          </tr>
          <tr>
            <th scope="row">{t("report.brief.signature")}</th>
            <td className="rpt-line rpt-sign" colSpan={3} />
          </tr>
        </tbody>
      </table>
      <p className="rpt-note">{t("report.brief.note", { day: f.longDay(data.asOf) })}</p>
    </section>
  );
}
