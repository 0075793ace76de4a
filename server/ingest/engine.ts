// The ingest engine of one database: prepared state (software cache, rate limits) and group
// commit. Check-ins that arrive while the event loop is busy are queued and processed together in
// ONE immediate transaction, each inside its own savepoint (one bad report cannot roll back the
// others), and answered only after the commit: with synchronous=FULL that is one fsync per batch
// instead of one per report. A storage failure (disk full, read-only, I/O error, busy) answers
// every report of the batch 503 + Retry-After and leaves nothing half-written.
//
// That fsync does not hold the event loop: a group commit runs with synchronous=NORMAL (in WAL
// mode: commit without syncing the WAL), then the WAL is synced on the thread pool, and the batch
// is answered only after that. A report answered 200 is on disk exactly as with FULL, while the
// next batch is parsed and written beside the sync. If the sync fails the batch is answered 503
// (the agent resends; the resent report is acknowledged as a duplicate).
import fs from "node:fs";
import type { Db } from "../db/client";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { currentCoverage } from "../policy/coverage";
import { type CheckinItem, processCheckin } from "./checkin";
import { FailureWindow, TokenBuckets } from "./rate-limit";
import { type AgentReply, unavailable } from "./replies";
import { SoftwareRegistry } from "./software";
import { isStorageError } from "./sql";

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

const MAX_BATCH = 1000;
/** PRAGMA synchronous value of FULL. */
const SYNC_FULL = 2;

/** fdatasync of a file on the thread pool (what SQLite's commit does to the WAL under FULL). */
async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, "r+");
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export class IngestEngine {
  readonly registry: SoftwareRegistry;
  /** Per device: MUSTER_DEVICE_BURST check-ins at once (a spool flush), refilled at MUSTER_DEVICE_RATE_PER_MIN. 0 disables. */
  readonly buckets: TokenBuckets;
  /** Failed enrollment attempts per client address (MUSTER_ENROLL_FAILURES_PER_MIN). */
  readonly enrollFailures: FailureWindow;
  /** Throttle of enroll.rejected audit entries (per minute: once per address, 60 overall). */
  readonly enrollAudit = { minute: 0, count: 0, byIp: new Set<string>() };
  private queue: { item: CheckinItem; resolve: (r: AgentReply) => void }[] = [];
  private scheduled = false;
  /** Observability for benchmarks and tests. */
  readonly stats = { batches: 0, checkins: 0, maxBatch: 0, storageFailures: 0, workMs: 0, commitMs: 0, syncMs: 0, syncFailures: 0 };
  /** The WAL file this engine syncs itself after group commits (null: not in WAL mode, or in memory). */
  private readonly walFile: string | null;

  constructor(readonly db: Db) {
    const sqlite = db.$client;
    this.walFile = !sqlite.memory && sqlite.pragma("journal_mode", { simple: true }) === "wal" ? `${sqlite.name}-wal` : null;
    this.registry = new SoftwareRegistry(db);
    this.buckets = new TokenBuckets(envInt("MUSTER_DEVICE_BURST", 60), envInt("MUSTER_DEVICE_RATE_PER_MIN", 60));
    this.enrollFailures = new FailureWindow(envInt("MUSTER_ENROLL_FAILURES_PER_MIN", 10), 60_000);
  }

  /** Queues a check-in for the next group commit; resolves after the commit with the reply. */
  submit(item: CheckinItem): Promise<AgentReply> {
    return new Promise((resolve) => {
      this.queue.push({ item, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (!batch.length) return;
    const items = batch.map((b) => b.item);
    const sqlite = this.db.$client;
    if (!this.walFile || sqlite.pragma("synchronous", { simple: true }) !== SYNC_FULL) {
      const replies = this.processBatch(items);
      batch.forEach((b, i) => b.resolve(replies[i]!));
      return;
    }
    sqlite.pragma("synchronous = NORMAL");
    let replies: AgentReply[];
    try {
      replies = this.processBatch(items);
    } finally {
      sqlite.pragma("synchronous = FULL");
    }
    const started = performance.now();
    syncFile(this.walFile).then(
      () => {
        this.stats.syncMs += performance.now() - started;
        batch.forEach((b, i) => b.resolve(replies[i]!));
      },
      (err: unknown) => {
        this.stats.syncFailures++;
        this.logError(`ingest: syncing the WAL failed; ${batch.length} report(s) answered 503:`, err);
        batch.forEach((b) => b.resolve(unavailable()));
      },
    );
  }

  /** Processes check-ins in one transaction (synchronously). Used by group commit and bulk ingest. */
  processBatch(items: CheckinItem[], opts: { trusted?: boolean; rateLimit?: boolean } = {}): AgentReply[] {
    const db = this.db;
    const replies: AgentReply[] = new Array(items.length);
    const deltas = new CounterDeltas();
    const savepoint = db.$client.transaction((fn: () => AgentReply) => fn());
    const started = performance.now();
    let worked = started;
    try {
      db.$client
        .transaction(() => {
          const deps = {
            db,
            registry: this.registry,
            coverage: currentCoverage(db),
            buckets: opts.rateLimit === false ? null : this.buckets,
            trusted: opts.trusted === true,
          };
          for (let i = 0; i < items.length; i++) {
            const itemDeltas = new CounterDeltas();
            try {
              replies[i] = savepoint(() => processCheckin(deps, items[i]!, itemDeltas));
              deltas.merge(itemDeltas);
            } catch (err) {
              if (isStorageError(err)) throw err;
              this.registry.clear(); // the savepoint may have dropped software rows the cache holds
              this.logError(`ingest: check-in of ${items[i]!.report.deviceId} seq ${items[i]!.report.seq} failed:`, err);
              replies[i] = unavailable("The server could not process this report; retry later", 60);
            }
          }
          applyDeltas(db, deltas);
          worked = performance.now();
        })
        .immediate();
      this.stats.workMs += worked - started;
      this.stats.commitMs += performance.now() - worked;
    } catch (err) {
      this.registry.clear();
      this.stats.storageFailures++;
      if (!isStorageError(err)) this.logError("ingest: batch failed:", err);
      else this.logError(`ingest: storage failure (${(err as { code?: string }).code}): ${items.length} report(s) answered 503`);
      replies.fill(unavailable());
    }
    this.stats.batches++;
    this.stats.checkins += items.length;
    if (items.length > this.stats.maxBatch) this.stats.maxBatch = items.length;
    return replies;
  }

  private logged = { minute: 0, count: 0 };
  /** At most 10 error logs a minute: a systematic failure must not flood the log. */
  private logError(message: string, err?: unknown): void {
    const minute = Math.floor(Date.now() / 60_000);
    if (this.logged.minute !== minute) {
      if (this.logged.count > 10) console.error(`ingest: ${this.logged.count - 10} more error(s) not logged in the previous minute`);
      this.logged = { minute, count: 0 };
    }
    if (++this.logged.count <= 10) console.error(message, ...(err === undefined ? [] : [err]));
  }

  prune(now: number): void {
    this.buckets.prune(now);
    this.enrollFailures.prune(now);
  }
}

const engines = new WeakMap<object, IngestEngine>();

export function getIngestEngine(db: Db): IngestEngine {
  let e = engines.get(db.$client);
  if (!e) engines.set(db.$client, (e = new IngestEngine(db)));
  return e;
}
