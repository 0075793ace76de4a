// The Enrollment page's agent packages and self-update panels, against the server global-setup
// starts with a signed test build (MUSTER_AGENT_PACKAGES): each package with its size, SHA-256 and
// signature; silent-install commands per tool with a new token filled in; the packages download;
// versions per agency, a staged rollout set in the UI (inherited by sub-agencies, audited), and
// failed updates.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openE2eDb } from "./db";
import { expect, test } from "@playwright/test";
import { one } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

const packages = () => process.env.MUSTER_E2E_PACKAGES!;
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

test("the packages are listed with size, SHA-256 and signature, and download", async ({ page, request }) => {
  await signIn(page, "officer");
  await page.goto("/enrollment");
  const table = page.getByTestId("packages-table");
  await expect(page.getByTestId("packages-version")).toHaveText("0.2.0");
  const msi = table.locator('tr[data-file="muster-agent-0.2.0-x64.msi"]');
  await expect(msi).toContainText("Windows x64");
  await expect(msi).toContainText(sha256(path.join(packages(), "muster-agent-0.2.0-x64.msi")));
  await expect(msi).toContainText("authenticode");
  await expect(table.locator('tr[data-file="muster-agent_0.2.0_amd64.deb"]')).toContainText("gpg (apt repository)");
  await expect(table.locator('tr[data-file="muster-agent-0.2.0-1.x86_64.rpm"]')).toContainText(
    `${(fs.statSync(path.join(packages(), "muster-agent-0.2.0-1.x86_64.rpm")).size / 1048576).toFixed(1)} MB`,
  );
  await expect(page.getByTestId("packages-unsigned")).toHaveCount(0);

  const got = await request.get("/download/packages/muster-agent-0.2.0-x64.msi");
  expect(got.status()).toBe(200);
  expect(got.headers()["content-disposition"]).toBe('attachment; filename="muster-agent-0.2.0-x64.msi"');
  expect(
    createHash("sha256")
      .update(await got.body())
      .digest("hex"),
  ).toBe(sha256(path.join(packages(), "muster-agent-0.2.0-x64.msi")));
  expect((await request.get("/download/packages/SHA256SUMS")).status()).toBe(200);
  expect((await request.get("/download/packages/apt/dists/stable/InRelease")).status()).toBe(200);
  expect((await request.get("/download/packages/..%2F..%2Fpackage.json")).status()).toBe(404);
  expect((await request.get("/download/packages/nothing.msi")).status()).toBe(404);
});

test("a new token fills in the silent-install commands of every tool, as a file or a hidden property", async ({ page, baseURL }) => {
  await signIn(page, "officer");
  await page.goto("/enrollment");
  const form = page.getByRole("form", { name: "Create enrollment token" });
  await form.getByLabel("Agency").selectOption({ label: "JUS-POL · National Police" });
  await form.getByLabel("Label").fill("e2e packages");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  const created = page.locator("section", { has: page.getByTestId("new-token") });
  const intune = created.getByTestId("deploy-intune");
  await expect(intune).toContainText(`msiexec /i muster-agent-0.2.0-x64.msi MUSTER_SERVER="${baseURL}" MUSTER_TOKEN="${token}" /qn`);
  await expect(intune).toContainText(`msiexec /i muster-agent-0.2.0-x64.msi MUSTER_SERVER="${baseURL}" MUSTER_TOKEN_FILE=`);
  await expect(intune).toContainText("/qn");
  await created.getByRole("tab", { name: "deb / rpm" }).click();
  const linux = created.getByTestId("deploy-linux");
  await expect(linux).toContainText(`token=${token}`);
  await expect(linux).toContainText("install -m 600 /dev/stdin /etc/muster-agent/enroll.conf");
  await expect(linux).toContainText("apt-get install -y ./muster-agent_0.2.0_amd64.deb");
  await created.getByRole("tab", { name: "Group Policy" }).click();
  await expect(created.getByTestId("deploy-gpo")).toContainText("MusterAgent\\enroll.conf");
  await created.getByRole("tab", { name: "Jamf Pro" }).click();
  await expect(created.getByTestId("deploy-jamf")).toContainText("install.sh");
  await screenshot(page, "enrollment-packages-token");
});

test("versions per agency, a staged rollout set in the UI, and failed updates", async ({ page }) => {
  // One endpoint of JUS-PRIS reports a rolled-back update (as a check-in would record it).
  const ep = one<{ id: number; deviceId: string; hostname: string }>(
    "select e.id, e.device_id as deviceId, e.hostname from endpoints e join agencies a on a.id = e.agency_id where a.code = 'JUS-PRIS' order by e.id limit 1",
  );
  const db = openE2eDb();
  db.prepare(
    "insert into agent_update_events (endpoint_id, at, seq, from_version, to_version, outcome, reason) values (?, ?, 1, '0.1.9', '0.2.0', 'rolled-back', 'first run failed: it exited 1')",
  ).run(ep.id, Date.now() - 3_600_000);
  db.close();

  await signIn(page, "officer");
  await page.goto("/enrollment");
  const versions = page.getByTestId("agent-versions");
  const pris = versions.locator('tr[data-agency="JUS-PRIS"]');
  await expect(pris.getByTestId("rollout")).toHaveText("0.2.0 to 100% (default)");
  await expect(pris).toContainText("1"); // one failed update in the last 30 days
  await expect(page.getByTestId("update-problems")).toContainText(ep.hostname);
  await expect(page.getByTestId("update-problems")).toContainText("first run failed: it exited 1");

  const jus = versions.locator('tr[data-agency="MIN-JUS"]');
  await jus.getByRole("button", { name: "Change rollout for MIN-JUS" }).click();
  const form = page.getByRole("form", { name: "Rollout for MIN-JUS" });
  await form.getByLabel("Percent of endpoints").fill("25");
  await screenshot(page, "enrollment-rollout-form");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(jus.getByTestId("rollout")).toHaveText("0.2.0 to 25%");
  await expect(pris.getByTestId("rollout")).toHaveText("0.2.0 to 25% (from MIN-JUS)");
  const audit = one<{ actor: string; details: string }>("select actor, details from audit_log where action = 'agent_rollout.set' order by id desc limit 1");
  expect(JSON.parse(audit.details)).toEqual({ version: "0.2.0", percent: 25 });

  // A sub-agency turns self-update off for itself.
  await pris.getByRole("button", { name: "Change rollout for JUS-PRIS" }).click();
  const sub = page.getByRole("form", { name: "Rollout for JUS-PRIS" });
  await sub.getByLabel("update to 0.2.0").uncheck();
  await sub.getByRole("button", { name: "Save" }).click();
  await expect(pris.getByTestId("rollout")).toHaveText("off");
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, "enrollment-versions-1366");
});

test("auditors see versions and packages but cannot change a rollout", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/enrollment");
  await expect(page.getByTestId("agent-versions")).toBeVisible();
  await expect(page.getByRole("button", { name: /Change rollout/ })).toHaveCount(0);
  await expect(page.getByTestId("packages-table")).toBeVisible();
});
