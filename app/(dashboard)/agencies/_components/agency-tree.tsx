"use client";
// The agencies as an expandable tree: each row carries its subtree's figures (pre-formatted on
// the server in the viewer's locale); toggles show or hide sub-agencies.
import Link from "next/link";
import { useMemo, useState } from "react";

export type TreeRow = {
  id: number;
  parentId: number | null;
  depth: number;
  code: string;
  name: string;
  hasChildren: boolean;
  cells: {
    endpoints: string;
    reporting: string;
    open: string;
    resolved: string;
    percent: string;
    percentValue: number | null;
    deadline: string;
    deadlineNote: string | null;
    daysLeft: string;
    projected: string;
    status: string;
    statusLabel: string;
    statusRule: string;
  };
};

export function AgencyTree({ rows, initiallyOpen }: { rows: TreeRow[]; initiallyOpen: number[] }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set(initiallyOpen));
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const visible = rows.filter((r) => {
    for (let p = r.parentId; p !== null; p = byId.get(p)?.parentId ?? null) {
      if (!byId.has(p)) break;
      if (!open.has(p)) return false;
    }
    return true;
  });
  const minDepth = rows.reduce((m, r) => Math.min(m, r.depth), Infinity);
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const all = () => setOpen(new Set(rows.filter((r) => r.hasChildren).map((r) => r.id)));
  const none = () => setOpen(new Set());

  return (
    <>
      <div className="row no-print" style={{ marginBottom: ".5rem" }}>
        <button type="button" className="btn btn-small" onClick={all}>
          Expand all
        </button>
        <button type="button" className="btn btn-small" onClick={none}>
          Collapse all
        </button>
      </div>
      <div className="table-wrap">
        <table className="data compact" data-testid="agency-tree">
          <caption className="sr-only">Agencies with their removal progress (sub-agencies included in each row)</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 34 }}>
                <span className="sr-only">Expand</span>
              </th>
              <th scope="col">Agency</th>
              <th scope="col">Code</th>
              <th scope="col" className="num">Endpoints</th>
              <th scope="col" className="num" title="Share of endpoints that reported within the stale window">Reporting</th>
              <th scope="col" className="num" title="Open findings: banned installs and remnants still present">Banned remaining</th>
              <th scope="col" className="num" title="Findings resolved (verified absent)">Removed</th>
              <th scope="col">Complete</th>
              <th scope="col">Deadline</th>
              <th scope="col" title="At the net removal rate of the recent window">Projected completion</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">
                  No agencies yet.
                </td>
              </tr>
            )}
            {visible.map((r) => {
              const isOpen = open.has(r.id);
              return (
                <tr key={r.id} data-agency={r.code}>
                  <td>
                    {r.hasChildren ? (
                      <button
                        type="button"
                        className="tree-toggle"
                        aria-expanded={isOpen}
                        aria-label={`${isOpen ? "Collapse" : "Expand"} ${r.name}`}
                        onClick={() => toggle(r.id)}
                      >
                        {isOpen ? "▾" : "▸"}
                      </button>
                    ) : null}
                  </td>
                  <td style={{ paddingLeft: `${0.75 + (r.depth - minDepth) * 1.25}rem` }}>
                    <Link href={`/agencies/${encodeURIComponent(r.code)}`}>{r.name}</Link>
                  </td>
                  <td className="mono nowrap small">{r.code}</td>
                  <td className="num">{r.cells.endpoints}</td>
                  <td className="num">{r.cells.reporting}</td>
                  <td className="num" data-testid="open-findings">{r.cells.open}</td>
                  <td className="num">{r.cells.resolved}</td>
                  <td className="nowrap">
                    {r.cells.percentValue !== null && (
                      <span className="progress" aria-hidden>
                        <span style={{ width: `${Math.round(r.cells.percentValue * 100)}%` }} />
                      </span>
                    )}
                    {r.cells.percent}
                  </td>
                  <td className="nowrap" title={r.cells.deadlineNote ?? undefined}>
                    {r.cells.deadline}
                    {r.cells.deadlineNote ? <span className="muted small"> *</span> : null}
                    {r.cells.daysLeft !== "—" && <div className="muted small">{r.cells.daysLeft}</div>}
                  </td>
                  <td className="nowrap">{r.cells.projected}</td>
                  <td>
                    <span className={`badge badge-${r.cells.status}`} title={r.cells.statusRule}>
                      {r.cells.statusLabel}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
