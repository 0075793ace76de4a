// What the method section cites: the catalog version in settings and the policies in force, with
// the code of the agency a local policy belongs to.
import "server-only";
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import type { PolicyInForce } from "./types";

/** A policy in force as stored: lists and texts still JSON. */
export type PolicyRow = Omit<PolicyInForce, "vendors" | "categories" | "texts"> & {
  vendors: string;
  products: string;
  categories: string | null;
  version: number;
  origin: string;
  agencyCode: string | null;
  texts: string | null;
};

/** The catalog version recorded in settings, if any. */
export function catalogVersionSetting(db: Db): { value: string } | undefined {
  return prep(db, "select value from settings where key = 'catalog_version'").get() as { value: string } | undefined;
}

/** The active policies, by effective date then id. */
export function activePolicies(db: Db): PolicyRow[] {
  return prep(
    db,
    `select p.name, p.jurisdiction, p.legal_reference as legalReference, p.legal_url as legalUrl, p.effective_date as effectiveDate, p.status, p.vendors,
         p.products, p.categories, p.deadline, p.version, p.origin, a.code as agencyCode, p.texts
       from policies p left join agencies a on a.id = p.agency_id where p.active = true order by p.effective_date, p.id`,
  ).all() as PolicyRow[];
}
