// Large changes are aggregated: activating a policy that flags thousands of endpoints (re-evaluated
// in chunks, one transaction each) yields one message per subscriber and one per webhook, with the
// counts, however the chunks fall, and nothing is dispatched while the re-evaluation is under way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { dispatchDue } from "~/server/notify/dispatch";
import { createWebhook } from "~/server/notify/webhooks";
import { affectedEndpointIds, readPending, reevaluateIds, runPendingReevaluation } from "~/server/reevaluation/reevaluate";
import { getPolicy } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { E, report, send } from "../ingest/helpers";
import { makeWorld, PEOPLE, T0, type World } from "./world";

const PER_AGENCY = 1000;
let w: World;

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" } });
  const hook = createWebhook(w.db, w.actor("admin"), { name: "soc", url: `${w.receiver.url}/soc`, format: "standard", agencyId: null, events: ["finding.new"] });
  w.receiver.setSecret("/soc", hook.secret);
  // Dr.Web everywhere: no policy in force covers it yet.
  for (const code of ["JUS-PRIS", "FIN-TAX"]) {
    for (let i = 0; i < PER_AGENCY; i++) {
      const d = w.device(code, `${code.toLowerCase()}-ws-${i}`);
      const r = send(w.db, d, report(d, [E.drwebLinux(), E.mdatp()], { collectedAt: T0 }), T0);
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    }
  }
}, 300_000);
afterAll(async () => {
  await w?.close();
});

describe("aggregation during a mass re-evaluation", () => {
  it(`activating a policy over ${2 * PER_AGENCY} endpoints sends one message per subscriber`, async () => {
    const start = T0 + 3_600_000;
    w.clock.now = start;
    await setPolicyActive(w.db, SYSTEM_ACTOR, { policyId: getPolicy(w.db, "ua-decree-133-2017").id, active: true }, { now: start, reevaluate: "none" });
    const pending = readPending(w.db)!;
    const ids = affectedEndpointIds(w.db, pending.target);
    expect(ids).toHaveLength(2 * PER_AGENCY);
    // Chunks of 400, each its own transaction, two minutes apart (16 minutes in all, beyond the usual
    // 10-minute hold); the worker runs in between.
    for (let i = 0, k = 0; i < ids.length; i += 400, k++) {
      reevaluateIds(w.db, ids.slice(i, i + 400), start + k * 120_000);
      w.clock.now = start + k * 120_000 + 90_000; // past the quiet period, but a re-evaluation is pending
      expect(dispatchDue(w.db, w.clock.now, w.cfg).events).toBe(0);
    }
    // One counter row per agency absorbed every chunk.
    const rows = w.db.$client.prepare("select agency_id as agencyId, count from notify_events where kind = 'finding.new' and dispatched_at is null order by agency_id").all();
    expect(rows).toEqual([
      { agencyId: w.agencies["JUS-PRIS"], count: PER_AGENCY },
      { agencyId: w.agencies["FIN-TAX"], count: PER_AGENCY },
    ]);
    runPendingReevaluation(w.db, w.clock.now); // finishes (nothing left to change) and clears the marker
    w.clock.now += 61_000;
    const mark = w.receiver.deliveries.length;
    const mails = await w.flush();
    const perPerson = new Map<string, number>();
    for (const m of mails) for (const to of m.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    expect(Object.fromEntries(perPerson)).toEqual({ [PEOPLE.admin.email]: 1, [PEOPLE.officer.email]: 1, [PEOPLE.pris.email]: 1, [PEOPLE.tax.email]: 1 });
    expect(mails.find((m) => m.to.includes(PEOPLE.admin.email))!.subject).toBe("2,000 new findings of banned software in 2 agencies");
    expect(mails.find((m) => m.to.includes(PEOPLE.pris.email))!.subject).toBe("1,000 new findings of banned software in Prison Service (JUS-PRIS)");
    const soc = w.receiver.deliveries.slice(mark).filter((d) => d.path === "/soc");
    expect(soc).toHaveLength(1);
    expect(soc[0]!.valid).toBe(true);
    expect((soc[0]!.json as { data: { events: { count: number }[] } }).data.events.map((e) => e.count)).toEqual([PER_AGENCY, PER_AGENCY]);
  }, 120_000);
});
