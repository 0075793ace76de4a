// Replays a simulated fleet's history through the real ingest code, with the events' own
// timestamps: enrollments, check-ins, the ban taking effect, waivers and the daily
// maintenance (stale sweep, waiver expiry). Nothing here writes summary rows directly.
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { ALL, type Viewer } from "../access/scope";
import type { Actor } from "../audit/log";
import { getAgencyByCode } from "../agencies/service";
import type { Db } from "../db/client";
import { createToken } from "../enrollment/tokens";
import { openFindingCount } from "../findings/store-findings";
import { approveWaiver, requestWaiver } from "../findings/waivers";
import { type BulkCheckin, enrollDevice, ingestCheckins } from "../ingest/bulk";
import { DAY_MS } from "../lib/time";
import { runMaintenance } from "../maintenance/run";
import { getPolicy } from "../policy/service";
import { setPolicyActive } from "../reevaluation/policy-change";
import type { EndpointPlan, FleetSpec } from "../fleet/plan";
import { type FleetEvent, fleetTimeline } from "../fleet/timeline";

type Person = { who: Pick<Viewer, "id" | "role">; actor: Actor };

export type ReplayOptions = {
  now: number;
  /** Policies put in force on the ban day. */
  policySlugs: string[];
  /** Requests the demo's waivers; `approver` approves them (a different person). */
  requester: Person;
  approver: Person;
  system: Actor;
  log?: (line: string) => void;
  /**
   * Bulk import (seeding a national-scale fleet): enrollments are grouped into one transaction
   * per chunk and check-ins ingested `chunkSize` per transaction, as trusted in-process items
   * (no per-report secret check). Unset: one transaction per enrollment and per 500 check-ins,
   * every report authenticated, as the demo does.
   */
  bulk?: { chunkSize: number };
  /** Replay only these endpoints of the spec (a shard of a fleet seeded in parallel). Default: all. */
  plans?: EndpointPlan[];
};

export type ReplayStats = { endpoints: number; checkins: number; rejected: number; waivers: number; ms: number };

const CONTROLS = [
  "Machine on an isolated network segment; no internet access; USB ports disabled.",
  "Outbound traffic limited to the vendor update server; monitored by the SOC.",
  "Only the laboratory application runs; weekly integrity check by the ICT team.",
];

const JUSTIFICATIONS = [
  "Air-gapped laboratory system certified with this configuration; replacement scheduled with the vendor's next maintenance window.",
  "Industrial control workstation: the supplier's support contract requires the installed antivirus until the controller upgrade.",
  "Forensic analysis machine kept as evidence under a court order; it must not be modified until the case closes.",
];

export async function replayFleet(db: Db, spec: FleetSpec, opts: ReplayOptions): Promise<ReplayStats> {
  const started = performance.now();
  const tokens = new Map<string, string>();
  for (const a of spec.agencies) {
    const agency = getAgencyByCode(db, a.code);
    if (!agency) throw new Error(`Agency ${a.code} does not exist`);
    // Created an hour before the first enrollment it serves, so its dates agree with its use.
    const { token } = createToken(db, opts.system, ALL, { agencyId: agency.id, label: "Fleet enrollment", expiresInMs: 366 * DAY_MS - 1 }, spec.startMs - 3_600_000);
    tokens.set(a.code, token);
  }
  const devices = new Map<number, { deviceId: string; secret: string; seq: number; endpointId: number }>();
  const banStart = spec.startMs + spec.banDay * DAY_MS;
  let policiesActive = false;
  let batch: Extract<FleetEvent, { type: "checkin" }>[] = [];
  let enrolls: Extract<FleetEvent, { type: "enroll" }>[] = [];
  let checkins = 0;
  let rejected = 0;
  let waivers = 0;
  const chunkSize = opts.bulk?.chunkSize ?? 2000;

  const enroll = (plan: EndpointPlan, at: number) => {
    const r = enrollDevice(
      db,
      { enrollToken: tokens.get(plan.agencyCode)!, hostname: plan.hostname, hardwareId: plan.hardwareId.padEnd(64, "0"), agentVersion: "1.0.0", os: plan.os },
      { now: at, ip: "10.0.0.1" },
    );
    devices.set(plan.key, { deviceId: r.deviceId, secret: r.deviceSecret, seq: 0, endpointId: r.endpointId });
  };
  /** Pending enrollments (bulk mode: each precedes its own check-ins), then the check-ins. */
  const flush = () => {
    if (enrolls.length) {
      db.$client.transaction(() => {
        for (const ev of enrolls) enroll(ev.plan, ev.at);
      })();
      enrolls = [];
    }
    if (!batch.length) return;
    const items: BulkCheckin[] = batch.map((ev) => {
      const d = devices.get(ev.plan.key)!;
      return { report: { ...ev.report, deviceId: d.deviceId, seq: ++d.seq }, secret: opts.bulk ? null : d.secret, now: ev.at };
    });
    const replies = ingestCheckins(db, items, items[items.length - 1]!.now, opts.bulk ? { chunkSize, trusted: true } : {});
    for (const r of replies) if (r.status !== 200) rejected++;
    checkins += batch.length;
    batch = [];
  };

  for (const ev of fleetTimeline(spec, BUILTIN_CATALOG.version, { notAfter: opts.now, plans: opts.plans })) {
    if (!policiesActive && ev.at >= banStart) {
      flush();
      for (const slug of opts.policySlugs) {
        await setPolicyActive(db, opts.approver.actor, { policyId: getPolicy(db, slug).id, active: true }, { now: banStart });
      }
      policiesActive = true;
    }
    if (ev.type === "enroll") {
      if (opts.bulk) enrolls.push(ev);
      else enroll(ev.plan, ev.at);
    } else if (ev.type === "checkin") {
      batch.push(ev);
      if (batch.length >= chunkSize) flush();
    } else if (ev.type === "waiver") {
      flush();
      const d = devices.get(ev.plan.key)!;
      const open = openFindingCount(db, d.endpointId);
      // Most waivers run for months; one in five was short and has lapsed by "today".
      const expiresAt = ev.at + (ev.plan.key % 5 === 0 ? 14 : 120 + (ev.plan.key % 60)) * DAY_MS;
      if (open > 0) {
        // One request covers every banned product of the machine; it is decided as one.
        const request = requestWaiver(
          db,
          opts.requester.who,
          opts.requester.actor,
          ALL,
          {
            endpointId: d.endpointId,
            justification: JUSTIFICATIONS[ev.plan.key % JUSTIFICATIONS.length]!,
            compensatingControls: CONTROLS[ev.plan.key % CONTROLS.length]!,
            extensionReason: "The certified replacement is only delivered after the removal deadline.",
            expiresAt,
          },
          ev.at,
        );
        approveWaiver(db, opts.approver.who, opts.approver.actor, ALL, { waiverId: request.id, note: "Risk accepted by the CISO" }, ev.at + 3_600_000);
        waivers += request.waiverIds.length;
      }
    } else {
      flush();
      runMaintenance(db, ev.at);
      opts.log?.(`  day ${ev.day + 1}/${spec.days}: ${checkins} check-ins`);
    }
  }
  flush();
  return { endpoints: devices.size, checkins, rejected, waivers, ms: performance.now() - started };
}
