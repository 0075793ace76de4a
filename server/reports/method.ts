// The method section: how the endpoints were inventoried and under which rules the figures were
// computed. The data keeps the parameters (catalog version, policies in force with their texts,
// stale window, projection window); the sentences are written from them in the report's language.
import "server-only";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import type { Db } from "../db/client";
import { effectiveCatalog } from "../catalog/effective";
import { productName, vendorName } from "../catalog/names";
import { PROJECTION_WINDOW_DAYS } from "../findings/projection";
import { parsePolicyTexts } from "../policy/texts";
import { activePolicies, catalogVersionSetting, type PolicyRow } from "./store-method";
import type { Method, PolicyInForce } from "./types";

/** A policy as a report cites it: its products join its vendors; a local policy's version and the
 *  agencies it applies to are kept apart, to be written in the report's language. */
function citedPolicy(p: PolicyRow): PolicyInForce {
  const { products, version, origin, agencyCode, texts, ...rest } = p;
  const translated = parsePolicyTexts(texts);
  for (const t of Object.values(translated)) delete t.summary; // the report cites name and reference only
  return {
    ...rest,
    ...(origin === "local" && version > 1 ? { version } : {}),
    agencyCode,
    texts: translated,
    vendors: [...(JSON.parse(p.vendors) as string[]).map(vendorName), ...(JSON.parse(products || "[]") as string[]).map(productName)],
    categories: p.categories ? (JSON.parse(p.categories) as string[]) : null,
  };
}

export function buildMethod(db: Db, opts: { staleDays: number }): Method {
  const catalog = catalogVersionSetting(db);
  effectiveCatalog(db); // local vendor and product names
  const policies = activePolicies(db).map(citedPolicy);
  return {
    catalogVersion: catalog?.value ?? BUILTIN_CATALOG.version,
    policies,
    staleDays: opts.staleDays,
    projectionWindowDays: PROJECTION_WINDOW_DAYS,
  };
}
