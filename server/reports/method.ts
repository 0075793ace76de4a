// The method section: how the endpoints were inventoried and under which rules the figures were
// computed, written out in full so the published report carries its own explanation.
import "server-only";
import { BUILTIN_CATALOG } from "~/agent/src/catalog";
import type { Db } from "../db/client";
import { vendorName } from "../dashboard/catalog-names";
import { PROJECTION_WINDOW_DAYS } from "../dashboard/projection";
import { stmt } from "../dashboard/sql";
import { REPORT_STATUS_LABELS, REPORT_STATUS_RULES, STATUS_ORDER } from "./labels";
import type { Method, PolicyInForce } from "./types";

/** What each collector of the agent reads, in words, per platform. */
export const COLLECTOR_DESCRIPTIONS: { platform: string; sources: string[] }[] = [
  {
    platform: "Windows",
    sources: [
      "Installed programs (Uninstall registry keys, 64- and 32-bit views and per-user hives)",
      "Windows Security Center registrations with their enabled and up-to-date state (Defender status on servers)",
      "Services and kernel drivers (HKLM\\SYSTEM\\CurrentControlSet\\Services), which reveal remnants",
    ],
  },
  {
    platform: "macOS",
    sources: ["Application bundles (Info.plist)", "Installer receipts", "System extensions", "Launch daemons and agents"],
  },
  {
    platform: "Linux",
    sources: ["Packages (dpkg, rpm, snap, flatpak)", "systemd units", "Vendor folders under /opt and /var/opt"],
  },
];

type PolicyRow = Omit<PolicyInForce, "vendors" | "categories"> & { vendors: string; categories: string | null };

export function buildMethod(db: Db, opts: { live: boolean; staleDays: number; asOf: string }): Method {
  const catalog = stmt(db, "select value from settings where key = 'catalog_version'").get() as { value: string } | undefined;
  const policies = (
    stmt(
      db,
      `select name, jurisdiction, legal_reference as legalReference, legal_url as legalUrl, effective_date as effectiveDate, status, vendors, categories, deadline
       from policies where active = 1 order by effective_date, id`,
    ).all() as PolicyRow[]
  ).map((p) => ({ ...p, vendors: (JSON.parse(p.vendors) as string[]).map(vendorName), categories: p.categories ? (JSON.parse(p.categories) as string[]) : null }));

  const notes = [
    "Every endpoint runs the Muster agent, which lists the security software installed (programs, packages, security-centre registrations, services, drivers) and reports it to the server. The server matches every entry against its own catalog of security products; it never relies on the agent's classification.",
    "A banned install is a product of a vendor named by a policy in force, found on an endpoint. It counts as removed only when a later report, from a collector that ran successfully, no longer lists it; a failed collector never counts as a removal. Services or drivers left behind by a removed product are counted as remnants, still to be removed.",
    `Endpoints that have not reported for ${opts.staleDays} days (stale) and endpoints that never reported are not counted as clean: their state is unknown. Reporting coverage is the share of enrolled endpoints that reported within those ${opts.staleDays} days.`,
    opts.live
      ? `Figures describe the state at the time of generation (${opts.asOf}, UTC).`
      : `Figures by agency are the end-of-day values of ${opts.asOf} (UTC) from the daily history Muster keeps for each agency; a day without changes carries the previous day's values forward.`,
    opts.live
      ? "The list of banned installs, the figures by product and the exceptions are the records at the time of generation."
      : "The figures by product, the list of banned installs and the exceptions are reconstructed for that day from each endpoint's timeline of detections, removals and reinstalls, and from the waivers' approval and expiry dates.",
    "Endpoints left unprotected after removal are counted from the endpoints' current records, whatever the reporting date.",
    `Projected completion divides the banned installs remaining by the net removal rate (removals minus reinstalls) of the ${PROJECTION_WINDOW_DAYS} days up to the reporting date. A deadline is the agency's own, else its parent's, else the earliest deadline of the policies in force.`,
    "Percent complete is the share of banned installs ever found that were verified removed: removed / (removed + remaining), rounded down.",
  ];

  return {
    catalogVersion: catalog?.value ?? BUILTIN_CATALOG.version,
    collectors: COLLECTOR_DESCRIPTIONS,
    policies,
    staleDays: opts.staleDays,
    projectionWindowDays: PROJECTION_WINDOW_DAYS,
    notes,
    statusRules: STATUS_ORDER.map((status) => ({ status, label: REPORT_STATUS_LABELS[status], rule: REPORT_STATUS_RULES[status] })),
  };
}
