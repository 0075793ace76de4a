// Subscriptions: per person, per event immediately / in the digest / not at all, for chosen
// agencies within their scope; unsubscribe links make one change without signing in; every change
// is audited; and an agency officer never receives another agency's data, whatever they choose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeFor } from "~/server/access/scope";
import { MusterError } from "~/server/lib/errors";
import { applyUnsubscribe, readPreferences, updateMyPreferences } from "~/server/notify/preferences";
import { verifyUnsubscribeToken } from "~/server/notify/secrets";
import { writeDigests } from "~/server/notify/schedule";
import { DAY, makeWorld, PEOPLE, reportKaspersky, T0, type Who, type World } from "./world";

let w: World;
const viewer = (who: Who) => ({
  id: w.users[who],
  email: PEOPLE[who].email,
  name: PEOPLE[who].name,
  role: PEOPLE[who].role,
  agencyId: PEOPLE[who].agencyCode ? w.agencies[PEOPLE[who].agencyCode!]! : null,
});
const save = (who: Who, input: Parameters<typeof updateMyPreferences>[4]) => updateMyPreferences(w.db, viewer(who), scopeFor(w.db, viewer(who)), w.actor(who), input, w.clock.now);
const findingsIn = async (...codes: string[]) => {
  reportKaspersky(
    w,
    codes.map((c) => w.device(c)),
  );
  w.clock.now += 61_000;
  return w.flush();
};

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" } });
}, 60_000);
afterAll(async () => {
  await w?.close();
});

describe("subscriptions", () => {
  it("off, immediate and digest per event; audited", async () => {
    save("officer", { modes: { "finding.new": "off" }, agencies: null, dailyDigest: true, weeklySummary: false });
    save("admin", { modes: { "finding.new": "digest" }, agencies: null, dailyDigest: true, weeklySummary: false });
    const mails = await findingsIn("JUS-POL");
    expect(mails.flatMap((m) => m.to)).toEqual([]); // neither of them now; no one else sees JUS-POL at once
    // The next day's digest has the event for the one who chose "digest", not for the one who chose "off".
    const later = T0 + DAY + 14.5 * 3_600_000; // 23:30 UTC, past this file's digest hour
    writeDigests(w.db, later, w.cfg);
    w.clock.now = later;
    const digests = await w.flush();
    expect(digests.find((m) => m.to.includes(PEOPLE.admin.email))!.text).toContain("new finding of banned software in National Police (JUS-POL)");
    expect(digests.find((m) => m.to.includes(PEOPLE.officer.email))!.text).not.toContain("new finding of banned software in National Police");
    const audit = w.db.$client.prepare("select actor_user_id as who, details from audit_log where action = 'notify.preferences' order by id").all() as { who: number; details: string }[];
    expect(audit.map((a) => a.who)).toEqual([w.users.officer, w.users.admin]);
    expect(JSON.parse(audit[0]!.details).modes["finding.new"]).toBe("off");
  });

  it("chosen agencies narrow what one hears; an agency includes its sub-agencies", async () => {
    save("officer", { modes: { "finding.new": "immediate" }, agencies: [w.agencies["JUS-PRIS"]!], dailyDigest: false, weeklySummary: false });
    const mails = await findingsIn("JUS-PRIS-N", "FIN-TAX");
    const officer = mails.filter((m) => m.to.includes(PEOPLE.officer.email));
    expect(officer).toHaveLength(1);
    expect(officer[0]!.text).toContain("Prison Service North (JUS-PRIS-N)");
    expect(officer[0]!.text).not.toContain("FIN-TAX");
  });

  it("an agency officer cannot choose another agency, and never hears of one", async () => {
    expect(() => save("pris", { modes: {}, agencies: [w.agencies["FIN-TAX"]!], dailyDigest: true, weeklySummary: true })).toThrow(MusterError);
    expect(() => save("pris", { modes: {}, agencies: [w.agencies["MIN-JUS"]!], dailyDigest: true, weeklySummary: true })).toThrow(/outside your scope/);
    expect(readPreferences(w.db, w.users.pris, "agency_officer").agencies).toBeNull();
    // Everything on, every event immediately: still nothing from outside JUS-PRIS's subtree.
    save("pris", { modes: Object.fromEntries(["finding.new", "report.published", "waiver.requested"].map((e) => [e, "immediate"])), agencies: null, dailyDigest: true, weeklySummary: true });
    const mails = await findingsIn("FIN-TAX", "JUS-POL", "MIN-JUS");
    expect(mails.filter((m) => m.to.includes(PEOPLE.pris.email))).toEqual([]);
    // And in every message ever sent to the Prison officer, no other agency's code or name.
    const all = w.relay.mails.filter((m) => m.to.includes(PEOPLE.pris.email));
    for (const m of all) for (const foreign of ["FIN-TAX", "Tax Administration", "JUS-POL", "National Police", "MIN-JUS"]) expect(m.text + m.html, foreign).not.toContain(foreign);
  });

  it("an unsubscribe link makes its one change without signing in, audited under the person", async () => {
    reportKaspersky(w, [w.device("FIN-TAX")]);
    w.clock.now += 61_000;
    const mails = await w.flush();
    const tax = mails.find((m) => m.to.includes(PEOPLE.tax.email))!;
    const url = new URL(tax.headers["list-unsubscribe"]!.slice(1, -1));
    const token = url.searchParams.get("token")!;
    expect(verifyUnsubscribeToken(token, w.clock.now)).toEqual({ userId: w.users.tax, target: "alert" });
    expect(applyUnsubscribe(w.db, w.users.tax, "alert", "203.0.113.9", w.clock.now)).toEqual({ email: PEOPLE.tax.email, changed: true });
    const prefs = readPreferences(w.db, w.users.tax, "agency_officer");
    expect(Object.values(prefs.modes).every((m) => m !== "immediate")).toBe(true);
    expect(prefs.dailyDigest).toBe(true); // the one change only
    const audit = w.db.$client.prepare("select actor, actor_user_id as who, ip from audit_log where action = 'notify.unsubscribe'").get();
    expect(audit).toEqual({ actor: `${PEOPLE.tax.email} (unsubscribe link)`, who: w.users.tax, ip: "203.0.113.9" });
    expect((await findingsIn("FIN-TAX")).filter((m) => m.to.includes(PEOPLE.tax.email))).toEqual([]);
    // A second click changes nothing (and writes no second audit entry).
    expect(applyUnsubscribe(w.db, w.users.tax, "alert", null, w.clock.now).changed).toBe(false);
    w.clock.now += DAY;
  });
});
