// The audit log's text search reads the log backwards in windows of ids (server/audit/store.ts):
// whatever the window, it returns what one scan of the whole log returns, newest first, within the
// agency scope and the other filters, and its keyset pages walk every match exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "~/server/db/client";
import { type AuditFilter, type AuditRow, auditEntries, insertAuditEntry } from "~/server/audit/store";
import { createTempDb, type TempDb } from "../../support/db";

let t: TempDb;
let db: Db;
let rows: AuditRow[];

beforeAll(() => {
  t = createTempDb();
  db = t.db;
  // 500 entries in two agencies; every 7th mentions a waiver (in a different field each time), so
  // matches are spread over many windows, some windows holding none.
  db.$client.transaction(() => {
    for (let i = 0; i < 500; i++) {
      const waiver = i % 7 === 0 && i < 430;
      const field = (i / 7) % 3;
      insertAuditEntry(
        db,
        1_700_000_000_000 + i * 1000,
        null,
        waiver && field === 0 ? "Waiver Desk" : "system",
        waiver && field === 1 ? "waiver.approve" : "endpoint.enroll",
        "endpoint",
        String(i),
        i % 2 ? 1 : 2,
        waiver && field === 2 ? JSON.stringify({ note: "per WAIVER 12" }) : null,
        null,
      );
    }
  })();
  rows = auditEntries(db, { agencyIds: null }, 10_000); // no text: one read, newest first
});
afterAll(() => t?.cleanup());

const ids = (r: { id: number }[]) => r.map((x) => x.id);
const mentions = (r: AuditRow) => [r.actor, r.action, r.objectId, r.details].some((v) => v?.toLowerCase().includes("waiver"));

it("finds what a scan of the whole log finds, whatever the window, newest first", () => {
  const expected = rows.filter(mentions);
  expect(expected.length).toBeGreaterThan(40);
  for (const window of [1, 13, 64, 1000, 20_000]) {
    expect(ids(auditEntries(db, { agencyIds: null, q: "waiver" }, 1000, window)), `window ${window}`).toEqual(ids(expected));
    expect(ids(auditEntries(db, { agencyIds: null, q: "Waiver" }, 10, window)), `window ${window}, first page`).toEqual(ids(expected.slice(0, 10)));
  }
});

it("keeps to the agency scope and the other filters, and pages through every match once", () => {
  const filter: AuditFilter = { agencyIds: [2], q: "waiver", from: rows.at(-1)!.at + 50_000 };
  const expected = rows.filter((r) => mentions(r) && r.agencyId === 2 && r.at >= filter.from!);
  const seen: number[] = [];
  for (let below: number | undefined; ; ) {
    const page = auditEntries(db, { ...filter, below }, 4, 16);
    seen.push(...ids(page));
    if (page.length < 4) break;
    below = page.at(-1)!.id;
  }
  expect(seen).toEqual(ids(expected));
  expect(auditEntries(db, { agencyIds: null, q: "no such text" }, 10, 16)).toEqual([]);
});
