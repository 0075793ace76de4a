// The officer's week and the minister's page (issue 20), in a real browser on the seeded data:
// one exact "needs action" figure agreeing on every surface, honest roll-ups, what changed over a
// period, the agency pack, the governed waiver dialog at 1366 px, the signed and verifiable report,
// and the small things (404, invalid filters, skip link).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { count, expectDialogFits, figure, inList, one, parseCsv, publishDeploymentReport, query, readZip, subtree } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

test.use({ viewport: { width: 1366, height: 900 } });

/** The truth: endpoints with at least one open finding. */
const needsAction = (ids?: number[]) => count(`select count(distinct endpoint_id) as n from findings where status = 'open'${ids ? ` and agency_id in ${inList(ids)}` : ""}`);

test("needs action: the same exact figure on the Overview, agency pages, Endpoints list, exports, agency pack and report", async ({ page }) => {
  test.setTimeout(180_000);
  const truth = needsAction();
  const parts = one<{ banned: number; remnants: number; stale: number }>(
    `select sum(case when state = 'banned' then 1 else 0 end) as banned, sum(case when state = 'remnants' then 1 else 0 end) as remnants,
       sum(case when state = 'stale' and id in (select endpoint_id from findings where status = 'open') then 1 else 0 end) as stale from endpoints`,
  );
  expect(parts.stale, "the seed has a stale endpoint last seen with banned software").toBeGreaterThan(0);
  expect(parts.banned + parts.remnants + parts.stale).toBe(truth);

  await signIn(page, "officer");
  await page.goto("/");
  expect(await figure(page, "figure-needs-action")).toBe(truth);
  expect(await figure(page, "figure-banned")).toBe(parts.banned);
  expect(await figure(page, "figure-remnants")).toBe(parts.remnants);
  expect(await figure(page, "figure-stale-banned")).toBe(parts.stale);
  await screenshot(page, "i20-overview");

  // Each tile opens exactly the list it counts.
  await page.getByTestId("figure-stale-banned").click();
  await expect(page).toHaveURL(/needs=action&state=stale/);
  expect(await figure(page, "endpoints-total")).toBe(parts.stale);
  await page.goto("/");
  await page.getByTestId("figure-needs-action").click();
  await expect(page).toHaveURL(/\/endpoints\?needs=action$/);
  expect(await figure(page, "endpoints-total")).toBe(truth);
  await expect(page.getByText("estimated")).toHaveCount(0);

  // The agency pages of the top-level agencies add up to the same figure.
  let sum = 0;
  for (const code of query<{ code: string }>("select code from agencies where parent_id is null").map((r) => r.code)) {
    await page.goto(`/agencies/${code}`);
    const n = await figure(page, "agency-needs-action");
    expect(n, code).toBe(needsAction(subtree(code)));
    sum += n;
  }
  expect(sum).toBe(truth);

  // The CSV export of that list: one row per endpoint, the same endpoints.
  const res = await page.request.get("/endpoints/export?needs=action");
  expect(res.headers()["content-disposition"]).toMatch(/filename="endpoints-needs-action-all-\d{4}-\d{2}-\d{2}\.csv"/);
  const rows = parseCsv(await res.text()).slice(1);
  expect(rows.length).toBe(truth);
  expect(new Set(rows.map((r) => r[1])).size).toBe(truth);

  // The agency pack: its CSV lists exactly the subtree's endpoints that need action.
  const pack = await page.request.get("/agencies/MIN-JUS/pack");
  expect(pack.status()).toBe(200);
  expect(pack.headers()["content-disposition"]).toMatch(/filename="agency-pack-min-jus-\d{4}-\d{2}-\d{2}\.zip"/);
  const files = readZip(await pack.body());
  const names = [...files.keys()];
  expect(names.some((n) => /^needs-action-min-jus-\d{4}-\d{2}-\d{2}\.csv$/.test(n))).toBe(true);
  expect(names.some((n) => /^waivers-in-force-min-jus-\d{4}-\d{2}-\d{2}\.csv$/.test(n))).toBe(true);
  const packCsv = parseCsv(files.get(names.find((n) => n.startsWith("needs-action"))!)!.toString("utf8")).slice(1);
  expect(new Set(packCsv.map((r) => r[2])).size).toBe(needsAction(subtree("MIN-JUS")));
  expect(
    packCsv.every((r) => r[12]!.length > 10),
    "every finding carries its removal steps",
  ).toBe(true);
  const packPdf = files.get(names.find((n) => n.endsWith(".pdf"))!)!;
  expect(packPdf.subarray(0, 5).toString()).toBe("%PDF-");
  const dir = path.join("test-results", "i20");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "pack.pdf"), packPdf);
  expect(execFileSync("pdfinfo", [path.join(dir, "pack.pdf")]).toString()).toMatch(/Tagged:\s+yes/);

  // The published report: its brief, its progress table and its endpoints CSV.
  const id = await publishDeploymentReport(page);
  expect(await figure(page, "brief-needs-action")).toBe(truth);
  expect(await figure(page, "report-needs-action-total")).toBe(truth);
  const csv = parseCsv(await (await page.request.get(`/reports/${id}/endpoints.csv`)).text());
  const open = csv.slice(1).filter((r) => r[11] === "open");
  expect(new Set(open.map((r) => r[3])).size).toBe(truth);
});

test("honest roll-ups: an overdue sub-agency makes its parents overdue, said on the page; Agencies filter and sort by status", async ({ page }) => {
  await signIn(page, "officer");
  await page.goto("/agencies/JUS-PRIS");
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "overdue");
  await expect(page.getByTestId("status-from")).toContainText("because of Prison Service — North region");
  await page.goto("/agencies/MIN-JUS");
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "overdue");

  await page.goto("/agencies?status=behind");
  const tree = page.getByTestId("agency-tree");
  for (const code of ["MIN-JUS", "JUS-PRIS", "JUS-PRIS-NORTH"]) await expect(tree.locator(`tr[data-agency="${code}"]`)).toBeVisible();
  const statuses = await tree.locator("tbody [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  expect(statuses.every((s) => s === "overdue" || s === "at-risk")).toBe(true);
  await page.getByTestId("agency-status-filter").selectOption("");
  await page.getByTestId("agency-sort").selectOption("status");
  const sorted = await tree.locator("tbody [data-status]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
  const rank = { overdue: 4, "at-risk": 3, "no-deadline": 2, "on-track": 1, done: 0 } as Record<string, number>;
  expect(sorted.map((s) => rank[s!])).toEqual([...sorted.map((s) => rank[s!])].sort((a, b) => b! - a!));
  await screenshot(page, "i20-agencies-by-status");

  // The Overview's "behind" tile counts exactly the agencies that filter lists.
  await page.goto("/");
  const behind = await figure(page, "figure-behind");
  await page.getByTestId("figure-behind").click();
  await expect(page.getByTestId("agency-count")).toHaveText(`${behind} of ${count("select count(*) as n from agencies")} agencies shown`);
});

test("what changed: a period picker and the lists behind each tile", async ({ page }) => {
  await signIn(page, "officer");
  const from = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  await page.goto(`/?from=${from}&to=${to}`);
  await expect(page.getByRole("heading", { name: /What changed/ })).toContainText("(21 days)");
  const lo = Date.parse(`${from}T00:00:00Z`);
  const hi = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  const expected = {
    detected: count("select count(*) as n from findings where first_detected_at >= ? and first_detected_at < ?", lo, hi),
    removed: count("select count(*) as n from findings where status = 'resolved' and resolved_at >= ? and resolved_at < ?", lo, hi),
    reinstalled: count("select count(*) as n from findings where reopened_at >= ? and reopened_at < ?", lo, hi),
    stale: count("select count(*) as n from endpoints where state = 'stale' and state_changed_at >= ? and state_changed_at < ?", lo, hi),
  };
  expect(expected.detected).toBeGreaterThan(0);
  expect(expected.reinstalled).toBeGreaterThan(0);
  for (const [k, n] of Object.entries(expected)) expect(await figure(page, `change-${k}`), k).toBe(n);
  await page.getByTestId("change-reinstalled").click();
  await expect(page).toHaveURL(/\/changes\?kind=reinstalled/);
  expect(await figure(page, "changes-total")).toBe(expected.reinstalled);
  await expect(page.getByTestId("changes-table").locator("tbody tr")).toHaveCount(expected.reinstalled);
  await screenshot(page, "i20-changes");

  // An impossible range is reported, not silently replaced.
  await page.goto(`/?from=${to}&to=${from}`);
  await expect(page.getByTestId("invalid-filters")).toContainText("The period starts after it ends");
});

test("waivers at 1366 px: the dialog fits, asks for controls; a decision is confirmed with a note and shows who decided", async ({ page }) => {
  await signIn(page, "agency_officer");
  const host = one<{ device_id: string; hostname: string; n: number }>(
    `select e.device_id, e.hostname, count(*) as n from findings f join endpoints e on e.id = f.endpoint_id
     where f.status = 'open' and f.agency_id in ${inList(subtree("JUS-PRIS"))} and f.id not in (select finding_id from waivers)
     group by e.id order by e.hostname limit 1`,
  );
  await page.goto("/findings");
  await page
    .getByRole("button", { name: /^Request waiver for/ })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Request a waiver" });
  await expect(dialog).toBeVisible();
  await expectDialogFits(dialog, ["Cancel", "Send request"]);
  await screenshot(page, "i20-waiver-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // A request for the whole machine from its page, beyond the deadline with a reason.
  await page.goto(`/endpoints/${host.device_id}`);
  const ask = page.getByRole("button", { name: /^Request (one waiver for all \d+ banned products|waiver) for/ }).first();
  await ask.click();
  const d2 = page.getByRole("dialog", { name: "Request a waiver" });
  await d2.getByLabel("Justification").fill("Laboratory analyser certified only with this configuration.");
  await d2.getByLabel("Compensating controls").fill("Isolated VLAN, no internet, monitored by the SOC.");
  const later = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  await d2.getByLabel("Expires on").fill(later);
  await d2.getByLabel("Why beyond the deadline").fill("The certified replacement ships after the agency deadline.");
  await d2.getByRole("button", { name: "Send request" }).click();
  await expect(d2).toBeHidden();
  const requested = one<{ n: number; c: string }>(
    "select count(*) as n, max(compensating_controls) as c from waivers where endpoint_id = (select id from endpoints where device_id = ?) and status = 'pending'",
    host.device_id,
  );
  expect(requested.c).toBe("Isolated VLAN, no internet, monitored by the SOC.");

  // An officer decides: confirmation with a decision note; the approver is shown.
  await page.context().clearCookies();
  await signIn(page, "officer");
  await page.goto(`/endpoints/${host.device_id}`);
  await page
    .getByRole("button", { name: /^Approve waiver for/ })
    .first()
    .click();
  const confirm = page.getByRole("dialog", { name: "Approve this waiver request?" });
  await expect(confirm).toContainText("Isolated VLAN, no internet, monitored by the SOC.");
  await screenshot(page, "i20-approve-dialog");
  await confirm.getByRole("button", { name: "Approve waiver" }).click();
  await expect(confirm.getByLabel("Decision note")).toBeFocused(); // required: nothing sent without it
  await confirm.getByLabel("Decision note").fill("Accepted until the replacement ships.");
  await confirm.getByRole("button", { name: "Approve waiver" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("waiver-decided-by").first()).toContainText("Approved by Otto Officer");
  expect(count("select count(*) as n from waivers where endpoint_id = (select id from endpoints where device_id = ?) and status = 'approved' and decision_note is not null", host.device_id)).toBe(
    requested.n,
  );
});

test("the report: brief first, annex, signed PAdES PDF (pdfsig), tagged, verifiable at /verify", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "officer");
  const id = await publishDeploymentReport(page);
  await expect(page.getByTestId("report-brief")).toContainText("What is asked of you");
  await expect(page.getByTestId("brief-behind")).toContainText("Prison Service — North region");
  await expect(page.getByTestId("report-summary")).not.toContainText("will be met");
  await expect(page.getByTestId("report-annex")).toContainText("Annex A. Waivers in force");
  await expect(page.getByTestId("report-verify")).toContainText("/verify");
  await screenshot(page, "i20-report");

  const dir = path.join("test-results", "i20");
  fs.mkdirSync(dir, { recursive: true });
  const pdfPath = path.join(dir, `report-${id}.pdf`);
  const pdf = await (await page.request.get(`/reports/${id}/pdf`)).body();
  fs.writeFileSync(pdfPath, pdf);
  expect(execFileSync("pdfinfo", [pdfPath]).toString()).toMatch(/Tagged:\s+yes/);
  const sig = execFileSync("pdfsig", [pdfPath]).toString();
  expect(sig).toContain("Signature Type: ETSI.CAdES.detached");
  expect(sig).toContain("Signature Validation: Signature is Valid.");
  expect(sig).toContain("Muster e2e report signer");
  // One changed byte inside the signed range: the signature no longer holds.
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf("/Type /Page") + 1;
  tampered[at] = tampered[at] === 0x54 ? 0x55 : 0x54;
  const tamperedPath = path.join(dir, `report-${id}-tampered.pdf`);
  fs.writeFileSync(tamperedPath, tampered);
  let out = "";
  try {
    out = execFileSync("pdfsig", [tamperedPath], { stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch (err) {
    out = String((err as { stdout?: Buffer }).stdout ?? "");
  }
  expect(out).not.toContain("Signature is Valid.");
  expect(out).toMatch(/Signature is Invalid|Digest Mismatch/);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdfPath, path.join(dir, `report-${id}`)]);

  // /verify, signed out: the PDF file and the fingerprint are recognised; the tampered copy is not.
  await page.context().clearCookies();
  await page.goto("/verify");
  await page.getByLabel("Report file").setInputFiles(pdfPath);
  await expect(page.getByTestId("verify-result")).toContainText("Published by this Muster");
  await expect(page.getByTestId("verify-result")).toContainText(`No. ${id}`);
  await expect(page.getByTestId("verify-result")).toContainText("Otto Officer");
  await screenshot(page, "i20-verify");
  await page.goto("/verify");
  await page.getByLabel("Report file").setInputFiles(tamperedPath);
  await expect(page.getByTestId("verify-result")).toContainText("Not published by this Muster");
  const sha = one<{ sha256: string }>("select sha256 from reports where id = ?", id).sha256;
  await page.goto(`/verify?sha256=${sha.toUpperCase().match(/.{8}/g)!.join(" ")}`);
  await expect(page.getByTestId("verify-result")).toContainText("its data file");
});

test("small things: a styled 404 with a way back, invalid filters reported, a skip link", async ({ page }) => {
  await signIn(page, "officer");
  const res = await page.goto("/no-such-page");
  expect(res!.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("does not exist");
  await page.getByRole("link", { name: "Back to the Overview" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.goto("/endpoints?state=bogus&os=windows");
  await expect(page.getByTestId("invalid-filters")).toContainText("state=bogus");
  expect((await page.request.get("/endpoints/export?state=bogus")).status()).toBe(400);

  await page.goto("/endpoints");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#content")).toBeFocused();
});
