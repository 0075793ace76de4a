// Issue 17: no text a person reads is written into the code. A second server, on a copy of the
// e2e database, runs with MUSTER_PSEUDO_LOCALE=1 (every catalog message wrapped in ⟦…⟧); every page
// is walked as administrator and as agency officer, each kind of dialog opened, and what is left
// of the visible text, the aria-labels, placeholders and tooltips once the marked messages are taken
// out must be data: strings stored in the database or the built-in catalog, numbers, dates and
// punctuation. Each offending text is reported with its page.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";
import { CATALOG_DATA } from "~/agent/shared/catalog";
import { INSTALL_TARGETS } from "~/app/(dashboard)/enrollment/_components/install-commands";
import { PACKAGE_TOOLS } from "~/app/(dashboard)/enrollment/_components/package-commands";
import { LOCALE_NAMES } from "~/server/i18n/locales";
import { EVIDENCE_LABELS } from "~/server/import/labels";
import { ROOT, type RunningServer, startServer } from "../support/server";
import { eachDialog, openPage, pagesFor, signInAnyLanguage } from "./i18n-walk";

/** Names that stay as their owners write them: the product, each language's own name, tools and systems. */
const NAMES = [
  "Muster",
  "M" /* its logo */,
  "Microsoft Teams",
  "Slack / Mattermost",
  "https://…",
  ...Object.values(LOCALE_NAMES),
  ...Object.values(EVIDENCE_LABELS),
  ...INSTALL_TARGETS.map((t) => t.label),
  ...PACKAGE_TOOLS.map((t) => t.label),
];

/** Units and abbreviations that read the same in every language. */
const UNIVERSAL = new Set(["kb", "mib", "gib", "utc", "sha-256", "sha256sums", "csv", "json", "pdf", "id", "url", "ip"]);

let server: RunningServer;
let data: string[] = [];
const formatWords = new Set<string>();

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dir = path.join(ROOT, "test-results", "e2e-pseudo");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, "muster.db");
  const source = new Database(process.env.MUSTER_E2E_DB!, { readonly: true, fileMustExist: true });
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
  data = dataStrings(copy);
  for (const w of dateAndNumberWords()) formatWords.add(w);
  server = await startServer({ databasePath: copy, env: { MUSTER_PSEUDO_LOCALE: "1", MUSTER_AGENT_PACKAGES: process.env.MUSTER_E2E_PACKAGES ?? "" } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Every text value stored in the database (and the built-in catalog's), longest first. */
function dataStrings(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  const add = (v: unknown) => {
    if (typeof v !== "string") return;
    const s = v.trim();
    if (/^[[{]/.test(s)) {
      try {
        walk(JSON.parse(s)); // JSON columns (policy definitions, details): their strings are data too
      } catch {
        // not JSON after all
      }
    }
    if (s.length < 2 || s.length > 2000) return;
    out.add(s);
    out.add(s.replace(/\s*\([^)]*\)\s*$/, "")); // product names are shown without their trailing "(Windows, macOS)"
    out.add(s.slice(0, 60)); // the audit log shows the first 60 characters of an entry's details
    for (const line of s.split("\n")) if (line.trim().length > 1) out.add(line.trim());
  };
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) for (const row of db.prepare(`select * from "${name}" limit 20000`).all() as Record<string, unknown>[]) for (const v of Object.values(row)) add(v);
  } finally {
    db.close();
  }
  walk(CATALOG_DATA);
  return [...out].sort((a, b) => b.length - a.length);
}

/** Words that dates, times and relative times are formatted with in our languages (Intl's, not ours). */
function dateAndNumberWords(): string[] {
  const words = new Set<string>();
  const add = (s: string) => s.split(/[\s\u00a0\u202f,.]+/).forEach((w) => w && words.add(w.toLowerCase()));
  for (const locale of ["en-GB", "nl-NL"]) {
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2026, m, 15));
      for (const month of ["long", "short"] as const) add(d.toLocaleDateString(locale, { month, timeZone: "UTC" }));
      for (const weekday of ["long", "short"] as const) add(d.toLocaleDateString(locale, { weekday, timeZone: "UTC" }));
    }
    for (const numeric of ["auto", "always"] as const) {
      const rtf = new Intl.RelativeTimeFormat(locale, { numeric });
      for (const unit of ["second", "minute", "hour", "day", "week", "month", "year"] as const) for (let n = -100; n <= 100; n++) add(rtf.format(n, unit));
    }
  }
  return [...words];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Takes `d` out of `line` where it stands on its own (not inside a longer word, file name or code such as `muster-agent-1.0.js`). */
const without = (line: string, d: string) => line.replace(new RegExp(`(?<![\\p{L}\\p{N}_.-])${escapeRegex(d)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, "gu"), " ");

/** A word that is an identifier rather than language: a hash, a hex id, a version, a file name. */
const IDENTIFIER = /^([0-9a-f]{7,}|v?\d+(\.\d+)+[\w.-]*|[\w.-]+\.(js|msi|deb|rpm|exe|tar\.gz|json|csv)|(?=[\w.-]*\d)[\w.-]+[-_.][\w.-]+)$/i;

/** What is left of a text once the marked messages (nested ones too) and the data strings are taken out. */
function unmarked(text: string, pageData: string[]): string[] {
  let rest = text;
  for (let before = ""; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " ");
  }
  const left: string[] = [];
  const squeezed = new Set(pageData.map((d) => d.replace(/\s+/g, "")));
  for (const line of rest.split("\n")) {
    // A chart wraps a long name over lines of its own (SVG tspans, read without spaces).
    if (squeezed.has(line.replace(/\s+/g, ""))) continue;
    let l = line;
    for (const d of pageData) if (l.includes(d)) l = without(l, d);
    const bad = l
      .split(/\s+/)
      .filter((w) => w && !/^[\p{P}\p{S}\p{N}]+$/u.test(w) && !IDENTIFIER.test(w) && !formatWords.has(w.toLowerCase().replace(/[.,:;()]+$/, "")) && !UNIVERSAL.has(w.toLowerCase()));
    if (bad.length) left.push(`${line.trim().slice(0, 160)}  [${bad.join(" ")}]`);
  }
  return left;
}

/** The offending texts of what the page shows now (visible text, title, aria-labels, placeholders, tooltips). */
async function offenders(page: Page): Promise<string[]> {
  const { texts, code } = await page.evaluate(() => {
    const out = [document.title, document.body.innerText];
    // Commands, code and identifiers (monospace) are not prose: they stay as they are in every language.
    const code = [...document.querySelectorAll("pre, code, kbd, samp, .mono")].map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t.length > 1);
    for (const el of document.querySelectorAll("[aria-label], [placeholder], [title], img[alt]")) {
      if (el.closest("[hidden]") || (el as HTMLElement).offsetParent === null) continue;
      for (const a of ["aria-label", "placeholder", "title", "alt"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return { texts: out, code };
  });
  const segments = decodeURIComponent(new URL(page.url()).pathname).split("/").filter(Boolean);
  const pageData = [...new Set([...code.flatMap((c) => [c, ...c.split("\n").map((l) => l.trim())]), ...segments, ...NAMES, ...data])].sort((a, b) => b.length - a.length);
  return [...new Set(texts.flatMap((t) => unmarked(t, pageData)))];
}

for (const role of ["admin", "agency_officer"] as const) {
  test(`pseudo-locale: every page as ${role} shows only catalog text and data`, async ({ browser }) => {
    test.setTimeout(300_000);
    const ctx = await browser.newContext({ baseURL: server.url, locale: "en-GB", viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const found: string[] = [];
    const check = async (where: string) => {
      found.push(...(await offenders(page)).map((o) => `${where}: ${o}`));
    };
    try {
      for (const p of ["/signin", "/verify", "/unsubscribe"]) {
        await openPage(page, p);
        await check(p);
      }
      await signInAnyLanguage(page, role);
      for (const p of pagesFor(role)) {
        await openPage(page, p.path);
        await check(p.path);
        await eachDialog(page, (n) => check(`${p.path} (dialog ${n})`));
      }
      await page.screenshot({ path: `test-results/screens/i18n-pseudo-${role}-last.png`, fullPage: true });
    } finally {
      await ctx.close();
    }
    expect(found).toEqual([]);
  });
}
