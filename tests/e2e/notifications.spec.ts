// Notifications in the browser: a person's settings (saved, audited, reloaded), an agency officer
// limited to their agencies, an administrator adding a webhook (secret shown once, a signed test
// message received), sending a test e-mail, and the unsubscribe link from a real digest e-mail
// (caught by the local SMTP catcher of global-setup) working without signing in.
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { simpleParser } from "mailparser";
import { count, one } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";
import { E2E_USERS } from "./users";

const mailDir = () => path.join(process.env.MUSTER_E2E_DIR!, "mail");

/** The e-mails the catcher kept, parsed, oldest first. */
async function mails() {
  const dir = mailDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  return Promise.all(files.map(async (f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
}
const toOf = (m: Awaited<ReturnType<typeof simpleParser>>) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address));

async function wide(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1400, height: 900 });
}

test("a person chooses what to hear, about which agencies, and when; saved and audited", async ({ page }) => {
  await signIn(page, "officer");
  await page.getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expect(page.getByRole("radio", { name: "New banned software found: Immediately" })).toBeChecked(); // the officer's default
  await page.getByRole("radio", { name: "New banned software found: Off" }).check();
  await page.getByRole("radio", { name: "Report published: In the digest" }).check();
  await page.getByRole("radio", { name: "Only these (with their sub-agencies):" }).check();
  await page.getByRole("checkbox", { name: /JUS-POL National Police/ }).check();
  await page.getByRole("checkbox", { name: /Weekly summary/ }).check();
  await wide(page, "notifications-officer");
  const audits = count("select count(*) as n from audit_log where action = 'notify.preferences'");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("radio", { name: "New banned software found: Off" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Report published: In the digest" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /JUS-POL National Police/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Weekly summary/ })).toBeChecked();
  const row = one<{ modes: string; agencies: string; weekly: number }>(
    "select p.modes, p.agencies, p.weekly_summary as weekly from notify_preferences p join users u on u.id = p.user_id where u.email = ?",
    E2E_USERS.officer.email,
  );
  expect(JSON.parse(row.modes)).toMatchObject({ "finding.new": "off", "report.published": "digest" });
  expect(JSON.parse(row.agencies)).toEqual([one<{ id: number }>("select id from agencies where code = 'JUS-POL'").id]);
  expect(row.weekly).toBe(1);
  expect(count("select count(*) as n from audit_log where action = 'notify.preferences'")).toBe(audits + 1);
});

test("an agency officer picks only among their agencies and has no channel settings", async ({ page }) => {
  await signIn(page, "agency_officer");
  await page.goto("/notifications");
  const picks = page.locator(".agency-picks label");
  await expect(picks).toHaveCount(2);
  await expect(picks.nth(0)).toContainText("JUS-PRIS");
  await expect(picks.nth(1)).toContainText("JUS-PRIS-NORTH");
  await expect(page.getByRole("link", { name: "Channels & delivery" })).toHaveCount(0);
  await screenshot(page, "notifications-agency-officer");
  expect((await page.goto("/notifications/channels"))?.status()).toBe(404);
});

test("an administrator adds a webhook, sees its secret once, and a signed test message arrives", async ({ page }) => {
  const received: { id: string; ts: string; sig: string; body: string }[] = [];
  const rx = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"]), ts: String(req.headers["webhook-timestamp"]), sig: String(req.headers["webhook-signature"]), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => rx.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(rx.address() as { port: number }).port}/muster`;
    await signIn(page, "admin");
    await page.goto("/notifications");
    await page.getByRole("link", { name: "Channels & delivery" }).click();
    await expect(page.getByRole("heading", { name: "Channels & delivery" })).toBeVisible();
    const form = page.getByRole("form", { name: "New webhook" });
    await form.getByLabel("Name").fill("SOC channel");
    await form.getByLabel("Address").fill(url);
    await form.getByLabel("Agencies").selectOption({ label: "\u00a0\u00a0JUS-POL · National Police" });
    await expect(form.getByLabel("Language of the messages")).toHaveValue("en");
    await form.getByLabel("Language of the messages").selectOption({ label: "Dutch" });
    await form.getByRole("checkbox", { name: "Stale endpoints above the threshold" }).uncheck();
    await form.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const row = page.getByRole("row", { name: /SOC channel/ });
    await expect(row).toContainText("JUS-POL");
    await expect(row).toContainText("7 of 8");
    await expect(row).toContainText("http://127.0.0.1:");
    await expect(row).not.toContainText("/muster");
    await wide(page, "notify-channels-admin");
    // The secret is never shown again.
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.getByRole("button", { name: "Send test to SOC channel" }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const got = received[0]!;
    const expected = createHmac("sha256", Buffer.from(secret.slice(6), "base64"))
      .update(`${got.id}.${got.ts}.${got.body}`)
      .digest("base64");
    expect(got.sig).toBe(`v1,${expected}`);
    // A Dutch channel: the test message's words are Dutch, its machine fields the same.
    expect(JSON.parse(got.body)).toMatchObject({ type: "muster.test", data: { subject: "Muster-testbericht" } });
    const language = page.getByRole("combobox", { name: "Language of the messages to SOC channel" });
    await expect(language).toHaveValue("nl");
    await language.selectOption({ label: "English" });
    await expect.poll(() => one<{ locale: string }>("select locale from notify_webhooks where name = 'SOC channel'").locale).toBe("en");
    expect(JSON.parse(one<{ details: string }>("select details from audit_log where action = 'notify.webhook.update' order by id desc limit 1").details)).toMatchObject({ locale: "en" });
    await page.reload();
    await expect(language).toHaveValue("en");
    expect(JSON.parse(one<{ details: string }>("select details from audit_log where action = 'notify.webhook.create' order by id desc limit 1").details)).toMatchObject({
      name: "SOC channel",
      locale: "nl",
    });
    await page.getByRole("button", { name: "Switch off SOC channel" }).click();
    await expect(row.getByText("Off", { exact: true })).toBeVisible();
    expect(one<{ action: string }>("select action from audit_log order by id desc limit 1").action).toBe("notify.webhook.update");
  } finally {
    rx.close();
  }
});

test("an administrator sends a test e-mail and sees it delivered", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/notifications/channels");
  await expect(page.getByText(/^127\.0\.0\.1:\d+ \(no encryption\)$/)).toBeVisible();
  const before = (await mails()).length;
  await page.getByRole("button", { name: "Send test to the e-mail relay" }).click();
  await expect(page.getByText("Test queued")).toBeVisible();
  await expect.poll(async () => (await mails()).slice(before).filter((m) => m.subject === "Muster test message").length, { timeout: 20_000 }).toBe(1);
  await page.reload();
  const latest = page.getByRole("row", { name: /Muster test message/ }).first();
  await expect(latest).toContainText("delivered");
  await screenshot(page, "notify-outbox-admin");
});

test("a digest's unsubscribe link asks, then makes its one change without signing in", async ({ page, request }) => {
  // The server wrote the agency officer's daily digest at start (digest hour 0 in the e2e setup).
  await expect.poll(async () => (await mails()).filter((m) => toOf(m).includes(E2E_USERS.agency_officer.email) && /daily digest/.test(m.subject ?? "")).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const digest = (await mails()).find((m) => toOf(m).includes(E2E_USERS.agency_officer.email) && /daily digest/.test(m.subject ?? ""))!;
  expect(digest.text).toContain("Prison Service (JUS-PRIS)");
  expect(digest.text).not.toContain("Tax Administration");
  // The digest as the person sees it (README screenshot).
  await page.setViewportSize({ width: 760, height: 900 });
  await page.setContent(String(digest.html));
  await page.screenshot({ path: "test-results/screens/notify-digest-email.png", fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });

  const link = /Stop the daily digest: (\S+)/.exec(digest.text ?? "")![1]!;
  expect(new URL(link).pathname).toBe("/unsubscribe");
  await page.goto(link); // not signed in
  await expect(page.getByRole("heading", { name: "Stop the daily digest?" })).toBeVisible();
  await screenshot(page, "notify-unsubscribe");
  const daily = () => one<{ d: number | null }>("select p.daily_digest as d from users u left join notify_preferences p on p.user_id = u.id where u.email = ?", E2E_USERS.agency_officer.email).d;
  expect(daily()).not.toBe(0); // opening the page changed nothing
  await page.getByRole("button", { name: "Stop the daily digest" }).click();
  await expect(page.getByRole("status")).toHaveText("The daily digest is off.");
  expect(daily()).toBe(0);
  expect(one<{ actor: string }>("select actor from audit_log where action = 'notify.unsubscribe' order by id desc limit 1").actor).toBe(`${E2E_USERS.agency_officer.email} (unsubscribe link)`);

  // RFC 8058 one-click: the List-Unsubscribe address takes a POST, and refuses a forged token.
  const header = digest.headerLines.find((h) => h.key === "list-unsubscribe")!.line;
  const oneClick = /<([^>]+)>/.exec(header)![1]!;
  const r = await request.post(oneClick, { form: { "List-Unsubscribe": "One-Click" } });
  expect(r.status()).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true, target: "daily", changed: false });
  const forged = await request.post(oneClick.replace(/token=u1\.\d+/, "token=u1.1"), { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(400);
});
