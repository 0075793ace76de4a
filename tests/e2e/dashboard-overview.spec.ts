// Overview and Agencies: the figures on the pages are the database's, for every role's scope.
import { expect, test } from "@playwright/test";
import { count, inList, num, query, subtree } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

const STATES = [
  ["banned", "figure-banned"],
  ["remnants", "figure-remnants"],
  ["unprotected", "figure-unprotected"],
  ["stale", "figure-stale"],
  ["excepted", "figure-excepted"],
  ["clean", "figure-clean"],
  ["never-reported", "figure-never-reported"],
] as const;

test("the Overview figures equal the database and the Endpoints list", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(num(await page.getByTestId("figure-endpoints").textContent())).toBe(count("select count(*) as n from endpoints"));
  for (const [state, id] of STATES) {
    expect(num(await page.getByTestId(id).textContent()), state).toBe(count("select count(*) as n from endpoints where state = ?", state));
  }
  const banned = num(await page.getByTestId("figure-banned").textContent());
  expect(banned).toBeGreaterThan(0);
  const dayAgo = Date.now() - 86_400_000;
  expect(num(await page.getByTestId("figure-reporting-24h").textContent())).toBe(count("select count(*) as n from endpoints where last_report_at >= ?", dayAgo));

  // Each chart has a text alternative: the banned products table lists the open findings.
  await page.locator("#products-title").locator("xpath=ancestor::section").getByText("Data table").click();
  const productRows = page.getByTestId("products-table").locator("tbody tr");
  const openByTable = (await productRows.locator("td.num").allTextContents()).reduce((s, t) => s + num(t), 0);
  expect(openByTable).toBe(count("select count(*) as n from findings where status = 'open'"));
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await screenshot(page, "overview-admin");

  // Following the Banned figure lists exactly the banned endpoints.
  await page.getByTestId("figure-banned").click();
  await expect(page).toHaveURL(/\/endpoints\?needs=action&state=banned/);
  expect(num(await page.getByTestId("endpoints-total").textContent())).toBe(banned);
  await expect(page.getByTestId("endpoints-table").locator("tbody tr")).toHaveCount(Math.min(banned, 50));
  await expect(page.getByTestId("endpoints-table").locator("[data-state=banned]")).toHaveCount(Math.min(banned, 50));
});

test("an agency officer's Overview adds up its own subtree only", async ({ page }) => {
  await signIn(page, "agency_officer");
  await page.goto("/");
  const ids = subtree("JUS-PRIS");
  expect(ids.length).toBeGreaterThan(1);
  expect(num(await page.getByTestId("figure-endpoints").textContent())).toBe(count(`select count(*) as n from endpoints where agency_id in ${inList(ids)}`));
  for (const [state, id] of STATES) {
    expect(num(await page.getByTestId(id).textContent()), state).toBe(count(`select count(*) as n from endpoints where state = ? and agency_id in ${inList(ids)}`, state));
  }
  // The per-agency table names its agencies and no other.
  const codes = await page.getByTestId("states-table").locator("tbody th a").allTextContents();
  expect(codes.sort()).toEqual(
    query<{ code: string }>(`select code from agencies where id in ${inList(ids)} and id in (select agency_id from endpoints)`)
      .map((r) => r.code)
      .sort(),
  );
  await expect(page.getByText("Prison Service and its sub-agencies")).toBeVisible();
  await screenshot(page, "overview-agency-officer");
});

test("the Agencies page shows each subtree's progress, expandable, with the status rule", async ({ page }) => {
  await signIn(page, "officer");
  await page.goto("/agencies");
  const tree = page.getByTestId("agency-tree");
  // Sub-agencies of a ministry are shown; deeper levels open on demand.
  await expect(tree.locator("tr[data-agency=JUS-PRIS]")).toBeVisible();
  await expect(tree.locator("tr[data-agency=JUS-PRIS-NORTH]")).toHaveCount(0);
  await page.getByRole("button", { name: "Expand Prison Service" }).click();
  await expect(tree.locator("tr[data-agency=JUS-PRIS-NORTH]")).toBeVisible();
  for (const code of ["MIN-JUS", "JUS-PRIS", "JUS-PRIS-NORTH", "FIN-TAX"]) {
    const open = count(`select count(*) as n from findings where status = 'open' and agency_id in ${inList(subtree(code))}`);
    expect(num(await tree.locator(`tr[data-agency=${code}]`).getByTestId("open-findings").textContent()), code).toBe(open);
  }
  // Every row has a status whose rule is on hover and in the legend.
  await expect(tree.locator("tr[data-agency=FIN-TAX] .badge")).toHaveAttribute("title", /.+/);
  await page.getByText("How the projection and status are worked out").click();
  await expect(page.getByText(/Projected completion = today \+ open findings/)).toBeVisible();
  await screenshot(page, "agencies");

  await tree.getByRole("link", { name: "Tax Administration" }).click();
  await expect(page.getByRole("heading", { name: "Tax Administration" })).toBeVisible();
  const taxIds = subtree("FIN-TAX");
  expect(num(await page.getByTestId("agency-banned").textContent())).toBe(count(`select count(*) as n from endpoints where state = 'banned' and agency_id in ${inList(taxIds)}`));
  expect(num(await page.getByTestId("agency-needs-action").textContent())).toBe(
    count(`select count(distinct endpoint_id) as n from findings where status = 'open' and agency_id in ${inList(taxIds)}`),
  );
  await expect(page.getByTestId("waivers-table")).toContainText("approved");
  await screenshot(page, "agency-detail");
});

test("an agency officer sees only its subtree on Agencies, and another agency is a 404", async ({ page }) => {
  await signIn(page, "agency_officer");
  await page.goto("/agencies");
  const tree = page.getByTestId("agency-tree");
  await expect(tree.locator("tr[data-agency=JUS-PRIS]")).toBeVisible();
  await expect(tree.locator("tr[data-agency=JUS-POL]")).toHaveCount(0);
  await expect(tree.locator("tr[data-agency=MIN-JUS]")).toHaveCount(0);
  const res = await page.goto("/agencies/FIN-TAX");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Back to the Overview");
  expect((await page.goto("/agencies/JUS-PRIS-NORTH"))?.status()).toBe(200);
  await screenshot(page, "agency-detail-agency-officer");
});
