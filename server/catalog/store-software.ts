// Data access for the software registry (on the check-in hot path): a software row by identity
// fingerprint or id, the insert of a new one, and the writes of a rematch. Cached statements only
// (prep), positional parameters, no allocation beyond the row.
import type { Db } from "../db/client";
import { prep } from "../db/sql";

/** A software row as the registry keeps it. */
export type SoftwareRow = {
  id: number;
  source: string;
  name: string;
  version: string;
  identifier: string;
  vendor: string | null;
  product: string | null;
  category: string | null;
  kind: "product" | "component";
};

/** The entry a new row is made from (missing fields are stored as ""; no role as null). */
type NewEntry = { source: string; name: string; version?: string; publisher?: string; identifier?: string; role?: string };
/** The catalog's match of an entry. */
export type SoftwareMatch = { vendor: string | null; product: string | null; category: string | null; kind: "product" | "component" };

export function softwareByFingerprint(db: Db, fp: string): SoftwareRow | undefined {
  return prep(db, "select id, source, name, version, identifier, vendor, product, category, kind from software where fp = ?", { keep: true }).get(fp) as SoftwareRow | undefined;
}

export function softwareRowById(db: Db, id: number): SoftwareRow | undefined {
  return prep(db, "select id, source, name, version, identifier, vendor, product, category, kind from software where id = ?", { keep: true }).get(id) as SoftwareRow | undefined;
}

/** Inserts the row of an entry seen for the first time, matched with catalog `matchedWith`. */
export function insertSoftware(db: Db, fp: string, e: NewEntry, c: SoftwareMatch, unrecognized: boolean, matchedWith: string, now: number): SoftwareRow {
  return prep(
    db,
    `insert into software (fp, source, name, version, publisher, identifier, role, vendor, product, category, kind, unrecognized, matched_with, first_seen_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id, source, name, version, identifier, vendor, product, category, kind`,
  ).get(fp, e.source, e.name, e.version ?? "", e.publisher ?? "", e.identifier ?? "", e.role ?? null, c.vendor, c.product, c.category, c.kind, unrecognized ? 1 : 0, matchedWith, now) as SoftwareRow;
}

export type RematchWriters = {
  /** A new classification. */
  setMatch(id: number, c: SoftwareMatch, unrecognized: boolean, matchedWith: string): void;
  /** The same classification, now by this catalog. */
  touch(id: number, matchedWith: string): void;
};

/** The two writes of a rematch, prepared once for its loop over every row. */
export function rematchWriters(db: Db): RematchWriters {
  const update = prep(db, "update software set vendor = ?, product = ?, category = ?, kind = ?, unrecognized = ?, matched_with = ? where id = ?");
  const touch = prep(db, "update software set matched_with = ? where id = ?");
  return {
    setMatch(id: number, c: SoftwareMatch, unrecognized: boolean, matchedWith: string): void {
      update.run(c.vendor, c.product, c.category, c.kind, unrecognized ? 1 : 0, matchedWith, id);
    },
    touch(id: number, matchedWith: string): void {
      touch.run(matchedWith, id);
    },
  };
}
