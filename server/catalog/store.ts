// Data access for the local catalog overlay: its vendors, products and rules, and the revision
// counter every change bumps (in the change's own transaction, so other processes notice).
import type { Category, EntryRole, SoftwareEntry, Source } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import { prep } from "../db/sql";

export type LocalVendorRow = { slug: string; name: string; createdAt: number };
export type LocalProductRow = { slug: string; vendor: string; name: string; category: Category; createdAt: number };
export type LocalRuleRow = {
  id: number;
  kind: "classify" | "suppress";
  source: Source | null;
  namePattern: string | null;
  publisherPattern: string | null;
  identifierPattern: string | null;
  vendor: string | null;
  product: string | null;
  category: Category | null;
  note: string;
  fromSoftwareId: number | null;
  createdAt: number;
  createdBy: number | null;
  createdByLabel: string;
  retiredAt: number | null;
  retiredBy: number | null;
};

const RULE_COLUMNS = `id, kind, source, name_pattern as namePattern, publisher_pattern as publisherPattern, identifier_pattern as identifierPattern,
  vendor, product, category, note, from_software_id as fromSoftwareId, created_at as createdAt, created_by as createdBy,
  created_by_label as createdByLabel, retired_at as retiredAt, retired_by as retiredBy`;

export function overlayRevision(db: Db): number {
  const row = prep(db, "select value from settings where key = 'catalog_overlay_revision'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** Marks the overlay as changed. Call inside the transaction that changes it. */
export function bumpOverlayRevision(db: Db): number {
  const next = overlayRevision(db) + 1;
  prep(db, "insert into settings (key, value) values ('catalog_overlay_revision', ?) on conflict (key) do update set value = excluded.value").run(String(next));
  return next;
}

/** Records the catalog version the stored software rows are matched with. */
export function writeCatalogVersion(db: Db, version: string): void {
  prep(db, "insert into settings (key, value) values ('catalog_version', ?) on conflict (key) do update set value = excluded.value").run(version);
}

export function localVendors(db: Db): LocalVendorRow[] {
  return prep(db, "select slug, name, created_at as createdAt from catalog_local_vendors order by slug").all() as LocalVendorRow[];
}

export function localProducts(db: Db): LocalProductRow[] {
  return prep(db, "select slug, vendor, name, category, created_at as createdAt from catalog_local_products order by slug").all() as LocalProductRow[];
}

/** Rules in force (not retired), newest first: the order they are tried in (the latest decision wins). */
export function activeRules(db: Db): LocalRuleRow[] {
  return prep(db, `select ${RULE_COLUMNS} from catalog_local_rules where retired_at is null order by id desc`).all() as LocalRuleRow[];
}

/** Every rule, the retired ones too, newest first (the Catalog page's history). */
export function allRules(db: Db, limit = 500): LocalRuleRow[] {
  return prep(db, `select ${RULE_COLUMNS} from catalog_local_rules order by id desc limit ?`).all(limit) as LocalRuleRow[];
}

export function getRule(db: Db, id: number): LocalRuleRow | undefined {
  return prep(db, `select ${RULE_COLUMNS} from catalog_local_rules where id = ?`).get(id) as LocalRuleRow | undefined;
}

/** A local vendor an officer named before (names compare case-insensitively). */
export function localVendorByName(db: Db, name: string): { slug: string } | undefined {
  return prep(db, "select slug from catalog_local_vendors where lower(name) = lower(?)").get(name) as { slug: string } | undefined;
}

export function localSlugTaken(db: Db, table: "catalog_local_vendors" | "catalog_local_products", slug: string): boolean {
  return prep(db, `select 1 from ${table} where slug = ?`).get(slug) !== undefined;
}

export function insertVendor(db: Db, v: { slug: string; name: string }, by: number | null, now: number): void {
  prep(db, "insert into catalog_local_vendors (slug, name, created_at, created_by) values (?, ?, ?, ?)").run(v.slug, v.name, now, by);
}

export function insertProduct(db: Db, p: { slug: string; vendor: string; name: string; category: Category }, by: number | null, now: number): void {
  prep(db, "insert into catalog_local_products (slug, vendor, name, category, created_at, created_by) values (?, ?, ?, ?, ?, ?)").run(p.slug, p.vendor, p.name, p.category, now, by);
}

export type NewRule = Pick<LocalRuleRow, "kind" | "source" | "namePattern" | "publisherPattern" | "identifierPattern" | "vendor" | "product" | "category" | "note" | "fromSoftwareId">;

export function insertRule(db: Db, r: NewRule, actor: { userId: number | null; label: string }, now: number): number {
  const row = prep(
    db,
    `insert into catalog_local_rules (kind, source, name_pattern, publisher_pattern, identifier_pattern, vendor, product, category, note, from_software_id,
       created_at, created_by, created_by_label) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
  ).get(r.kind, r.source, r.namePattern, r.publisherPattern, r.identifierPattern, r.vendor, r.product, r.category, r.note, r.fromSoftwareId, now, actor.userId, actor.label) as { id: number };
  return row.id;
}

export function retireRule(db: Db, id: number, by: number | null, now: number): void {
  prep(db, "update catalog_local_rules set retired_at = ?, retired_by = ? where id = ? and retired_at is null").run(now, by, id);
}

/** Software rows as the matcher needs them (every row: a rematch looks at all). */
export type SoftwareMatchRow = {
  id: number;
  source: string;
  name: string;
  version: string;
  publisher: string;
  identifier: string;
  role: string | null;
  vendor: string | null;
  product: string | null;
  category: string | null;
  kind: "product" | "component";
  unrecognized: number;
};

/** A stored row as the software entry it was made from (what the matcher classifies). */
export function entryOfRow(r: SoftwareMatchRow): SoftwareEntry {
  return {
    source: r.source as Source,
    name: r.name,
    ...(r.version ? { version: r.version } : {}),
    ...(r.publisher ? { publisher: r.publisher } : {}),
    ...(r.identifier ? { identifier: r.identifier } : {}),
    ...(r.role ? { role: r.role as EntryRole } : {}),
  };
}

export function softwareForMatching(db: Db): SoftwareMatchRow[] {
  return prep(db, "select id, source, name, version, publisher, identifier, role, vendor, product, category, kind, unrecognized from software").all() as SoftwareMatchRow[];
}

export function softwareById(db: Db, id: number): SoftwareMatchRow | undefined {
  return prep(db, "select id, source, name, version, publisher, identifier, role, vendor, product, category, kind, unrecognized from software where id = ?").get(id) as SoftwareMatchRow | undefined;
}
