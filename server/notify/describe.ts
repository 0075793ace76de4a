// One event in words: its title, a sentence, and the dashboard page about it, in a person's
// language. Shared by e-mails, digests and webhook messages.
import { productName } from "../catalog/names";
import type { NotifyEvent } from "../db/schema";
import { dayOf } from "../lib/time";
import type { AgencyInfo } from "./audience";
import { isLocale } from "../i18n/locales";
import { reportText, reportTitleIn } from "../reports/i18n";
import { formatDay, formatPercent, formatTime, type Locale, supportedLocale, t } from "./i18n";
import type { Item } from "./render";

export type StoredEvent = {
  id: number;
  kind: NotifyEvent;
  agencyId: number | null;
  at: number;
  lastAt: number;
  count: number;
  data: Record<string, unknown>;
};

/** Text from the data (hostnames come from endpoints, justifications from people): one line, no
 *  control or bidirectional-override characters, bounded. Markup is escaped where it is rendered. */
const s = (v: unknown, max = 300) => {
  const text =
    v === null || v === undefined
      ? ""
      : String(v)
          .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, " ")
          .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};
const n = (v: unknown) => Number(v ?? 0);

export function agencyLabel(a: AgencyInfo | undefined): string {
  return a ? `${a.name} (${a.code})` : "";
}

/** The dashboard page an event is about (absolute, from the public base URL). */
export function eventUrl(base: string, e: StoredEvent, agency: AgencyInfo | undefined): string {
  const code = encodeURIComponent(agency?.code ?? "");
  switch (e.kind) {
    case "finding.new":
    case "finding.reinstalled":
      return `${base}/findings?agency=${code}`;
    case "agency.status":
    case "deadline.near":
      return `${base}/agencies/${code}`;
    case "stale.rising":
      return `${base}/endpoints?agency=${code}&state=stale`;
    case "waiver.requested":
      return `${base}/findings`;
    case "waiver.expiring":
      return `${base}/endpoints/${encodeURIComponent(s(e.data.deviceId))}`;
    case "report.published":
      return `${base}/reports/${n(e.data.reportId)}`;
  }
}

/** The report's title in the reader's language (events recorded before it carried the scope keep the stored English title). */
function reportTitle(locale: Locale, d: StoredEvent["data"]): string {
  if (typeof d.asOf !== "string") return s(d.title);
  const scope = typeof d.scopeName === "string" && typeof d.scopeCode === "string" ? { scopeName: d.scopeName, scopeCode: d.scopeCode } : { scopeName: null, scopeCode: null };
  const l = supportedLocale(locale);
  return reportTitleIn(reportText(isLocale(l) ? l : "en"), { ...scope, asOf: d.asOf });
}

export function describeEvent(locale: Locale, base: string, e: StoredEvent, agency: AgencyInfo | undefined): Item {
  const d = e.data;
  const agencyName = agencyLabel(agency);
  const at = formatTime(locale, e.at);
  const last = formatTime(locale, e.lastAt);
  const when = { when: at === last ? t(locale, "when.at", { at }) : t(locale, "when.range", { from: at, to: last }) };
  const day = (v: unknown) => (v ? formatDay(locale, s(v)) : t(locale, "table.none"));
  const msDay = (v: unknown) => formatDay(locale, dayOf(n(v)));
  const params: Record<NotifyEvent, Record<string, string | number>> = {
    "finding.new": { count: e.count, agency: agencyName, ...when },
    "finding.reinstalled": { count: e.count, agency: agencyName, ...when },
    "agency.status": { agency: agencyName, status: s(d.status), open: n(d.open), deadline: day(d.deadline) },
    "deadline.near": { agency: agencyName, days: n(d.days), banned: n(d.banned), deadline: day(d.deadline) },
    "stale.rising": {
      agency: agencyName,
      percent: formatPercent(locale, n(d.share)),
      stale: n(d.stale),
      endpoints: n(d.endpoints),
      days: n(d.days),
      threshold: formatPercent(locale, n(d.threshold) / 100),
    },
    "waiver.requested": {
      agency: agencyName,
      product: productName(s(d.product)),
      hostname: s(d.hostname),
      requester: s(d.requester),
      expires: msDay(d.expiresAt),
      justification: s(d.justification, 600),
    },
    "waiver.expiring": { agency: agencyName, product: productName(s(d.product)), hostname: s(d.hostname), expires: msDay(d.expiresAt) },
    "report.published": { title: reportTitle(locale, d), publisher: s(d.publisher), sha256: s(d.sha256) },
  };
  const p = params[e.kind];
  return {
    title: t(locale, `event.${e.kind}.title`, p),
    detail: t(locale, `event.${e.kind}.detail`, p),
    url: eventUrl(base, e, agency),
    linkLabel: t(locale, "common.open"),
  };
}
