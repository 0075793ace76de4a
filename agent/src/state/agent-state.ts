// state.json: the sequence counter and what happened to the last report, for `status` and the
// next run. Small, rewritten atomically after each change.
import { readFileSync } from "node:fs";
import { writeJsonAtomic } from "../lib/atomic-fs";
import type { UpdateOffer, UpdateReport } from "../../shared/protocol";

export type ReportOutcome = "delivered" | "duplicate" | "spooled" | "dropped" | "revoked";

export type AgentState = {
  /** Last sequence number assigned; the next report gets seq + 1. Reset to 0 by enrollment. */
  seq: number;
  lastRun?: { at: string; exitCode: number; message: string };
  lastReport?: { seq: number; at: string; outcome: ReportOutcome; httpStatus?: number; message?: string };
  lastDelivered?: { seq: number; at: string };
  /** Set when the server answered 401: the credential no longer works until re-enrollment. */
  revoked?: { at: string; message: string };
  nextCheckinSeconds?: number;
  serverCatalogVersion?: string;
  /** The update the server offered in its last answer (verified before anything is downloaded). */
  updateOffer?: UpdateOffer;
  /** Updates refused, failed or rolled back, waiting to go out with the next report. */
  updateReports?: UpdateReport[];
  /** Builds (SHA-256) and offers that failed here: not tried again. */
  updateBlocked?: string[];
};

export function readAgentState(file: string): AgentState {
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as AgentState;
    return typeof s.seq === "number" && s.seq >= 0 ? s : { seq: 0 };
  } catch {
    return { seq: 0 };
  }
}

export function writeAgentState(file: string, s: AgentState): void {
  writeJsonAtomic(file, s);
}
