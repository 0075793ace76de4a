// Reports in a real browser: an officer drafts, checks and publishes a deployment-wide report
// (its figures are the database's), downloads it; an agency officer can only report on its own
// agency; an auditor reads published reports and sees nothing to publish with.
import { openE2eDb } from "./db";
import { expect, type Page, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

function query<T>(sql: string, ...params: unknown[]): T {
  const db = openE2eDb({ readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

const groupN = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

async function openDraft(page: Page, scope: string | null) {
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New report" });
  if (scope) await form.getByLabel("Scope").selectOption({ label: scope });
  await form.getByRole("button", { name: "Preview draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft report" })).toBeVisible();
  await expect(page.getByTestId("report-document")).toContainText("Draft — not published");
}

test("an officer drafts, publishes and downloads a deployment-wide report", async ({ page }) => {
  test.setTimeout(120_000); // the first PDF launches Chromium on the server
  await signIn(page, "officer");
  await openDraft(page, null);
  const totals = query<{ endpoints: number; needs: number; open: number }>(
    "select count(*) as endpoints, (select count(distinct endpoint_id) from findings where status = 'open') as needs, (select count(*) from findings where status = 'open') as open from endpoints",
  );
  const summary = page.getByTestId("report-summary");
  await expect(summary).toContainText(`had ${groupN(totals.endpoints)} endpoints enrolled`);
  await expect(summary).toContainText(`${groupN(totals.needs)} of them`);
  await expect(summary).toContainText(`${groupN(totals.open)} open findings in all`);
  await screenshot(page, "report-draft");

  await page.getByRole("button", { name: "Publish report…" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("nobody can change or delete a published report");
  await confirm.getByRole("button", { name: "Publish and freeze" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const id = Number(page.url().split("/").pop());
  const stored = query<{ sha256: string; scope: number | null }>("select sha256, scope_agency_id as scope from reports where id = ?", id);
  expect(stored.scope).toBeNull();
  await expect(page.getByRole("heading", { name: `Report no. ${id}` })).toBeVisible();
  await expect(page.getByTestId("report-fingerprint")).toHaveText(stored.sha256.match(/.{8}/g)!.join(" "));
  await expect(page.getByTestId("report-document")).not.toContainText("Draft — not published");
  await screenshot(page, "report-published");

  const pdf = await page.request.get(`/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const csv = await page.request.get(`/reports/${id}/agencies.csv`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trimEnd().split("\r\n").pop()).toContain(stored.sha256);

  await page.getByRole("link", { name: "Reports", exact: true }).first().click();
  await expect(page.locator(`tr[data-report="${id}"]`)).toContainText(stored.sha256.slice(0, 16));
});

test("an agency officer reports on its own agency only", async ({ page }) => {
  await signIn(page, "agency_officer");
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  const scope = page.getByRole("form", { name: "New report" }).getByLabel("Scope");
  // Its own agency and sub-agency; no "All agencies", nothing else.
  await expect(scope.locator("option")).toHaveText(["Prison Service (JUS-PRIS)", /^\s*Prison Service — North region \(JUS-PRIS-NORTH\)$/]);
  // Reports about the whole deployment or other agencies are not listed.
  const others = query<{ n: number }>("select count(*) as n from reports r left join agencies a on a.id = r.scope_agency_id where a.code is null or a.code not like 'JUS-PRIS%'");
  if (others.n > 0) await expect(page.locator("tr[data-report]")).toHaveCount(0);

  await openDraft(page, "Prison Service (JUS-PRIS)");
  await expect(page.getByTestId("report-document")).toContainText("Prison Service JUS-PRIS and its sub-agencies");
  await expect(page.getByTestId("report-document")).not.toContainText("National Police");
  await page.getByRole("button", { name: "Publish report…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Publish and freeze" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);

  // Asking for another agency by URL is refused.
  const police = query<{ id: number }>("select id from agencies where code = 'JUS-POL'");
  await page.goto(`/reports/new?agency=${police.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "That agency is outside your scope" })).toBeVisible();
  const foreign = query<{ id: number } | undefined>("select id from reports where scope_agency_id is null order by id limit 1");
  if (foreign) {
    expect((await page.request.get(`/reports/${foreign.id}/pdf`)).status()).toBe(403);
    await page.goto(`/reports/${foreign.id}`);
    await expect(page.getByText(/not found|could not be found/i).first()).toBeVisible();
  }
  await screenshot(page, "report-agency-officer");
});

test("an auditor reads published reports and cannot publish", async ({ page }) => {
  await signIn(page, "auditor");
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("form", { name: "New report" })).toHaveCount(0);
  const first = page.locator("tr[data-report] a").first();
  await expect(first).toBeVisible();
  await screenshot(page, "reports-list");
  await first.click();
  await expect(page.getByTestId("report-document")).toBeVisible();
  await expect(page.getByRole("button", { name: /Publish/ })).toHaveCount(0);
  await page.goto("/reports/new");
  await expect(page.getByRole("alert").filter({ hasText: "Auditors have read-only access" })).toBeVisible();
  await screenshot(page, "report-auditor");
});
