// How far the re-evaluation after a policy or catalog change has got, for the Policies page: the
// pending marker (settings "reevaluation_pending", see reevaluate.ts) says work is owed; the
// progress row, written in the same transaction as each chunk, says how many endpoints of the
// current pass are done and when the last chunk committed. Both live in the database, so the page
// (main thread), the work thread doing the job and an admin CLI all see the same thing.
import type { Db } from "../db/client";
import { deleteProgressSetting, hasPendingMarker, progressSetting, writeProgressSetting } from "./store";

/** A pass whose last chunk is older than this has stopped (server stopped): it resumes later. */
const STALLED_MS = 60_000;

export type ReevalProgress = { done: number; total: number; startedAt: number; updatedAt: number };

export type ReevalStatus = {
  /** Work is owed: a change was committed and not every endpoint concerned is re-evaluated yet. */
  pending: boolean;
  /** A pass is committing chunks now. */
  running: boolean;
  done: number;
  total: number;
  startedAt: number | null;
  updatedAt: number | null;
};

export function writeProgress(db: Db, p: ReevalProgress): void {
  writeProgressSetting(db, JSON.stringify(p));
}

export function clearProgress(db: Db): void {
  deleteProgressSetting(db);
}

function readProgress(db: Db): ReevalProgress | null {
  const value = progressSetting(db);
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as ReevalProgress;
  } catch {
    return null;
  }
}

export function reevaluationStatus(db: Db, now = Date.now()): ReevalStatus {
  const pending = hasPendingMarker(db);
  const p = readProgress(db);
  if (!pending && !p) return { pending: false, running: false, done: 0, total: 0, startedAt: null, updatedAt: null };
  return {
    pending,
    running: p !== null && now - p.updatedAt < STALLED_MS,
    done: p?.done ?? 0,
    total: p?.total ?? 0,
    startedAt: p?.startedAt ?? null,
    updatedAt: p?.updatedAt ?? null,
  };
}
