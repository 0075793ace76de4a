"use client";
// The agencies as an expandable tree: each row carries its subtree's figures (pre-formatted on
// the server in the viewer's locale); toggles show or hide sub-agencies. Filtered by status or
// sorted other than by the tree, the rows are listed flat (every agency that matches).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { isStatusFilter, STATUS_FILTERS } from "./status-filters";

const SORTS = ["tree", "status", "needs", "projected"] as const;
type Sort = (typeof SORTS)[number];

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
    needsAction: string;
    needsActionValue: number;
    needsActionHref: string;
    resolved: string;
    percent: string;
    percentValue: number | null;
    deadline: string;
    deadlineNote: string | null;
    daysLeft: string;
    projected: string;
    projectedValue: string;
    projectedNote: string | null;
    status: string;
    severity: number;
    statusNote: string | null;
    statusNoteTitle: string | null;
    statusLabel: string;
    statusRule: string;
  };
};

export function AgencyTree({ rows, initiallyOpen, initialStatus = "" }: { rows: TreeRow[]; initiallyOpen: number[]; initialStatus?: string }) {
  const t = useTranslations("agencies.tree");
  const [open, setOpen] = useState<Set<number>>(() => new Set(initiallyOpen));
  const [status, setStatus] = useState(initialStatus);
  const [sort, setSort] = useState<Sort>("tree");
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const flat = status !== "" || sort !== "tree";
  const wanted = status ? new Set<string>(isStatusFilter(status) ? STATUS_FILTERS[status] : []) : null;
  const visible = flat
    ? rows
        .filter((r) => !wanted || wanted.has(r.cells.status))
        .sort((a, b) =>
          sort === "status"
            ? b.cells.severity - a.cells.severity || b.cells.needsActionValue - a.cells.needsActionValue
            : sort === "needs"
              ? b.cells.needsActionValue - a.cells.needsActionValue
              : sort === "projected"
                ? b.cells.projectedValue < a.cells.projectedValue
                  ? -1
                  : b.cells.projectedValue > a.cells.projectedValue
                    ? 1
                    : 0
                : 0,
        )
    : rows.filter((r) => {
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
      <div className="row no-print" style={{ marginBottom: ".5rem", flexWrap: "wrap", alignItems: "flex-end", gap: ".75rem" }}>
        <div className="field">
          <label htmlFor="agency-status">{t("status")}</label>
          <select id="agency-status" value={status} onChange={(e) => setStatus(e.target.value)} data-testid="agency-status-filter">
            <option value="">{t("anyStatus")}</option>
            {(Object.keys(STATUS_FILTERS) as (keyof typeof STATUS_FILTERS)[]).map((k) => (
              <option key={k} value={k}>
                {t(`filter.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="agency-sort">{t("order")}</label>
          <select id="agency-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)} data-testid="agency-sort">
            {SORTS.map((k) => (
              <option key={k} value={k}>
                {t(`sort.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {!flat && (
          <>
            <button type="button" className="btn btn-small" onClick={all}>
              {t("expandAll")}
            </button>
            <button type="button" className="btn btn-small" onClick={none}>
              {t("collapseAll")}
            </button>
          </>
        )}
        <span className="muted small" aria-live="polite" data-testid="agency-count">
          {t("shown", { visible: visible.length, count: rows.length })}
        </span>
      </div>
      <div className="table-wrap">
        <table className="data compact" data-testid="agency-tree">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col" style={{ width: 34 }}>
                <span className="sr-only">{t("expand")}</span>
              </th>
              <th scope="col">{t("agency")}</th>
              <th scope="col" className="num">
                {t("endpoints")}
              </th>
              <th scope="col" className="num" title={t("reportingHelp")}>
                {t("reporting")}
              </th>
              <th scope="col" className="num" title={t("needsActionHelp")}>
                {t("needsAction")}
              </th>
              <th scope="col" className="num" title={t("openFindingsHelp")}>
                {t("openFindings")}
              </th>
              <th scope="col" className="num" title={t("resolvedHelp")}>
                {t("resolved")}
              </th>
              <th scope="col">{t("complete")}</th>
              <th scope="col">{t("deadline")}</th>
              <th scope="col" title={t("projectedHelp")}>
                {t("projected")}
              </th>
              <th scope="col">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">
                  {t("empty")}
                </td>
              </tr>
            )}
            {visible.map((r) => {
              const isOpen = open.has(r.id);
              return (
                <tr key={r.id} data-agency={r.code}>
                  <td>
                    {r.hasChildren && !flat ? (
                      <button
                        type="button"
                        className="tree-toggle"
                        aria-expanded={isOpen}
                        aria-label={isOpen ? t("collapseRow", { name: r.name }) : t("expandRow", { name: r.name })}
                        onClick={() => toggle(r.id)}
                      >
                        {isOpen ? "▾" : "▸"}
                      </button>
                    ) : null}
                  </td>
                  <td style={{ paddingLeft: `${0.75 + (flat ? 0 : r.depth - minDepth) * 1.25}rem` }}>
                    <Link href={`/agencies/${encodeURIComponent(r.code)}`}>{r.name}</Link>
                    <div className="mono muted small">{r.code}</div>
                  </td>
                  <td className="num">{r.cells.endpoints}</td>
                  <td className="num">{r.cells.reporting}</td>
                  <td className="num" data-testid="needs-action">
                    <Link href={r.cells.needsActionHref}>{r.cells.needsAction}</Link>
                  </td>
                  <td className="num" data-testid="open-findings">
                    {r.cells.open}
                  </td>
                  <td className="num">{r.cells.resolved}</td>
                  <td className="nowrap">
                    {r.cells.percentValue !== null && (
                      <span className="progress" aria-hidden>
                        <span style={{ width: `${Math.round(r.cells.percentValue * 100)}%` }} />
                      </span>
                    )}
                    {r.cells.percent}
                  </td>
                  <td title={r.cells.deadlineNote ?? undefined}>
                    <span className="nowrap">{r.cells.deadline}</span>
                    {r.cells.deadlineNote ? <span className="muted small"> *</span> : null}
                    {r.cells.daysLeft !== "—" && <div className="muted small">{r.cells.daysLeft}</div>}
                  </td>
                  <td data-testid="projected">
                    <span className="nowrap">{r.cells.projected}</span>
                    {r.cells.projectedNote && <div className="muted small">{r.cells.projectedNote}</div>}
                  </td>
                  <td>
                    <span className={`badge badge-${r.cells.status} badge-wrap`} title={r.cells.statusRule} data-status={r.cells.status}>
                      {r.cells.statusLabel}
                    </span>
                    {r.cells.statusNote && (
                      <div className="muted small" title={r.cells.statusNoteTitle ?? undefined} data-testid="status-via">
                        {r.cells.statusNote}
                      </div>
                    )}
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
