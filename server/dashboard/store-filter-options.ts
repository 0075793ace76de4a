// The statements of the list filters' options (filter-options.ts): which vendors and products the
// endpoints of some agencies carry now, and which ones any policy names.
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

/** The vendor and product lists of every policy, in force or not (JSON text, as stored). */
export function policyTargetLists(db: Db): { vendors: string; products: string }[] {
  return prep(db, "select vendors, products from policies").all() as { vendors: string; products: string }[];
}
