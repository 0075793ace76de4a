// Hostile strings and sign-in redirects, as a person sees them. An endpoint enrolls through the
// real agent API with a hostname built to render as another machine (a right-to-left override, a
// zero-width space) and software names with bidi isolates and tag characters; the dashboard shows
// them with a visible mark where characters were removed (the stored value is unchanged), and the
// CSV export carries no hidden character and no formula cell in either separator convention.
// Sign-in never leaves this origin, whatever callbackUrl says.
import { expect, test } from "@playwright/test";
import { runAdmin } from "../support/cli";
import { one } from "./dashboard-helpers";
import { e2eDatabase } from "./db";
import { screenshot, signIn } from "./helpers";
import { E2E_PASSWORD, E2E_USERS } from "./users";

const HOSTNAME = "ws-vip-01\u202Egpj.exe\u200B";
const SOFTWARE = [
  { source: "dpkg", name: "kesl", version: "12.1.0.1297", identifier: "kesl", publisher: "AO Kaspersky Lab" },
  { source: "dpkg", name: "secure\u2066-av\u2069-agent", identifier: "secure-av-agent", version: "1.0", publisher: 'Evil\u{E0041}\u{E0042} Corp;=HYPERLINK("http://x")', unrecognized: true },
];

test("hostile hostnames and software names are shown marked, never as they would render", async ({ page, request }) => {
  const token = runAdmin(e2eDatabase(), ["create-token", "--agency", "JUS-POL", "--max-uses", "1"]).stdout.trim();
  expect(token).toMatch(/^mst_enr_/);
  const os = { platform: "linux", name: "Debian GNU/Linux 12\u200F", version: "12", arch: "x64" };
  const enrolled = await request.post("/api/agent/v1/enroll", { data: { enrollToken: token, hostname: HOSTNAME, hardwareId: "e".repeat(64), agentVersion: "1.0.0", os } });
  expect(enrolled.status()).toBe(201);
  const { deviceId, deviceSecret } = (await enrolled.json()) as { deviceId: string; deviceSecret: string };
  const checkin = await request.post("/api/agent/v1/checkin", {
    headers: { authorization: `Bearer ${deviceSecret}` },
    data: {
      deviceId,
      seq: 1,
      collectedAt: new Date().toISOString(),
      agentVersion: "1.0.0",
      hostname: HOSTNAME,
      os,
      catalogVersion: "x",
      collectors: [{ name: "dpkg", ok: true }],
      software: SOFTWARE,
    },
  });
  expect(checkin.status()).toBe(200);
  // A control character in an identity field is refused outright, with the field named.
  const nul = await request.post("/api/agent/v1/enroll", { data: { enrollToken: token, hostname: "ws\u0000x", hardwareId: "f".repeat(64), agentVersion: "1.0.0", os } });
  expect(nul.status()).toBe(400);
  expect(JSON.stringify(await nul.json())).toContain("control character U+0000");
  // Stored as sent: the evidence.
  expect(one<{ hostname: string }>("select hostname from endpoints where device_id = ?", deviceId).hostname).toBe(HOSTNAME);

  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "officer");
  await page.goto("/endpoints?q=ws-vip-01&agency=JUS-POL");
  const row = page.getByTestId("endpoints-table").locator(`tr[data-device="${deviceId}"]`);
  await expect(row).toBeVisible();
  const link = row.getByRole("link").first();
  expect(await link.textContent()).toBe("ws-vip-01\uFFFDgpj.exe\uFFFD");
  await expect(row.locator("mark.hidden-chars").first()).toHaveAttribute("title", /U\+202E/);
  await screenshot(page, "hostile-endpoints-list");

  await page.goto(`/endpoints/${deviceId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ws-vip-01\uFFFDgpj.exe\uFFFD");
  const software = page.getByTestId("endpoint-software");
  await expect(software).toContainText("secure\uFFFD-av\uFFFD-agent");
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]|\uDB40[\uDC00-\uDC7F]/);
  await page.locator("mark.hidden-chars").first().hover();
  await screenshot(page, "hostile-endpoint-detail");

  // The CSV export: hidden characters marked, no formula cell whichever separator splits it.
  const csv = await (await page.request.get(`/endpoints/export?q=ws-vip-01&agency=JUS-POL`)).text();
  expect(csv).toContain("ws-vip-01\uFFFDgpj.exe\uFFFD");
  expect(csv).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
  for (const sep of [",", ";"]) {
    for (const line of csv.replace(/^\uFEFF/, "").split("\r\n")) {
      for (const cell of line.split(sep)) expect(cell.replace(/^"/, "").trimStart(), `${sep}: ${line}`).not.toMatch(/^[=+@]|^-\D/);
    }
  }
});

test("a revoked endpoint that enrolls again waits until an officer re-admits it in the dashboard", async ({ page, request }) => {
  const token = runAdmin(e2eDatabase(), ["create-token", "--agency", "JUS-POL"]).stdout.trim();
  const os = { platform: "linux", name: "Debian GNU/Linux 12", version: "12", arch: "x64" };
  const enroll = async (previous?: { deviceId: string; deviceSecret: string }) => {
    const res = await request.post("/api/agent/v1/enroll", {
      data: { enrollToken: token, hostname: "ws-readmit-01", hardwareId: "7".repeat(64), agentVersion: "1.0.0", os, ...(previous ? { previous } : {}) },
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as { deviceId: string; deviceSecret: string; pending?: boolean };
  };
  const checkin = async (cred: { deviceId: string; deviceSecret: string }, seq: number) =>
    (
      await request.post("/api/agent/v1/checkin", {
        headers: { authorization: `Bearer ${cred.deviceSecret}` },
        data: { deviceId: cred.deviceId, seq, collectedAt: new Date().toISOString(), agentVersion: "1.0.0", hostname: "ws-readmit-01", os, catalogVersion: "x", collectors: [], software: [] },
      })
    ).status();
  const first = await enroll();
  expect(await checkin(first, 1)).toBe(200);

  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "officer");
  await page.goto(`/endpoints/${first.deviceId}`);
  await page.getByRole("button", { name: "Revoke endpoint" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("button", { name: "Re-admit endpoint" })).toBeVisible();

  const again = await enroll(first);
  expect(again.pending).toBe(true);
  expect(await checkin(again, 1)).toBe(401);
  await page.reload();
  await expect(page.getByTestId("pending-enrollment")).toContainText("while revoked");
  await page.getByRole("button", { name: "Re-admit endpoint" }).click();
  await expect(page.getByRole("dialog")).toContainText("The credential of the latest enrollment becomes the only one that works");
  await screenshot(page, "readmit-dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Re-admit", exact: true }).click();
  await expect(page.getByRole("button", { name: "Revoke endpoint" })).toBeVisible();
  await expect(page.getByTestId("pending-enrollment")).toHaveCount(0);
  expect(await checkin(again, 1)).toBe(200);
  expect(one<{ n: number }>("select count(*) as n from audit_log where action = 'endpoint.admit' and actor = ?", E2E_USERS.officer.email).n).toBe(1);
});

test("sign-in never leaves this origin, whatever callbackUrl says", async ({ page, baseURL }) => {
  for (const target of ["//example.org/phish", "/\\example.org/phish", "https://example.org/phish", "/%2F%2Fexample.org"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(E2E_USERS.auditor.email);
    await page.getByLabel("Password").fill(E2E_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
    expect(new URL(page.url()).origin, target).toBe(new URL(baseURL!).origin);
  }
});
