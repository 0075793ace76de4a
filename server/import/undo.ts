// Undoing an import, while no later import or agent report of its endpoints exists (and no waiver
// was asked for them since): the endpoints it created go, the others get back this tool's
// observations, their findings, state, evidence and device mapping as they were, and are then
// re-evaluated under the policies in force now. Counters follow in the same transaction. The
// import stays in the history, marked undone, and the undo is audited.
import { type Actor, recordAudit } from "../audit/log";
import { assertInScope, type Scope } from "../access/scope";
import { type Db, inTransaction } from "../db/client";
import { applyDeltas, CounterDeltas, STATUS_FIELD } from "../findings/counters";
import { evaluateEndpoint, presentObservations } from "../findings/evaluate";
import type { FindingStatus } from "../db/schema";
import { getIngestEngine } from "../ingest/engine";
import type { ErrorText } from "../i18n/errors";
import { MusterError, notFound } from "../lib/errors";
import { currentCoverage } from "../policy/coverage";
import type { BeforeImage } from "./apply";
import {
  applyingImportOf,
  deleteMappingsOfImport,
  getImport,
  IMPORT_HEARTBEAT_STALE_MS,
  type ImportRow,
  importEndpoints,
  laterImportOfSameEndpoints,
  laterReportOrWaiver,
  markImportUndone,
  restoreDeviceMapping,
} from "./store";
import {
  deleteEndpoint,
  deleteImportEvents,
  endpointContribution,
  getImportEndpoint,
  restoreFindings,
  restoreOriginObservations,
  setEndpointState,
  setImportedIdentity,
  setImportEvidence,
} from "./store-endpoints";

/** Why an applied import can no longer be undone, or null when it can. */
type UndoView = Pick<ImportRow, "id" | "agencyId" | "status" | "startedAt" | "created" | "updated" | "unchanged" | "superseded">;

/** An applied import, or one that failed while applying after it had applied some devices (undone for those). */
export function changedData(imp: Omit<UndoView, "id" | "agencyId" | "startedAt">): boolean {
  return imp.status === "applied" || (imp.status === "failed" && imp.created + imp.updated + imp.unchanged + imp.superseded > 0);
}

export function undoBlocker(db: Db, imp: UndoView): ErrorText | null {
  if (!changedData(imp)) return { key: "errors.undoOnlyApplied", params: { status: imp.status } };
  const applying = applyingImportOf(db, imp.agencyId, Date.now() - IMPORT_HEARTBEAT_STALE_MS);
  if (applying) return { key: "errors.undoWhileApplying", params: { id: applying.id } };
  const later = laterImportOfSameEndpoints(db, imp.id);
  if (later) return { key: "errors.undoLaterImport", params: { id: later.importId } };
  const report = laterReportOrWaiver(db, imp.id, imp.startedAt);
  if (report) {
    const host = getImportEndpoint(db, report.endpointId)?.hostname ?? `#${report.endpointId}`;
    return { key: report.what === "report" ? "errors.undoAgentReported" : "errors.undoWaiverRequested", params: { host } };
  }
  return null;
}

/** Adds (sign 1) or removes (sign -1) what an endpoint counts for, as it stands now. */
function count(db: Db, deltas: CounterDeltas, endpointId: number, sign: 1 | -1, now: number, asEndpoint: boolean): void {
  const c = endpointContribution(db, endpointId);
  if (!c) return;
  if (asEndpoint) {
    deltas.add(c.agencyId, now, "endpoints", sign);
    deltas.state(c.agencyId, now, sign > 0 ? null : c.state, sign > 0 ? c.state : null);
  }
  for (const f of c.findings) {
    const field = STATUS_FIELD[f.status as FindingStatus];
    if (field) deltas.add(c.agencyId, now, field, sign);
    deltas.add(c.agencyId, now, "detections", sign);
    deltas.add(c.agencyId, now, "removals", sign * (f.reopenCount + (f.status === "resolved" ? 1 : 0)));
    deltas.add(c.agencyId, now, "reinstalls", sign * f.reopenCount);
  }
}

export function undoImport(db: Db, actor: Actor, scope: Scope, importId: number, now = Date.now()) {
  const engine = getIngestEngine(db);
  try {
    return inTransaction(db, () => {
      const imp = getImport(db, importId);
      if (!imp) throw notFound("errors.importNotFound");
      assertInScope(scope, imp.agencyId);
      const blocker = undoBlocker(db, imp);
      if (blocker) throw new MusterError("CONFLICT", blocker);
      const deltas = new CounterDeltas();
      const coverage = currentCoverage(db);
      let removed = 0;
      let restored = 0;
      for (const row of importEndpoints(db, importId)) {
        if (row.outcome === "created") {
          count(db, deltas, row.endpointId, -1, now, true);
          deleteEndpoint(db, row.endpointId);
          removed++;
          continue;
        }
        const before = JSON.parse(row.before ?? "null") as BeforeImage | null;
        if (!before) continue;
        const ep = getImportEndpoint(db, row.endpointId);
        if (!ep) continue;
        if (before.m) restoreDeviceMapping(db, before.m);
        if (row.outcome === "superseded") continue;
        if (before.o && before.f) {
          const stateNow = ep.state;
          count(db, deltas, ep.id, -1, now, false);
          restoreOriginObservations(db, ep.id, imp.source!, before.o);
          restoreFindings(db, ep.id, before.f);
          if (imp.firstEventId !== null) deleteImportEvents(db, ep.id, imp.firstEventId);
          count(db, deltas, ep.id, 1, now, false);
          setEndpointState(db, ep.id, before.e.state, before.e.stateChangedAt);
          deltas.state(ep.agencyId, now, stateNow, before.e.state);
          // Policies may have changed since the import: judge the restored endpoint by today's.
          evaluateEndpoint(db, {
            ep: { id: ep.id, agencyId: ep.agencyId, osPlatform: before.e.osPlatform, state: before.e.state, lastSeq: ep.lastSeq },
            present: presentObservations(db, ep.id, (id) => engine.registry.byId(id)),
            coverage,
            mode: "reevaluate",
            now,
            seq: ep.lastSeq,
            deltas,
          });
        }
        const e = before.e;
        setImportEvidence(db, ep.id, {
          evidence: e.evidence,
          lastCollectedAt: e.lastCollectedAt,
          lastReportAt: e.lastReportAt,
          firstReportAt: e.firstReportAt,
          importedAt: e.importedAt,
          reportDigest: e.reportDigest,
        });
        setImportedIdentity(db, ep.id, { hostname: e.hostname, platform: e.osPlatform, osName: e.osName, osVersion: e.osVersion });
        restored++;
      }
      deleteMappingsOfImport(db, importId);
      applyDeltas(db, deltas);
      markImportUndone(db, importId, now, actor.label);
      recordAudit(
        db,
        actor,
        {
          action: "import.undo",
          objectType: "import",
          objectId: importId,
          agencyId: imp.agencyId,
          details: { source: imp.source, sha256: imp.fileSha256, endpointsRemoved: removed, endpointsRestored: restored },
        },
        now,
      );
      return { id: importId, endpointsRemoved: removed, endpointsRestored: restored };
    });
  } catch (err) {
    engine.registry.clear();
    throw err;
  }
}
