// Daily digests and weekly summaries, delivered through the real relay: once a day per person after
// the digest hour, the figures and the day's changes of exactly their agencies, the alerts of the
// period they may hear about, and sent also when nothing changed ("no change" is information).
// The daily digest is also rendered in Chromium and screenshotted (test-results/notify/).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { CHROMIUM_ARGS, requireChromium } from "~/server/lib/chromium";
import { requestWaiver } from "~/server/findings/waivers";
import { writeDigests } from "~/server/notify/schedule";
import { DAY, makeWorld, PEOPLE, reportClean, reportKaspersky, T0, type World } from "./world";

let w: World;
const HOUR = 3_600_000;
/** Sunday 4 January 2026, 09:00 UTC: the day before T0 (a Monday). */
const SUNDAY = T0 - DAY;

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "7" } });
  w.clock.now = SUNDAY;
  const pris = [w.device("JUS-PRIS"), w.device("JUS-PRIS"), w.device("JUS-PRIS-N")];
  const tax = [w.device("FIN-TAX"), w.device("FIN-TAX")];
  reportKaspersky(w, [...pris, ...tax], SUNDAY);
  reportClean(w, [tax[0]!], SUNDAY + 2 * HOUR); // one removal in FIN-TAX
  const findingId = (w.db.$client.prepare("select id from findings where agency_id = ? and status = 'open' order by id limit 1").get(w.agencies["JUS-PRIS"]) as { id: number }).id;
  const pia = { id: w.users.pris, email: PEOPLE.pris.email, name: PEOPLE.pris.name, role: "agency_officer" as const, agencyId: w.agencies["JUS-PRIS"]! };
  requestWaiver(
    w.db,
    pia,
    w.actor("pris"),
    ALL,
    {
      findingId,
      justification: "Air-gapped laboratory machine, replacement in February.",
      compensatingControls: "Isolated network segment, traffic monitored.",
      extensionReason: "The replacement is scheduled after the removal deadline.",
      expiresAt: SUNDAY + 40 * DAY,
    },
    SUNDAY + 3 * HOUR,
  );
  w.clock.now = SUNDAY + 4 * HOUR;
  await w.flush(); // Sunday's alerts
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const digestsTo = (who: keyof typeof PEOPLE, since: number) => w.mailsTo(who, since).filter((m) => /digest|summary/.test(m.subject));

describe("daily digest and weekly summary", () => {
  it("waits for the digest hour, then writes one per person: their agencies only, with the day's changes", async () => {
    w.clock.now = T0 - 3 * HOUR; // Monday 06:00 UTC, before the hour
    expect(writeDigests(w.db, w.clock.now, w.cfg)).toEqual({ daily: 0, weekly: 0 });
    w.clock.now = T0; // 09:00
    const mark = w.relay.mails.length;
    expect(writeDigests(w.db, w.clock.now, w.cfg)).toEqual({ daily: 4, weekly: 1 });
    await w.flush();
    // Once a day: a second pass writes nothing.
    expect(writeDigests(w.db, w.clock.now + HOUR, w.cfg)).toEqual({ daily: 0, weekly: 0 });

    const pris = digestsTo("pris", mark);
    expect(pris).toHaveLength(1);
    expect(pris[0]!.subject).toBe("Muster daily digest, January 4, 2026: 3 endpoints with banned software");
    expect(pris[0]!.text).toContain("Changes on January 4, 2026, and the figures now.");
    expect(pris[0]!.text).toMatch(/New findings\s+3\n/);
    expect(pris[0]!.text).toContain("Prison Service (JUS-PRIS)");
    expect(pris[0]!.text).toContain("Prison Service North (JUS-PRIS-N)");
    // An agency officer's digest never carries another agency's data, not even the ministry's totals.
    for (const foreign of ["FIN-TAX", "Tax Administration", "JUS-POL", "National Police", "MIN-JUS", "Ministry"]) {
      expect(pris[0]!.text, foreign).not.toContain(foreign);
      expect(pris[0]!.html, foreign).not.toContain(foreign);
    }
    // The waiver request is for approvers: not in the requester's digest; in the officer's.
    expect(pris[0]!.text).not.toContain("Waiver requested");
    const officer = digestsTo("officer", mark)[0]!;
    expect(officer.text).toContain("Waiver requested for Kaspersky Endpoint Security");
    expect(officer.text).toMatch(/New findings\s+5\n/);
    expect(officer.text).toMatch(/Removals\s+1\n/);

    const tax = digestsTo("tax", mark)[0]!;
    expect(tax.subject).toBe("Muster daily digest, January 4, 2026: 1 endpoint with banned software");
    expect(tax.text).not.toContain("Prison");

    // Monday: the auditor's weekly summary (and no daily digest: not chosen by default).
    const auditor = digestsTo("auditor", mark);
    expect(auditor.map((m) => m.subject)).toEqual(["Muster weekly summary, December 29, 2025 to January 4, 2026: 4 endpoints with banned software"]);
    expect(auditor[0]!.text).toContain("Tax Administration (FIN-TAX)");
    expect(auditor[0]!.text).toContain("Prison Service (JUS-PRIS)");
    expect(auditor[0]!.headers["list-unsubscribe"]).toContain("/unsubscribe?token=");

    // Rendered as a mail client would: in Chromium, for the README and for a look.
    const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 760, height: 900 } });
      await page.setContent(officer.html!, { waitUntil: "load" });
      expect(await page.locator("h1").textContent()).toBe("Daily digest");
      expect(await page.locator("table table").first().isVisible()).toBe(true);
      const dir = path.join(process.cwd(), "test-results", "notify");
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, "daily-digest.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("is sent also when nothing changed, and says so", async () => {
    w.clock.now = T0 + DAY; // Tuesday 09:00: nothing happened on Monday
    const mark = w.relay.mails.length;
    expect(writeDigests(w.db, w.clock.now, w.cfg)).toEqual({ daily: 4, weekly: 0 });
    await w.flush();
    const pris = digestsTo("pris", mark)[0]!;
    expect(pris.subject).toBe("Muster daily digest, January 5, 2026: no change");
    expect(pris.text).toContain("No change since the last digest");
    expect(pris.text).toMatch(/Banned software\s+3\n/); // the figures are there all the same

    // The next Monday: the weekly summary again, with the week's one change (Sunday's was last week).
    w.clock.now = T0 + 7 * DAY;
    const m2 = w.relay.mails.length;
    writeDigests(w.db, w.clock.now, w.cfg);
    await w.flush();
    const weekly = digestsTo("auditor", m2)[0]!;
    expect(weekly.subject).toBe("Muster weekly summary, January 5, 2026 to January 11, 2026: 4 endpoints with banned software");
    expect(weekly.text).toContain("No change since the last summary");
  });

  it("after missed days covers all of them", async () => {
    w.clock.now = T0 + 10 * DAY; // the last daily digest was written on the 12th; now the 15th
    const mark = w.relay.mails.length;
    writeDigests(w.db, w.clock.now, w.cfg);
    await w.flush();
    expect(digestsTo("pris", mark)[0]!.text).toContain("Changes from January 12, 2026 to January 14, 2026");
  });

  it("is written in Dutch for a person whose language is Dutch; English when no language is set", async () => {
    w.db.$client.prepare("update users set locale = 'nl' where id = ?").run(w.users.tax);
    w.clock.now = T0 + 11 * DAY; // Friday 16 January, 09:00
    const mark = w.relay.mails.length;
    writeDigests(w.db, w.clock.now, w.cfg);
    await w.flush();
    const tax = w.mailsTo("tax", mark);
    expect(tax.map((m) => m.subject)).toEqual(["Muster dagoverzicht, 15 januari 2026: geen verandering"]);
    expect(tax[0]!.text).toContain("Beste Tom Tax,");
    expect(tax[0]!.text).toContain("Geen verandering sinds het vorige dagoverzicht");
    expect(tax[0]!.text).toMatch(/Verboden software\s+1\n/);
    expect(tax[0]!.text).toMatch(/Het dagoverzicht stoppen: \S+\/unsubscribe\?token=\S+&lang=nl\n/); // the page speaks the e-mail's language
    expect(tax[0]!.html).toContain('<html lang="nl">');
    expect(tax[0]!.html).toContain("Per organisatie");
    expect(tax[0]!.html).not.toContain("By agency");
    // Everyone else (no language chosen) still reads English.
    expect(digestsTo("pris", mark)[0]!.subject).toBe("Muster daily digest, January 15, 2026: no change");
    w.db.$client.prepare("update users set locale = null where id = ?").run(w.users.tax);
  });
});
