// Endpoints: filters in the URL, keyset pages, CSV export of the current filter, the detail page
// with removal instructions, and the agency scope on all of it (404s, not leaks).
import { expect, test } from "@playwright/test";
import { count, inList, num, one, parseCsv, query, subtree } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

test("filters live in the URL and the list matches the database", async ({ page }) => {
  await signIn(page, "officer");
  await page.goto("/endpoints");
  const form = page.getByRole("form", { name: "Filter endpoints" });
  await form.getByLabel("Agency").selectOption("JUS-PRIS");
  await form.getByLabel("State").selectOption("banned");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/agency=JUS-PRIS/);
  await expect(page).toHaveURL(/state=banned/);
  const ids = subtree("JUS-PRIS");
  const expected = query<{ hostname: string }>(`select hostname from endpoints where state = 'banned' and agency_id in ${inList(ids)} order by hostname collate nocase, id`).map((r) => r.hostname);
  expect(expected.length).toBeGreaterThan(0);
  expect(num(await page.getByTestId("endpoints-total").textContent())).toBe(expected.length);
  await expect(page.getByTestId("endpoints-table").locator("tbody tr td:first-child a")).toHaveText(expected);
  await screenshot(page, "endpoints-filtered");

  // The same view from a shared link; hostname prefix and OS filters.
  await page.goto("/endpoints?q=TAX-MAC&os=darwin");
  const macs = query<{ hostname: string }>("select hostname from endpoints where hostname like 'tax-mac%' and os_platform = 'darwin' order by hostname collate nocase").map((r) => r.hostname);
  await expect(page.getByTestId("endpoints-table").locator("tbody tr td:first-child a")).toHaveText(macs);
  await expect(page.getByRole("form", { name: "Filter endpoints" }).getByLabel("Hostname starts with")).toHaveValue("TAX-MAC");

  // Vendor present, and last report older than N days.
  await page.goto("/endpoints?present=vendor:kaspersky");
  const withKaspersky = count("select count(distinct o.endpoint_id) as n from observations o join software s on s.id = o.software_id where s.vendor = 'kaspersky' and o.removed_at is null");
  expect(num(await page.getByTestId("endpoints-total").textContent())).toBe(withKaspersky);
  // The filter offers the vendors the fleet carries and those a policy names, not the whole catalog.
  const present = page.getByRole("form", { name: "Filter endpoints" }).getByLabel("Has vendor or product");
  const carried = query<{ v: string }>(
    "select distinct s.vendor as v from observations o join software s on s.id = o.software_id where o.removed_at is null and s.vendor is not null and s.vendor <> 'unidentified'",
  ).map((r) => r.v);
  const named = query<{ vendors: string }>("select vendors from policies").flatMap((r) => JSON.parse(r.vendors) as string[]);
  await expect(present.locator("option[value^='vendor:']")).toHaveCount(new Set([...carried, ...named]).size);
  await expect(present).toHaveValue("vendor:kaspersky");
  await page.goto("/endpoints?olderThan=5");
  const old = query<{ hostname: string }>("select hostname from endpoints where last_report_at < ? order by hostname collate nocase, id", Date.now() - 5 * 86_400_000);
  expect(old.length).toBeGreaterThan(0);
  await expect(page.getByTestId("endpoints-table").locator("tbody tr td:first-child a")).toHaveText(old.map((r) => r.hostname));
});

test("pages follow each other with keyset links, sorted as asked", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/endpoints?sort=-hostname");
  const all = query<{ hostname: string }>("select hostname from endpoints order by hostname collate nocase desc, id desc").map((r) => r.hostname);
  expect(all.length).toBeGreaterThan(50);
  const links = page.getByTestId("endpoints-table").locator("tbody tr td:first-child a");
  await expect(links).toHaveText(all.slice(0, 50));
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(links).toHaveText(all.slice(50, 100));
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(links).toHaveText(all.slice(0, 50));
  await page.goto("/endpoints?sort=lastReport");
  const byReport = query<{ hostname: string }>("select hostname from endpoints order by last_report_at is not null, last_report_at, id").map((r) => r.hostname);
  await expect(links).toHaveText(byReport.slice(0, 50));
});

test("CSV export streams the current filter, and an agency officer cannot export another agency", async ({ page }) => {
  await signIn(page, "officer");
  const res = await page.request.get("/endpoints/export?state=banned");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="endpoints-banned-all-\d{4}-\d{2}-\d{2}\.csv"/);
  const rows = parseCsv(await res.text());
  expect(rows[0]).toEqual([
    "hostname",
    "device_id",
    "agency_code",
    "agency_name",
    "state",
    "banned_products",
    "os_platform",
    "os_name",
    "os_version",
    "agent_version",
    "last_report_at",
    "enrolled_at",
    "revoked_at",
    "evidence",
  ]);
  const banned = query<{ device_id: string }>("select device_id from endpoints where state = 'banned'")
    .map((r) => r.device_id)
    .sort();
  expect(
    rows
      .slice(1)
      .map((r) => r[1])
      .sort(),
  ).toEqual(banned);
  expect(new Set(rows.slice(1).map((r) => r[4]))).toEqual(new Set(["banned"]));

  await page.context().clearCookies();
  expect((await page.request.get("/endpoints/export")).status()).toBe(401);

  await signIn(page, "agency_officer");
  const mine = parseCsv(await (await page.request.get("/endpoints/export")).text()).slice(1);
  const ids = subtree("JUS-PRIS");
  expect(mine.length).toBe(count(`select count(*) as n from endpoints where agency_id in ${inList(ids)}`));
  expect(new Set(mine.map((r) => r[2]))).toEqual(
    new Set(query<{ code: string }>(`select distinct a.code from endpoints e join agencies a on a.id = e.agency_id where e.agency_id in ${inList(ids)}`).map((r) => r.code)),
  );
  expect((await page.request.get("/endpoints/export?agency=FIN-TAX")).status()).toBe(404);
  expect((await page.request.get("/findings/export?agency=FIN-TAX")).status()).toBe(404);
  const findings = parseCsv(await (await page.request.get("/findings/export")).text()).slice(1);
  expect(findings.length).toBe(count(`select count(*) as n from findings where status = 'open' and agency_id in ${inList(ids)}`));
});

test("an agency officer cannot open another agency's endpoint, and sees only its own in lists", async ({ page }) => {
  const other = one<{ device_id: string; hostname: string }>(
    "select e.device_id, e.hostname from endpoints e join agencies a on a.id = e.agency_id where a.code = 'FIN-TAX' and e.state = 'banned' limit 1",
  );
  await signIn(page, "agency_officer");
  const res = await page.goto(`/endpoints/${other.device_id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Back to the Overview");
  await page.goto(`/endpoints?q=${other.hostname}`);
  await expect(page.getByTestId("endpoints-table").locator("tbody tr")).toHaveText([/No endpoint matches/]);
  // The agency filter offers its own agencies only.
  const options = await page.getByRole("form", { name: "Filter endpoints" }).getByLabel("Agency").locator("option").allTextContents();
  expect(options.map((o) => o.trim())).toEqual(["All agencies", "JUS-PRIS · Prison Service", "JUS-PRIS-NORTH · Prison Service — North region"]);
  await page.goto("/endpoints?agency=FIN-TAX");
  expect(num(await page.getByTestId("endpoints-total").textContent())).toBe(0);
});

test("the endpoint page shows identity, protection, findings, timeline and how to remove what is banned", async ({ page }) => {
  // The seeded reinstall: Kaspersky Endpoint Security and its Network Agent back after removal.
  const ep = one<{ device_id: string; hostname: string; id: number }>(
    "select e.device_id, e.hostname, e.id from endpoints e where exists (select 1 from endpoint_events v where v.endpoint_id = e.id and v.kind = 'reinstalled') and e.os_platform = 'windows' and e.state = 'banned' limit 1",
  );
  await signIn(page, "officer");
  await page.goto(`/endpoints/${ep.device_id}`);
  await expect(page.getByRole("heading", { name: ep.hostname })).toBeVisible();
  await expect(page.getByText(ep.device_id)).toBeVisible();
  await expect(page.getByTestId("timeline").locator("li[data-kind=reinstalled]").first()).toBeVisible();
  await expect(page.getByTestId("timeline").locator("li[data-kind=removed]").first()).toBeVisible();
  const guide = (name: RegExp) => page.getByTestId("removal-guide").filter({ has: page.getByRole("heading", { name }) });
  await expect(guide(/^Kaspersky Endpoint Security/)).toContainText("kavremvr.exe");
  await expect(guide(/^Kaspersky Endpoint Security/)).toContainText("KLPASSWD");
  await expect(guide(/^Kaspersky Security Center Network Agent/)).toContainText("removing one leaves the other");
  const open = count("select count(*) as n from findings where endpoint_id = ? and status = 'open'", ep.id);
  await expect(page.getByTestId("endpoint-findings").locator("tbody tr")).toHaveCount(count("select count(*) as n from findings where endpoint_id = ?", ep.id));
  await expect(page.getByRole("button", { name: /Request waiver/ })).toHaveCount(open);
  await expect(page.getByRole("heading", { name: "Protection" }).locator("xpath=..")).toContainText(/Security Center|enabled|disabled/);
  await expect(page.getByRole("button", { name: "Revoke endpoint" })).toBeVisible();
  await screenshot(page, "endpoint-detail");
});

test("an officer revokes an endpoint after confirming", async ({ page }) => {
  const ep = one<{ device_id: string; hostname: string; id: number }>(
    "select e.device_id, e.hostname, e.id from endpoints e join agencies a on a.id = e.agency_id where a.code = 'MIN-FIN' and e.revoked_at is null order by e.id limit 1",
  );
  await signIn(page, "officer");
  await page.goto(`/endpoints/${ep.device_id}`);
  await page.getByRole("button", { name: "Revoke endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Revoke ${ep.hostname}?`);
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
  expect(one<{ revoked_at: number | null }>("select revoked_at from endpoints where id = ?", ep.id).revoked_at).not.toBeNull();
  await expect(page.getByRole("button", { name: "Revoke endpoint" })).toHaveCount(0);
});
