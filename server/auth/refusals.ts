// Auditing refused sign-ins without letting an attacker fill the append-only audit log: per
// account/address pair, the first failure of a window, the lock, and the first refusal while
// locked are written (each with the attempt count); everything else only counts. At most
// AUDIT_PER_MINUTE such entries a minute overall; the next entry written says how many were left out.
import { type Actor, type AuditEntry, recordAudit } from "../audit/log";
import type { Db } from "../db/client";

export const AUDIT_PER_MINUTE = 60;
const MARKS_MAX = 10_000;

const state = { minute: 0, written: 0, skipped: 0 };
/** Keys already audited as throttled, with the lock they were throttled by. */
const throttledMarks = new Map<string, number>();

/** Writes a refusal entry unless the overall minute budget is spent; returns whether it wrote. */
export function auditRefusal(db: Db, actor: Actor, entry: AuditEntry, now = Date.now()): boolean {
  const minute = Math.floor(now / 60_000);
  if (state.minute !== minute) Object.assign(state, { minute, written: 0 });
  if (state.written >= AUDIT_PER_MINUTE) {
    state.skipped++;
    return false;
  }
  state.written++;
  const details = state.skipped ? { ...entry.details, refusalsNotAuditedBefore: state.skipped } : entry.details;
  state.skipped = 0;
  recordAudit(db, actor, { ...entry, details }, now);
  return true;
}

/** True the first time a key is refused during one lock (identified by when the lock ends). */
export function firstRefusalOfLock(key: string, lockEndsAt: number): boolean {
  const mark = Math.round(lockEndsAt / 1000);
  if (throttledMarks.get(key) === mark) return false;
  if (throttledMarks.size >= MARKS_MAX) throttledMarks.clear();
  throttledMarks.set(key, mark);
  return true;
}
