// The notification worker, in the server process: every MUSTER_NOTIFY_POLL_MS it turns due events
// into messages, writes digests when their hour has come, and delivers due messages (at most
// CONCURRENCY at once) with exponential backoff, until delivered or dead after
// MUSTER_NOTIFY_MAX_TRIES. Several nodes may run it on one database: a claimed message is leased
// in the database for MUSTER_NOTIFY_LEASE_SECONDS (`notify_messages.next_attempt_at`), taken with a
// conditional update, so no two nodes send one message at once. An attempt whose node died is
// closed as interrupted once its lease has run out (at start, and when any node claims the message
// again) and the message sent again with the same idempotency id; sends another node has under way
// are never touched. Hourly, the content of messages delivered more than 90 days ago is dropped
// (the rows and attempts stay).
//
// The guarantee: every message is delivered at least once; a message whose attempt was under way
// when its node died (the receiver may have accepted it just before) is sent again with the same
// webhook-id / Message-ID once the lease has run out, so receivers that deduplicate on that id
// process it exactly once.
import "server-only";
import { type NotifyConfig, notifyConfig } from "../config";
import type { Db } from "../db/client";
import { isBusy, isStorageError, withoutAnyLockWait } from "../db/sql";
import { closeEmail, sendEmail } from "./channels/email";
import { postWebhook } from "./channels/webhook";
import { dispatchDue } from "./dispatch";
import { type AttemptResult, claimDue, finishAttempt, type OutboxMessage, pruneDeliveredContent, recoverInterrupted } from "./outbox";
import { notifyEnabled } from "../notify-events/record";
import { writeDigests } from "./schedule";
import { unseal, UnsealError } from "./secrets";
import { webhookDelivery } from "./store-webhooks";

const CONCURRENCY = 4;
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** Delay before try n+1 after n failed tries: base * 2^(n-1), at most 6 h, with +-20% jitter. */
export function backoffMs(tries: number, baseMs: number, random = Math.random): number {
  const plain = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, tries - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

async function send(db: Db, cfg: NotifyConfig, m: OutboxMessage): Promise<AttemptResult> {
  if (m.channel === "email") return sendEmail(cfg.smtp, m);
  const hook = webhookDelivery(db, m.webhookId);
  if (!hook) return { ok: false, permanent: true, detail: "The webhook channel no longer exists" };
  if (!hook.enabled) return { ok: false, permanent: true, detail: "The webhook channel is disabled" };
  try {
    // Signed with the real time: receivers refuse timestamps far from their own clock.
    return await postWebhook(unseal(hook.url), unseal(hook.secret), m.uid, m.body, Date.now());
  } catch (err) {
    if (err instanceof UnsealError) return { ok: false, permanent: true, detail: err.message };
    throw err;
  }
}

/** Delivers one claimed message and records the outcome. */
export async function deliver(db: Db, cfg: NotifyConfig, claim: { message: OutboxMessage; attemptId: number }, clock: () => number = Date.now): Promise<string> {
  const { message: m, attemptId } = claim;
  let result: AttemptResult;
  try {
    result = await send(db, cfg, m);
  } catch (err) {
    result = { ok: false, permanent: false, detail: `unexpected: ${(err as Error).message ?? String(err)}` };
  }
  const now = clock();
  const dead = !result.ok && (result.permanent || m.tries >= cfg.maxTries);
  const wait = result.ok ? 0 : Math.max(backoffMs(m.tries, cfg.retryBaseMs), Math.min(result.retryAfterMs ?? 0, MAX_BACKOFF_MS));
  return finishAttempt(db, attemptId, m.id, result, { dead, retryAt: now + wait }, now);
}

export type Notifier = { tick(): Promise<void>; idle(): Promise<void>; stop(): void };

/** Starts the worker (the server calls this once); `tick` also runs it by hand in tests. */
export function startNotifier(db: Db, opts: { config?: () => NotifyConfig; timers?: boolean; clock?: () => number } = {}): Notifier {
  const configOf = opts.config ?? (() => notifyConfig());
  const clock = opts.clock ?? Date.now;
  const inFlight = new Map<number, Promise<unknown>>();
  let stopped = false;
  let ticking: Promise<void> | null = null;
  let failures = 0;
  // Attempts a dead process left unfinished, once their lease has run out: recovered before this one
  // claims anything (in the first pass, so a database that cannot be written at start does not stop
  // the server). Attempts of other live nodes hold unexpired leases and are left alone.
  let recovered = false;

  let lastPass = 0;
  let lastPrune = 0;
  const work = async () => {
    if (!notifyEnabled()) return;
    const cfg = configOf();
    const now = clock();
    // On the event loop: never wait in SQLite's busy handler while another connection writes (an
    // import or a publication on the work thread holds the lock for seconds), nor on PostgreSQL for
    // rows another session's transaction holds; try next pass instead.
    const claims = withoutAnyLockWait(db, () => {
      if (!recovered) {
        recoverInterrupted(db, now);
        recovered = true;
      }
      // Events and digests once per poll interval; deliveries also whenever one finishes.
      if (now - lastPass >= cfg.pollMs) {
        dispatchDue(db, now, cfg);
        writeDigests(db, now, cfg);
        lastPass = now;
      }
      if (now - lastPrune >= 3_600_000) {
        pruneDeliveredContent(db, now);
        lastPrune = now;
      }
      return claimDue(db, now, CONCURRENCY - inFlight.size, cfg.leaseMs, new Set(inFlight.keys()));
    });
    for (const c of claims) {
      const p = deliver(db, cfg, c, clock)
        .catch((err: unknown) => console.error("notify: recording a delivery failed:", err))
        .finally(() => {
          inFlight.delete(c.message.id);
          if (!stopped) void tick();
        });
      inFlight.set(c.message.id, p);
    }
  };
  const tick = () => {
    ticking ??= work()
      .then(() => (failures = 0))
      .catch((err: unknown) => {
        // The lock taken by a long writer is not a failure: the next pass tries again.
        if (isBusy(err)) return;
        // Log the first failure of a run and then every 100th: a broken database must not flood the log.
        if (failures++ % 100 === 0) console.error(isStorageError(err) ? `notify: storage error (${(err as { code?: string }).code}); will retry` : "notify: worker failed:", err);
      })
      .then(() => {
        ticking = null;
      });
    return ticking;
  };
  let timer: NodeJS.Timeout | null = null;
  if (opts.timers !== false) {
    const loop = () => {
      if (stopped) return;
      void tick().finally(() => {
        if (!stopped) timer = setTimeout(loop, configOf().pollMs);
        timer?.unref();
      });
    };
    timer = setTimeout(loop, 50);
    timer.unref();
  }
  return {
    tick,
    /** Resolves when no delivery is under way (tests, shutdown). */
    async idle() {
      while (ticking || inFlight.size) await Promise.all([ticking, ...inFlight.values()]);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      closeEmail();
    },
  };
}
