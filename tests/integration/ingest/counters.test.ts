// The incremental bookkeeping must equal a recomputation from scratch: after a random (seeded)
// sequence of check-ins over several days, with failed collectors, duplicates and stale seqs,
// policy changes, waivers and maintenance, the live counters equal recomputeCounters(), and every
// day's agency_daily row equals the recomputation taken at the end of that day (days without a
// row carry the previous one forward).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SoftwareEntry, Source } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { type AgencyCounters, checkCounters, recomputeCounters } from "~/server/findings/counters";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { runMaintenance } from "~/server/maintenance/run";
import { createUser } from "~/server/users/service";
import { dayOf } from "~/server/lib/time";
import { activate, DAY, E, enroll, freshDb, HOUR, makeAgency, makeToken, report, send, SOURCES_BY_PLATFORM, T0, type Device, type TestDb } from "./helpers";
import { rng } from "../../support/rng";

const POOL: Record<"linux" | "windows", SoftwareEntry[]> = {
  linux: [E.keslPkg(), E.keslPkg("11.4.0.1096"), E.keslUnit(), E.keslPath(), E.klnagentPkg(), E.clamav(), E.mdatp(), E.drwebLinux()],
  windows: [E.kesWin(), E.kesWin("11.10.0.399"), E.kesWsc(), E.kesWsc(false), E.klif(), E.avpSvc(), E.klnagentWin(), E.defenderWsc(true), E.defenderWsc(false)],
};
const POLICIES = ["us-bod-17-01", "nl-2018-kaspersky-antivirus", "ua-decree-133-2017", "de-bsi-2022"];

type Snapshot = Map<number, AgencyCounters>;
const COUNTER_COLS: [keyof AgencyCounters, string][] = [
  ["endpoints", "endpoints"],
  ["banned", "banned"],
  ["remnants", "remnants"],
  ["excepted", "excepted"],
  ["unprotected", "unprotected"],
  ["clean", "clean"],
  ["stale", "stale"],
  ["neverReported", "never_reported"],
  ["staleBanned", "stale_banned"],
  ["openFindings", "open_findings"],
  ["exceptedFindings", "excepted_findings"],
  ["resolvedFindings", "resolved_findings"],
];

describe.each([1, 2, 3])("counters equal a recomputation (seed %i)", (seed) => {
  let t: TestDb;
  beforeAll(() => {
    t = freshDb();
  });
  afterAll(() => t.close());

  it("after a random history of check-ins, policy changes, waivers and maintenance", async () => {
    const r = rng(seed * 7919);
    const agencies = [makeAgency(t.db), makeAgency(t.db)];
    const { user: requester } = await createUser(t.db, SYSTEM_ACTOR, { email: `req${seed}@x.gov`, name: "r", role: "officer", password: "a-long-enough-password-1" });
    const { user: approver } = await createUser(t.db, SYSTEM_ACTOR, { email: `app${seed}@x.gov`, name: "a", role: "admin", password: "a-long-enough-password-1" });
    const devices: Device[] = [];
    for (let i = 0; i < 14; i++) {
      const agency = agencies[i % 2]!;
      devices.push(enroll(t.db, makeToken(t.db, agency.id), { platform: i % 3 === 0 ? "windows" : "linux", now: T0 }));
    }
    const endOfDay = new Map<string, Snapshot>();
    let now = T0;
    const DAYS = 8;
    let checkins = 0;
    for (let d = 0; d < DAYS; d++) {
      const dayStart = T0 - (T0 % DAY) + d * DAY;
      now = Math.max(now, dayStart + HOUR);
      // Some machines are off for the day (some go stale), the last three never report at all.
      const online = devices.slice(0, 11).filter(() => r.chance(0.6));
      for (let step = 0; step < 40; step++) {
        now += Math.floor(r.next() * 20 * 60_000) + 1;
        if (now >= dayStart + DAY) break;
        const roll = r.next();
        if (roll < 0.06) {
          await activate(t.db, r.pick(POLICIES), now, r.chance(0.6));
        } else if (roll < 0.1) {
          const open = t.db.$client.prepare("select id from findings where status = 'open' order by id").all() as { id: number }[];
          if (open.length) {
            const w = requestWaiver(
              t.db,
              requester,
              SYSTEM_ACTOR,
              ALL,
              {
                findingId: r.pick(open).id,
                justification: "A justification long enough.",
                expiresAt: now + Math.floor(r.next() * 3 * DAY) + HOUR,
                compensatingControls: "Isolated network segment, traffic monitored.",
                extensionReason: "The replacement is scheduled after the removal deadline.",
              },
              now,
            );
            if (r.chance(0.8)) approveWaiver(t.db, approver, SYSTEM_ACTOR, ALL, { waiverId: w.id, note: "Approved after review" }, now);
          }
        } else if (roll < 0.14) {
          runMaintenance(t.db, now, { staleDays: 2 });
        } else {
          if (!online.length) continue;
          const dev = r.pick(online);
          const plat = dev.platform === "windows" ? "windows" : "linux";
          if (r.chance(0.05) && dev.seq > 1) {
            send(t.db, dev, report(dev, [], { seq: dev.seq - (r.chance(0.5) ? 0 : 1) }), now); // duplicate or stale seq
            continue;
          }
          const software = POOL[plat].filter(() => r.chance(0.35));
          const failed = SOURCES_BY_PLATFORM[plat].filter(() => r.chance(0.1)) as Source[];
          const reply = send(t.db, dev, report(dev, software, { failed, seq: dev.seq + (r.chance(0.1) ? 2 : 1), collectedAt: now }), now);
          expect(reply.status).toBe(200);
          checkins++;
        }
      }
      runMaintenance(t.db, Math.max(now, dayStart + DAY - 1000), { staleDays: 1 });
      endOfDay.set(dayOf(dayStart), recomputeCounters(t.db));
    }
    expect(checkins).toBeGreaterThan(150);
    expect(checkCounters(t.db)).toEqual([]);

    // Every day's row is the recomputation at the end of that day; days without a row carry forward.
    const rows = t.db.$client.prepare("select * from agency_daily order by day").all() as Record<string, number | string>[];
    for (const agency of agencies) {
      let last: Record<string, number | string> | undefined;
      for (let d = 0; d < DAYS; d++) {
        const day = dayOf(T0 - (T0 % DAY) + d * DAY);
        const row = rows.find((x) => x.agency_id === agency.id && x.day === day) ?? last;
        const expected = endOfDay.get(day)!.get(agency.id)!;
        expect(row, `agency ${agency.id} has history by ${day}`).toBeDefined();
        for (const [k, col] of COUNTER_COLS) expect(row![col], `${day} agency ${agency.id} ${col}`).toBe(expected[k]);
        last = row;
      }
    }
    // Something actually happened in this history.
    const totals = t.db.$client.prepare("select sum(removals) as rm, sum(reinstalls) as ri, sum(detections) as de from agency_daily").get() as Record<string, number>;
    expect(totals.de).toBeGreaterThan(0);
    expect(totals.rm).toBeGreaterThan(0);
    expect(t.db.$client.prepare("select count(*) as n from audit_log where action = 'waiver.approve'").get()).not.toEqual({ n: 0 });
    expect(rows.some((x) => Number(x.stale) > 0)).toBe(true);
    expect(
      rows.some((x) => Number(x.stale_banned) > 0),
      "a stale endpoint last seen with banned software",
    ).toBe(true);
  });
});
