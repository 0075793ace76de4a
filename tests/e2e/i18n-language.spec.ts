// Issue 17: each person's language choice is saved on their account (switcher in the sidebar →
// reload → still Dutch, in an English browser; another person is unaffected), and before anyone
// signs in the sign-in page follows the browser's Accept-Language.
import { expect, test } from "@playwright/test";
import { openE2eDb } from "./db";
import { query } from "./dashboard-helpers";
import { signIn } from "./helpers";
import { E2E_PASSWORD, E2E_USERS } from "./users";

const who = E2E_USERS.agency_officer;

/** Whatever happens in the test, the seeded account goes back to "no choice" (English browser → English) for the other specs. */
test.afterAll(() => {
  const db = openE2eDb();
  try {
    db.prepare("update users set locale = null where email = ?").run(who.email);
  } finally {
    db.close();
  }
});

test("the Dutch choice persists for that person only, over the browser's language", async ({ page, browser }) => {
  await signIn(page, "agency_officer");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("complementary", { name: "Main navigation" }).getByRole("link", { name: "Endpoints", exact: true })).toBeVisible();

  await page.getByLabel("Language").selectOption("nl");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  const nav = page.getByRole("complementary", { name: "Hoofdnavigatie" });
  await expect(nav.getByRole("link", { name: "Werkplekken", exact: true })).toBeVisible();

  // Saved on the account, and audited.
  expect(query<{ locale: string | null }>("select locale from users where email = ?", who.email)[0]!.locale).toBe("nl");
  const audited = query<{ details: string }>("select details from audit_log where action = 'user.locale' and actor = ? order by id desc limit 1", who.email);
  expect(JSON.parse(audited[0]!.details)).toEqual({ locale: "nl" });

  // A reload (the browser still asks for English) and another page stay Dutch.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByLabel("Taal")).toHaveValue("nl");
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importeren");

  // Another person in another (English) browser is unaffected.
  const other = await browser.newContext({ locale: "en-GB" });
  try {
    const p2 = await other.newPage();
    await signIn(p2, "officer");
    await expect(p2.locator("html")).toHaveAttribute("lang", "en");
    await p2.goto("/import");
    await expect(p2.getByRole("heading", { level: 1 })).toHaveText("Import");
  } finally {
    await other.close();
  }

  // And back: English again after a reload.
  await page.getByLabel("Taal").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import");
  expect(query<{ locale: string | null }>("select locale from users where email = ?", who.email)[0]!.locale).toBe("en");
});

for (const [locale, lang, heading, email] of [
  ["nl-NL", "nl", "Aanmelden", "E-mailadres"],
  ["nl", "nl", "Aanmelden", "E-mailadres"],
  ["en-GB", "en", "Sign in", "Email"],
  ["fr-FR", "en", "Sign in", "Email"],
] as const) {
  test(`the sign-in page follows Accept-Language ${locale}`, async ({ browser }) => {
    const ctx = await browser.newContext({ locale });
    try {
      const page = await ctx.newPage();
      await page.goto("/signin");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 2 })).toHaveText(heading);
      await expect(page.getByLabel(email, { exact: true })).toBeVisible();
    } finally {
      await ctx.close();
    }
  });
}

test("a Dutch browser without a saved choice gets a Dutch dashboard after signing in", async ({ browser }) => {
  const ctx = await browser.newContext({ locale: "nl-NL" });
  try {
    const page = await ctx.newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mailadres").fill(E2E_USERS.auditor.email);
    await page.getByLabel("Wachtwoord").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
    await expect(page.getByTestId("viewer-email")).toHaveText(E2E_USERS.auditor.email);
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Auditlog");
    // The client components' Dutch (the sign-out button's) comes with the client code
    // (app/_components/intl-provider.tsx): the page itself carries no messages in its flight data.
    await expect(page.getByRole("button", { name: "Afmelden" })).toBeVisible();
    const html = await (await page.request.get("/audit", { headers: { "accept-language": "nl-NL" } })).text();
    expect(html).toContain("Auditlog");
    expect(html).not.toContain('\\"messages\\":');
  } finally {
    await ctx.close();
  }
});
