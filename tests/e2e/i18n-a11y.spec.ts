// Issue 17: every page, in Dutch and in English, as each role: a 1366 px screenshot
// (test-results/screens/i18n-<lang>-<role>-<page>.png, dialogs open: ...-dialog-<n>.png), the
// right `lang` on <html>, no WCAG 2.1 A/AA violation found by axe-core (dialogs open too), and
// nothing wider than the screen (Dutch words are longer).
// The language comes from the browser (Accept-Language); nobody's saved choice is touched.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { eachDialog, openPage, overflowing, pagesFor, ROLES, signInAnyLanguage } from "./i18n-walk";

const LANGUAGES = [
  { lang: "en", browser: "en-GB" },
  { lang: "nl", browser: "nl-NL" },
] as const;
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page, where: string, include?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page }).withTags(WCAG_21_AA);
  if (include) axe = axe.include(include);
  const { violations: found } = await axe.analyze();
  return found.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 5)
        .join(" | ")}`,
  );
}

for (const { lang, browser } of LANGUAGES) {
  for (const role of ROLES) {
    test(`${lang} · ${role}: every page has lang="${lang}", a screenshot and no WCAG 2.1 AA violation`, async ({ browser: b }) => {
      test.setTimeout(600_000);
      const ctx = await b.newContext({ locale: browser, viewport: { width: 1366, height: 900 } });
      const page = await ctx.newPage();
      const found: string[] = [];
      try {
        await signInAnyLanguage(page, role);
        for (const p of pagesFor(role)) {
          await openPage(page, p.path);
          await expect(page.locator("html"), p.path).toHaveAttribute("lang", lang);
          const shot = `test-results/screens/i18n-${lang}-${role}-${p.name}`;
          await page.screenshot({ path: `${shot}.png`, fullPage: true });
          const here: string[] = [...(await violations(page, p.path)), ...(await overflowing(page)).map((w) => `${p.path}: ${w} wider than 1366 px`)];
          await eachDialog(page, async (n) => {
            await page.screenshot({ path: `${shot}-dialog-${n}.png` });
            here.push(...(await violations(page, `${p.path} (dialog ${n})`, "dialog[open]")));
          });
          found.push(...here);
        }
        await ctx.clearCookies();
        await openPage(page, "/signin");
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await page.screenshot({ path: `test-results/screens/i18n-${lang}-signin.png`, fullPage: true });
        found.push(...(await violations(page, "/signin")));
      } finally {
        await ctx.close();
      }
      expect(found).toEqual([]);
    });
  }
}
