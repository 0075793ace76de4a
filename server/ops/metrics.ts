// Prometheus metrics (prom-client): what the process counts as it works (HTTP latency, check-ins
// by outcome, group commits, report builds, re-evaluations) plus process memory and event-loop
// lag. One registry per process, shared through globalThis by the custom server and Next's
// bundled routes. Every label takes values from a fixed list, so series stay bounded.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets in seconds, from a cached catalog answer to a national report. */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const m = {
    registry,
    httpDuration: new Histogram({
      name: "muster_http_request_duration_seconds",
      help: "Time to answer HTTP requests, by API (agent, dashboard, ops), route group and status class",
      labelNames: ["api", "route", "code"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    checkins: new Counter({
      name: "muster_checkins_total",
      help: "Check-ins answered, by outcome: accepted, duplicate, or the protocol error code of the refusal",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    enrollments: new Counter({
      name: "muster_enrollments_total",
      help: "Enrollment requests answered, by outcome: enrolled, or the protocol error code of the refusal",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    groupCommitSize: new Histogram({
      name: "muster_ingest_group_commit_size",
      help: "Check-ins written by one group commit",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [registry],
    }),
    groupCommitSeconds: new Histogram({
      name: "muster_ingest_group_commit_seconds",
      help: "Time one group commit held the event loop (processing and commit, before the WAL sync)",
      buckets: SECONDS,
      registers: [registry],
    }),
    walSyncSeconds: new Histogram({
      name: "muster_ingest_wal_sync_seconds",
      help: "Time to sync the WAL after a group commit (on the thread pool)",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    ingestFailures: new Counter({
      name: "muster_ingest_failures_total",
      help: "Group commits or WAL syncs that failed (every check-in in them answered 503), by kind: storage, sync",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    reportBuilds: new Counter({
      name: "muster_report_builds_total",
      help: "Report builds, by kind (draft, publish, download) and outcome (ok, refused, failed)",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    reportBuildSeconds: new Histogram({
      name: "muster_report_build_seconds",
      help: "Time to build a report (draft preview, publication, or a download file), by kind",
      labelNames: ["kind"] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    reevaluatedEndpoints: new Counter({
      name: "muster_reevaluated_endpoints_total",
      help: "Endpoints re-evaluated after a policy or catalog change",
      registers: [registry],
    }),
    imports: new Counter({
      name: "muster_imports_total",
      help: "Inventory imports, by source tool and outcome (applied, duplicate, refused, failed)",
      labelNames: ["source", "outcome"] as const,
      registers: [registry],
    }),
    importedDevices: new Counter({
      name: "muster_imported_devices_total",
      help: "Devices of applied imports, by outcome (created, updated, unchanged, superseded, ambiguous)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    agentUpdates: new Counter({
      name: "muster_agent_updates_total",
      help: "Agent self-updates as agents report them: updated (a new version reported in), refused, failed, rolled-back",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    workJobs: new Counter({
      name: "muster_work_thread_jobs_total",
      help: "Jobs run off the event loop by the work thread, by job and outcome (ok, refused, failed)",
      labelNames: ["job", "outcome"] as const,
      registers: [registry],
    }),
    up: new Gauge({ name: "muster_ready", help: "1 when /readyz answers 200 (database writable, migrations applied, not shutting down)", registers: [registry] }),
  };
  return m;
}

export type Metrics = ReturnType<typeof create>;
const g = globalThis as unknown as { __musterMetrics?: Metrics };

export function metrics(): Metrics {
  return (g.__musterMetrics ??= create());
}

/** Status class for a label: 2xx, 3xx, 4xx, 5xx. */
export const codeClass = (status: number) => `${Math.floor(status / 100)}xx`;
