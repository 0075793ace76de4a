// The ingest engine of one database: prepared state (software cache, rate limits) and group
// commit. Check-ins that arrive while the event loop is busy are queued and processed together in
// ONE immediate transaction (batch.ts: one bad report cannot roll back the others), and answered only after the commit: with synchronous=FULL that is one fsync per batch
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
import { setCheckinsWaiting } from "../db/write-turn";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { effectiveCatalog } from "../catalog/effective";
import { currentCoverage } from "../policy/coverage";
import { config } from "../config";
import { runCheckins } from "./batch";
import type { CheckinItem } from "./checkin";
import { FailureWindow, TokenBuckets } from "./rate-limit";
import { CredentialCheck } from "./credential-check";
import { type AgentReply, unavailable } from "./replies";
import { type SoftwareRegistry, softwareRegistry } from "../catalog/software";
import { setSynchronous, syncsEveryCommit, walFileOf } from "../db/pragma";
import { isBusy, isStorageError, withoutLockWait } from "../db/sql";
import { metrics } from "../ops/metrics";
import { incCounter } from "../ops/thread-counters";
import { log } from "../ops/log";

const MAX_BATCH = 1000;
/**
 * When another connection holds the write lock (the work thread's re-evaluation or publication,
 * the admin CLI), a group commit does not wait in SQLite's busy handler, which would hold the
 * event loop: it tries again this often, for at most LOCK_WAIT_MS, then answers 503.
 */
const LOCK_RETRY_MS = 2;
const LOCK_WAIT_MS = 5_000;
/** A group commit holding the event loop this long is logged with where its time went. */
const SLOW_COMMIT_MS = 200;

/** fdatasync of a file on the thread pool (what SQLite's commit does to the WAL under FULL). */
export async function syncFile(file: string): Promise<void> {
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
  /** Check-ins refused for an unknown device or a wrong secret, per client address (MUSTER_CHECKIN_FAILURES_PER_MIN). */
  readonly checkinFailures: FailureWindow;
  /** Throttle of enroll.rejected audit entries (per minute: once per address, 60 overall). */
  readonly enrollAudit = { minute: 0, count: 0, byIp: new Set<string>() };
  /** The check-ins' credential check before their bodies are read (http.ts). */
  readonly credentials: CredentialCheck;
  private queue: { item: CheckinItem; resolve: (r: AgentReply) => void }[] = [];
  private scheduled = false;
  /** Observability for benchmarks and tests. */
  readonly stats = { batches: 0, checkins: 0, maxBatch: 0, storageFailures: 0, workMs: 0, commitMs: 0, syncMs: 0, syncFailures: 0 };
  /** The WAL file this engine syncs itself after group commits (null: not in WAL mode, or in memory). */
  private readonly walFile: string | null;

  constructor(readonly db: Db) {
    this.walFile = walFileOf(db);
    this.registry = softwareRegistry(db);
    this.credentials = new CredentialCheck(db);
    const rate = config.deviceRate;
    this.buckets = new TokenBuckets(rate.burst, rate.perMinute);
    this.enrollFailures = new FailureWindow(rate.enrollFailuresPerMin, 60_000);
    this.checkinFailures = new FailureWindow(config.checkinAuthFailuresPerMin, 60_000);
  }

  /** Since when group commits have found the write lock taken (null: they have not). */
  private lockWaitSince: number | null = null;

  /** Queues a check-in for the next group commit; resolves after the commit with the reply. */
  submit(item: CheckinItem): Promise<AgentReply> {
    return new Promise((resolve) => {
      this.queue.push({ item, resolve });
      this.schedule(0);
    });
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (delayMs > 0) setTimeout(() => this.flush(), delayMs);
    else setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (!batch.length) return;
    const items = batch.map((b) => b.item);
    const full = this.walFile !== null && syncsEveryCommit(this.db);
    if (full) setSynchronous(this.db, "NORMAL");
    let replies: AgentReply[] | null;
    try {
      replies = this.processBatch(items, { lockWait: false });
    } finally {
      if (full) setSynchronous(this.db, "FULL");
    }
    if (replies === null) {
      // The write lock is taken: put the batch back and try again shortly, without blocking; the
      // work thread lets this batch in before its next transaction (db/write-turn.ts).
      setCheckinsWaiting(true);
      this.lockWaitSince ??= Date.now();
      if (Date.now() - this.lockWaitSince < LOCK_WAIT_MS) {
        this.queue.unshift(...batch);
        this.schedule(LOCK_RETRY_MS);
        return;
      }
      this.logError(`ingest: the database stayed locked for ${LOCK_WAIT_MS} ms; ${batch.length} report(s) answered 503`);
      replies = items.map(() => unavailable());
      setCheckinsWaiting(false);
      this.lockWaitSince = null;
    } else {
      if (this.lockWaitSince !== null) setCheckinsWaiting(false);
      this.lockWaitSince = null;
    }
    if (this.queue.length) this.schedule(0);
    if (!full) {
      batch.forEach((b, i) => b.resolve(replies[i]!));
      return;
    }
    const started = performance.now();
    syncFile(this.walFile).then(
      () => {
        this.stats.syncMs += performance.now() - started;
        metrics().walSyncSeconds.observe((performance.now() - started) / 1000);
        batch.forEach((b, i) => b.resolve(replies[i]!));
      },
      (err: unknown) => {
        this.stats.syncFailures++;
        metrics().ingestFailures.inc({ kind: "sync" });
        this.logError(`ingest: syncing the WAL failed; ${batch.length} report(s) answered 503:`, err);
        batch.forEach((b) => b.resolve(unavailable()));
      },
    );
  }

  /**
   * Processes check-ins in one transaction (synchronously). Used by group commit and bulk ingest.
   * With `lockWait: false` it returns null, having done nothing, when another connection holds
   * the write lock.
   */
  processBatch(items: CheckinItem[], opts: { trusted?: boolean; rateLimit?: boolean; lockWait: false }): AgentReply[] | null;
  processBatch(items: CheckinItem[], opts?: { trusted?: boolean; rateLimit?: boolean; lockWait?: true }): AgentReply[];
  processBatch(items: CheckinItem[], opts: { trusted?: boolean; rateLimit?: boolean; lockWait?: boolean } = {}): AgentReply[] | null {
    const db = this.db;
    const replies: AgentReply[] = new Array(items.length);
    const deltas = new CounterDeltas();
    const started = performance.now();
    let worked = started;
    let begunAt = started;
    let begun = false;
    const walBefore = this.walBytes();
    const noWait = opts.lockWait === false;
    try {
      const batch = db.$client.transaction(() => {
        begun = true;
        begunAt = performance.now();
        const catalog = effectiveCatalog(db);
        this.registry.useCatalog(catalog);
        const deps = {
          db,
          registry: this.registry,
          catalogVersion: catalog.version,
          coverage: currentCoverage(db),
          buckets: opts.rateLimit === false ? null : this.buckets,
          trusted: opts.trusted === true,
        };
        const done = runCheckins(deps, items, deltas, (item, err) => this.logError(`ingest: check-in of ${item.report.deviceId} seq ${item.report.seq} failed:`, err));
        done.forEach((reply, i) => (replies[i] = reply));
        applyDeltas(db, deltas);
        worked = performance.now();
      });
      if (noWait) withoutLockWait(db, () => batch.immediate());
      else batch.immediate();
      for (const [outcome, n] of deltas.agentUpdates) incCounter("agentUpdates", n, { outcome });
      this.stats.workMs += worked - started;
      this.stats.commitMs += performance.now() - worked;
      if (noWait && performance.now() - started >= SLOW_COMMIT_MS) {
        // BEGIN (the lock, the WAL index), the check-ins, COMMIT (which runs SQLite's automatic
        // checkpoint when the WAL is over wal_autocheckpoint pages), and the WAL around it.
        const ms = (t: number) => Math.round(t * 10) / 10;
        log.warn(
          { checkins: items.length, beginMs: ms(begunAt - started), workMs: ms(worked - begunAt), commitMs: ms(performance.now() - worked), walBytesBefore: walBefore, walBytesAfter: this.walBytes() },
          "ingest: slow group commit",
        );
      }
    } catch (err) {
      if (!begun && noWait && isBusy(err)) return null;
      this.registry.clear();
      this.stats.storageFailures++;
      metrics().ingestFailures.inc({ kind: "storage" });
      if (!isStorageError(err)) this.logError("ingest: batch failed:", err);
      else this.logError(`ingest: storage failure (${(err as { code?: string }).code}): ${items.length} report(s) answered 503`);
      replies.fill(unavailable());
    }
    this.stats.batches++;
    this.stats.checkins += items.length;
    const m = metrics();
    m.groupCommitSize.observe(items.length);
    m.groupCommitSeconds.observe((performance.now() - started) / 1000);
    if (items.length > this.stats.maxBatch) this.stats.maxBatch = items.length;
    return replies;
  }

  /** The WAL file's size (it grows until a checkpoint lets the next writer restart it from the top). */
  private walBytes(): number | null {
    if (!this.walFile) return null;
    try {
      return fs.statSync(this.walFile).size;
    } catch {
      return 0;
    }
  }

  private logged = { minute: 0, count: 0 };
  /** At most 10 error logs a minute: a systematic failure must not flood the log. */
  private logError(message: string, err?: unknown): void {
    const minute = Math.floor(Date.now() / 60_000);
    if (this.logged.minute !== minute) {
      if (this.logged.count > 10) log.error({ suppressed: this.logged.count - 10 }, "ingest: more errors not logged in the previous minute");
      this.logged = { minute, count: 0 };
    }
    if (++this.logged.count <= 10) log.error(err === undefined ? {} : { err }, message.replace(/:$/, ""));
  }

  prune(now: number): void {
    this.buckets.prune(now);
    this.enrollFailures.prune(now);
    this.checkinFailures.prune(now);
  }
}

const engines = new WeakMap<object, IngestEngine>();

export function getIngestEngine(db: Db): IngestEngine {
  let e = engines.get(db.$client);
  if (!e) engines.set(db.$client, (e = new IngestEngine(db)));
  return e;
}
