import type { Metadata } from "next";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { STATUS_LABELS, STATUS_RULE } from "~/server/dashboard/projection";
import { getCaller } from "~/server/trpc/server";
import { StatusLegend } from "../../_components/progress-status";
import { AgencyTree, type TreeRow } from "../_components/agency-tree";
import { CreateAgencyForm } from "../_components/create-agency-form";

export const metadata: Metadata = { title: "Agencies" };

const DEADLINE_NOTES = { agency: null, parent: "Inherited from a parent agency", policy: "The deadline of the policies in force", "": null } as const;

export default async function AgenciesPage() {
  const caller = await getCaller();
  const [me, progress, agencies] = await Promise.all([caller.users.me(), caller.overview.agencies(), caller.agencies.list()]);
  const fmt = await getFormat();
  const rows: TreeRow[] = progress.rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    depth: r.depth,
    code: r.code,
    name: r.name,
    hasChildren: r.hasChildren,
    cells: {
      endpoints: fmt.n(r.totals.endpoints),
      reporting: fmt.pct(r.reportingShare),
      open: fmt.n(r.totals.openFindings),
      resolved: fmt.n(r.totals.resolvedFindings),
      percent: fmt.pct(r.percentComplete),
      percentValue: r.percentComplete,
      deadline: fmt.day(r.deadline),
      deadlineNote: DEADLINE_NOTES[r.deadlineSource ?? ""],
      daysLeft: r.daysLeft === null || r.status === "done" ? "—" : r.daysLeft >= 0 ? `${fmt.n(r.daysLeft)} days left` : `${fmt.n(-r.daysLeft)} days late`,
      projected: r.status === "done" ? "Done" : r.projectedDay ? fmt.day(r.projectedDay) : r.totals.openFindings ? "Never at current rate" : "—",
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      statusRule: STATUS_RULE[r.status],
    },
  }));
  const roots = progress.rows.filter((r) => r.parentId === null).map((r) => r.id);
  return (
    <>
      <PageHeader
        title="Agencies"
        description={`Removal progress per agency, sub-agencies included. Reporting means a report within ${progress.staleDays} days; the projection uses the last ${progress.windowDays} days.`}
      />
      <AgencyTree rows={rows} initiallyOpen={roots} />
      <StatusLegend windowDays={progress.windowDays} />
      {me.role === "admin" && (
        <section className="card no-print" style={{ marginTop: "1rem" }}>
          <h2>New agency</h2>
          <CreateAgencyForm parents={agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth }))} />
        </section>
      )}
    </>
  );
}
