// Enrollment: a token made in the UI enrolls the real agent, whose report makes the endpoint
// appear in the list; the bundle is served with an ETag.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { one } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const AGENT = path.join(ROOT, "agent", "dist", "muster-agent.js");
const FIXTURE = path.join(ROOT, "tests", "fixtures", "agent", "roots", "linux-kaspersky");

function agent(...args: string[]): string {
  try {
    return execFileSync(process.execPath, [AGENT, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MUSTER_AGENT_RETRY_BASE_MS: "50" } });
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    throw new Error(`agent ${args[0]} exited ${e.status}: ${e.stdout}${e.stderr}`);
  }
}

test.beforeAll(() => {
  if (!fs.existsSync(AGENT)) execFileSync(process.execPath, [path.join(ROOT, "agent", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
});

test("a token created in the UI enrolls the real agent and the endpoint appears", async ({ page, baseURL }) => {
  await signIn(page, "officer");
  await page.goto("/enrollment");
  const form = page.getByRole("form", { name: "Create enrollment token" });
  await form.getByLabel("Agency").selectOption({ label: "JUS-POL · National Police" });
  await form.getByLabel("Label").fill("e2e agent");
  await form.getByLabel("Maximum uses").fill("1");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^mst_enr_/);
  // The install script carries the server address and the bundle checksum; it asks for the token
  // (never on a command line), so the token itself is not in it.
  const script = page.getByTestId("install-linux").first();
  await expect(script).toContainText(`${baseURL}/download/muster-agent.js`);
  await expect(script).toContainText('sum="$(sha256sum "$dir/muster-agent.js")"');
  await expect(script).toContainText("--token-file -");
  await expect(script).not.toContainText(token);
  await screenshot(page, "enrollment-token");
  await expect(page.getByTestId("tokens-table")).toContainText("e2e agent");

  const state = fs.mkdtempSync(path.join(os.tmpdir(), "muster-e2e-agent-"));
  try {
    agent("enroll", "--server", baseURL!, "--token", token, "--state-dir", state);
    agent("run", "--root", FIXTURE, "--platform", "linux", "--state-dir", state);
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
  const hostname = fs.readFileSync(path.join(FIXTURE, "etc", "hostname"), "utf8").trim();
  const ep = one<{ device_id: string; state: string }>("select e.device_id, e.state from endpoints e join agencies a on a.id = e.agency_id where a.code = 'JUS-POL' and e.hostname = ?", hostname);
  expect(ep.state).toBe("banned");

  await page.goto(`/endpoints?q=${hostname}&agency=JUS-POL`);
  const row = page.getByTestId("endpoints-table").locator(`tr[data-device="${ep.device_id}"]`);
  await expect(row).toContainText(hostname);
  await expect(row.locator("[data-state=banned]")).toBeVisible();
  await expect(row).toContainText("Kaspersky Endpoint Security");
  await row.getByRole("link", { name: hostname }).click();
  await expect(page.getByTestId("removal-guide").first()).toContainText("apt-get purge kesl");

  // The token was single-use: now exhausted.
  await page.goto("/enrollment");
  await expect(page.getByTestId("tokens-table").locator("tr", { hasText: "e2e agent" })).toContainText("exhausted");
});

test("the agent bundle is public, with an ETag", async ({ request }) => {
  const res = await request.get("/download/muster-agent.js");
  expect(res.status()).toBe(200);
  const etag = res.headers().etag!;
  expect(etag).toMatch(/^"sha256-[0-9a-f]{64}"$/);
  expect((await res.body()).equals(fs.readFileSync(AGENT))).toBe(true);
  const again = await request.get("/download/muster-agent.js", { headers: { "if-none-match": etag } });
  expect(again.status()).toBe(304);
});

test("revoking a token from the list", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/enrollment");
  const form = page.getByRole("form", { name: "Create enrollment token" });
  await form.getByLabel("Agency").selectOption({ label: "FIN-TAX · Tax Administration" });
  await form.getByLabel("Label").fill("to revoke");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  const row = page.getByTestId("tokens-table").locator("tr", { hasText: "to revoke" });
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: /^Revoke token/ }).click();
  await expect(row).toContainText("revoked");
});
