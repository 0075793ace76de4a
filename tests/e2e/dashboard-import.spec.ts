// Import: an agency officer uploads an Intune export through the Import page; the devices appear
// as endpoints with their findings and the Intune evidence, the same file again changes nothing, a
// broken file is refused with its bad rows, and undo takes the import back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { count, one } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";
import { signInAnyLanguage } from "./i18n-walk";

const FIXTURE = path.resolve(__dirname, "..", "fixtures", "import", "intune-appinvrawdata.csv");

test("an officer uploads an Intune export through the Import page, sees its outcome and undoes it", async ({ page, browser }) => {
  const endpointsBefore = count("select count(*) as n from endpoints");
  await signIn(page, "agency_officer");
  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import", exact: true })).toBeVisible();
  const form = page.getByRole("form", { name: "Import an inventory" });
  await form.getByLabel("Agency").selectOption({ label: "JUS-PRIS · Prison Service" });
  await form.getByLabel("File").setInputFiles(FIXTURE);
  await form.getByRole("button", { name: "Import" }).click();
  const outcome = page.getByTestId("import-outcome");
  await expect(outcome).toContainText("applied");
  await expect(outcome).toContainText("3 devices: 3 created, 0 updated, 0 unchanged");
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, "import-applied");

  const pc = one<{ device_id: string; state: string; evidence: string; code: string }>(
    "select e.device_id, e.state, e.evidence, a.code from endpoints e join agencies a on a.id = e.agency_id where e.hostname = 'PC-JUS-001'",
  );
  expect(pc).toMatchObject({ state: "banned", evidence: "intune", code: "JUS-PRIS" });
  const importId = one<{ id: number }>("select max(id) as id from imports").id;
  await expect(page.getByTestId("imports-table").locator(`tr[data-import="${importId}"]`)).toContainText("applied");

  // The endpoint page says what its state rests on.
  await page.goto(`/endpoints/${pc.device_id}`);
  await expect(page.getByTestId("evidence")).toContainText("Intune inventory");
  await expect(page.getByTestId("endpoint-findings")).toContainText("Kaspersky Endpoint Security");
  await expect(page.getByTestId("endpoint-software")).toContainText("from Intune");
  await expect(page.getByTestId("timeline")).toContainText(`Inventory imported from Intune (import #${importId}, endpoint created)`);
  await screenshot(page, "import-endpoint");

  // Lists and the Overview split the figures by evidence.
  await page.goto("/endpoints?evidence=intune");
  await expect(page.getByTestId("endpoints-table").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("endpoints-table")).toContainText("Intune");
  await page.goto("/");
  await expect(page.getByTestId("evidence-table")).toContainText("Intune inventory");
  await screenshot(page, "import-overview-evidence");
  // So does a report's data quality section.
  await page.goto("/reports");
  await page.getByRole("form", { name: "New report" }).getByRole("button", { name: "Preview draft" }).click();
  const split = page.getByTestId("report-evidence");
  await expect(split).toContainText("Intune inventory (imported)");
  await split.screenshot({ path: "test-results/screens/import-report-evidence.png" });

  // The same file again: nothing changes.
  await page.goto("/import");
  await form.getByLabel("Agency").selectOption({ label: "JUS-PRIS · Prison Service" });
  await form.getByLabel("File").setInputFiles(FIXTURE);
  await form.getByRole("button", { name: "Import" }).click();
  await expect(outcome).toContainText(`This file was already imported (import #${importId}); nothing changed.`);

  // A broken export is refused with its bad rows, and changes nothing.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-e2e-import-"));
  const broken = path.join(dir, "broken.csv");
  const lines = fs.readFileSync(FIXTURE, "utf8").split("\n");
  fs.writeFileSync(broken, [lines[0], lines[1], "only,three,fields", lines[2]].join("\n"));
  await form.getByLabel("File").setInputFiles(broken);
  await form.getByRole("button", { name: "Import" }).click();
  await expect(outcome).toContainText("refused");
  await expect(page.getByTestId("import-errors").first()).toContainText("3 field(s) where the header has 13");
  await screenshot(page, "import-refused");
  fs.rmSync(dir, { recursive: true, force: true });

  // What the imports said is stored as said, so a Dutch reader reads the same history in Dutch.
  const nl = await browser.newContext({ locale: "nl-NL", viewport: { width: 1366, height: 900 } });
  try {
    const nlPage = await nl.newPage();
    await signInAnyLanguage(nlPage, "agency_officer");
    await nlPage.goto("/import");
    const history = nlPage.getByTestId("imports-table");
    await expect(history.locator(`tr[data-import="${importId}"]`)).toContainText("3 apparaten: 3 aangemaakt, 0 bijgewerkt, 0 ongewijzigd.");
    await expect(history.locator(`tr[data-import="${importId + 1}"]`)).toContainText(`Dit bestand is al geïmporteerd (import nr. ${importId}); er is niets gewijzigd.`);
    const refused = history.locator(`tr[data-import="${importId + 2}"]`);
    await expect(refused).toContainText("1 geweigerde regel: er is niets geïmporteerd.");
    await refused.locator("summary").click();
    await expect(refused.getByTestId("import-errors")).toContainText("3 veld(en), terwijl de kopregel er 13 heeft");
    await screenshot(nlPage, "import-history-nl");
  } finally {
    await nl.close();
  }
  expect(count("select count(*) as n from endpoints")).toBe(endpointsBefore + 3);

  // Undo: the endpoints the import created go.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Undo import #${importId}` }).click();
  await expect(page.getByTestId("imports-table").locator(`tr[data-import="${importId}"]`)).toContainText("undone");
  expect(count("select count(*) as n from endpoints")).toBe(endpointsBefore);
  await screenshot(page, "import-history");
});

test("an auditor sees the import history but cannot upload", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/import");
  await expect(page.getByText("Auditors have read-only access: officers import inventories.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Import an inventory" })).toHaveCount(0);
  await expect(page.getByTestId("imports-table")).toBeVisible();
});
