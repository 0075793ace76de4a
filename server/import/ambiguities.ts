// Devices an import left for an officer: listed with their candidate endpoints, and resolved by
// linking the device to one of them, or by saying it is another machine (a new endpoint). Either
// way the tool's device id is remembered, so the next import matches it without asking.
import { type Actor, recordAudit } from "../audit/log";
import { assertInScope, type Scope } from "../access/scope";
import { type Db, inTransaction } from "../db/client";
import { applyDeltas, CounterDeltas } from "../findings/counters";
import { newDeviceId } from "../ingest/enroll";
import { sha256Hex } from "../lib/crypto";
import { badRequest, conflict, notFound } from "../lib/errors";
import { parseSaid, type Said } from "../i18n/said";
import { NO_SECRET } from "./apply";
import { type AmbiguityRow, getAmbiguity, openAmbiguities, resolveAmbiguities, upsertDeviceMapping } from "./store";
import { type EndpointSummary, endpointSummaries, getImportEndpoint, insertImportedEndpoint } from "./store-endpoints";

export type AmbiguityItem = Omit<AmbiguityRow, "candidates" | "reasonSaid"> & { candidates: EndpointSummary[]; reasonSaid: Said | null };

export function listAmbiguities(db: Db, scope: Scope, limit = 100): AmbiguityItem[] {
  return openAmbiguities(db, scope.kind === "all" ? null : scope.ids, limit).map((a) => ({
    ...a,
    candidates: endpointSummaries(db, JSON.parse(a.candidates) as number[]),
    reasonSaid: parseSaid(a.reasonSaid),
  }));
}

/** `endpointId`: the candidate the device is; null: it is another machine (a new endpoint). */
export function resolveAmbiguity(db: Db, actor: Actor, scope: Scope, input: { id: number; endpointId: number | null }, now = Date.now()) {
  return inTransaction(db, () => {
    const a = getAmbiguity(db, input.id);
    if (!a) throw notFound("errors.ambiguityNotFound");
    assertInScope(scope, a.agencyId);
    if (a.resolvedAt !== null) throw conflict("errors.ambiguityResolved", { by: a.resolvedBy ?? "?" });
    let endpointId = input.endpointId;
    if (endpointId !== null) {
      const candidates = JSON.parse(a.candidates) as number[];
      const ep = getImportEndpoint(db, endpointId);
      if (!candidates.includes(endpointId) || !ep || ep.agencyId !== a.agencyId) throw badRequest("errors.chooseCandidate");
    } else {
      endpointId = insertImportedEndpoint(db, {
        deviceId: newDeviceId(),
        agencyId: a.agencyId,
        hostname: a.hostname,
        platform: a.platform,
        osName: "",
        osVersion: "",
        hardwareId: sha256Hex(`import:${a.source}:${a.sourceDeviceId}`),
        secretHash: NO_SECRET,
        evidence: a.source,
        now,
      });
      const deltas = new CounterDeltas();
      deltas.add(a.agencyId, now, "endpoints", 1);
      deltas.add(a.agencyId, now, "neverReported", 1);
      applyDeltas(db, deltas);
    }
    upsertDeviceMapping(db, { agencyId: a.agencyId, source: a.source, sourceDeviceId: a.sourceDeviceId, endpointId, hostname: a.hostname, digest: null, collectedAt: null, importId: null });
    resolveAmbiguities(db, { agencyId: a.agencyId, source: a.source, sourceDeviceId: a.sourceDeviceId, endpointId, at: now, by: actor.label });
    recordAudit(db, actor, {
      action: "import.resolve",
      objectType: "endpoint",
      objectId: endpointId,
      agencyId: a.agencyId,
      details: { source: a.source, device: a.sourceDeviceId, hostname: a.hostname, newEndpoint: input.endpointId === null },
    });
    return { endpointId };
  });
}
