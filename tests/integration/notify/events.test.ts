// Each notification event, end to end: the change is made through the real service (a check-in,
// a waiver request, a publication, the maintenance pass), the event is written in its transaction,
// the worker fans it out and delivers it to a real SMTP relay (STARTTLS + AUTH) and a real webhook
// receiver that verifies signatures. Checked: who receives what (scope and role), what it says,
// and that it links to the page in question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { updateAgency } from "~/server/agencies/service";
import { requestWaiver, approveWaiver } from "~/server/findings/waivers";
import { markStale } from "~/server/maintenance/run";
import { createWebhook } from "~/server/notify/webhooks";
import { watchAgencies } from "~/server/notify/watch";
import { publishReport } from "~/server/reports/publish";
import { addDays, dayOf } from "~/server/lib/time";
import { DAY, makeWorld, PEOPLE, PUBLIC_URL, reportClean, reportKaspersky, T0, type World } from "./world";

let w: World;
const hooks: Record<string, { id: number; secret: string }> = {};
const recipients = (mails: { to: string[] }[]) => mails.flatMap((m) => m.to).sort();
const emails = (...who: (keyof typeof PEOPLE)[]) => who.map((x) => PEOPLE[x].email).sort();
const viewer = (who: keyof typeof PEOPLE) => ({
  id: w.users[who],
  email: PEOPLE[who].email,
  name: PEOPLE[who].name,
  role: PEOPLE[who].role,
  agencyId: PEOPLE[who].agencyCode ? w.agencies[PEOPLE[who].agencyCode!]! : null,
});
/** Webhook bodies received at a path since index `since`. */
const hookBodies = (path: string, since: number) => w.receiver.deliveries.slice(since).filter((d) => d.path === path);

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" } }); // digests have their own test; the clock stays at 09:00
  for (const [name, agency] of [
    ["national", null],
    ["tax", "FIN-TAX"],
  ] as const) {
    const r = createWebhook(w.db, w.actor("admin"), {
      name,
      url: `${w.receiver.url}/${name}`,
      format: "standard",
      agencyId: agency ? w.agencies[agency]! : null,
      events: ["finding.new", "finding.reinstalled", "agency.status", "deadline.near", "stale.rising", "waiver.requested", "waiver.expiring", "report.published"],
    });
    hooks[name] = r;
    w.receiver.setSecret(`/${name}`, r.secret);
  }
}, 60_000);
afterAll(async () => {
  await w?.close();
});

describe("new findings", () => {
  it("wait out the aggregation window, then reach every subscriber in scope once, over STARTTLS with AUTH", async () => {
    const devices = [w.device("JUS-PRIS"), w.device("JUS-PRIS"), w.device("JUS-PRIS-N")];
    reportKaspersky(w, devices);
    const hookMark = w.receiver.deliveries.length;
    w.clock.now = T0 + 30_000;
    expect(await w.flush()).toEqual([]); // still inside the 60 s window
    w.clock.now = T0 + 61_000;
    const mails = await w.flush();
    // Officers with a global reach and the Prison Service's officer; not the Tax officer (another
    // agency), not the auditor (digest by default).
    expect(recipients(mails)).toEqual(emails("admin", "officer", "pris"));
    for (const m of mails) {
      expect(m.secure).toBe(true);
      expect(m.user).toBe("muster-relay");
    }
    const pris = w.mailsTo("pris").at(-1)!;
    expect(pris.subject).toBe("3 new findings of banned software in 2 agencies");
    expect(pris.text).toContain("2 new findings of banned software in Prison Service (JUS-PRIS)");
    expect(pris.text).toContain("1 new finding of banned software in Prison Service North (JUS-PRIS-N)");
    expect(pris.text).toContain(`${PUBLIC_URL}/findings?agency=JUS-PRIS`);
    expect(pris.html).toContain(`href="${PUBLIC_URL}/findings?agency=JUS-PRIS-N"`);
    expect(pris.headers["list-unsubscribe"]).toMatch(new RegExp(`^<${PUBLIC_URL}/api/notify/unsubscribe\\?token=`));
    expect(pris.text).toMatch(new RegExp(`Stop these alerts: ${PUBLIC_URL}/unsubscribe\\?token=`));
    expect(pris.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    // The Message-ID is the outbox message's idempotency id.
    const uid = (w.db.$client.prepare("select uid from notify_messages where recipient = ? order by id desc limit 1").get(PEOPLE.pris.email) as { uid: string }).uid;
    expect(pris.messageId).toBe(`<${uid}@notify.test>`);
    // The deployment-wide webhook: one signed message with both agencies' events; the Tax webhook nothing.
    const national = hookBodies("/national", hookMark);
    expect(national).toHaveLength(1);
    expect(national[0]!.valid).toBe(true);
    const events = (national[0]!.json as { data: { events: { type: string; agency: { code: string }; count: number }[] } }).data.events;
    expect(events.map((e) => [e.type, e.agency.code, e.count]).sort()).toEqual([
      ["finding.new", "JUS-PRIS", 2],
      ["finding.new", "JUS-PRIS-N", 1],
    ]);
    expect(hookBodies("/tax", hookMark)).toEqual([]);
    // Nothing more to send: the events were dispatched once.
    expect(await w.flush()).toEqual([]);
  });
});

describe("reinstall after a verified removal", () => {
  it("tells the agency's subscribers that banned software came back", async () => {
    w.clock.now = T0 + 2 * 3_600_000;
    const d = w.device("FIN-TAX", "tax-ws-1");
    reportKaspersky(w, [d]);
    w.clock.now += 120_000;
    await w.flush(); // the new finding
    reportClean(w, [d]); // removed, verified by the agent's collectors
    w.clock.now += 600_000;
    reportKaspersky(w, [d]); // and back
    const mark = w.relay.mails.length;
    const hookMark = w.receiver.deliveries.length;
    w.clock.now += 120_000;
    const mails = await w.flush();
    expect(recipients(mails)).toEqual(emails("admin", "officer", "tax"));
    expect(w.mailsTo("tax", mark)[0]!.subject).toBe("Banned software is back on 1 endpoint in Tax Administration (FIN-TAX)");
    // The Tax webhook carries its own agency's event; the national one too.
    for (const path of ["/tax", "/national"]) {
      const got = hookBodies(path, hookMark);
      expect(got, path).toHaveLength(1);
      expect((got[0]!.json as { data: { events: { type: string }[] } }).data.events.map((e) => e.type)).toEqual(["finding.reinstalled"]);
    }
  });
});

describe("waivers", () => {
  it("a request reaches those who may approve it, and no one else", async () => {
    const findingId = (w.db.$client.prepare("select id from findings where agency_id = ? and status = 'open' order by id limit 1").get(w.agencies["JUS-PRIS"]) as { id: number }).id;
    const mark = w.relay.mails.length;
    requestWaiver(
      w.db,
      viewer("pris"),
      w.actor("pris"),
      ALL,
      {
        findingId,
        justification: "Isolated forensic workstation, replacement ordered for March.",
        compensatingControls: "Isolated network segment, traffic monitored.",
        extensionReason: "The replacement is scheduled after the removal deadline.",
        expiresAt: w.clock.now + 30 * DAY,
      },
      w.clock.now,
    );
    const mails = await w.flush(); // one-off events are not held back
    // Administrators and officers decide on waivers; the requester and other agencies do not hear.
    expect(recipients(mails)).toEqual(emails("admin", "officer"));
    const m = w.mailsTo("officer", mark)[0]!;
    expect(m.subject).toMatch(/^Waiver requested for Kaspersky Endpoint Security \(Windows, Linux, macOS\) on jus-pris-\d+ in Prison Service \(JUS-PRIS\)$/);
    expect(m.text).toContain("pris@notify.test asks for an exception until");
    expect(m.text).toContain("“Isolated forensic workstation, replacement ordered for March.”");
    expect(m.text).toContain(`${PUBLIC_URL}/findings`);
  });

  it("an approved waiver expiring within 7 days is announced once", async () => {
    const findingId = (w.db.$client.prepare("select id from findings where agency_id = ? and status = 'open' order by id desc limit 1").get(w.agencies["JUS-PRIS"]) as { id: number }).id;
    const waiver = requestWaiver(
      w.db,
      viewer("pris"),
      w.actor("pris"),
      ALL,
      {
        findingId,
        justification: "Laboratory machine without network, vendor support until May.",
        compensatingControls: "Isolated network segment, traffic monitored.",
        extensionReason: "The replacement is scheduled after the removal deadline.",
        expiresAt: w.clock.now + 10 * DAY,
      },
      w.clock.now,
    );
    approveWaiver(w.db, viewer("admin"), w.actor("admin"), ALL, { waiverId: waiver.id, note: "Approved: isolated machine, replacement ordered." }, w.clock.now);
    await w.flush();
    watchAgencies(w.db, w.clock.now);
    expect(await w.flush()).toEqual([]); // 10 days away: not yet
    w.clock.now += 4 * DAY;
    const mark = w.relay.mails.length;
    watchAgencies(w.db, w.clock.now);
    const mails = (await w.flush()).filter((m) => /Waiver expiring/.test(m.subject) || m.text.includes("Waiver expiring"));
    expect(recipients(mails)).toEqual(emails("admin", "officer", "pris"));
    expect(
      w
        .mailsTo("pris", mark)
        .map((m) => m.text)
        .join("\n"),
    ).toContain(`Waiver expiring on ${new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(waiver.expiresAt)}`);
    watchAgencies(w.db, w.clock.now + 3_600_000);
    const again = await w.flush();
    expect(again.filter((m) => m.text.includes("Waiver expiring"))).toEqual([]);
  });
});

describe("report published", () => {
  it("an agency report reaches that agency's readers; a national one only those who see everything", async () => {
    let mark = w.relay.mails.length;
    publishReport(w.db, viewer("officer"), ALL, w.actor("officer"), { agencyId: w.agencies["FIN-TAX"]!, asOf: dayOf(w.clock.now) }, w.clock.now);
    let mails = await w.flush();
    // Not the publisher; the auditor hears in the weekly summary (digest by default).
    expect(recipients(mails)).toEqual(emails("admin", "tax"));
    expect(w.mailsTo("tax", mark)[0]!.subject).toMatch(/^Report published: Status report: Tax Administration \(FIN-TAX\)/);
    const reportId = (w.db.$client.prepare("select max(id) as id from reports").get() as { id: number }).id;
    expect(w.mailsTo("tax", mark)[0]!.text).toContain(`${PUBLIC_URL}/reports/${reportId}`);
    mark = w.relay.mails.length;
    publishReport(w.db, viewer("admin"), ALL, w.actor("admin"), { agencyId: null, asOf: dayOf(w.clock.now) }, w.clock.now);
    mails = await w.flush();
    expect(recipients(mails)).toEqual(emails("officer"));
  });
});

describe("agency status, deadlines and stale endpoints (maintenance)", () => {
  it("status moving to overdue is told once; the first look only records the state", async () => {
    watchAgencies(w.db, w.clock.now); // baseline (already recorded by earlier passes)
    await w.flush();
    const mark = w.relay.mails.length;
    updateAgency(w.db, w.actor("admin"), { id: w.agencies["JUS-PRIS"]!, deadline: addDays(dayOf(w.clock.now), -1) });
    watchAgencies(w.db, w.clock.now);
    const mails = await w.flush();
    const overdue = mails.filter((m) => m.text.includes("Prison Service (JUS-PRIS) is overdue"));
    expect(recipients(overdue)).toEqual(emails("admin", "officer", "pris"));
    expect(w.mailsTo("pris", mark)[0]!.text).toMatch(/The deadline of .+ has passed with \d+ open findings?\./);
    expect(w.mailsTo("tax", mark)).toEqual([]);
    watchAgencies(w.db, w.clock.now + 60_000);
    expect(await w.flush()).toEqual([]);
  });

  it("status moving to at risk is told once, to the agency's readers and those who see everything", async () => {
    // Tax Administration has an open finding (banned software came back). Without a deadline it has
    // no status to worry about; a deadline with nothing removed since puts it at risk.
    const tax = w.agencies["FIN-TAX"]!;
    updateAgency(w.db, w.actor("admin"), { id: tax, deadline: null });
    watchAgencies(w.db, w.clock.now);
    await w.flush();
    const mark = w.relay.mails.length;
    const hookMark = w.receiver.deliveries.length;
    updateAgency(w.db, w.actor("admin"), { id: tax, deadline: addDays(dayOf(w.clock.now), 30) });
    watchAgencies(w.db, w.clock.now);
    const mails = await w.flush();
    // The agency's officer gets it alone; those who see everything get it with the parent ministry's
    // roll-up (Ministry of Finance now at risk too) in one message.
    expect(
      mails
        .filter((m) => m.text.includes("Tax Administration (FIN-TAX) is at risk"))
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(emails("admin", "officer", "tax"));
    expect(w.mailsTo("tax", mark).map((m) => m.subject)).toEqual(["Tax Administration (FIN-TAX) is at risk"]);
    expect(w.mailsTo("pris", mark)).toEqual([]);
    const statusEvents = (path: string) =>
      hookBodies(path, hookMark).flatMap((d) => (d.json as { data: { events: { type: string; agency?: { code: string } }[] } }).data.events.map((e) => `${e.type} ${e.agency?.code}`));
    expect(statusEvents("/tax")).toEqual(["agency.status FIN-TAX"]);
    expect(statusEvents("/national").sort()).toEqual(["agency.status FIN-TAX", "agency.status MIN-FIN"]);
    watchAgencies(w.db, w.clock.now + 60_000);
    expect(await w.flush()).toEqual([]);
  });

  it("a deadline 14, 7 and 1 days away with banned endpoints is told once each", async () => {
    const tax = w.agencies["FIN-TAX"]!;
    const today = dayOf(w.clock.now);
    updateAgency(w.db, w.actor("admin"), { id: tax, deadline: addDays(today, 10) });
    const subjects: string[] = [];
    for (const daysLeft of [10, 9, 6, 5, 1, 0]) {
      const now = w.clock.now + (10 - daysLeft) * DAY;
      watchAgencies(w.db, now);
      const saved = w.clock.now;
      w.clock.now = now;
      subjects.push(
        ...(await w.flush())
          .filter((m) => m.to.includes(PEOPLE.tax.email))
          .map((m) => m.subject)
          .filter((s) => /deadline/.test(s)),
      );
      w.clock.now = saved;
    }
    expect(subjects).toEqual([
      "10 days to the deadline of Tax Administration (FIN-TAX)",
      "6 days to the deadline of Tax Administration (FIN-TAX)",
      "1 day to the deadline of Tax Administration (FIN-TAX)",
    ]);
  });

  it("stale endpoints rising above the threshold are told when the share crosses it", async () => {
    const pol = [w.device("JUS-POL"), w.device("JUS-POL"), w.device("JUS-POL")];
    reportClean(w, pol);
    watchAgencies(w.db, w.clock.now);
    await w.flush();
    const mark = w.relay.mails.length;
    const later = w.clock.now + 8 * DAY;
    markStale(w.db, later, 7);
    watchAgencies(w.db, later);
    w.clock.now = later;
    const mails = (await w.flush()).filter((m) => m.text.includes("National Police (JUS-POL) are stale"));
    expect(recipients(mails)).toEqual(emails("admin", "officer"));
    expect(
      w
        .mailsTo("admin", mark)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("100% of the endpoints of National Police (JUS-POL) are stale");
    watchAgencies(w.db, later + 60_000);
    expect((await w.flush()).filter((m) => m.text.includes("JUS-POL) are stale"))).toEqual([]);
  });
});
