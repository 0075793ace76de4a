// Every page for every role: it loads, shows what the role may see, and auditors get no control
// that changes anything. Screenshots of every page go to test-results/screens.
import { expect, type Page, test } from "@playwright/test";
import { count, num, one } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

const PAGES = ["/", "/agencies", "/agencies/FIN-TAX", "/endpoints", "/findings", "/policies", "/enrollment", "/audit"];
const MUTATIONS = /^(Revoke|Revoke endpoint|Request waiver|Approve|Reject|Put in force|Withdraw|Create token|Create agency|Create user)\b/;

async function mutationButtons(page: Page): Promise<string[]> {
  const names = await page.getByRole("button").evaluateAll((els) => els.map((e) => (e.getAttribute("aria-label") || e.textContent || "").trim()));
  return names.filter((n) => MUTATIONS.test(n));
}

test("an auditor reads every page and sees no button that changes anything", async ({ page }) => {
  await signIn(page, "auditor");
  const banned = one<{ device_id: string }>("select device_id from endpoints where state = 'banned' limit 1");
  for (const path of [...PAGES, `/endpoints/${banned.device_id}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(await mutationButtons(page), path).toEqual([]);
  }
  await page.goto("/enrollment");
  await expect(page.getByRole("form", { name: "Create enrollment token" })).toHaveCount(0);
  await expect(page.getByText("Auditors have read-only access")).toBeVisible();
  await screenshot(page, "enrollment-auditor");
  await page.goto("/findings");
  await screenshot(page, "findings-auditor");
});

test("officers and administrators see the controls their role allows", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/policies");
  await expect(page.getByRole("button", { name: /^Put in force:/ }).first()).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, "officer");
  await page.goto("/policies");
  await expect(page.getByRole("button", { name: /^(Put in force|Withdraw):/ })).toHaveCount(0);
  await expect(page.getByText("Only administrators write local policies and change which policies are in force.")).toBeVisible();
  await expect(page.getByRole("link", { name: "New local policy" })).toHaveCount(0);
  await page.goto("/enrollment");
  await expect(page.getByRole("form", { name: "Create enrollment token" })).toBeVisible();
});

test("screenshots of every page, as an administrator, at laptop size", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "admin");
  const ep = one<{ device_id: string }>("select device_id from endpoints where state = 'remnants' limit 1");
  const shots: [string, string][] = [
    ["/", "laptop-overview"],
    ["/agencies", "laptop-agencies"],
    ["/agencies/MIN-JUS", "laptop-agency"],
    ["/endpoints", "laptop-endpoints"],
    [`/endpoints/${ep.device_id}`, "laptop-endpoint-remnants"],
    ["/findings", "laptop-findings"],
    ["/policies", "laptop-policies"],
    ["/policies/new", "laptop-policy-new"],
    ["/catalog", "laptop-catalog"],
    ["/enrollment", "laptop-enrollment"],
    ["/audit", "laptop-audit"],
  ];
  for (const [path, name] of shots) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
    // Nothing is wider than the screen: tables fit without a horizontal scroll of the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    // ...and no table needs its own horizontal scroll bar at 1366 px.
    const wide = await page
      .locator(".table-wrap")
      .evaluateAll((els) =>
        els
          .filter((e) => !e.closest("details:not([open])") && (e as HTMLElement).offsetParent !== null && e.scrollWidth - e.clientWidth > 1)
          .map((e) => e.querySelector("caption")?.textContent ?? "?"),
      );
    expect(wide, `${path}: tables wider than the screen`).toEqual([]);
    await screenshot(page, name);
  }
  await page.emulateMedia({ media: "print" });
  await page.goto("/");
  await expect(page.locator(".sidebar")).toBeHidden();
  await screenshot(page, "print-overview");
});

test("policies: the confirmation says how many endpoints a change affects", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/policies");
  const row = page.locator("tr[data-policy=ua-decree-133-2017]");
  await expect(row).toContainText("Not in force");
  await row.getByRole("button", { name: /^Put in force:/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("policy-impact")).toBeVisible();
  // Kaspersky is already banned by the policy in force: only Dr.Web endpoints would change (none here).
  const withScope = count("select count(distinct o.endpoint_id) as n from observations o join software s on s.id = o.software_id where o.removed_at is null and s.vendor in ('kaspersky', 'drweb')");
  await expect(dialog.getByTestId("policy-impact")).toContainText(`(${withScope.toLocaleString("en-GB")} have a product in its scope`);
  await screenshot(page, "policies-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("Not in force");
  await expect(page.locator("tr[data-policy=lt-2017-kaspersky]")).toContainText("In force");
  // The unrecognized entries with how many endpoints report each (on the Catalog page).
  await page.goto("/catalog");
  const acme = count("select count(*) as n from observations o join software s on s.id = o.software_id where s.unrecognized = true and s.name = 'Acme Endpoint Shield' and o.removed_at is null");
  const cell = page.getByTestId("unrecognized-table").locator("tr", { hasText: "Acme Endpoint Shield" }).getByTestId("unrecognized-endpoints");
  expect(num(await cell.textContent())).toBe(acme);
  await page.goto("/policies");
  await expect(page.locator("details[data-vendor=kaspersky]")).toHaveAttribute("open", "");
  // The vendors no policy covers come 40 at a time, by name, and are found by vendor or product name.
  const shown = page.getByTestId("others-shown");
  await expect(shown).toContainText(/^1–40 of [\d,]+ vendors no policy covers/);
  await expect(page.locator(".vendor-list details:not([open])")).toHaveCount(40);
  await page.getByRole("navigation", { name: "Pages of the other vendors" }).getByRole("link", { name: "Next" }).click();
  await expect(shown).toContainText(/^41–80 of /);
  await expect(page).toHaveURL(/\/policies\?after=[a-z0-9-]+#catalog$/);
  const search = page.getByRole("search", { name: "Find a vendor or product in the catalog" });
  await search.getByRole("searchbox").fill("nod32");
  await search.getByRole("button", { name: "Find" }).click();
  await expect(shown).toContainText("1–1 of 1 vendor whose name or a product's name contains “nod32”");
  await expect(page.locator("details[data-vendor=eset]")).toHaveAttribute("open", "");
  await expect(page.locator("details[data-vendor=eset]")).toContainText("ESET HOME Security / NOD32");
  await page.locator("#catalog").screenshot({ path: "test-results/screens/policies-find-vendor.png" });
  await search.getByRole("searchbox").fill("no such thing anywhere");
  await search.getByRole("button", { name: "Find" }).click();
  await expect(shown).toHaveText("No other vendor or product contains “no such thing anywhere”.");
});

test("the audit log is searchable and pages back in time", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-table").locator("tbody tr")).toHaveCount(50);
  const form = page.getByRole("search", { name: "Search the audit log" });
  await form.getByLabel("Action").fill("waiver.approve");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=waiver\.approve/);
  const approvals = count("select count(*) as n from audit_log where action = 'waiver.approve'");
  await expect(page.getByTestId("audit-table").locator("tbody tr")).toHaveCount(approvals);
  await page.goto("/audit");
  const first = await page.getByTestId("audit-table").locator("tbody tr").first().textContent();
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/cursor=\d+/);
  expect(await page.getByTestId("audit-table").locator("tbody tr").first().textContent()).not.toBe(first);
  await screenshot(page, "audit");
});
