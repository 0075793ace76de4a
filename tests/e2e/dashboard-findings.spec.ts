// Findings and the waiver flow: an agency officer requests a waiver, an officer (not the
// requester) approves it, and the endpoint becomes excepted.
import { expect, test } from "@playwright/test";
import { count, inList, num, one, subtree } from "./dashboard-helpers";
import { screenshot, signIn } from "./helpers";

test("the tabs count open, resolved and excepted findings, filters narrow the list", async ({ page }) => {
  await signIn(page, "officer");
  await page.goto("/findings");
  for (const status of ["open", "resolved", "excepted"]) {
    expect(num(await page.getByTestId(`tab-count-${status}`).textContent()), status).toBe(count("select count(*) as n from findings where status = ?", status));
  }
  const open = count("select count(*) as n from findings where status = 'open'");
  expect(num(await page.getByTestId("findings-total").textContent())).toBe(open);
  await expect(page.getByTestId("findings-table").locator("tbody tr")).toHaveCount(Math.min(open, 50));
  await screenshot(page, "findings");

  await page.getByRole("link", { name: /^Resolved/ }).click();
  await expect(page).toHaveURL(/status=resolved/);
  expect(num(await page.getByTestId("findings-total").textContent())).toBe(count("select count(*) as n from findings where status = 'resolved'"));

  await page.goto("/findings?presence=remnants&agency=MIN-JUS");
  const remnants = count(`select count(*) as n from findings where status = 'open' and presence = 'remnants' and agency_id in ${inList(subtree("MIN-JUS"))}`);
  expect(num(await page.getByTestId("findings-total").textContent())).toBe(remnants);
  await expect(page.getByTestId("findings-table").locator("tbody tr")).toHaveCount(Math.max(1, remnants));

  const csv = await (await page.request.get("/findings/export?status=excepted")).text();
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toMatch(/^finding_id,status,vendor,product,version,presence,hostname/);
  expect(lines.length - 1).toBe(count("select count(*) as n from findings where status = 'excepted'"));
});

test("waiver flow: requested by an agency officer, approved by an officer, the endpoint becomes excepted", async ({ page }) => {
  // A banned Prison Service machine whose only open finding is one product.
  const ep = one<{ id: number; device_id: string; hostname: string }>(
    `select e.id, e.device_id, e.hostname from endpoints e where e.state = 'banned' and e.agency_id in ${inList(subtree("JUS-PRIS"))}
       and (select count(*) from findings f where f.endpoint_id = e.id and f.status = 'open') = 1
       and not exists (select 1 from waivers w where w.endpoint_id = e.id) order by e.id limit 1`,
  );
  const finding = one<{ id: number }>("select id from findings where endpoint_id = ? and status = 'open'", ep.id);

  await signIn(page, "agency_officer");
  await page.goto(`/endpoints/${ep.device_id}`);
  await page.getByRole("button", { name: /^Request waiver for/ }).click();
  const form = page.getByRole("form", { name: "Request waiver" });
  await form.getByLabel("Justification").fill("Too short");
  await form.getByRole("button", { name: "Send request" }).click();
  // The browser refuses under 20 characters; the server would too.
  await expect(form).toBeVisible();
  await form.getByLabel("Justification").fill("Court video system certified only with this antivirus until its March upgrade.");
  await form.getByLabel("Compensating controls").fill("Court network segment only; no internet access.");
  const reason = form.getByLabel("Why beyond the deadline");
  if (await reason.isVisible()) await reason.fill("The court's upgrade is scheduled after the removal deadline.");
  await form.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("waiver pending")).toBeVisible();
  const waiver = one<{ id: number; status: string }>("select id, status from waivers where finding_id = ? order by id desc limit 1", finding.id);
  expect(waiver.status).toBe("pending");
  // The requester cannot decide (agency officers never decide; the buttons are absent).
  await expect(page.getByRole("button", { name: /^Approve waiver/ })).toHaveCount(0);
  await page.context().clearCookies();

  await signIn(page, "officer");
  await page.goto("/findings");
  const row = page.getByTestId("waivers-table").locator(`tr[data-waiver="${waiver.id}"]`);
  await expect(row).toContainText(ep.hostname);
  await expect(row).toContainText("Pia Prisons"); // the requester, by name
  await screenshot(page, "findings-pending-waiver");
  await row.getByRole("button", { name: /^Approve waiver/ }).click();
  const confirm = page.getByRole("dialog", { name: "Approve this waiver request?" });
  await confirm.getByLabel("Decision note").fill("Checked with the court's IT lead");
  await confirm.getByRole("button", { name: "Approve waiver" }).click();
  await expect(page.getByTestId("waivers-table").locator(`tr[data-waiver="${waiver.id}"]`)).toHaveCount(0);
  expect(one<{ status: string }>("select status from waivers where id = ?", waiver.id).status).toBe("approved");
  expect(one<{ state: string }>("select state from endpoints where id = ?", ep.id).state).toBe("excepted");

  await page.goto(`/endpoints/${ep.device_id}`);
  await expect(page.locator(".page-head [data-state=excepted]")).toBeVisible();
  await expect(page.getByTestId("timeline").locator("li[data-kind=waiver-approved]")).toBeVisible();
});

test("an officer cannot approve the waiver they requested; an administrator can", async ({ page }) => {
  const pending = one<{ id: number; hostname: string }>(
    "select w.id, e.hostname from waivers w join endpoints e on e.id = w.endpoint_id join users u on u.id = w.requested_by where w.status = 'pending' and u.email = 'officer@e2e.test' order by w.id limit 1",
  );
  await signIn(page, "officer");
  await page.goto("/findings");
  const row = page.getByTestId("waivers-table").locator(`tr[data-waiver="${pending.id}"]`);
  await expect(row).toContainText("Your request: another officer decides");
  await expect(row.getByRole("button", { name: /^Approve waiver/ })).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, "admin");
  await page.goto("/findings");
  await expect(
    page
      .getByTestId("waivers-table")
      .locator(`tr[data-waiver="${pending.id}"]`)
      .getByRole("button", { name: /^Reject waiver/ }),
  ).toBeVisible();
});
