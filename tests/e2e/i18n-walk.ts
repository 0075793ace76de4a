// Issue 17's language-wide walks: every page each role can open (ids taken from the seeded
// database), signing in whatever the page language, and opening every kind of dialog a page has.
import { expect, type Page } from "@playwright/test";
import { query } from "./dashboard-helpers";
import { E2E_PASSWORD, E2E_USERS, type E2ERole } from "./users";

export const ROLES: E2ERole[] = ["admin", "officer", "agency_officer", "auditor"];

export type WalkPage = { name: string; path: string };

/** The pages a role can open, with real ids from the seeded database (in the agency officer's scope for them). */
export function pagesFor(role: E2ERole): WalkPage[] {
  const agencyCode = role === "agency_officer" ? E2E_USERS.agency_officer.agency : "MIN-JUS";
  const device = query<{ device_id: string }>("select e.device_id from endpoints e join agencies a on a.id = e.agency_id where a.code = ? and e.state = 'banned' order by e.id limit 1", "JUS-PRIS")[0]!
    .device_id;
  const report = query<{ id: number }>("select id from reports order by id limit 1")[0];
  const local = query<{ id: number; first: number | null }>("select id, first_in_force_at as first from policies where origin = 'local' and superseded_at is null order by id limit 1")[0];
  const pages: WalkPage[] = [
    { name: "overview", path: "/" },
    { name: "agencies", path: "/agencies" },
    { name: "agency", path: `/agencies/${agencyCode}` },
    { name: "endpoints", path: "/endpoints" },
    { name: "endpoint", path: `/endpoints/${encodeURIComponent(device)}` },
    { name: "findings", path: "/findings" },
    { name: "changes", path: "/changes" },
    { name: "reports", path: "/reports" },
    { name: "policies", path: "/policies" },
    { name: "catalog", path: "/catalog" },
    { name: "enrollment", path: "/enrollment" },
    { name: "import", path: "/import" },
    { name: "notifications", path: "/notifications" },
    { name: "audit", path: "/audit" },
    { name: "not-found", path: "/agencies/NO-SUCH-AGENCY" },
  ];
  if (role !== "auditor") pages.push({ name: "report-new", path: "/reports/new" });
  if (report) pages.push({ name: "report", path: `/reports/${report.id}` });
  if (role === "admin") {
    pages.push({ name: "users", path: "/users" }, { name: "policy-new", path: "/policies/new" }, { name: "notification-channels", path: "/notifications/channels" });
    if (local) pages.push({ name: "policy-edit", path: `/policies/${local.id}/edit${local.first === null ? "" : "?as=version"}` });
  }
  return pages;
}

/** Signs in through the form whatever language it is in (fields by name, not by label). */
export async function signInAnyLanguage(page: Page, role: E2ERole) {
  await page.goto("/signin");
  await page.locator("input[name=email]").fill(E2E_USERS[role].email);
  await page.locator("input[name=password]").fill(E2E_PASSWORD);
  await page.locator("form button[type=submit]").first().click();
  await expect(page.getByTestId("viewer-email")).toHaveText(E2E_USERS[role].email);
}

/** Opens a page and waits until it has settled (no loading skeleton left). */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

/**
 * Opens, one after the other, the first dialog of each kind on the page (a kind: the dialog's
 * class and the tags of its children, so a table's hundred row dialogs count once), runs `look`
 * while it is open, and closes it. Returns how many it opened.
 */
export async function eachDialog(page: Page, look: (index: number) => Promise<void>): Promise<number> {
  const kinds = await page.locator("dialog").evaluateAll((dialogs) => {
    const seen = new Map<string, number>();
    dialogs.forEach((d, i) => {
      const kind = `${d.className}|${[...d.querySelectorAll("*")].map((c) => c.tagName).join(",")}`;
      if (!seen.has(kind)) seen.set(kind, i);
    });
    return [...seen.values()];
  });
  for (const [n, i] of kinds.entries()) {
    const dialog = page.locator("dialog").nth(i);
    await dialog.evaluate((d: HTMLDialogElement) => d.showModal());
    await expect(dialog).toBeVisible();
    await look(n);
    await dialog.evaluate((d: HTMLDialogElement) => d.close());
  }
  return kinds.length;
}

/** Captions of the tables (or "page") that are wider than the screen: the page scrolls sideways or a table needs its own scroll bar. */
export async function overflowing(page: Page): Promise<string[]> {
  const wide = await page
    .locator(".table-wrap")
    .evaluateAll((els) =>
      els
        .filter((e) => !e.closest("details:not([open])") && (e as HTMLElement).offsetParent !== null && e.scrollWidth - e.clientWidth > 1)
        .map((e) => `table "${e.querySelector("caption")?.textContent ?? "?"}"`),
    );
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  return sideways > 0 ? ["page", ...wide] : wide;
}
