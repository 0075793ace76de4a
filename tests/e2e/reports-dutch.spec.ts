// Issue 17, reports part, in a real browser whose language is Dutch (no language chosen on the
// account, so the pages follow the browser): the reports pages, the publish dialog, the report
// document; the same published report as a Dutch and an English PDF (same fingerprint, tagged,
// PAdES signature valid in both) and recognised at /verify with its language; Dutch CSV words
// with the column names unchanged; the notification pages in Dutch. Screenshots at 1366 px.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { parseCsv, readZip } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";
import { E2E_PASSWORD, E2E_USERS, type E2ERole } from "./users";

test.use({ viewport: { width: 1366, height: 900 }, locale: "nl-NL" });

async function aanmelden(page: Page, role: E2ERole) {
  await page.goto("/signin");
  await page.getByLabel("E-mailadres").fill(E2E_USERS[role].email);
  await page.getByLabel("Wachtwoord").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
  await expect(page.getByTestId("viewer-email")).toHaveText(E2E_USERS[role].email);
}

const dir = path.join("test-results", "i17-reports");

test("a report drafted, published and read in Dutch; its PDF in Dutch and English with one fingerprint, both signed and tagged", async ({ page }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(dir, { recursive: true });
  await aanmelden(page, "officer");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Rapportages", level: 1 })).toBeVisible();
  await page.getByRole("form", { name: "Nieuwe rapportage" }).getByRole("button", { name: "Concept bekijken" }).click();
  await expect(page.getByRole("heading", { name: "Conceptrapportage" })).toBeVisible();
  await expect(page.getByTestId("report-summary")).toContainText("werkplekken");
  await page.getByRole("button", { name: "Rapportage publiceren…" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("publiceren?");
  await screenshot(page, "i17-nl-report-publish-dialog");
  await dialog.getByRole("button", { name: "Publiceren en vastleggen" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const id = Number(page.url().split("/").pop());
  await expect(page.getByTestId("report-brief")).toContainText("Wat van u wordt gevraagd");
  await expect(page.getByTestId("report-language")).toHaveText("Nederlands");
  await expect(page.getByTestId("report-summary")).not.toContainText("endpoints");
  await screenshot(page, "i17-nl-report");

  // The PDF: the reader's language by default (the browser's, Dutch), English when asked; one fingerprint.
  const browserNl = { headers: { "accept-language": "nl-NL,nl;q=0.9" } };
  const nl = await page.request.get(`/reports/${id}/pdf`, browserNl);
  const en = await page.request.get(`/reports/${id}/pdf?lang=en`, browserNl);
  expect(nl.status()).toBe(200);
  expect(en.status()).toBe(200);
  expect(nl.headers()["content-language"]).toBe("nl");
  expect(en.headers()["content-language"]).toBe("en");
  const sha = nl.headers()["x-report-sha256"]!;
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  expect(en.headers()["x-report-sha256"]).toBe(sha);
  const files = { nl: path.join(dir, `report-${id}-nl.pdf`), en: path.join(dir, `report-${id}-en.pdf`) };
  fs.writeFileSync(files.nl, await nl.body());
  fs.writeFileSync(files.en, await en.body());
  const text: Record<string, string> = {};
  for (const [lang, file] of Object.entries(files)) {
    expect(execFileSync("pdfinfo", [file]).toString(), lang).toMatch(/Tagged:\s+yes/);
    const sig = execFileSync("pdfsig", [file]).toString();
    expect(sig, lang).toContain("Signature Validation: Signature is Valid.");
    text[lang] = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text[lang], lang).toContain(sha);
  }
  expect(text.nl).toMatch(/Taal\s+Nederlands/);
  expect(text.nl).toMatch(/Pagina 1 van \d+/);
  expect(text.nl).toContain("Wat van u wordt gevraagd");
  expect(text.nl).not.toContain("need action");
  expect(text.en).toMatch(/Language\s+English/);
  expect(text.en).toMatch(/Page 1 of \d+/);
  expect(text.en).toContain("What is asked of you");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", files.nl, path.join(dir, `report-${id}-nl`)]);

  // Dutch CSV words, the same columns.
  const csvEn = parseCsv((await (await page.request.get(`/reports/${id}/agencies.csv`)).body()).toString("utf8").replace(/^\uFEFF/, ""));
  const csvNl = parseCsv((await (await page.request.get(`/reports/${id}/agencies.csv?lang=nl`)).body()).toString("utf8").replace(/^\uFEFF/, ""));
  expect(csvNl[0]).toEqual(csvEn[0]);
  const status = csvEn[0]!.indexOf("status");
  expect(csvEn.slice(1).some((r) => r[status] === "at-risk" || r[status] === "overdue")).toBe(true);
  expect(csvNl.slice(1).some((r) => r[status] === "in gevaar" || r[status] === "te laat")).toBe(true);

  // /verify, signed out, in the browser's language: the Dutch PDF is a file Muster served.
  await page.context().clearCookies();
  await page.goto("/verify");
  await expect(page.getByRole("heading", { name: "Een Muster-rapportage controleren" })).toBeVisible();
  await page.getByLabel("Bestand van de rapportage").setInputFiles(files.nl);
  const result = page.getByTestId("verify-result");
  await expect(result).toContainText("Gepubliceerd door deze Muster");
  await expect(result).toContainText(`Nr. ${id}`);
  await expect(result).toContainText("een kopie van de pdf in het Nederlands");
  await expect(result).toContainText("Alle organisaties");
  await screenshot(page, "i17-nl-verify");
  await page.goto(`/verify?sha256=${"0".repeat(64)}`);
  await expect(result).toContainText("Niet gepubliceerd door deze Muster");
});

test("Endpoints and Findings exports with ?lang=nl: Dutch words, the same columns; an unknown language is a 400", async ({ page }) => {
  await aanmelden(page, "officer");
  const get = async (p: string) => parseCsv((await (await page.request.get(p)).body()).toString("utf8").replace(/^\uFEFF/, ""));
  const [en, nl] = [await get("/endpoints/export"), await get("/endpoints/export?lang=nl")];
  expect(nl[0]).toEqual(en[0]);
  expect(nl.length).toBe(en.length);
  const state = en[0]!.indexOf("state");
  const dutch: Record<string, string> = {
    banned: "verboden",
    remnants: "restanten",
    excepted: "uitgezonderd",
    unprotected: "onbeschermd",
    clean: "schoon",
    stale: "verouderd",
    "never-reported": "nooit gerapporteerd",
  };
  expect(nl.slice(1).map((r) => r[state])).toEqual(en.slice(1).map((r) => dutch[r[state]!]));
  const findings = await get("/findings/export?status=open&lang=nl");
  expect(new Set(findings.slice(1).map((r) => r[findings[0]!.indexOf("status")]))).toEqual(new Set(["openstaand"]));

  // The agency pack in Dutch: the PDF's text and the CSV's words, the same columns.
  const zip = async (q: string) => {
    const res = await page.request.get(`/agencies/MIN-JUS/pack${q}`);
    expect(res.status()).toBe(200);
    return readZip(await res.body());
  };
  const [packEn, packNl] = [await zip("?lang=en"), await zip("?lang=nl")];
  const named = (files: Map<string, Buffer>, prefix: string) => [...files.keys()].find((n) => n.startsWith(prefix))!;
  expect(named(packNl, "needs-action")).toMatch(/^needs-action-min-jus-nl-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(named(packNl, "agency-pack")).toMatch(/^agency-pack-min-jus-nl-\d{4}-\d{2}-\d{2}\.pdf$/);
  const packCsvEn = parseCsv(packEn.get(named(packEn, "needs-action"))!.toString("utf8"));
  const packCsvNl = parseCsv(packNl.get(named(packNl, "needs-action"))!.toString("utf8"));
  expect(packCsvNl[0]).toEqual(packCsvEn[0]);
  const packState = packCsvEn[0]!.indexOf("endpoint_state");
  expect(packCsvNl.slice(1).map((r) => r[packState])).toEqual(packCsvEn.slice(1).map((r) => dutch[r[packState]!]));
  fs.mkdirSync(dir, { recursive: true });
  const packPdf = path.join(dir, "pack-min-jus-nl.pdf");
  fs.writeFileSync(packPdf, packNl.get(named(packNl, "agency-pack"))!);
  expect(execFileSync("pdfinfo", [packPdf]).toString()).toMatch(/Tagged:\s+yes/);
  expect(execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", packPdf, "-"], { encoding: "utf8" })).toMatch(/werkplek/i);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", packPdf, path.join(dir, "pack-min-jus-nl")]);

  const bad = await page.request.get("/endpoints/export?lang=de");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain('Unknown language "de"');
});

test("the notification pages in Dutch", async ({ page }) => {
  await aanmelden(page, "admin");
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Meldingen", level: 1 })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Gebeurtenis" })).toBeVisible();
  await expect(page.getByText("Nieuwe verboden software gevonden")).toBeVisible();
  await expect(page.getByRole("button", { name: "Opslaan" })).toBeVisible();
  await screenshot(page, "i17-nl-notifications");
  await page.getByRole("link", { name: "Kanalen en bezorging" }).click();
  await expect(page.getByRole("heading", { name: "Kanalen en bezorging", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Onbestelbare berichten" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Nieuwe webhook" }).getByRole("button", { name: "Webhook toevoegen" })).toBeVisible();
  const language = page.getByRole("form", { name: "Nieuwe webhook" }).getByLabel("Taal van de berichten");
  await expect(language).toHaveValue("en");
  await expect(language.locator("option")).toHaveText(["Engels", "Nederlands"]);
  await screenshot(page, "i17-nl-notification-channels");
});

test.describe("in English", () => {
  test.use({ locale: "en-GB" });
  test("the publish dialog and the notification channels at 1366 px", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/reports");
    await page.getByRole("form", { name: "New report" }).getByRole("button", { name: "Preview draft" }).click();
    await page.getByRole("button", { name: "Publish report…" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("Publish");
    await screenshot(page, "i17-en-report-publish-dialog");
    await page.keyboard.press("Escape");
    await page.goto("/notifications/channels");
    await expect(page.getByRole("heading", { name: "Channels & delivery", level: 1 })).toBeVisible();
    await screenshot(page, "i17-en-notification-channels");
  });
});
