// The report's split of endpoints by evidence: how much of the figures rests on the agent and how
// much on each management tool's imported inventory (current records, like replacement protection).
// Named in the report's language when shown (report.evidence).
import "server-only";
import { sumCounters } from "../findings/scope-counters";
import type { Db } from "../db/client";
import { evidenceSplit } from "../import/evidence";
import type { ReportEvidenceRow } from "./types";

export function evidenceFigures(db: Db, agencyIds: readonly number[] | null): ReportEvidenceRow[] {
  return evidenceSplit(db, agencyIds, sumCounters(db, agencyIds)).map((r) => ({
    evidence: r.evidence,
    endpoints: r.endpoints,
    banned: r.banned,
    remnants: r.remnants,
    excepted: r.excepted,
    unprotected: r.unprotected,
    clean: r.clean,
    stale: r.stale,
    neverReported: r["never-reported"],
  }));
}
