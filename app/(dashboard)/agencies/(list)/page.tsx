import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { STATUS_SEVERITY } from "~/server/findings/projection";
import { readFilters } from "~/server/dashboard/url-filters";
import { needsAction, needsActionHref } from "~/server/findings/needs-action";
import { z } from "zod";
import { InvalidFilters } from "../../_components/invalid-filters";
import { STATUS_FILTERS } from "../_components/status-filters";

const ZStatusFilter = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.enum(Object.keys(STATUS_FILTERS) as [string, ...string[]], { error: `Not a status (one of ${Object.keys(STATUS_FILTERS).join(", ")})` }).optional(),
);
import { getCaller } from "~/server/trpc/server";
import { StatusLegend } from "../../_components/progress-status";
import { AgencyTree, type TreeRow } from "../_components/agency-tree";
import { CreateAgencyForm } from "../_components/create-agency-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agencies"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgenciesPage({ searchParams }: Props) {
  const { values, invalid } = readFilters({ status: ZStatusFilter }, ["status"], await searchParams);
  const caller = await getCaller();
  const [me, progress, agencies] = await Promise.all([caller.users.me(), caller.overview.agencies(), caller.agencies.list()]);
  const [fmt, t, ts] = await Promise.all([getFormat(), getTranslations("agencies"), getTranslations("agencies.status")]);
  const deadlineNote = (source: string | null) => (source === "parent" ? t("deadlineFromParent") : source === "policy" ? t("deadlineFromPolicy") : null);
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
      needsAction: fmt.n(needsAction(r.totals).total),
      needsActionValue: needsAction(r.totals).total,
      needsActionHref: needsActionHref("total", r.code),
      resolved: fmt.n(r.totals.resolvedFindings),
      percent: fmt.pct(r.percentComplete),
      percentValue: r.percentComplete,
      deadline: fmt.day(r.deadline),
      deadlineNote: deadlineNote(r.deadlineSource),
      daysLeft: r.daysLeft === null || r.status === "done" ? "—" : r.daysLeft >= 0 ? t("daysLeft", { count: r.daysLeft }) : t("daysLate", { count: -r.daysLeft }),
      projected: r.status === "done" ? ts("label.done") : r.stalled ? t("never") : r.projectedDay ? fmt.day(r.projectedDay) : "—",
      projectedValue: r.status === "done" ? "" : r.stalled ? "9999-12-31" : (r.projectedDay ?? ""),
      projectedNote: r.projectedFrom ? t("latestPart", { code: r.projectedFrom }) : null,
      status: r.status,
      severity: STATUS_SEVERITY[r.status],
      statusNote: r.statusFrom ? t("via", { code: r.statusFrom }) : null,
      statusNoteTitle: r.statusFrom ? t("viaTitle", { own: ts(`label.${r.ownStatus}`), code: r.statusFrom }) : null,
      statusLabel: ts(`label.${r.status}`),
      statusRule: ts(`rule.${r.status}`, { days: progress.windowDays }),
    },
  }));
  const roots = progress.rows.filter((r) => r.parentId === null).map((r) => r.id);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { staleDays: progress.staleDays, windowDays: progress.windowDays })}
        actions={
          <a className="btn" href="/agencies/pack" download data-testid="all-agency-packs">
            {t("allPacks")}
          </a>
        }
      />
      <InvalidFilters invalid={invalid} />
      <p className="small muted" data-testid="roll-up-rule">
        {t("rollUpRule")}
      </p>
      <AgencyTree rows={rows} initiallyOpen={roots} initialStatus={(values.status as string | undefined) ?? ""} />
      <StatusLegend windowDays={progress.windowDays} />
      {me.role === "admin" && (
        <section className="card no-print" style={{ marginTop: "1rem" }}>
          <h2>{t("create.title")}</h2>
          <CreateAgencyForm parents={agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth }))} />
        </section>
      )}
    </>
  );
}
