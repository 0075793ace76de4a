// The catalog grows in the field and ministries write their own bans, in the dashboard:
// - an officer classifies an antivirus the catalog does not know; the Linux machines that only had
//   it go from unprotected to clean at once, without a check-in;
// - an administrator writes a local ban on a vendor no built-in policy covers (CrowdStrike), puts
//   it in force after seeing its impact, and the endpoints carrying it are banned; withdrawing it
//   restores them (so later specs see the seeded fleet).
import { expect, test } from "@playwright/test";
import { count, query } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

test("an officer classifies an unrecognized antivirus; its endpoints become clean without a check-in", async ({ page }) => {
  const before = query<{ id: number; device_id: string; state: string }>(
    `select e.id, e.device_id, e.state from endpoints e join observations o on o.endpoint_id = e.id join software s on s.id = o.software_id
     where s.identifier = 'acme-antivirus' and o.removed_at is null order by e.id`,
  );
  expect(before.map((e) => e.state)).toEqual(["unprotected", "unprotected"]);
  const checkins = count("select count(*) as n from checkins");

  await signIn(page, "officer");
  await page.goto("/catalog");
  const row = page.getByTestId("unrecognized-table").locator("tr", { hasText: "acme-antivirus" });
  await expect(row.getByTestId("unrecognized-endpoints")).toHaveText("2");
  await row.getByRole("button", { name: "Classify acme-antivirus" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Classify: acme-antivirus");
  await expect(dialog.getByLabel("New vendor's name")).toHaveValue("Acme Security Ltd");
  await dialog.getByLabel("New product's name").fill("Acme Antivirus");
  await expect(dialog.getByLabel("Category")).toHaveValue("antivirus");
  await expect(dialog.getByLabel("Identifier: text")).toHaveValue("acme-antivirus");
  await screenshot(page, "catalog-classify-dialog");
  await dialog.getByRole("button", { name: "Classify and re-evaluate" }).click();
  await expect(dialog.getByRole("status")).toContainText("2 endpoints re-evaluated");
  await dialog.getByRole("button", { name: "Close" }).click();

  expect(query<{ state: string }>(`select state from endpoints where id in (${before.map((e) => e.id).join(",")})`).map((e) => e.state)).toEqual(["clean", "clean"]);
  expect(count("select count(*) as n from checkins")).toBe(checkins);
  const rules = page.getByTestId("local-rules-table");
  await expect(rules).toContainText("identifier is acme-antivirus");
  await expect(rules).toContainText("Acme Security Ltd · Acme Antivirus");
  await expect(page.getByTestId("unrecognized-table")).not.toContainText("acme-antivirus");
  await screenshot(page, "catalog-after-classify");
  await page.goto(`/endpoints/${before[0]!.device_id}`);
  await expect(page.locator("main")).toContainText("Acme Antivirus");
  expect(count("select count(*) as n from audit_log where action = 'catalog.classify'")).toBe(1);
});

test("an administrator bans a vendor no built-in policy covers; its endpoints become banned", async ({ page }) => {
  test.setTimeout(120_000); // two re-evaluations of the fleet and a dozen pages
  const carriers = () =>
    query<{ id: number; state: string }>(
      `select distinct e.id, e.state from endpoints e join observations o on o.endpoint_id = e.id join software s on s.id = o.software_id
       where s.vendor = 'crowdstrike' and o.removed_at is null order by e.id`,
    );
  const reporting = carriers().filter((e) => e.state !== "stale" && e.state !== "never-reported");
  expect(reporting.length).toBeGreaterThan(0);
  expect(reporting.some((e) => e.state === "banned")).toBe(false);

  await signIn(page, "admin");
  await page.goto("/policies");
  await page.getByRole("link", { name: "New local policy" }).click();
  await expect(page).toHaveURL(/\/policies\/new$/);
  const form = page.getByRole("form", { name: "Local policy" });
  await form.getByLabel("Title").fill("Ministerial ban on CrowdStrike");
  await form.getByLabel("Jurisdiction").fill("XX");
  await form.getByLabel("Legal reference").fill("Ministerial order 2026/31 on endpoint security suppliers");
  await form.getByLabel("Link to the text").fill("https://example.gov/orders/2026-31");
  await form.getByLabel("Effective date").fill("2026-01-01");
  await form.getByLabel("Deadline").fill("2025-12-01");
  await form.getByLabel("Vendors (every product of each)").selectOption("crowdstrike");
  await screenshot(page, "policy-new-form");
  // A deadline before the effective date is refused beside the field.
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(form.getByText("The deadline cannot be before the effective date")).toBeVisible();
  await form.getByLabel("Deadline").fill("2026-12-31");
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(page).toHaveURL(/\/policies$/);

  const row = page.locator("tr[data-policy=local-ministerial-ban-on-crowdstrike]");
  await expect(row).toContainText("Local");
  await expect(row).toContainText("Ministerial order 2026/31");
  await expect(row).toContainText("Not in force");
  await row.getByRole("button", { name: "Put in force: Ministerial ban on CrowdStrike" }).click();
  const dialog = page.getByRole("dialog");
  const inScope = carriers().length;
  await expect(dialog.getByTestId("policy-impact")).toContainText(`This will change the findings of ${inScope} endpoints (${inScope} have a product in its scope`);
  await screenshot(page, "policy-local-confirm");
  await dialog.getByRole("button", { name: "Confirm: put in force" }).click();
  await expect(row).toContainText("In force");
  await expect(row.getByRole("link", { name: "New version: Ministerial ban on CrowdStrike" })).toBeVisible();
  await expect(row.getByRole("link", { name: /^Edit:/ })).toHaveCount(0);

  // Answered once committed; the endpoints are re-evaluated right after (the page shows the progress).
  const reportingCarriers = () => carriers().filter((x) => reporting.some((r) => r.id === x.id));
  await expect.poll(() => reportingCarriers().map((e) => e.state)).toEqual(reportingCarriers().map(() => "banned"));
  await page.goto("/endpoints?state=banned");
  await expect(page.getByTestId("endpoints-table")).toContainText("CrowdStrike");
  await screenshot(page, "endpoints-banned-local-policy");

  // Withdrawn: the endpoints are back to what they were.
  await page.goto("/policies");
  await row.getByRole("button", { name: "Withdraw: Ministerial ban on CrowdStrike" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm: withdraw" }).click();
  await expect(row).toContainText("Not in force");
  await expect.poll(() => reportingCarriers().map((e) => e.state)).toEqual(reporting.map((e) => e.state));
});
