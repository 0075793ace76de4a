import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";
import { E2E_USERS } from "./users";

test("every dashboard route requires a session", async ({ page }) => {
  for (const route of ["/", "/agencies", "/users"]) {
    await page.goto(route);
    await expect(page).toHaveURL(/\/signin/);
  }
  await screenshot(page, "signin");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_USERS.officer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#signin-error")).toContainText("Wrong email or password");
});

test("an administrator creates an agency and a user", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Agencies", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Agencies", exact: true })).toBeVisible();
  const form = page.getByRole("form", { name: "Create agency" });
  await form.getByLabel("Code").fill("FIN-CUS");
  await form.getByLabel("Name").fill("Customs");
  await form.getByLabel("Part of").selectOption("MIN-FIN");
  await form.getByLabel("Removal deadline").fill("2027-06-30");
  await form.getByRole("button", { name: "Create agency" }).click();
  await expect(form.getByRole("status")).toContainText("Created FIN-CUS");
  await expect(page.getByRole("row", { name: /Customs FIN-CUS/ })).toBeVisible();

  // Duplicate code: error beside the form, nothing created.
  await form.getByLabel("Code").fill("FIN-CUS");
  await form.getByLabel("Name").fill("Customs again");
  await form.getByRole("button", { name: "Create agency" }).click();
  await expect(form.getByRole("alert")).toContainText("already exists");
  await screenshot(page, "agencies");

  await page.getByRole("link", { name: "Users" }).click();
  const userForm = page.getByRole("form", { name: "Create user" });
  await userForm.getByLabel("Name").fill("Cus Toms");
  await userForm.getByLabel("Email").fill("customs@e2e.test");
  await userForm.getByLabel("Role").selectOption("agency_officer");
  await userForm.getByLabel("Agency").selectOption("FIN-CUS");
  await userForm.getByRole("button", { name: "Create user" }).click();
  await expect(userForm.getByTestId("generated-password")).toHaveText(/.{20,}/);
  await expect(page.getByRole("row", { name: /customs@e2e\.test/ })).toContainText("Agency officer");
  await screenshot(page, "users");
});

test("each role sees what it may and nothing else", async ({ page }) => {
  for (const role of ["officer", "agency_officer", "auditor"] as const) {
    await signIn(page, role);
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
    await page.goto("/users");
    await expect(page.getByTestId("not-found")).toContainText("Back to the Overview");
    await page.goto("/agencies");
    await expect(page.getByRole("form", { name: "Create agency" })).toHaveCount(0);
    if (role === "agency_officer") {
      await expect(page.getByRole("cell", { name: "Prison Service JUS-PRIS", exact: true })).toBeVisible();
      await expect(page.getByRole("cell", { name: "Prison Service — North region" })).toBeVisible();
      await expect(page.getByRole("cell", { name: "Tax Administration" })).toHaveCount(0);
      await expect(page.getByRole("cell", { name: "National Police" })).toHaveCount(0);
    } else {
      await expect(page.getByRole("cell", { name: "Tax Administration" })).toBeVisible();
    }
    await page.context().clearCookies();
  }
});
