// The report's other sections: replacement protection, exceptions, method, evidence.
import { AgentText } from "~/app/_components/agent-text";
import { EVIDENCE_LABELS } from "~/server/import/labels";
import { EXCEPTIONS_SHOWN, exceptionsShown } from "~/server/reports/exceptions-shown";
import type { ReportText } from "~/server/reports/i18n";
import { citedPolicy, collectorLines, methodNotes, statusRules } from "~/server/reports/method-text";
import type { ReportData } from "~/server/reports/types";

type Props = { data: ReportData; rt: ReportText };

export function Replacement({ data, rt }: Props) {
  const { t, f } = rt;
  const r = data.replacement;
  // Each agency's own endpoints (the rows hold subtree totals).
  const childSum = new Map<string, number>();
  for (const a of data.agencies) if (a.parentCode) childSum.set(a.parentCode, (childSum.get(a.parentCode) ?? 0) + a.unprotectedAfterRemoval);
  const own = data.agencies
    .map((a) => ({ name: a.name, code: a.code, n: a.unprotectedAfterRemoval - (childSum.get(a.code) ?? 0) }))
    .filter((a) => a.n > 0)
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : 1));
  return (
    <>
      <p>
        {t.rich("report.replacement.text", {
          count: r.unprotectedAfterRemoval,
          clean: f.num(r.clean),
          percent: f.percentOf(r.clean, data.totals.endpoints),
          unprotected: f.num(r.unprotected),
          strong: (c) => <strong>{c}</strong>,
        })}
      </p>
      {own.length > 0 && (
        <table className="rpt-table rpt-narrow">
          <thead>
            <tr>
              <th scope="col">{t("report.replacement.byAgency")}</th>
              <th scope="col" className="n">
                {t("report.replacement.endpoints")}
              </th>
            </tr>
          </thead>
          <tbody>
            {own.slice(0, 20).map((a) => (
              <tr key={a.code}>
                <th scope="row">
                  {a.name} <span className="rpt-code">{a.code}</span>
                </th>
                <td className="n">{f.num(a.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {own.length > 20 && <p className="rpt-note">{t("report.replacement.more", { n: f.num(own.length - 20) })}</p>}
    </>
  );
}

export function Exceptions({ data, rt }: Props) {
  const { t, f } = rt;
  // A draft carries the annex worked out already (its list is cut); a published report, the whole list.
  const shown = exceptionsShown(data);
  const list = data.exceptions;
  if (shown.count === 0) return <p>{t("report.exceptions.none")}</p>;
  const intro = (
    <p>
      {t("report.exceptions.intro", { count: shown.count })}
      {shown.count > EXCEPTIONS_SHOWN ? ` ${t("report.exceptions.grouped")}` : ""}
    </p>
  );
  if (shown.count > EXCEPTIONS_SHOWN) {
    return (
      <>
        {intro}
        <table className="rpt-table rpt-exception-groups">
          <thead>
            <tr>
              <th scope="col">{t("report.exceptions.justification")}</th>
              <th scope="col">{t("report.exceptions.requestedBy")}</th>
              <th scope="col">{t("report.exceptions.approvedBy")}</th>
              <th scope="col" className="n">
                {t("report.exceptions.installs")}
              </th>
              <th scope="col" className="n">
                {t("report.exceptions.agencies")}
              </th>
              <th scope="col">{t("report.exceptions.expires")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.groups.map((g) => (
              <tr key={`${g.justification}/${g.requestedBy}/${g.approvedBy}`}>
                <td>{g.justification}</td>
                <td>{g.requestedBy}</td>
                <td>{g.approvedBy}</td>
                <td className="n">{f.num(g.installs)}</td>
                <td className="n">{f.num(g.agencies)}</td>
                <td className="nowrap">{g.first === g.last ? f.shortDay(g.first) : t("report.exceptions.range", { from: f.shortDay(g.first), to: f.shortDay(g.last) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.groupCount > EXCEPTIONS_SHOWN && <p className="rpt-note">{t("report.exceptions.moreGroups", { n: f.num(shown.groupCount - EXCEPTIONS_SHOWN) })}</p>}
      </>
    );
  }
  return (
    <>
      {intro}
      <table className="rpt-table rpt-exceptions">
        <thead>
          <tr>
            <th scope="col">{t("report.exceptions.agency")}</th>
            <th scope="col">{t("report.exceptions.endpoint")}</th>
            <th scope="col">{t("report.exceptions.product")}</th>
            <th scope="col">{t("report.exceptions.justification")}</th>
            <th scope="col">{t("report.exceptions.approvedBy")}</th>
            <th scope="col">{t("report.exceptions.expires")}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((w) => (
            <tr key={w.waiverId}>
              <td>{w.agencyCode}</td>
              <td className="nowrap">
                <AgentText value={w.hostname} />
              </td>
              <td>{w.product}</td>
              <td>
                {w.justification}
                {w.compensatingControls ? <div className="rpt-muted">{t("report.exceptions.controls", { controls: w.compensatingControls })}</div> : null}
                <span className="rpt-muted"> {t("report.exceptions.requestedByNote", { name: w.requestedBy })}</span>
              </td>
              <td>
                {w.approvedBy}
                {w.approvedOn ? <span className="rpt-muted">, {f.shortDay(w.approvedOn)}</span> : null}
              </td>
              <td className="nowrap">{f.shortDay(w.expires)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function MethodSection({ data, rt }: Props) {
  const { t, f } = rt;
  const m = data.method;
  const category = (c: string) => {
    const key = `report.categories.${c}` as "report.categories.antivirus";
    return rt.t.has(key) ? rt.t(key) : c;
  };
  return (
    <>
      {methodNotes(data, rt).map((n) => (
        <p key={n}>{n}</p>
      ))}
      <h3>{t("report.method.inventory")}</h3>
      <ul className="rpt-list">
        {collectorLines(data, rt).map((c) => (
          <li key={c.platform}>
            <strong>{c.platform}:</strong> {c.sources.join("; ")}.
          </li>
        ))}
        <li>{t.rich("report.method.catalog", { version: m.catalogVersion, strong: (c) => <strong>{c}</strong>, mono: (c) => <span className="rpt-mono">{c}</span> })}</li>
      </ul>
      <h3>{t("report.method.policies")}</h3>
      {m.policies.length === 0 ? (
        <p>{t("report.method.noPolicies")}</p>
      ) : (
        <table className="rpt-table rpt-policies">
          <thead>
            <tr>
              <th scope="col">{t("report.method.measure")}</th>
              <th scope="col">{t("report.method.legalReference")}</th>
              <th scope="col">{t("report.method.inForceSince")}</th>
              <th scope="col">{t("report.method.covers")}</th>
              <th scope="col">{t("report.method.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {m.policies.map((p) => {
              const cited = citedPolicy(p, rt);
              return (
                <tr key={`${p.name}/${p.agencyCode ?? ""}/${p.version ?? 1}`}>
                  <th scope="row">
                    {cited.name}
                    <span className="rpt-muted"> {t("report.method.policyKind", { jurisdiction: p.jurisdiction, status: p.status })}</span>
                  </th>
                  <td>
                    {cited.legalReference}
                    {p.legalUrl && (
                      <>
                        {" "}
                        <a href={p.legalUrl} className="rpt-url">
                          {p.legalUrl}
                        </a>
                      </>
                    )}
                  </td>
                  <td className="nowrap">{f.shortDay(p.effectiveDate)}</td>
                  <td>
                    {p.vendors.join(", ")} {p.categories ? t("report.method.onlyCategories", { categories: p.categories.map(category).join(", ") }) : t("report.method.allProducts")}
                  </td>
                  <td className="nowrap">{f.shortDay(p.deadline)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t("report.method.statusTitle")}</h3>
      <dl className="rpt-rules">
        {statusRules(data, rt).map((r) => (
          <div key={r.status}>
            <dt>{r.label}</dt>
            <dd>{r.rule}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** How many endpoints rest on the agent and how many on each tool's imported inventory. */
export function EvidenceSplit({ rows, total, rt }: { rows: NonNullable<ReportData["evidence"]>; total: number; rt: ReportText }) {
  const { t, f } = rt;
  const tool = (e: string) => EVIDENCE_LABELS[e] ?? e;
  const label = (e: string) => (e === "agent" ? t("report.evidence.agent") : t("report.evidence.imported", { tool: tool(e) }));
  const inline = (e: string) => (e === "agent" ? t("report.evidence.agentInline") : t("report.evidence.importedInline", { tool: tool(e) }));
  const parts = rows.map((r) => t("report.evidence.part", { count: r.endpoints, percent: f.percentOf(r.endpoints, total), source: inline(r.evidence) })).join("; ");
  return (
    <>
      <p>{t("report.evidence.intro", { parts })}</p>
      <table className="rpt-table rpt-narrow" data-testid="report-evidence">
        <thead>
          <tr>
            <th scope="col">{t("report.evidence.evidence")}</th>
            <th scope="col" className="n">
              {t("report.table.endpoints")}
            </th>
            <th scope="col" className="n">
              {t("report.table.banned")}
            </th>
            <th scope="col" className="n">
              {t("report.table.remnants")}
            </th>
            <th scope="col" className="n">
              {t("report.table.unprotected")}
            </th>
            <th scope="col" className="n">
              {t("report.table.clean")}
            </th>
            <th scope="col" className="n">
              {t("report.table.stale")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.evidence}>
              <th scope="row">{label(r.evidence)}</th>
              <td className="n">{f.num(r.endpoints)}</td>
              <td className="n">{f.num(r.banned)}</td>
              <td className="n">{f.num(r.remnants)}</td>
              <td className="n">{f.num(r.unprotected)}</td>
              <td className="n">{f.num(r.clean)}</td>
              <td className="n">{f.num(r.stale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
