// The Import page's history: imports within the viewer's agencies, newest first, with their
// agency, bad rows, and whether each can still be undone (and why not).
import { inScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import type { ErrorText } from "../i18n/errors";
import { parseSaid, type Said } from "../i18n/said";
import type { RowError } from "./collect";
import { notFound } from "../lib/errors";
import { getImport, type ImportRow, listImportRows } from "./store";
import { agencyCodeAndName } from "./store-agencies";
import { changedData, undoBlocker } from "./undo";

/** Undo eligibility is worked out for this many of the newest applied imports of a page. */
const UNDO_CHECKS = 20;

export type ImportItem = Omit<ImportRow, "errors" | "messageSaid"> & {
  agencyCode: string;
  agencyName: string;
  /** The message as said to people (null on imports made before it was stored). */
  messageSaid: Said | null;
  errors: RowError[];
  /** null: can be undone; otherwise why not (for applied imports), or null and `undoable` false. */
  undoBlockedBy: ErrorText | null;
  undoable: boolean;
};

function agencyNames(db: Db, ids: number[]): Map<number, { code: string; name: string }> {
  return new Map(ids.map((id) => [id, agencyCodeAndName(db, id) ?? { code: "?", name: "" }]));
}

export function listImports(db: Db, scope: Scope, opts: { limit: number; before?: number }): { items: ImportItem[]; nextCursor: number | null } {
  const rows = listImportRows(db, scope.kind === "all" ? null : scope.ids, opts.limit + 1, opts.before);
  const more = rows.length > opts.limit;
  const page = more ? rows.slice(0, opts.limit) : rows;
  const names = agencyNames(db, [...new Set(page.map((r) => r.agencyId))]);
  let checks = 0;
  const items = page.map((r): ImportItem => {
    const changed = changedData(r);
    const blocker = changed && checks++ < UNDO_CHECKS ? undoBlocker(db, r) : changed ? ({ key: "errors.undoOlderImport" } as const) : null;
    return {
      ...r,
      agencyCode: names.get(r.agencyId)!.code,
      agencyName: names.get(r.agencyId)!.name,
      messageSaid: parseSaid(r.messageSaid),
      errors: r.errors ? (JSON.parse(r.errors) as ImportItem["errors"]) : [],
      undoBlockedBy: changed ? blocker : null,
      undoable: changed && blocker === null,
    };
  });
  return { items, nextCursor: more ? page[page.length - 1]!.id : null };
}

export function getImportItem(db: Db, scope: Scope, id: number): ImportItem {
  const r = getImport(db, id);
  if (!r || !inScope(scope, r.agencyId)) throw notFound("errors.importNotFound");
  const changed = changedData(r);
  const blocker = changed ? undoBlocker(db, r) : null;
  const names = agencyNames(db, [r.agencyId]);
  return {
    ...r,
    agencyCode: names.get(r.agencyId)!.code,
    agencyName: names.get(r.agencyId)!.name,
    messageSaid: parseSaid(r.messageSaid),
    errors: r.errors ? JSON.parse(r.errors) : [],
    undoBlockedBy: blocker,
    undoable: changed && blocker === null,
  };
}
