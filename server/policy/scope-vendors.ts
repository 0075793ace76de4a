// The vendors a policy scope can reach: the vendors it names and the vendors of the products it
// names (built-in or local), for re-evaluation targets.
import { productVendor } from "../catalog/names";
import type { PolicyScope } from "./coverage";

/** Vendors whose products a scope can reach: its vendors and the vendors of its products. */
export function scopeVendors(p: Pick<PolicyScope, "vendors" | "products">): string[] {
  const out = new Set(p.vendors);
  for (const slug of p.products) {
    const v = productVendor(slug);
    if (v) out.add(v);
  }
  return [...out].sort();
}
