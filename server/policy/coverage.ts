// Which products the policies in force cover. A product is covered when an ACTIVE policy names its
// vendor and either covers every category (categories null) or lists the product's category.
// Loaded once and cached per connection; every change to policies bumps `settings.policy_epoch`
// in the same transaction, so a process sees another process's change (the admin CLI) on its
// next batch.
import type { Db } from "../db/client";
import { prep } from "../ingest/sql";

export type PolicyScope = { id: number; slug: string; vendors: string[]; categories: string[] | null };
export type Covering = { ids: number[]; json: string };

export class Coverage {
  private memo = new Map<string, Covering | null>();
  readonly vendors: Set<string>;

  constructor(
    readonly policies: PolicyScope[],
    readonly epoch: string,
  ) {
    this.vendors = new Set(policies.flatMap((p) => p.vendors));
  }

  /** The active policies covering (vendor, category), or null when none does. */
  covering(vendor: string | null, category: string | null): Covering | null {
    if (vendor === null || !this.vendors.has(vendor)) return null;
    const key = `${vendor}\u0000${category ?? ""}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const ids = this.policies
      .filter((p) => p.vendors.includes(vendor) && (p.categories === null || (category !== null && p.categories.includes(category))))
      .map((p) => p.id)
      .sort((a, b) => a - b);
    const out = ids.length ? { ids, json: JSON.stringify(ids) } : null;
    this.memo.set(key, out);
    return out;
  }

  covers(vendor: string | null, category: string | null): boolean {
    return this.covering(vendor, category) !== null;
  }
}

type PolicyRow = { id: number; slug: string; vendors: string; categories: string | null };

export function parseScope(r: PolicyRow): PolicyScope {
  return { id: r.id, slug: r.slug, vendors: JSON.parse(r.vendors) as string[], categories: r.categories ? (JSON.parse(r.categories) as string[]) : null };
}

export function readPolicyEpoch(db: Db): string {
  const row = prep(db, "select value from settings where key = 'policy_epoch'").get() as { value: string } | undefined;
  return row?.value ?? "0";
}

/** Marks the active policy set as changed. Call inside the transaction that changes it. */
export function bumpPolicyEpoch(db: Db): string {
  const next = String(Number(readPolicyEpoch(db)) + 1);
  prep(db, "insert into settings (key, value) values ('policy_epoch', ?) on conflict (key) do update set value = excluded.value").run(next);
  return next;
}

const cache = new WeakMap<object, Coverage>();

/** The coverage in force, reloaded when the epoch changed since the last call. */
export function currentCoverage(db: Db): Coverage {
  const epoch = readPolicyEpoch(db);
  const hit = cache.get(db.$client);
  if (hit && hit.epoch === epoch) return hit;
  const rows = prep(db, "select id, slug, vendors, categories from policies where active = 1 order by id").all() as PolicyRow[];
  const cov = new Coverage(rows.map(parseScope), epoch);
  cache.set(db.$client, cov);
  return cov;
}
