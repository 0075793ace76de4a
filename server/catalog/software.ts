// Distinct software entries and the server's own catalog match. Every entry an agent sends is
// re-classified here with the deployment's catalog (built-in plus local overlay); the agent's
// classification and its `unrecognized` flag are never trusted for matching (the flag is kept only
// as a hint for the catalog team). What the catalog does not know but the OS calls security
// software (Security Center registrations, Endpoint Security extensions) is recorded as an
// unidentified product of its category and listed as unrecognized. Entries are cached in memory by
// identity, so a check-in whose entries were all seen before costs one Map lookup per entry.
import { createHash } from "node:crypto";
import { GENERIC_VENDOR, genericEvidence, type Matcher } from "~/agent/shared/catalog";
import { entryOfRow, softwareForMatching } from "./store";
import { builtinCatalog, type EffectiveCatalog } from "./effective";
import { COMPONENT_SOURCES, type Category, type SoftwareEntry, type Source } from "~/agent/shared/protocol";
import type { Db } from "../db/client";
import { insertSoftware, rematchWriters, type SoftwareRow, softwareByFingerprint, softwareRowById } from "./store-software";

export type SoftwareInfo = {
  id: number;
  source: Source;
  version: string;
  vendor: string | null;
  product: string | null;
  category: Category | null;
  kind: "product" | "component";
  /** A Security Center antivirus registration (AntiVirusProduct, or Defender's own status on servers). */
  wscAntivirus: boolean;
};

/** A resolved entry: its software row and its observation slot on an endpoint. */
export type ResolvedEntry = { info: SoftwareInfo; slot: number };

/** A software entry as validated (the agent's `unrecognized` hint may be any boolean). */
export type EntryLike = Omit<SoftwareEntry, "unrecognized"> & { unrecognized?: boolean };

const COMPONENTS = new Set<string>(COMPONENT_SOURCES);
const PROTECTION = new Set<string>(["antivirus", "edr"]);
const WSC_AV_CLASSES = new Set(["AntiVirusProduct", "MpComputerStatus"]);
const CACHE_LIMIT = 200_000;

/** Identity key of an entry (what makes two entries "the same software"). The role joins the key
 *  only when there is one, so entries without it keep the keys they always had. */
export function identityKey(e: EntryLike): string {
  const key = `${e.source}\u0000${e.name}\u0000${e.version ?? ""}\u0000${e.publisher ?? ""}\u0000${e.identifier ?? ""}`;
  return e.role ? `${key}\u0000${e.role}` : key;
}

export function fingerprint(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Display name without version numbers, so "Foo 4.5.1" and "Foo 4.6" share a slot. */
export function normalisedName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\bv?\d+(?:[._-]\d+)*[a-z]?\b/g, " ")
    .replace(/\b(?:version|versão|versión|версия)\b/g, " ")
    .replace(/[\s()[\]{},;:_-]+/g, " ")
    .trim();
}

/** 53-bit string hash (cyrb53): stable across processes and releases. */
export function hash53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Observation slot of an entry: the same thing on the same endpoint across versions.
 * - windows-uninstall: the normalised display name. The key name is often an MSI product code,
 *   which changes with every major upgrade and would turn an upgrade into removal + install.
 * - windows-security-center: the registration class (identifier) plus the normalised name; the
 *   class alone is shared by every product registered in it.
 * - everything else: the identifier (package, bundle id, service, unit, path), else the name.
 */
export function slotOf(e: EntryLike): number {
  let key: string;
  if (e.source === "windows-uninstall") key = normalisedName(e.name);
  else if (e.source === "windows-security-center") key = `${e.identifier ?? ""}\u0000${normalisedName(e.name)}`;
  else key = e.identifier ? e.identifier.toLowerCase() : normalisedName(e.name);
  return hash53(`${e.source}\u0000${key}`);
}

export function classifyEntry(entry: EntryLike, matcher: Matcher = builtinCatalog().matcher) {
  const e = entry as SoftwareEntry;
  const known = matcher.classify(e);
  // Unknown to the catalog but registered as security software by the OS (and not suppressed by a
  // local rule, which looksLikeSecurity honours): an unidentified product of its category.
  const generic = known === null && matcher.looksLikeSecurity(e) ? genericEvidence(e) : null;
  const c = known ?? generic;
  const kind: SoftwareInfo["kind"] = COMPONENTS.has(e.source) ? "component" : "product";
  const wscAntivirus = e.source === "windows-security-center" && (e.identifier ? WSC_AV_CLASSES.has(e.identifier) : c !== null && PROTECTION.has(c.category));
  const unrecognized = generic !== null || (c === null && (e.unrecognized === true || matcher.looksLikeSecurity(e)));
  return { vendor: c?.vendor ?? null, product: c?.product ?? null, category: c?.category ?? null, kind, wscAntivirus, unrecognized };
}

function infoFromRow(r: SoftwareRow): SoftwareInfo {
  const wscAntivirus = r.source === "windows-security-center" && (r.identifier ? WSC_AV_CLASSES.has(r.identifier) : r.category !== null && PROTECTION.has(r.category));
  return {
    id: r.id,
    source: r.source as Source,
    version: r.version,
    vendor: r.vendor,
    product: r.product,
    category: r.category as Category | null,
    kind: r.kind,
    wscAntivirus,
  };
}

/** The software rows of one database, cached both ways (identity -> row, id -> row). */
export class SoftwareRegistry {
  private byKey = new Map<string, ResolvedEntry>();
  private byIdCache = new Map<number, SoftwareInfo>();
  /** The catalog new entries are matched with; set per batch by the engine (useCatalog). */
  private catalog: EffectiveCatalog = builtinCatalog();

  constructor(private readonly db: Db) {}

  /** Matches new entries with this catalog from now on; a different catalog empties the caches
   *  (another process re-matched the stored rows when it changed the overlay). */
  useCatalog(catalog: EffectiveCatalog): void {
    if (catalog.version === this.catalog.version) return;
    this.catalog = catalog;
    this.clear();
  }

  /**
   * The row for an entry, inserted on first sight. Must run inside a write transaction. With a
   * budget, a new entry outside the catalog takes one unit of it, and is left out (null) once the
   * budget is spent; catalog matches are never left out.
   */
  resolve(e: EntryLike, now: number, budget?: { take(): boolean }): ResolvedEntry | null {
    const key = identityKey(e);
    const hit = this.byKey.get(key);
    if (hit) return hit;
    const fp = fingerprint(key);
    let row = softwareByFingerprint(this.db, fp);
    if (!row) {
      const c = classifyEntry(e, this.catalog.matcher);
      if (budget && c.vendor === null && !budget.take()) return null;
      row = insertSoftware(this.db, fp, e, c, c.unrecognized, this.catalog.version, now);
    }
    const resolved = { info: infoFromRow(row), slot: slotOf(e) };
    if (this.byKey.size >= CACHE_LIMIT) this.byKey.clear();
    this.byKey.set(key, resolved);
    this.rememberId(resolved.info);
    return resolved;
  }

  byId(id: number): SoftwareInfo {
    const hit = this.byIdCache.get(id);
    if (hit) return hit;
    const row = softwareRowById(this.db, id);
    if (!row) throw new Error(`software ${id} not found`);
    const info = infoFromRow(row);
    this.rememberId(info);
    return info;
  }

  /** Forget cached rows (after a rematch or a rollback that may have dropped inserted rows). */
  clear(): void {
    this.byKey.clear();
    this.byIdCache.clear();
  }

  private rememberId(info: SoftwareInfo) {
    if (this.byIdCache.size >= CACHE_LIMIT) this.byIdCache.clear();
    this.byIdCache.set(info.id, info);
  }
}

const registries = new WeakMap<object, SoftwareRegistry>();

/** The one registry of a database: check-ins, imports and re-evaluations share its cache. */
export function softwareRegistry(db: Db): SoftwareRegistry {
  let r = registries.get(db.$client);
  if (!r) registries.set(db.$client, (r = new SoftwareRegistry(db)));
  return r;
}

/**
 * Re-matches every software row with `catalog` (at start when the release changed, and whenever
 * the local overlay changes). Returns the ids whose classification changed. Runs in the caller's
 * transaction. An entry stays listed as unrecognized while the catalog does not know it; a match
 * (built-in or local) takes it off the list.
 */
export function rematchSoftware(db: Db, catalog: EffectiveCatalog): number[] {
  const writes = rematchWriters(db);
  const changed: number[] = [];
  for (const r of softwareForMatching(db)) {
    const e: EntryLike = { ...entryOfRow(r), ...(r.unrecognized ? { unrecognized: true } : {}) };
    const c = classifyEntry(e, catalog.matcher);
    const unknown = c.vendor === null || c.vendor === GENERIC_VENDOR.slug;
    const unrecognized = unknown && (c.unrecognized || r.unrecognized === 1);
    if (c.vendor !== r.vendor || c.product !== r.product || c.category !== r.category || c.kind !== r.kind || (unrecognized ? 1 : 0) !== r.unrecognized) {
      writes.setMatch(r.id, c, unrecognized, catalog.version);
      changed.push(r.id);
    } else {
      writes.touch(r.id, catalog.version);
    }
  }
  return changed;
}
