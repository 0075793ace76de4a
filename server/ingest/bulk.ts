// In-process ingestion without HTTP: the same validation, matching, observation diff, evaluation
// and bookkeeping as the agent API, for seeding demos and benchmarks and replaying history with
// chosen timestamps. Check-ins are processed in chunks, one transaction per chunk.
import type { CheckinRequest } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import type { CheckinItem } from "./checkin";
import { getIngestEngine } from "./engine";
import { type AgentReply, errorReply } from "./replies";
import { collectedAtMs, issueDetails, ZCheckinRequestSchema } from "./schemas";

export { enrollDevice, type EnrollResult } from "./enroll";

export type BulkCheckin = {
  report: CheckinRequest | unknown;
  /** The device secret; omit (with `trusted`) to skip authentication when seeding. */
  secret?: string | null;
  /** Receipt time (ms); defaults to the call's `now`. */
  now?: number;
};

export type BulkOptions = {
  /** Accept items without a secret. Default false. */
  trusted?: boolean;
  /** Apply the per-device rate limit. Default false (replays send many reports per device). */
  rateLimit?: boolean;
  /** Check-ins per transaction. Default 500. */
  chunkSize?: number;
};

/** Ingests check-ins in order and returns one reply per item (status 200 when accepted). */
export function ingestCheckins(db: Db, items: BulkCheckin[], now: number = Date.now(), opts: BulkOptions = {}): AgentReply[] {
  const engine = getIngestEngine(db);
  const replies: AgentReply[] = new Array(items.length);
  const chunk = Math.max(1, opts.chunkSize ?? 500);
  let pending: { index: number; item: CheckinItem }[] = [];
  const flush = () => {
    if (!pending.length) return;
    const out = engine.processBatch(
      pending.map((p) => p.item),
      { trusted: opts.trusted === true, rateLimit: opts.rateLimit === true },
    );
    pending.forEach((p, i) => (replies[p.index] = out[i]!));
    pending = [];
  };
  items.forEach((it, index) => {
    const at = it.now ?? now;
    const parsed = ZCheckinRequestSchema.safeParse(it.report);
    if (!parsed.success) {
      replies[index] = errorReply(400, "invalid_body", "The check-in is not valid", issueDetails(parsed.error));
      return;
    }
    const collectedAt = collectedAtMs(parsed.data.collectedAt, at);
    if (typeof collectedAt === "string") {
      replies[index] = errorReply(400, "invalid_body", collectedAt);
      return;
    }
    if (!opts.trusted && !it.secret) {
      replies[index] = errorReply(401, "unauthorized", "A device secret is required unless ingesting as trusted");
      return;
    }
    pending.push({ index, item: { report: parsed.data, secret: it.secret ?? null, now: at, collectedAt } });
    if (pending.length >= chunk) flush();
  });
  flush();
  return replies;
}
