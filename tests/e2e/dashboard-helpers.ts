// Helpers for the dashboard end-to-end tests: read the seeded database directly (to compare what
// the pages show with the truth) and parse the numbers the pages print.
import { inflateRawSync } from "node:zlib";
import { expect, type Locator, type Page } from "@playwright/test";
import { openE2eDb } from "./db";

export function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = openE2eDb({ readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

export function one<T>(sql: string, ...args: unknown[]): T {
  const rows = query<T>(sql, ...args);
  if (!rows.length) throw new Error(`no row for ${sql}`);
  return rows[0]!;
}

export const count = (sql: string, ...args: unknown[]) => one<{ n: number }>(sql, ...args).n;

/** "1,234" (en-GB, the locale the tests run in) -> 1234. */
export function num(text: string | null): number {
  const n = Number((text ?? "").replace(/[^\d-]/g, ""));
  if (!Number.isFinite(n) || (text ?? "").trim() === "") throw new Error(`not a number: ${JSON.stringify(text)}`);
  return n;
}

/** Ids of an agency and its sub-agencies. */
export function subtree(code: string): number[] {
  const root = one<{ path: string }>("select path from agencies where code = ?", code);
  return query<{ id: number }>("select id from agencies where substr(path, 1, ?) = ?", root.path.length, root.path).map((r) => r.id);
}

export const inList = (ids: number[]) => `(${ids.map((i) => Number(i)).join(",")})`;

/** RFC 4180 CSV (a leading BOM dropped) as rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && s[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** The entries of a ZIP archive (deflated or stored), by name. */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP archive");
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0, n = buf.readUInt16LE(end + 10); i < n; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** The number a figure tile (by test id) shows. */
export const figure = async (page: Page, id: string) => num(await page.getByTestId(id).textContent());

/** Publishes a deployment-wide report from the Reports page; returns its id (the page shows it). */
export async function publishDeploymentReport(page: Page): Promise<number> {
  await page.goto("/reports");
  await page.getByRole("form", { name: "New report" }).getByRole("button", { name: "Preview draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft report" })).toBeVisible();
  await page.getByRole("button", { name: "Publish report…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Publish and freeze" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  return Number(page.url().split("/").pop());
}

/** A dialog lies inside the viewport, and its buttons inside the dialog (nothing to scroll sideways to). */
export async function expectDialogFits(dialog: Locator, buttons: string[]) {
  const viewport = dialog.page().viewportSize()!;
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const inner = await dialog.evaluate((d) => ({ scroll: d.scrollWidth, client: d.clientWidth }));
  expect(inner.scroll, "no content wider than the dialog").toBeLessThanOrEqual(inner.client + 1);
  for (const name of buttons) {
    const b = (await dialog.getByRole("button", { name }).boundingBox())!;
    expect(b.x, name).toBeGreaterThanOrEqual(box.x);
    expect(b.x + b.width, name).toBeLessThanOrEqual(box.x + box.width);
    expect(b.y + b.height, name).toBeLessThanOrEqual(viewport.height);
  }
}
