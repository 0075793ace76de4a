// Data access for policies: the rows as stored (scope lists as JSON text), the local policies'
// writes and versions, putting in force, the built-in seed, the epoch every change bumps, and the
// agency paths a policy's subtree is resolved with.
import type { Db } from "../db/client";
import { prep } from "../db/sql";

/** The scope columns of a policy (lists as JSON text, as stored). */
export type PolicyScopeRow = { id: number; slug: string; vendors: string; products: string; categories: string | null; agencyId: number | null };

export type PolicyRow = PolicyScopeRow & {
  name: string;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  summary: string;
  effectiveDate: string;
  status: "banned" | "advisory";
  deadline: string | null;
  active: number;
  activatedAt: number | null;
  activatedBy: number | null;
  origin: "builtin" | "local";
  agencyCode: string | null;
  agencyName: string | null;
  version: number;
  previousVersionId: number | null;
  supersededAt: number | null;
  firstInForceAt: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  texts: string | null;
};

/** The text of a local policy as written to its columns (lists as JSON text). */
export type PolicyTextColumns = {
  name: string;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  summary: string;
  effectiveDate: string;
  status: "banned" | "advisory";
  vendors: string;
  products: string;
  categories: string | null;
  deadline: string | null;
  agencyId: number | null;
};

/** A built-in policy as the seed writes it (lists and texts as JSON text). */
export type BuiltinPolicyColumns = Omit<PolicyTextColumns, "products" | "agencyId"> & { slug: string; texts: string };

const SELECT = `select p.id, p.slug, p.name, p.jurisdiction, p.legal_reference as legalReference, p.legal_url as legalUrl, p.summary,
  p.effective_date as effectiveDate, p.status, p.vendors, p.products, p.categories, p.deadline, p.active, p.activated_at as activatedAt,
  p.activated_by as activatedBy, p.origin, p.agency_id as agencyId, a.code as agencyCode, a.name as agencyName, p.version,
  p.previous_version_id as previousVersionId, p.superseded_at as supersededAt, p.first_in_force_at as firstInForceAt,
  p.created_at as createdAt, p.updated_at as updatedAt, p.texts
  from policies p left join agencies a on a.id = p.agency_id`;

/** Every policy: those in force first, then by date ("active-first"), or by date only. */
export function selectPolicies(db: Db, order: "active-first" | "by-date"): PolicyRow[] {
  const sort = order === "active-first" ? "p.active desc, p.effective_date, p.id" : "p.effective_date, p.id";
  return prep(db, `${SELECT} order by ${sort}`).all() as PolicyRow[];
}

export function policyById(db: Db, id: number): PolicyRow | undefined {
  return prep(db, `${SELECT} where p.id = ?`).get(id) as PolicyRow | undefined;
}

export function policyBySlug(db: Db, slug: string): PolicyRow | undefined {
  return prep(db, `${SELECT} where p.slug = ?`).get(slug) as PolicyRow | undefined;
}

/** The policies in force, by id (what coverage is built from). */
export function activePolicyScopes(db: Db): PolicyScopeRow[] {
  return prep(db, "select id, slug, vendors, products, categories, agency_id as agencyId from policies where active = true order by id").all() as PolicyScopeRow[];
}

export function policySlugTaken(db: Db, slug: string): boolean {
  return prep(db, "select 1 from policies where slug = ?").get(slug) !== undefined;
}

/** The draft that replaces a policy once put in force, if one was written. */
export function draftVersionOf(db: Db, id: number): { id: number; version: number } | undefined {
  return prep(db, "select id, version from policies where previous_version_id = ?").get(id) as { id: number; version: number } | undefined;
}

export function insertLocalPolicy(db: Db, t: PolicyTextColumns, slug: string, version: number, previous: number | null, by: number | null, now: number): number {
  const row = prep(
    db,
    `insert into policies (slug, name, jurisdiction, legal_reference, legal_url, summary, effective_date, status, vendors, products, categories,
       deadline, agency_id, origin, version, previous_version_id, created_at, created_by, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', ?, ?, ?, ?, ?) returning id`,
  ).get(
    slug,
    t.name,
    t.jurisdiction,
    t.legalReference,
    t.legalUrl,
    t.summary,
    t.effectiveDate,
    t.status,
    t.vendors,
    t.products,
    t.categories,
    t.deadline,
    t.agencyId,
    version,
    previous,
    now,
    by,
    now,
  ) as {
    id: number;
  };
  return row.id;
}

export function updateLocalPolicyText(db: Db, id: number, t: PolicyTextColumns, now: number): void {
  prep(
    db,
    `update policies set name = ?, jurisdiction = ?, legal_reference = ?, legal_url = ?, summary = ?, effective_date = ?, status = ?, vendors = ?,
         products = ?, categories = ?, deadline = ?, agency_id = ?, updated_at = ? where id = ?`,
  ).run(t.name, t.jurisdiction, t.legalReference, t.legalUrl, t.summary, t.effectiveDate, t.status, t.vendors, t.products, t.categories, t.deadline, t.agencyId, now, id);
}

/** Puts a policy in force (recording who and when, and the first time ever) or withdraws it. */
export function setPolicyActiveRow(db: Db, id: number, active: boolean, by: number | null, now: number): void {
  prep(db, "update policies set active = ?, activated_at = ?, activated_by = ?, first_in_force_at = coalesce(first_in_force_at, ?) where id = ?").run(
    active ? 1 : 0,
    active ? now : null,
    active ? by : null,
    active ? now : null,
    id,
  );
}

/** Withdraws a policy in force because its new version replaces it. */
export function withdrawReplacedPolicy(db: Db, id: number, now: number): void {
  prep(db, "update policies set active = false, activated_at = null, activated_by = null, superseded_at = ? where id = ?").run(now, id);
}

/** Marks a policy not in force as replaced (keeps the first date). */
export function markPolicySuperseded(db: Db, id: number, now: number): void {
  prep(db, "update policies set superseded_at = coalesce(superseded_at, ?) where id = ?").run(now, id);
}

/** Inserts a built-in policy or refreshes its text; never its scope, never `active`, never a local one. */
export function upsertBuiltinPolicy(db: Db, p: BuiltinPolicyColumns): void {
  prep(
    db,
    `insert into policies (slug, name, jurisdiction, legal_reference, legal_url, summary, effective_date, status, vendors, categories, deadline, texts)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (slug) do update set name = excluded.name, jurisdiction = excluded.jurisdiction,
       legal_reference = excluded.legal_reference, legal_url = excluded.legal_url, summary = excluded.summary, texts = excluded.texts,
       effective_date = excluded.effective_date, status = excluded.status, deadline = excluded.deadline
     where policies.origin = 'builtin' and policies.vendors = excluded.vendors and coalesce(policies.categories, '') = coalesce(excluded.categories, '')`,
  ).run(p.slug, p.name, p.jurisdiction, p.legalReference, p.legalUrl, p.summary, p.effectiveDate, p.status, p.vendors, p.categories, p.deadline, p.texts);
}

/** The stored policy epoch, if any change was ever made. */
export function policyEpochSetting(db: Db): string | undefined {
  return (prep(db, "select value from settings where key = 'policy_epoch'").get() as { value: string } | undefined)?.value;
}

export function writePolicyEpoch(db: Db, epoch: string): void {
  prep(db, "insert into settings (key, value) values ('policy_epoch', ?) on conflict (key) do update set value = excluded.value").run(epoch);
}

/** The materialised path of an agency ("/1/4/9/"), or undefined when it does not exist. */
export function agencyPath(db: Db, id: number): string | undefined {
  return (prep(db, "select path from agencies where id = ?").get(id) as { path: string } | undefined)?.path;
}

export function agencyExists(db: Db, id: number): boolean {
  return prep(db, "select 1 from agencies where id = ?").get(id) !== undefined;
}
