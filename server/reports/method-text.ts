// The method section's sentences in the report's language, from the parameters the report keeps
// (reports of format 1 also carry their English sentences, shown as published). Pure.
import type { ReportText } from "./i18n";
import { STATUS_ORDER, statusLabel, statusRule } from "./labels";
import { policyInLocale } from "../policy/texts";
import { type PolicyInForce, REPORT_FORMAT_V1, type ReportData, type ReportStatus } from "./types";

/** What each collector of the agent reads, per platform (messages report.method.sources.*). */
const COLLECTORS = [
  { platform: "Windows", sources: ["windowsPrograms", "windowsSecurityCenter", "windowsServices"] },
  { platform: "macOS", sources: ["macApps", "macReceipts", "macExtensions", "macLaunchd"] },
  { platform: "Linux", sources: ["linuxPackages", "linuxUnits", "linuxFolders"] },
] as const;

/** Format 1 documents read in English show the English prose they were published with. */
export const asPublished = (data: Pick<ReportData, "format">, rt: ReportText) => data.format === REPORT_FORMAT_V1 && rt.locale === "en";

export function methodNotes(data: ReportData, rt: ReportText): string[] {
  const m = data.method;
  if (asPublished(data, rt) && m.notes) return m.notes;
  const { t } = rt;
  return [
    t("report.method.notes.agent"),
    t("report.method.notes.openFinding"),
    t("report.method.notes.imports"),
    t("report.method.notes.stale", { days: m.staleDays }),
    data.live ? t("report.method.notes.figuresLive", { day: data.asOf }) : t("report.method.notes.figuresDay", { day: data.asOf }),
    data.live ? t("report.method.notes.listsLive") : t("report.method.notes.listsDay"),
    t("report.method.notes.unprotected"),
    t("report.method.notes.projection", { days: m.projectionWindowDays }),
    t("report.method.notes.percent"),
  ];
}

export function collectorLines(data: ReportData, rt: ReportText): { platform: string; sources: string[] }[] {
  if (asPublished(data, rt) && data.method.collectors) return data.method.collectors;
  return COLLECTORS.map((c) => ({ platform: c.platform, sources: c.sources.map((k) => rt.t(`report.method.sources.${k}`)) }));
}

export function statusRules(data: ReportData, rt: ReportText): { status: ReportStatus; label: string; rule: string }[] {
  if (asPublished(data, rt) && data.method.statusRules) return data.method.statusRules;
  return STATUS_ORDER.map((status) => ({ status, label: statusLabel(rt, status), rule: statusRule(rt, status, data.method.projectionWindowDays) }));
}

/** A policy as cited: its name and legal reference in the report's language, a local policy's
 *  version and agencies after its name (format 1 stored them in the name already). */
export function citedPolicy(p: PolicyInForce, rt: ReportText): { name: string; legalReference: string } {
  const local = policyInLocale(p, rt.locale);
  const version = p.version && p.version > 1 ? rt.t("report.method.policyVersion", { version: p.version }) : "";
  const where = p.agencyCode ? ` ${rt.t("report.method.policyAgencies", { code: p.agencyCode })}` : "";
  return { name: `${local.name}${version}${where}`, legalReference: local.legalReference };
}
