// Gauges read from the database when Prometheus scrapes: database and volume size, endpoints per
// state (deployment and per agency), open findings, deadline status per agency, the last check-in,
// pending re-evaluation. Each scrape reads the live counters (one row per agency), never the large
// tables; the figures are kept for a few seconds so frequent scrapes cost nothing more.
import fs from "node:fs";
import { Gauge } from "prom-client";
import { ALL } from "../access/scope";
import { config } from "../config";
import { agencyNodes } from "./scope-counters";
import { agencyProgress } from "./progress";
import { STATUS_LABELS } from "./projection";
import type { Db } from "../db/client";
import { ENDPOINT_STATES, STATE_LEVEL } from "../db/schema";
import { metrics } from "../ops/metrics";
import { lastCheckinAt, publishedReports, reevaluationPending, serverDatabaseBytes } from "./store-metrics";

export { lastCheckinAt, publishedReports, reevaluationPending } from "./store-metrics";

const CACHE_MS = 5_000;
/** Label of the agencies past MUSTER_METRICS_MAX_AGENCIES, counted together. */
export const OTHER_AGENCIES = "_other";

type Snapshot = {
  files: { database: number; wal: number | null };
  volume: { size: number; free: number } | null;
  perAgency: { code: string; counts: Record<string, number>; openFindings: number }[];
  progress: { code: string; status: string; daysLeft: number | null }[];
  lastCheckinMs: number | null;
  reevaluationPending: boolean;
  reports: number;
};

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function snapshot(db: Db): Snapshot {
  const max = config.metricsMaxAgencies;
  const nodes = agencyNodes(db, ALL);
  const perAgency: Snapshot["perAgency"] = [];
  for (const [i, n] of nodes.entries()) {
    const counts = Object.fromEntries(ENDPOINT_STATES.map((s) => [s, n.own[STATE_LEVEL[s]]]));
    if (i < max) {
      perAgency.push({ code: n.code, counts, openFindings: n.own.openFindings });
      continue;
    }
    let other = perAgency.find((a) => a.code === OTHER_AGENCIES);
    if (!other) perAgency.push((other = { code: OTHER_AGENCIES, counts: Object.fromEntries(ENDPOINT_STATES.map((s) => [s, 0])), openFindings: 0 }));
    for (const s of ENDPOINT_STATES) other.counts[s]! += counts[s]!;
    other.openFindings += n.own.openFindings;
  }
  const progress = agencyProgress(db, ALL)
    .rows.slice(0, max)
    .map((r) => ({ code: r.code, status: r.status, daysLeft: r.daysLeft }));
  // PostgreSQL: its server's size for the database; its volume is the database server's own to
  // watch (postgres_exporter), not visible from an app node.
  const serverBytes = serverDatabaseBytes(db);
  let volume: Snapshot["volume"] = null;
  if (serverBytes === null) {
    try {
      const st = fs.statfsSync(db.$client.name);
      volume = { size: st.blocks * st.bsize, free: st.bavail * st.bsize };
    } catch {
      volume = null;
    }
  }
  const file = db.$client.name;
  return {
    files: serverBytes === null ? { database: fileSize(file), wal: fileSize(`${file}-wal`) } : { database: serverBytes, wal: null },
    volume,
    perAgency,
    progress,
    lastCheckinMs: lastCheckinAt(db),
    reevaluationPending: reevaluationPending(db),
    reports: publishedReports(db),
  };
}

/** Registers the database gauges for `db` (once per process). */
export function registerFleetMetrics(db: Db): void {
  const registry = metrics().registry;
  if (registry.getSingleMetric("muster_endpoints")) return;
  let cached: { at: number; snap: Promise<Snapshot> } | null = null;
  const read = () => {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, snap: Promise.resolve().then(() => snapshot(db)) };
    return cached.snap;
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: Snapshot) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await read();
        this.reset();
        fill(this, s);
      },
    });

  gauge("muster_database_size_bytes", "Size of the database: SQLite's files (database, wal), or PostgreSQL's database (database)", ["file"], (g, s) => {
    g.set({ file: "database" }, s.files.database);
    if (s.files.wal !== null) g.set({ file: "wal" }, s.files.wal);
  });
  gauge("muster_data_volume_size_bytes", "Size of the file system holding the SQLite database", [], (g, s) => s.volume && g.set(s.volume.size));
  gauge("muster_data_volume_free_bytes", "Space left to Muster on the file system holding the SQLite database", [], (g, s) => s.volume && g.set(s.volume.free));
  gauge("muster_endpoints", "Enrolled endpoints, by state (the whole deployment)", ["state"], (g, s) => {
    for (const st of ENDPOINT_STATES)
      g.set(
        { state: st },
        s.perAgency.reduce((n, a) => n + a.counts[st]!, 0),
      );
  });
  gauge(
    "muster_agency_endpoints",
    `Endpoints of an agency itself (not its sub-agencies), by state; agencies past MUSTER_METRICS_MAX_AGENCIES count as ${OTHER_AGENCIES}`,
    ["agency", "state"],
    (g, s) => {
      for (const a of s.perAgency) for (const st of ENDPOINT_STATES) g.set({ agency: a.code, state: st }, a.counts[st]!);
    },
  );
  gauge("muster_findings_open", "Open findings (banned products and remnants present, no waiver in force)", [], (g, s) => g.set(s.perAgency.reduce((n, a) => n + a.openFindings, 0)));
  gauge("muster_agency_findings_open", "Open findings of an agency itself (not its sub-agencies)", ["agency"], (g, s) => {
    for (const a of s.perAgency) g.set({ agency: a.code }, a.openFindings);
  });
  gauge(
    "muster_agency_deadline_status",
    `Removal status of an agency and its sub-agencies against its deadline: 1 for the current status (${Object.keys(STATUS_LABELS).join(", ")})`,
    ["agency", "status"],
    (g, s) => {
      for (const p of s.progress) for (const st of Object.keys(STATUS_LABELS)) g.set({ agency: p.code, status: st }, p.status === st ? 1 : 0);
    },
  );
  gauge("muster_agency_deadline_days_left", "Days until the deadline that applies to an agency (negative once passed)", ["agency"], (g, s) => {
    for (const p of s.progress) if (p.daysLeft !== null) g.set({ agency: p.code }, p.daysLeft);
  });
  gauge("muster_last_checkin_timestamp_seconds", "When the last check-in was received (Unix time)", [], (g, s) => s.lastCheckinMs !== null && g.set(s.lastCheckinMs / 1000));
  gauge("muster_reevaluation_pending", "1 while a re-evaluation of endpoints after a policy or catalog change is pending", [], (g, s) => g.set(s.reevaluationPending ? 1 : 0));
  gauge("muster_reports_published", "Reports published (frozen)", [], (g, s) => g.set(s.reports));
}
