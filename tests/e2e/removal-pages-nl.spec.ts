// The removal pages in Dutch (a browser asking for nl-NL, no language saved on the account): every
// heading, label, dialog and status word from the Dutch catalog, numbers and dates in nl-NL, and
// nothing cut off or overflowing at 1366 px (and the same pages in English fit too). The figures
// themselves are checked in English by the dashboard-*.spec.ts files; here the words and the layout.
// The catalog's removal steps read in Dutch too (on the endpoint page and in the agency pack).
import { expect, type Page, test } from "@playwright/test";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { REMOVAL_STEPS_NL } from "~/server/catalog/removal-nl";
import { count, one, parseCsv, readZip } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";
import { E2E_PASSWORD, E2E_USERS, type E2ERole } from "./users";

test.use({ locale: "nl-NL", viewport: { width: 1366, height: 900 } });

const nl = new Intl.NumberFormat("nl-NL");

/** English words of these pages that must not be left on a Dutch page (data such as agency
 *  names is English in the seed, so only interface words are listed). */
const ENGLISH = ["Needs action", "Export CSV", "Request waiver", "Last report", "Timeline", "Findings", "Endpoints", "Agencies", "Overview", "Deadline", "Apply", "Cancel", "Never reported"];

async function signInNl(page: Page, role: E2ERole) {
  await page.goto("/signin");
  await page.getByLabel("E-mailadres").fill(E2E_USERS[role].email);
  await page.getByLabel("Wachtwoord").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
  await expect(page.getByTestId("viewer-email")).toHaveText(E2E_USERS[role].email);
}

/** What is cut off at this width: a page wider than the window, a table that scrolls sideways, a
 *  button, tab, header or label whose text does not fit. */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push(`page ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>("main button, main a.btn, main .tabs a, main th, main label, main .table-wrap")) {
      if (el.offsetParent === null || el.scrollWidth <= el.clientWidth + 1) continue;
      const what = el.matches(".table-wrap")
        ? `table "${el.querySelector("caption")?.textContent ?? el.closest("section")?.querySelector("h2")?.textContent}"`
        : `${el.tagName} "${el.innerText.trim()}"`;
      out.push(`${what}: ${el.scrollWidth} > ${el.clientWidth}px`);
    }
    return out;
  });
}

/** The page is Dutch, has no interface word left in English, and nothing in it is clipped. */
async function looksRight(page: Page, name: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  // The page's own words: without the options of the product filter (catalog names such as
  // "Cisco Secure Endpoint (AMP for Endpoints)" stay as their owners write them).
  const main = await page.locator("main").evaluate((m) => {
    const copy = m.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("option").forEach((o) => o.remove());
    return (copy.textContent ?? "").replace(/\s+/g, " ");
  });
  for (const w of ENGLISH) expect(main, `"${w}" left in English on ${name}`).not.toMatch(new RegExp(`\\b${w}\\b`));
  expect(await clipped(page), `clipped on ${name}`).toEqual([]);
  await screenshot(page, `nl-${name}`);
}

test("Overview, Agencies and an agency read in Dutch, figures in nl-NL", async ({ page }) => {
  await signInNl(page, "admin");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overzicht" })).toBeVisible();
  await expect(page.getByTestId("figure-endpoints")).toContainText(nl.format(count("select count(*) as n from endpoints")));
  const tile = (id: string) => page.locator(".figure").filter({ has: page.getByTestId(id) });
  await expect(tile("figure-banned")).toContainText("Verboden");
  await expect(tile("figure-never-reported")).toContainText("Nooit gerapporteerd");
  await page.locator("#products-title").locator("xpath=ancestor::section").getByText("Gegevenstabel").click();
  await expect(page.getByTestId("products-table").locator("thead")).toContainText("Leverancier");
  await looksRight(page, "overview");

  await page.goto("/agencies");
  await expect(page.getByRole("heading", { level: 1, name: "Organisaties" })).toBeVisible();
  await expect(page.getByTestId("agency-tree").locator("thead")).toContainText("Actie vereist");
  await expect(page.getByRole("button", { name: "Alles uitklappen" })).toBeVisible();
  await looksRight(page, "agencies");

  await page.goto("/agencies/MIN-JUS");
  await expect(page.getByRole("heading", { name: "Onderliggende organisaties" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Organisatiepakket (ZIP: CSV + PDF)" })).toBeVisible();
  await looksRight(page, "agency");
});

test("Endpoints: list, filters, an invalid filter and the detail page with its revoke dialog, in Dutch", async ({ page }) => {
  await signInNl(page, "officer");
  await page.goto("/endpoints?state=bogus");
  await expect(page.getByRole("heading", { level: 1, name: "Werkplekken" })).toBeVisible();
  const form = page.getByRole("form", { name: "Werkplekken filteren" });
  await expect(form.getByLabel("Toestand")).toBeVisible();
  await expect(page.getByTestId("invalid-filters")).toContainText("state=bogus — Geen toegestane waarde");
  await expect(page.getByTestId("endpoints-table").locator("thead")).toContainText("Laatste rapportage");
  await looksRight(page, "endpoints");

  // The seeded reinstall, on its detail page: timeline and sections in Dutch.
  const ep = one<{ device_id: string; hostname: string }>(
    "select e.device_id, e.hostname from endpoints e where exists (select 1 from endpoint_events v where v.endpoint_id = e.id and v.kind = 'reinstalled') and e.state = 'banned' limit 1",
  );
  await page.goto(`/endpoints/${ep.device_id}`);
  await expect(page.getByRole("heading", { name: ep.hostname })).toBeVisible();
  for (const h of ["Identiteit", "Bescherming", "Tijdlijn", "Zo verwijdert u wat hier verboden is"]) await expect(page.getByRole("heading", { name: h })).toBeVisible();
  await expect(page.getByTestId("timeline").locator("li[data-kind=reinstalled]").first()).toContainText("Opnieuw geïnstalleerd");
  await looksRight(page, "endpoint");

  await page.getByRole("button", { name: "Toegang van werkplek intrekken" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Toegang van ${ep.hostname} intrekken?`);
  await screenshot(page, "nl-endpoint-revoke-dialog");
  await dialog.getByRole("button", { name: "Annuleren" }).click();
  await expect(dialog).toBeHidden();
});

/** An endpoint with Kaspersky Endpoint Security installed on Windows, and that product's guide. */
function kesOnWindows() {
  const ep = one<{ device_id: string; code: string }>(
    `select e.device_id, a.code from endpoints e join agencies a on a.id = e.agency_id join findings f on f.endpoint_id = e.id
     where f.status = 'open' and f.presence = 'installed' and f.product = 'kaspersky-endpoint-security' and e.os_platform = 'windows' order by e.id limit 1`,
  );
  const product = BUILTIN_CATALOG.vendors.flatMap((v) => v.products).find((p) => p.slug === "kaspersky-endpoint-security")!;
  return { ep, name: product.name, steps: product.removal!.find((g) => g.platform === "windows")!.steps };
}

/** The removal_steps of the product's rows in the pack's needs-action CSV. */
async function packSteps(page: Page, code: string, lang: "en" | "nl", product: string): Promise<Set<string>> {
  const res = await page.request.get(`/agencies/${code}/pack?lang=${lang}`);
  expect(res.status()).toBe(200);
  const files = readZip(await res.body());
  const rows = parseCsv(
    files
      .get([...files.keys()].find((n) => n.startsWith("needs-action"))!)!
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  );
  const [head, ...body] = rows;
  const at = (c: string) => head!.indexOf(c);
  return new Set(body.filter((r) => r[at("product")] === product && r[at("os")]!.startsWith("Windows")).map((r) => r[at("removal_steps")]!));
}

test("the removal steps of a banned product read in Dutch, on the endpoint page and in the agency pack", async ({ page }) => {
  const { ep, name, steps } = kesOnWindows();
  const dutch = steps.map((s) => REMOVAL_STEPS_NL[s]!);
  await signInNl(page, "officer");
  await page.goto(`/endpoints/${ep.device_id}`);
  const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Zo verwijdert u wat hier verboden is" }) });
  const list = section
    .getByTestId("removal-guide")
    .filter({ has: page.getByRole("heading", { name }) })
    .locator("ol.steps");
  await expect(list.locator("li")).toHaveText(dutch);
  await expect(list).not.toHaveAttribute("lang", /./); // Dutch, as the page
  await expect(section).not.toContainText("in het Engels");
  await expect(section).toContainText("Programma's en onderdelen");
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/nl-endpoint-removal-steps.png" });
  expect(await packSteps(page, ep.code, "nl", name)).toEqual(new Set([dutch.join(" | ")]));
});

test("Findings with the waiver dialog, and What changed, in Dutch", async ({ page }) => {
  await signInNl(page, "agency_officer");
  await page.goto("/findings");
  await expect(page.getByRole("heading", { level: 1, name: "Bevindingen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Status van bevindingen" })).toContainText("Openstaand");
  await looksRight(page, "findings");

  await page
    .getByRole("button", { name: /^Uitzondering aanvragen voor/ })
    .first()
    .click();
  const form = page.getByRole("form", { name: "Uitzondering aanvragen" });
  await expect(form.getByLabel("Motivering")).toBeVisible();
  await expect(form.getByLabel("Compenserende maatregelen")).toBeVisible();
  await expect(form.getByRole("button", { name: "Aanvraag verzenden" })).toBeVisible();
  await screenshot(page, "nl-findings-waiver-dialog");
  // Only spaces pass the browser's length check; the server refuses them, said in Dutch.
  await form.getByLabel("Motivering").fill(" ".repeat(25));
  await form.getByLabel("Compenserende maatregelen").fill("Netwerk gescheiden, EDR actief");
  await form.getByRole("button", { name: "Aanvraag verzenden" }).click();
  await expect(form.getByRole("alert")).toHaveText("Licht in ten minste 20 tekens toe waarom (spaties aan het begin en eind tellen niet mee).");
  await form.getByRole("button", { name: "Annuleren" }).click();

  await page.goto("/changes?kind=detected");
  await expect(page.getByRole("heading", { level: 1, name: /^Nieuw aangetroffen: / })).toBeVisible();
  await looksRight(page, "changes");
  await page.goto("/changes?kind=detected&from=2026-01-10&to=2026-01-01");
  await expect(page.getByTestId("invalid-filters")).toContainText("De periode begint na het einde");
});

test("a page that is not there says so in Dutch", async ({ page }) => {
  await signInNl(page, "agency_officer");
  const res = await page.goto("/agencies/NO-SUCH-AGENCY");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Niet gevonden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Terug naar het overzicht" })).toBeVisible();
  await screenshot(page, "nl-not-found");
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });

  test("the removal steps stay as the catalog writes them for an English reader", async ({ page }) => {
    const { ep, name, steps } = kesOnWindows();
    await signIn(page, "officer");
    await page.goto(`/endpoints/${ep.device_id}`);
    const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "How to remove what is banned here" }) });
    const list = section
      .getByTestId("removal-guide")
      .filter({ has: page.getByRole("heading", { name }) })
      .locator("ol.steps");
    await expect(list.locator("li")).toHaveText(steps);
    await expect(list).not.toHaveAttribute("lang", /./);
    await expect(section).not.toContainText("written in English");
    expect(await packSteps(page, ep.code, "en", name)).toEqual(new Set([steps.join(" | ")]));
  });

  test("the same pages in English fit 1366 px too", async ({ page }) => {
    await signIn(page, "admin");
    const ep = one<{ device_id: string }>("select e.device_id from endpoints e where exists (select 1 from endpoint_events v where v.endpoint_id = e.id and v.kind = 'reinstalled') limit 1");
    const pages = {
      overview: "/",
      agencies: "/agencies",
      agency: "/agencies/MIN-JUS",
      endpoints: "/endpoints",
      endpoint: `/endpoints/${ep.device_id}`,
      findings: "/findings",
      changes: "/changes?kind=removed",
    };
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      expect(await clipped(page), `clipped on ${name}`).toEqual([]);
      await screenshot(page, `en-${name}`);
    }
  });
});
