// Endpoints by evidence (the agent, or a tool's imported inventory) and state: how much of each
// figure rests on which source.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { makeFormat } from "~/app/_components/format";
import { useLabels } from "~/app/_components/labels";
import { ENDPOINT_STATES } from "~/server/db/schema/endpoints";
import type { EvidenceRow } from "~/server/import/evidence";

export function EvidenceTable({ rows, fmt, total }: { rows: EvidenceRow[]; fmt: ReturnType<typeof makeFormat>; total: number }) {
  const t = useTranslations("evidence");
  const l = useLabels();
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="evidence-table">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("evidence")}</th>
            <th scope="col" className="num">
              {t("endpoints")}
            </th>
            {ENDPOINT_STATES.map((s) => (
              <th key={s} scope="col" className="num">
                {l.state(s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={ENDPOINT_STATES.length + 2} className="empty">
                {t("empty")}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.evidence}>
              <th scope="row">
                <Link href={`/endpoints?evidence=${r.evidence}`}>{l.evidence(r.evidence)}</Link>
              </th>
              <td className="num">
                {fmt.n(r.endpoints)} <span className="muted small">{total ? fmt.pct(r.endpoints / total) : ""}</span>
              </td>
              {ENDPOINT_STATES.map((s) => (
                <td key={s} className="num">
                  {fmt.n(r[s])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
