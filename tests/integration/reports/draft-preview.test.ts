// The preview page's draft carries only what the document shows (issue 15): the exceptions cut to
// the rows or groups of the annex with their full counts, no per-endpoint list. Every figure the
// page shows equals the published report built from the same data, and the document renders the
// same from the cut draft as from the whole one. A past reporting date (its findings counted one
// row at a time for a draft) and today (the live counts).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportDocument } from "~/app/(dashboard)/reports/_components/report-document";
import { ALL } from "~/server/access/scope";
import type { Actor } from "~/server/audit/log";
import { approveWaiver, requestWaiver } from "~/server/findings/waivers";
import { pageMessages } from "~/server/i18n/messages";
import { addDays, DAY_MS, dayOf } from "~/server/lib/time";
import { asks } from "~/server/reports/brief";
import { buildReportData } from "~/server/reports/build";
import { EXCEPTIONS_SHOWN, exceptionsShown, showExceptions } from "~/server/reports/exceptions-shown";
import { reportText } from "~/server/reports/i18n";
import { previewData } from "~/server/reports/preview";
import { loadReport, publishReport } from "~/server/reports/publish";
import { resolveReportScope } from "~/server/reports/scope";
import { buildSummary, summaryInput } from "~/server/reports/summary";
import type { ReportData } from "~/server/reports/types";
import { createCaller } from "~/server/trpc/root";
import { createTempDb, type TempDb } from "../../support/db";
import { type SeededFleet, seedFleet, USERS } from "./seed";

let t: TempDb;
let fleet: SeededFleet;
const GROUPS = EXCEPTIONS_SHOWN + 5;

/** More approved waivers than the annex lists, in more groups than it shows, decided three days ago. */
function exceptMany(): void {
  const { officer, admin } = fleet.users;
  const as = (u: { id: number; email: string }): Actor => ({ userId: u.id, label: u.email });
  const at = fleet.now - 3 * DAY_MS;
  const open = t.db.$client.prepare("select id from findings where status = 'open' and first_detected_at <= ? order by id limit ?").all(at - DAY_MS, GROUPS + 10) as { id: number }[];
  expect(open.length).toBe(GROUPS + 10);
  open.forEach((f, i) => {
    const input = {
      findingId: f.id,
      justification: `Certified instrument ${i % GROUPS}`,
      expiresAt: at + 60 * DAY_MS,
      compensatingControls: "Isolated segment.",
      extensionReason: "Replacement scheduled.",
    };
    const w = requestWaiver(t.db, { id: officer.id, role: "officer" }, as(officer), ALL, input, at);
    approveWaiver(t.db, { id: admin.id, role: "admin" }, as(admin), ALL, { waiverId: w.id, note: "Confirmed" }, at + 60_000);
  });
}

function render(data: ReportData): string {
  const rt = reportText("en");
  const children = createElement(ReportDocument, { data, published: null, rt });
  // AgentText (the exceptions' hostnames) reads its words from the page's provider.
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages: pageMessages("en"), timeZone: "UTC", children }));
}

/** What the page shows that does not depend on when the figures were read (today's are live). */
const figures = (d: ReportData) => ({
  scope: d.scope,
  asOf: d.asOf,
  previous: d.previous,
  totals: d.totals,
  agencies: d.agencies,
  products: d.products,
  burndown: d.burndown,
  replacement: d.replacement,
  evidence: d.evidence,
  method: d.method,
  exceptions: exceptionsShown(d),
  findings: d.findings.count,
  asks: asks(d, reportText("en")),
});

beforeAll(async () => {
  t = createTempDb();
  fleet = await seedFleet(t.db);
  exceptMany();
}, 180_000);
afterAll(() => t.cleanup());

describe("a draft preview", () => {
  const officer = () => ({ id: fleet.users.officer.id, email: USERS.officer.email, name: USERS.officer.name, role: "officer" as const, agencyId: null });
  const actor = () => ({ userId: fleet.users.officer.id, label: USERS.officer.email });

  for (const [when, daysBack] of [
    ["a past reporting date", 1],
    ["today", 0],
  ] as const) {
    it(`carries the cut lists with their full counts, and the published report's figures (${when})`, async () => {
      const asOf = addDays(dayOf(Date.now()), -daysBack);
      const caller = createCaller({ db: t.db, viewer: officer(), ip: "127.0.0.1" });
      const draft = await caller.reports.preview({ agencyId: null, asOf });
      const meta = publishReport(t.db, officer(), ALL, actor(), { agencyId: null, asOf });
      const published = loadReport(t.db, ALL, meta.id).data;

      // The annex: more exceptions than it lists, so the draft holds only its groups, with every count.
      expect(published.exceptions.length).toBeGreaterThan(EXCEPTIONS_SHOWN);
      expect(draft.exceptions).toEqual([]);
      expect(draft.exceptionsShown).toEqual(showExceptions(published.exceptions));
      expect(draft.exceptionsShown!.count).toBe(published.exceptions.length);
      expect(draft.exceptionsShown!.groups).toHaveLength(EXCEPTIONS_SHOWN);
      expect(draft.exceptionsShown!.groupCount).toBeGreaterThanOrEqual(GROUPS);
      // No per-endpoint list; its counts stay (a past day's endpoints counted as the list would hold them).
      expect(draft.findings.rows).toBe("");
      expect(published.findings.rows).not.toBe("");
      expect(draft.findings.count).toBe(published.findings.count);
      if (daysBack > 0) expect(draft.findings.endpoints).toBe(published.findings.endpoints);

      expect(figures(draft)).toEqual(figures(published));
      if (daysBack > 0) expect(buildSummary(summaryInput(draft), reportText("en"))).toBe(buildSummary(summaryInput(published), reportText("en")));
    });
  }

  it("renders the same document as the whole draft it was cut from", () => {
    const now = Date.now();
    for (const asOf of [addDays(dayOf(now), -1), dayOf(now)]) {
      const whole = buildReportData(t.db, resolveReportScope(t.db, ALL, null), { asOf, now, findingRows: false });
      const cut = previewData(whole);
      expect(cut.exceptions.length).toBeLessThan(whole.exceptions.length);
      const html = render(cut);
      expect(html).toContain(`${whole.exceptions.length} banned installs are kept under an approved, unexpired waiver`);
      expect(html).toMatch(/\d+ more justifications/);
      expect(html).toBe(render(whole));
      // An agency's draft with few exceptions keeps them all, listed one by one.
      let listed = 0;
      for (const id of Object.values(fleet.agencies)) {
        const mine = buildReportData(t.db, resolveReportScope(t.db, ALL, id), { asOf, now, findingRows: false });
        const preview = previewData(mine);
        if (mine.exceptions.length > 0 && mine.exceptions.length <= EXCEPTIONS_SHOWN) {
          listed++;
          expect(preview.exceptions).toEqual(mine.exceptions);
        }
        expect(render(preview)).toBe(render(mine));
      }
      expect(listed).toBeGreaterThan(0);
    }
  });
});
