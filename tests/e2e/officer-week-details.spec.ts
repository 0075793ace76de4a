// The officer's week (issue 20), the parts officer-week.spec.ts leaves out: the all-agencies pack
// (one folder per agency in the viewer's scope, CSV and PDF saying the same), the waiver dialog at
// 1366 px on the endpoint and agency pages, the burn-down labels that never overlap (with a deadline
// days away), and the report's brief: its signature block on the PDF's first page and a burn-down
// caption that speaks of the peak when the ban started inside the period; and the Overview's change
// per agency, since the day before the period and since the last published report.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { count, expectDialogFits, inList, one, parseCsv, publishDeploymentReport, query, readZip, subtree } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";
import { E2E_USERS } from "./users";

test.use({ viewport: { width: 1366, height: 900 } });

const DIR = path.join("test-results", "i20-details");
const today = () => new Date().toISOString().slice(0, 10);
const needsAction = (ids: number[]) => count(`select count(distinct endpoint_id) as n from findings where status = 'open' and agency_id in ${inList(ids)}`);
const waiversInForce = (ids: number[]) => count(`select count(*) as n from waivers where status = 'approved' and expires_at > ? and agency_id in ${inList(ids)}`, Date.now());
const codesOf = (ids: number[]) => query<{ code: string }>(`select code from agencies where id in ${inList(ids)} order by path`).map((r) => r.code);

/** The text of a PDF (all pages, or the given one), through poppler's pdftotext: laid out as
 *  printed, or in reading order (`flow`, where a cell's wrapped lines follow each other). */
function pdfText(pdf: Buffer, name: string, opts: { page?: number; flow?: boolean } = {}): string {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, name);
  fs.writeFileSync(file, pdf);
  const range = opts.page ? ["-f", String(opts.page), "-l", String(opts.page)] : [];
  return execFileSync("pdftotext", [...(opts.flow ? [] : ["-layout"]), ...range, file, "-"]).toString();
}

/** Hostnames wrap at their hyphens in narrow cells (and pdftotext drops a hyphen at a line end). */
const squash = (s: string) => s.replace(/[\s-]/g, "");

async function allPacks(page: Page) {
  const res = await page.request.get("/agencies/pack");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/zip");
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="agency-packs-all-agencies-${today()}.zip"`);
  return readZip(await res.body());
}

test("all agency packs: one folder per agency in scope, each listing its endpoints that need action, its waivers and a PDF that agrees", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "officer");
  await page.goto("/agencies");
  await expect(page.getByTestId("all-agency-packs")).toHaveAttribute("href", "/agencies/pack");
  const files = await allPacks(page);
  const codes = query<{ code: string }>("select code from agencies order by path").map((r) => r.code);
  const folders = [...new Set([...files.keys()].map((n) => n.split("/")[0]!))];
  expect(folders).toEqual(codes.map((c) => c.toLowerCase()));
  for (const code of codes) {
    const slug = code.toLowerCase();
    const ids = subtree(code);
    const names = [...files.keys()].filter((n) => n.startsWith(`${slug}/`)).sort();
    expect(names, code).toEqual([`${slug}/agency-pack-${slug}-${today()}.pdf`, `${slug}/needs-action-${slug}-${today()}.csv`, `${slug}/waivers-in-force-${slug}-${today()}.csv`]);
    const [header, ...rows] = parseCsv(files.get(names[1]!)!.toString("utf8"));
    expect(header![0]).toBe("agency_code");
    // One row per open finding: exactly the subtree's open findings, on its endpoints that need action.
    expect(rows.length, `${code} open findings`).toBe(count(`select count(*) as n from findings where status = 'open' and agency_id in ${inList(ids)}`));
    expect(new Set(rows.map((r) => r[2])).size, `${code} endpoints`).toBe(needsAction(ids));
    expect(
      rows.every((r) => codesOf(ids).includes(r[0]!)),
      `${code}: only its own subtree`,
    ).toBe(true);
    expect(
      rows.every((r) => r[12]!.length > 10),
      `${code}: removal steps on every row`,
    ).toBe(true);
    const waivers = parseCsv(files.get(names[2]!)!.toString("utf8")).slice(1);
    expect(waivers.length, `${code} waivers in force`).toBe(waiversInForce(ids));
    expect(
      waivers.every((w) => w[5]!.length > 0),
      `${code}: each waiver names its approver`,
    ).toBe(true);
    const text = pdfText(files.get(names[0]!)!, `${slug}.pdf`);
    const name = one<{ name: string }>("select name from agencies where code = ?", code).name;
    expect(text, code).toContain(`Agency pack: ${name}`);
    expect(text, code).toContain(`Endpoints that need action (${needsAction(ids)})`);
    expect(text, code).toContain(`Waivers in force (${waiversInForce(ids)})`);
    const flow = squash(pdfText(files.get(names[0]!)!, `${slug}.pdf`, { flow: true }));
    for (const host of new Set(rows.map((r) => r[1]!))) expect(flow, `${code}: ${host} in the PDF`).toContain(squash(host));
  }

  // An agency officer's ZIP holds its own agency and its sub-agencies, nothing else.
  await page.context().clearCookies();
  await signIn(page, "agency_officer");
  const own = await allPacks(page);
  expect([...new Set([...own.keys()].map((n) => n.split("/")[0]!))]).toEqual(codesOf(subtree(E2E_USERS.agency_officer.agency)).map((c) => c.toLowerCase()));
  await page.context().clearCookies();
  expect((await page.request.get("/agencies/pack")).status()).toBe(401);
});

test("waivers at 1366 px: the request dialog fits on the endpoint page and on the agency page too", async ({ page }) => {
  await signIn(page, "agency_officer");
  const host = one<{ device_id: string }>(
    `select e.device_id from findings f join endpoints e on e.id = f.endpoint_id
     where f.status = 'open' and f.agency_id in ${inList(subtree("JUS-PRIS"))} and f.id not in (select finding_id from waivers where status = 'pending')
     order by e.hostname limit 1`,
  );
  for (const [url, shot] of [
    [`/endpoints/${host.device_id}`, "i20-waiver-dialog-endpoint"],
    ["/agencies/JUS-PRIS", "i20-waiver-dialog-agency"],
  ] as const) {
    await page.goto(url);
    await page
      .getByRole("button", { name: /^Request (one waiver for all \d+ banned products|waiver) for/ })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: "Request a waiver" });
    await expect(dialog).toBeVisible();
    await expectDialogFits(dialog, ["Cancel", "Send request"]);
    await expect(dialog.getByLabel("Compensating controls")).toBeVisible();
    await screenshot(page, shot);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  }
});

/** The boxes of the chart's "Deadline …" and "Today" labels (in the page's pixels). */
async function labelBoxes(page: Page) {
  const chart = page.locator(".chart-box").first();
  await expect(chart.locator("svg text", { hasText: "Today" })).toBeVisible();
  const box = async (text: string | RegExp) => (await chart.locator("svg text", { hasText: text }).first().boundingBox())!;
  return { chart: (await chart.boundingBox())!, deadline: await box(/^Deadline /), today: await box(/^Today$/) };
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 1 && a.y >= outer.y - 1 && a.x + a.width <= outer.x + outer.width + 1 && a.y + a.height <= outer.y + outer.height + 1;

test("burn-down labels: 'Deadline' and 'Today' never overlap, the deadline days before or after today", async ({ page }) => {
  const agency = one<{ id: number; deadline: string | null }>("select id, deadline from agencies where code = 'FIN-TAX'");
  await signIn(page, "admin");
  const setDeadline = async (deadline: string | null) => {
    const res = await page.request.post("/api/trpc/agencies.update", { data: { json: { id: agency.id, deadline } } });
    expect(res.status(), await res.text()).toBe(200);
  };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  try {
    for (const offset of [2, 0, -2]) {
      await setDeadline(day(offset));
      await page.goto("/agencies/FIN-TAX");
      const b = await labelBoxes(page);
      expect(overlap(b.deadline, b.today), `deadline ${offset} days from today`).toBe(false);
      expect(inside(b.deadline, b.chart), "the deadline label inside the chart").toBe(true);
      expect(inside(b.today, b.chart), "the today label inside the chart").toBe(true);
      if (offset === 2) await screenshot(page, "i20-burndown-deadline-near");
    }
  } finally {
    await setDeadline(agency.deadline);
  }
});

test("the report's brief: a signature block on the PDF's first page; the burn-down caption speaks of the peak", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "officer");
  // A draft is not signed off by anyone yet.
  await page.goto("/reports");
  await page.getByRole("form", { name: "New report" }).getByRole("button", { name: "Preview draft" }).click();
  await expect(page.getByRole("table", { name: "Signature block" })).toContainText("Draft: not published");

  const id = await publishDeploymentReport(page);
  const block = page.getByRole("table", { name: "Signature block" });
  await expect(block.getByRole("row").nth(0)).toContainText(/Prepared and published\s*Otto Officer, /);
  await expect(block.getByRole("row").nth(1)).toContainText(/Submitted by \(name, function\)\s*Date/);
  await expect(block.getByRole("row").nth(2)).toContainText("Signature");
  await expect(page.getByTestId("report-brief").getByRole("table", { name: "Signature block" })).toBeVisible();
  await screenshot(page, "i20-report-brief");

  const pdf = await (await page.request.get(`/reports/${id}/pdf`)).body();
  const first = pdfText(pdf, `report-${id}.pdf`, { page: 1 });
  expect(first).toContain("What is asked of you");
  expect(first).toMatch(/Prepared and published\s+Otto Officer, /);
  expect(first).toMatch(/Submitted by \(name, function\)\s+Date/);
  expect(first).toContain("Signature");
  expect(pdfText(pdf, `report-${id}.pdf`, { page: 2 })).not.toContain("Submitted by (name, function)");

  // The ban took effect on the first day of the history: the caption gives the peak and where the
  // figure stands, never "went from 0 to …".
  const caption = (await page.locator("#burndown-caption").textContent())!;
  expect(caption).not.toMatch(/went from 0 /);
  const m = caption.match(/^The policies in force took effect on .+?\. Open findings peaked at ([\d,]+) on .+? and stood at ([\d,]+) on /);
  expect(m, caption).not.toBeNull();
  const peak = one<{ n: number }>(
    `select max((select sum(x.open_findings) from agency_daily x
       where x.day = (select max(y.day) from agency_daily y where y.agency_id = x.agency_id and y.day <= d.day))) as n
     from (select distinct day from agency_daily) d`,
  ).n;
  expect(Number(m![1]!.replace(/,/g, ""))).toBe(peak);
  expect(Number(m![2]!.replace(/,/g, ""))).toBe(count("select count(*) as n from findings where status = 'open'"));
});

/** A subtree's needs action and open findings at the end of `day` (each agency's last daily row on or before it). */
function levelsAt(ids: number[], day: string) {
  const rows = query<{ na: number; open: number }>(
    `select d.banned + d.remnants + d.stale_banned as na, d.open_findings as open from agency_daily d
     where d.agency_id in ${inList(ids)} and d.day = (select max(day) from agency_daily x where x.agency_id = d.agency_id and x.day <= ?)`,
    day,
  );
  return { na: rows.reduce((n, r) => n + r.na, 0), open: rows.reduce((n, r) => n + r.open, 0) };
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0");
const openFindings = (ids: number[]) => count(`select count(*) as n from findings where status = 'open' and agency_id in ${inList(ids)}`);

test("the change per agency on the Overview: since the day before the period and since the last published report", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  const id = await publishDeploymentReport(page);
  const dayBefore = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10); // the default period is the last 7 days
  const table = page.getByTestId("change-by-agency");
  const cells = async (code: string) => (await table.locator(`tr[data-agency="${code}"] td`).allTextContents()).map((t) => t.trim());
  const codes = query<{ code: string }>("select code from agencies order by path").map((r) => r.code);

  await page.goto("/");
  await expect(table.locator("thead")).toContainText(`Change since report no. ${id}`);
  for (const code of codes) {
    const ids = subtree(code);
    const before = levelsAt(ids, dayBefore);
    const na = needsAction(ids);
    const open = openFindings(ids);
    expect(await cells(code), code).toEqual([String(na), signed(na - before.na), String(open), signed(open - before.open), "0"]);
  }

  // A waiver approved after the report: one agency (and its parent) has fewer open findings than the report says.
  const pending = one<{ n: number; hostname: string }>(
    `select count(*) as n, min(e.hostname) as hostname from waivers w join endpoints e on e.id = w.endpoint_id
     where w.status = 'pending' and w.agency_id in ${inList(subtree("FIN-TAX"))}`,
  );
  expect(pending.n).toBeGreaterThan(0);
  await page.goto("/agencies/FIN-TAX");
  await page.getByRole("button", { name: new RegExp(`^Approve waiver for .*${pending.hostname}`) }).click();
  const confirm = page.getByRole("dialog", { name: "Approve this waiver request?" });
  await confirm.getByLabel("Decision note").fill("Replacement licence confirmed.");
  await confirm.getByRole("button", { name: "Approve waiver" }).click();
  await expect(confirm).toBeHidden();
  await page.goto("/");
  for (const code of codes) expect((await cells(code))[4], code).toBe(["FIN-TAX", "MIN-FIN"].includes(code) ? signed(-pending.n) : "0");
  await screenshot(page, "i20-change-by-agency");
});
