// The Catalog page's read side: the local overlay (its rules, what each matches now, and where the
// built-in release disagrees), the unrecognized entries ranked by how many endpoints carry them,
// and a search over recognised entries (to suppress a false positive).
import "server-only";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import type { Classification } from "~/agent/shared/protocol";
import type { Scope } from "../access/scope";
import { productName, vendorName } from "./names";
import type { Db } from "../db/client";
import { builtinCatalog, effectiveCatalog, toLocalRule } from "./effective";
import { matchOf } from "./rules";
import { allRules, entryOfRow, softwareForMatching } from "./store";
import { countEndpointsWithOne, countEndpointsWithSoftware, rankUnrecognized, type RecognisedRow, searchRecognisedSoftware, type UnrecognizedRow } from "./store-overview";

export type RuleItem = {
  id: number;
  kind: "classify" | "suppress";
  source: string | null;
  match: { field: "name" | "publisher" | "identifier"; mode: string; value: string }[];
  vendor: string | null;
  vendorName: string | null;
  product: string | null;
  productName: string | null;
  category: string | null;
  note: string;
  createdAt: number;
  createdBy: string;
  retiredAt: number | null;
  /** Distinct software entries it matches now, and the endpoints that have one. */
  entries: number;
  endpoints: number;
  /** What the built-in release alone says about those entries, where it says something else. */
  builtin: (Classification & { vendorName: string; productName: string }) | null;
  conflict: boolean;
};

const present = (db: Db, ids: number[]) => (ids.length ? countEndpointsWithSoftware(db, ids) : 0);

/** The overlay's rules (in force first, then withdrawn), with what they match and the release's view. */
export function overlayOverview(db: Db) {
  const eff = effectiveCatalog(db);
  const rows = softwareForMatching(db);
  const builtin = builtinCatalog().matcher;
  const rules: RuleItem[] = allRules(db).map((r) => {
    const sig = toLocalRule(r).signature;
    const res = (["name", "publisher", "identifier"] as const).flatMap((f) => (sig[f] ? [[f, new RegExp(sig[f]!, "i")] as const] : []));
    const matched = rows.filter((s) => (!r.source || s.source === r.source) && res.every(([f, re]) => s[f] !== "" && re.test(s[f])));
    let says: Classification | null = null;
    for (const s of matched) {
      const c = builtin.classify(entryOfRow(s));
      if (c && c.product !== r.product) {
        says = c;
        break;
      }
    }
    const match = (["name", "publisher", "identifier"] as const).flatMap((field) => {
      const m = matchOf(field === "name" ? r.namePattern : field === "publisher" ? r.publisherPattern : r.identifierPattern);
      return m ? [{ field, ...m }] : [];
    });
    return {
      id: r.id,
      kind: r.kind,
      source: r.source,
      match,
      vendor: r.vendor,
      vendorName: r.vendor ? vendorName(r.vendor) : null,
      product: r.product,
      productName: r.product ? productName(r.product) : null,
      category: r.category,
      note: r.note,
      createdAt: r.createdAt,
      createdBy: r.createdByLabel,
      retiredAt: r.retiredAt,
      entries: matched.length,
      endpoints:
        r.retiredAt === null
          ? present(
              db,
              matched.map((s) => s.id),
            )
          : 0,
      builtin: says && { ...says, vendorName: vendorName(says.vendor), productName: productName(says.product) },
      conflict: r.kind === "classify" && says !== null,
    };
  });
  const local = eff.catalog.local;
  return {
    catalogVersion: eff.version,
    builtinVersion: BUILTIN_CATALOG.version,
    revision: eff.revision,
    counts: { vendors: local?.vendors.length ?? 0, products: local?.products.length ?? 0, rules: local?.rules.length ?? 0 },
    rules: [...rules.filter((r) => r.retiredAt === null), ...rules.filter((r) => r.retiredAt !== null)],
  };
}

export type UnrecognizedItem = UnrecognizedRow;

const RANK_TTL_MS = 60_000;
const rankCache = new WeakMap<object, Map<string, { at: number; items: UnrecognizedItem[]; more: boolean }>>();
export const UNRECOGNIZED_MAX_OFFSET = 1000;

/**
 * Unrecognized entries present on endpoints in the scope, most endpoints first. Bounded: pages of
 * at most 200, offsets up to 1,000, and each page remembered a minute (on a national fleet a
 * popular entry is a long index range to count).
 */
export function listUnrecognizedRanked(db: Db, scope: Scope, opts: { q?: string; offset?: number; limit?: number } = {}): { items: UnrecognizedItem[]; more: boolean } {
  const limit = Math.min(opts.limit ?? 50, 200);
  const offset = Math.min(opts.offset ?? 0, UNRECOGNIZED_MAX_OFFSET);
  const revision = effectiveCatalog(db).revision;
  const key = JSON.stringify([scope.kind === "all" ? "all" : scope.ids, opts.q ?? "", offset, limit, revision]);
  let cache = rankCache.get(db.$client);
  if (!cache) rankCache.set(db.$client, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < RANK_TTL_MS) return { items: hit.items, more: hit.more };
  const rows = rankUnrecognized(db, { q: opts.q, agencyIds: scope.kind === "all" ? null : scope.ids, limit: limit + 1, offset });
  const out = { items: rows.slice(0, limit), more: rows.length > limit && offset + limit <= UNRECOGNIZED_MAX_OFFSET };
  if (cache.size > 200) cache.clear();
  cache.set(key, { at: Date.now(), ...out });
  return out;
}

export type EntryItem = RecognisedRow & { vendorName: string; productName: string; endpoints: number };

/** Recognised entries whose name, publisher or identifier contains `q` (at most 50), for suppression. */
export function searchRecognised(db: Db, q: string): EntryItem[] {
  return searchRecognisedSoftware(db, q).map((r) => ({ ...r, vendorName: vendorName(r.vendor), productName: productName(r.product), endpoints: countEndpointsWithOne(db, r.id) }));
}
