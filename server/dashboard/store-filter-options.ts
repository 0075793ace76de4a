// The statements of the list filters' options (filter-options.ts): which vendors and products the
// endpoints of some agencies carry now (what any policy names comes from policy/service.ts).
import type { Db } from "../db/client";
import { inIds } from "../db/read-sql";
import { prep } from "../db/sql";

/** Vendor and product slugs present on at least one endpoint of the agencies `ids` (null: all),
 *  from the presence counts drizzle/0016's triggers keep (one row per slug and agency). */
export function carriedSlugs(db: Db, ids: readonly number[] | null): { kind: "vendor" | "product"; slug: string }[] {
  return prep(db, `select distinct kind, slug from presence_counts where endpoints > 0 and ${inIds("agency_id", ids)}`).all() as {
    kind: "vendor" | "product";
    slug: string;
  }[];
}
