import { expect, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS, type E2ERole } from "./users";

export async function signIn(page: Page, role: E2ERole) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_USERS[role].email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("viewer-email")).toHaveText(E2E_USERS[role].email);
}

/** Saves a full-page screenshot under test-results/screens for humans to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
