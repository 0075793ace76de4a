// Content version of the catalog: agents report it on every check-in and the server compares it
// with its own, so the same data must give the same version on every machine and any change to
// the data must give a new one. Key order in the source files does not matter (keys are sorted);
// array order does (signature and product order decide which match wins).
import { createHash } from "node:crypto";
import type { CatalogData } from "./types";

/** JSON with object keys sorted at every level; undefined members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

/** First 16 hex characters of the SHA-256 of the canonical JSON of the data. Only `vendors` and
 *  the local overlay (when there is one) are hashed, so a Catalog (data plus its `version`) hashes
 *  the same as its data, and the built-in data alone keeps the version it always had. */
export function catalogVersion(data: CatalogData): string {
  const content: CatalogData = data.local ? { vendors: data.vendors, local: data.local } : { vendors: data.vendors };
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex").slice(0, 16);
}
