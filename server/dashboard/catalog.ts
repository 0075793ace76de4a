// The Policies & catalog page's read side: the catalog of vendors and products
// with what the policies in force cover, and the `unrecognized` entries agents have sent.
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { policyRows } from "../policy/service";
import { catalogVendors, catalogVersion } from "./catalog-names";
import { sumCounters } from "./counters";
import { inIds, likeEscape, stmt } from "./sql";

export type CatalogProductItem = { slug: string; name: string; category: string; hasRemovalGuide: boolean; bannedBy: string[]; advisedBy: string[] };
export type CatalogVendorItem = { slug: string; name: string; country: string | null; products: CatalogProductItem[] };

/** Every catalog vendor and product, with the policies in force that ban or advise against it. */
export function catalogWithPolicies(db: Db): { version: string; vendors: CatalogVendorItem[] } {
  const active = policyRows(db).filter((p) => p.active);
  const covering = (vendor: string, category: string, status: "banned" | "advisory") =>
    active.filter((p) => p.status === status && p.vendors.includes(vendor) && (!p.categories || p.categories.includes(category))).map((p) => p.name);
  return {
    version: catalogVersion(),
    vendors: catalogVendors().map((v) => ({
      slug: v.slug,
      name: v.name,
      country: v.country ?? null,
      products: v.products.map((p) => ({
        slug: p.slug,
        name: p.name,
        category: p.category,
        hasRemovalGuide: (p.removal?.length ?? 0) > 0,
        bannedBy: covering(v.slug, p.category, "banned"),
        advisedBy: covering(v.slug, p.category, "advisory"),
      })),
    })),
  };
}

export type UnrecognizedItem = {
  id: number;
  source: string;
  name: string;
  version: string;
  publisher: string;
  identifier: string;
  firstSeenAt: number;
  endpoints: number;
};

/** Unrecognized entries, newest first (keyset by id), each with how many endpoints in the scope
 *  report it now. Deployment-wide the counts are covering index ranges. For an agency scope the
 *  cheaper of two ways is taken: walk each entry's observations and check the endpoint's agency, or
 *  walk the scope's endpoints (from the counters' size) and their observations. */
export function listUnrecognized(db: Db, scope: Scope, opts: { q?: string; after?: number; limit?: number } = {}): { items: UnrecognizedItem[]; nextAfter: number | null } {
  const limit = opts.limit ?? 50;
  const where = ["s.unrecognized = 1"];
  const params: Record<string, unknown> = {};
  if (opts.after) {
    where.push("s.id < @after");
    params.after = opts.after;
  }
  if (opts.q) {
    where.push("(s.name like @q escape '\\' or s.publisher like @q escape '\\')");
    params.q = `%${likeEscape(opts.q)}%`;
  }
  const select = `select s.id, s.source, s.name, s.version, s.publisher, s.identifier, s.first_seen_at as firstSeenAt
     from software s indexed by software_unrecognized_idx where ${where.join(" and ")} order by s.id desc`;
  const present = stmt(db, "select count(*) as n from observations indexed by observations_software_removed_idx where software_id = ? and removed_at is null");
  if (scope.kind === "all") {
    const rows = stmt(db, `${select} limit ${limit + 1}`).all(params) as Omit<UnrecognizedItem, "endpoints">[];
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ ...r, endpoints: (present.get(r.id) as { n: number }).n })),
      nextAfter: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }
  // Agency scope: counts for every candidate, then the entries seen in the scope, paginated.
  const candidates = stmt(db, select).all(params) as Omit<UnrecognizedItem, "endpoints">[];
  if (candidates.length === 0 || scope.ids.length === 0) return { items: [], nextAfter: null };
  const ids = candidates.map((c) => c.id);
  const viaEntries = (stmt(db, `select count(*) as n from observations indexed by observations_software_removed_idx where ${inIds("software_id", ids)} and removed_at is null`).get() as { n: number }).n;
  const viaEndpoints = sumCounters(db, scope.ids).endpoints * 20;
  const counts = new Map<number, number>(
    (viaEntries <= viaEndpoints
      ? stmt(
          db,
          `select o.software_id as id, count(*) as n from observations o indexed by observations_software_removed_idx join endpoints e on e.id = o.endpoint_id
           where ${inIds("o.software_id", ids)} and o.removed_at is null and ${inIds("e.agency_id", scope.ids)} group by o.software_id`,
        ).all()
      : stmt(
          db,
          `select o.software_id as id, count(*) as n from endpoints e indexed by endpoints_agency_state_idx join observations o on o.endpoint_id = e.id
           where ${inIds("e.agency_id", scope.ids)} and o.removed_at is null and ${inIds("o.software_id", ids)} group by o.software_id`,
        ).all()
    ).map((r) => [(r as { id: number }).id, (r as { n: number }).n]),
  );
  const seen = candidates.filter((c) => (counts.get(c.id) ?? 0) > 0);
  const page = seen.slice(0, limit);
  return { items: page.map((r) => ({ ...r, endpoints: counts.get(r.id)! })), nextAfter: seen.length > limit ? page[page.length - 1]!.id : null };
}
