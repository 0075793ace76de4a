// Which agent version an endpoint should run, and whether this check-in's answer offers it.
// An agency's setting applies to its sub-agencies unless they have their own; without any, every
// endpoint is offered the version the server ships. A staged rollout offers it to `percent` of
// the endpoints, always the same ones first (a hash of the device id), so raising the share only
// adds endpoints.
import "server-only";
import { createHash } from "node:crypto";
import type { AgentTarget, UpdateOffer } from "~/agent/shared/protocol";
import { compareVersions } from "~/agent/shared/release";
import type { Db } from "../db/client";
import { currentRelease } from "./releases";
import { nearestRollout } from "./store";

export type Rollout = { version: string | null; percent: number; fromAgencyId: number | null };

/** 0..99, stable per device. */
export function rolloutBucket(deviceId: string): number {
  return createHash("sha256").update(deviceId).digest().readUInt32BE(0) % 100;
}

/** The setting that applies to an agency: its own, else its nearest ancestor's, else the default. */
export function effectiveRollout(db: Db, agencyId: number, shippedVersion: string | null): Rollout {
  const row = nearestRollout(db, agencyId);
  return row ? { version: row.version, percent: row.percent, fromAgencyId: row.agencyId } : { version: shippedVersion, percent: 100, fromAgencyId: null };
}

/** The update to offer in a check-in answer, or null. Only the shipped release can be offered. */
export function updateOfferFor(db: Db, ep: { agencyId: number }, report: { deviceId: string; agentVersion: string; agentTarget?: string }): UpdateOffer | null {
  if (!report.agentTarget) return null;
  const release = currentRelease();
  const offer = release?.offers.get(report.agentTarget as AgentTarget);
  if (!release || !offer) return null;
  const r = effectiveRollout(db, ep.agencyId, release.index.version);
  if (r.version !== release.index.version || compareVersions(report.agentVersion, r.version) >= 0) return null;
  return rolloutBucket(report.deviceId) < r.percent ? offer : null;
}
