// The report's other sections: replacement protection, exceptions, method.
import { num, percentOf, shortDay } from "~/server/reports/format";
import type { ReportData } from "~/server/reports/types";

const EXCEPTIONS_SHOWN = 40;

export function Replacement({ data }: { data: ReportData }) {
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
        A removed antivirus must be replaced by protection that is enabled and up to date (for Windows, as Security Center reports it). <strong>{num(r.unprotectedAfterRemoval)}</strong>{" "}
        {r.unprotectedAfterRemoval === 1 ? "endpoint was" : "endpoints were"} left unprotected after banned software was verified removed from{" "}
        {r.unprotectedAfterRemoval === 1 ? "it" : "them"}. In all, {num(r.clean)} endpoints ({percentOf(r.clean, data.totals.endpoints)}) are protected and carry nothing banned, and{" "}
        {num(r.unprotected)} are unprotected.
      </p>
      {own.length > 0 && (
        <table className="rpt-table rpt-narrow">
          <thead>
            <tr>
              <th scope="col">Left unprotected after removal, by agency (own endpoints)</th>
              <th scope="col" className="n">Endpoints</th>
            </tr>
          </thead>
          <tbody>
            {own.slice(0, 20).map((a) => (
              <tr key={a.code}>
                <th scope="row">
                  {a.name} <span className="rpt-code">{a.code}</span>
                </th>
                <td className="n">{num(a.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {own.length > 20 && <p className="rpt-note">{num(own.length - 20)} more agencies; each is in the agencies CSV (unprotected_after_removal).</p>}
    </>
  );
}

type ExceptionGroup = { justification: string; approvedBy: string; requestedBy: string; installs: number; agencies: Set<string>; first: string; last: string };

/** Exceptions with the same justification, requester and approver, counted together. */
function groupExceptions(list: ReportData["exceptions"]): ExceptionGroup[] {
  const groups = new Map<string, ExceptionGroup>();
  for (const w of list) {
    const key = `${w.justification}\u0000${w.requestedBy}\u0000${w.approvedBy}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { justification: w.justification, approvedBy: w.approvedBy, requestedBy: w.requestedBy, installs: 0, agencies: new Set(), first: w.expires, last: w.expires }));
    g.installs++;
    g.agencies.add(w.agencyCode);
    if (w.expires < g.first) g.first = w.expires;
    if (w.expires > g.last) g.last = w.expires;
  }
  return [...groups.values()].sort((a, b) => b.installs - a.installs || (a.justification < b.justification ? -1 : 1));
}

export function Exceptions({ data }: { data: ReportData }) {
  const list = data.exceptions;
  if (list.length === 0) return <p>No banned software is kept under an exception.</p>;
  const intro = (
    <p>
      {num(list.length)} banned {list.length === 1 ? "install is" : "installs are"} kept under an approved, unexpired waiver. Each was requested by one officer and approved by another.
      {list.length > EXCEPTIONS_SHOWN ? " They are summarised here by justification; each one is listed in the endpoints CSV." : ""}
    </p>
  );
  if (list.length > EXCEPTIONS_SHOWN) {
    const groups = groupExceptions(list);
    return (
      <>
        {intro}
        <table className="rpt-table rpt-exception-groups">
          <thead>
            <tr>
              <th scope="col">Justification</th>
              <th scope="col">Requested by</th>
              <th scope="col">Approved by</th>
              <th scope="col" className="n">Installs</th>
              <th scope="col" className="n">Agencies</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {groups.slice(0, EXCEPTIONS_SHOWN).map((g) => (
              <tr key={`${g.justification}/${g.requestedBy}/${g.approvedBy}`}>
                <td>{g.justification}</td>
                <td>{g.requestedBy}</td>
                <td>{g.approvedBy}</td>
                <td className="n">{num(g.installs)}</td>
                <td className="n">{num(g.agencies.size)}</td>
                <td className="nowrap">{g.first === g.last ? shortDay(g.first) : `${shortDay(g.first)} to ${shortDay(g.last)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {groups.length > EXCEPTIONS_SHOWN && <p className="rpt-note">{num(groups.length - EXCEPTIONS_SHOWN)} more justifications; see the endpoints CSV.</p>}
      </>
    );
  }
  return (
    <>
      {intro}
      <table className="rpt-table rpt-exceptions">
        <thead>
          <tr>
            <th scope="col">Agency</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Product</th>
            <th scope="col">Justification</th>
            <th scope="col">Approved by</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {list.map((w) => (
            <tr key={w.waiverId}>
              <td>{w.agencyCode}</td>
              <td className="nowrap">{w.hostname}</td>
              <td>{w.product}</td>
              <td>
                {w.justification}
                <span className="rpt-muted"> (requested by {w.requestedBy})</span>
              </td>
              <td>
                {w.approvedBy}
                {w.approvedOn ? <span className="rpt-muted">, {shortDay(w.approvedOn)}</span> : null}
              </td>
              <td className="nowrap">{shortDay(w.expires)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function MethodSection({ data }: { data: ReportData }) {
  const m = data.method;
  return (
    <>
      {m.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <h3>Inventory</h3>
      <ul className="rpt-list">
        {m.collectors.map((c) => (
          <li key={c.platform}>
            <strong>{c.platform}:</strong> {c.sources.join("; ")}.
          </li>
        ))}
        <li>
          <strong>Catalog of security products:</strong> version <span className="rpt-mono">{m.catalogVersion}</span>.
        </li>
      </ul>
      <h3>Policies in force</h3>
      {m.policies.length === 0 ? (
        <p>No policy is in force: nothing is counted as banned.</p>
      ) : (
        <table className="rpt-table rpt-policies">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Legal reference</th>
              <th scope="col">In force since</th>
              <th scope="col">Covers</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {m.policies.map((p) => (
              <tr key={p.name}>
                <th scope="row">
                  {p.name}
                  <span className="rpt-muted"> ({p.jurisdiction}, {p.status})</span>
                </th>
                <td>
                  {p.legalReference}
                  {p.legalUrl && (
                    <>
                      {" "}
                      <a href={p.legalUrl} className="rpt-url">{p.legalUrl}</a>
                    </>
                  )}
                </td>
                <td className="nowrap">{shortDay(p.effectiveDate)}</td>
                <td>
                  {p.vendors.join(", ")}
                  {p.categories ? ` (${p.categories.join(", ")} only)` : " (all products)"}
                </td>
                <td className="nowrap">{shortDay(p.deadline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Status of an agency</h3>
      <dl className="rpt-rules">
        {m.statusRules.map((r) => (
          <div key={r.status}>
            <dt>{r.label}</dt>
            <dd>{r.rule}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

