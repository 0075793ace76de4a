// Classifies software entries against the catalog. Shared by the agent (bundled, zero
// dependencies) and the server (re-checks what agents send), so it stays pure: no Node APIs,
// no I/O. Everything is compiled once in createMatcher; classify() then only runs a handful of
// union regexps per entry and tests individual signatures only when a union says one could match.
//
// Order of decision for classify(entry):
//   0. a rule of the deployment's local overlay matches -> its result (null: suppressed), whatever
//      the built-in data says: local decisions outrank every release
//   1. a vendor `exclude` signature matches            -> null (non-security software of a vendor)
//   2. a product signature matches                      -> that product
//      Tried in this order: signatures that constrain `identifier`, then the others (data order
//      within each group); the signatures of vendors' fallback products come after all of those.
//   3. the entry's publisher matches a vendor that has a `fallbackProduct`, and the entry comes
//      from a source whose publisher field names who shipped it (FALLBACK_SOURCES)
//                                                       -> the vendor's fallback product
//   4. otherwise                                        -> null
// Windows Security Center entries carry their WMI class in `identifier`; a FirewallProduct
// registration is always classified with category "firewall" (same vendor and product).
import { SOURCES } from "../protocol";
import type { Classification, Source, SoftwareEntry } from "../protocol";
import type { CatalogData, Matcher, Signature } from "./types";

/** Sources whose `publisher` names the company that shipped the item (uninstall Publisher,
 *  package Maintainer/Vendor, bundle or binary signer). Systemd units, paths, launchd plists and
 *  Security Center registrations carry no trustworthy publisher, so no vendor fallback there. */
export const FALLBACK_SOURCES: readonly Source[] = ["windows-uninstall", "windows-service", "windows-driver", "macos-app", "macos-receipt", "macos-system-extension", "dpkg", "rpm", "snap", "flatpak"];

const FIELDS = ["name", "publisher", "identifier"] as const;
type Field = (typeof FIELDS)[number];

type CompiledSignature = {
  sources: ReadonlySet<Source> | null; // null: all sources
  name?: RegExp;
  publisher?: RegExp;
  identifier?: RegExp;
};

type Rule = CompiledSignature & { result: Classification };

/** Rules and excludes applicable to one source, plus per-field union prefilters. */
type SourceIndex = {
  excludes: CompiledSignature[];
  excludeUnion: Partial<Record<Field, RegExp[]>>;
  rules: Rule[];
  ruleUnion: Partial<Record<Field, RegExp[]>>;
};

type Fallback = { publisher: RegExp; result: Classification };

/** Compiles a catalog pattern. Throws with the offending pattern named, so bad data fails loudly. */
export function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "i");
  } catch (err) {
    throw new Error(`catalog: invalid pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

function compileSignature(sig: Signature): CompiledSignature {
  const sources = sig.source === undefined ? null : new Set(Array.isArray(sig.source) ? sig.source : [sig.source]);
  const out: CompiledSignature = { sources };
  for (const f of FIELDS) {
    const p = sig[f];
    if (p !== undefined) out[f] = compilePattern(p);
  }
  if (!out.name && !out.publisher && !out.identifier) {
    throw new Error("catalog: a signature must constrain at least one of name, publisher, identifier");
  }
  return out;
}

/** Union prefilter of one field's patterns, split in a few regexps: V8 compiles a union of
 *  ASCII-only patterns much faster than one that mixes in case-insensitive Cyrillic or CJK. */
function unionOf(sigs: CompiledSignature[], field: Field): RegExp[] | undefined {
  const parts = new Set<string>();
  for (const s of sigs) {
    const re = s[field];
    if (re) parts.add(`(?:${re.source})`);
  }
  if (!parts.size) return undefined;
  const ascii: string[] = [];
  const other: string[] = [];
  for (const p of parts) (/^[\x00-\x7f]*$/.test(p) ? ascii : other).push(p);
  const out: RegExp[] = [];
  for (const group of [ascii, other]) {
    for (let i = 0; i < group.length; i += UNION_CHUNK) out.push(new RegExp(group.slice(i, i + UNION_CHUNK).join("|"), "i"));
  }
  return out;
}

const UNION_CHUNK = 100;

function sigMatches(sig: CompiledSignature, e: SoftwareEntry): boolean {
  for (const f of FIELDS) {
    const re = sig[f];
    if (!re) continue;
    const v = e[f];
    if (!v || !re.test(v)) return false;
  }
  return true;
}

/** Which fields' unions hit, as a bitmask (name=1, publisher=2, identifier=4). */
function unionHits(union: Partial<Record<Field, RegExp[]>>, e: SoftwareEntry): number {
  let hits = 0;
  for (let i = 0; i < FIELDS.length; i++) {
    const f = FIELDS[i] as Field;
    const res = union[f];
    const v = e[f];
    if (res && v && res.some((re) => re.test(v))) hits |= 1 << i;
  }
  return hits;
}

function needs(sig: CompiledSignature): number {
  let n = 0;
  FIELDS.forEach((f, i) => {
    if (sig[f]) n |= 1 << i;
  });
  return n;
}

type LocalCompiled = CompiledSignature & { result: Classification | null };

// Real packages spell one publisher many ways: with trademark signs ("WithSecure™"), doubled or
// odd spaces, or as its web address ("www.360.cn", "https://www.kaspersky.com/"). Names and
// publishers are compared in one normal form: trademark signs dropped, whitespace collapsed,
// and a publisher's URL reduced to its host without "www.". Some registries and installers also
// write invisible format characters (zero-width spaces, byte-order marks, direction marks), full-width
// Latin letters (ＡｈｎＬａｂ, common in East Asian installers), or wrap the value in quotes; those are
// removed, folded to ASCII (Unicode NFKC, applied only to the full-width block so other scripts stay
// as written) and stripped, so every vendor's patterns see the plain spelling.
const TRADEMARK = /[\u00ae\u2122\u00a9]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const FULLWIDTH = /[\uff01-\uff5e\u3000]+/g;
const QUOTED = /^["'\u201c\u201d\u2018\u2019](.*)["'\u201c\u201d\u2018\u2019]$/;
const NEEDS_NORMALISING = /[\u00ae\u2122\u00a9\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\uff01-\uff5e\u3000]|\s\s|^\s|\s$|^["'\u201c\u201d\u2018\u2019]|^(?:https?:\/\/|www\.)/i;
const tidy = (v: string): string => {
  const plain = v
    .replace(TRADEMARK, "")
    .replace(INVISIBLE, "")
    .replace(FULLWIDTH, (w) => w.normalize("NFKC"))
    .replace(/\s+/g, " ")
    .trim();
  const m = QUOTED.exec(plain);
  return m ? m[1]!.trim() : plain;
};
const URL_FORM = /^(?:https?:\/\/|www\.)/i;
const host = (v: string): string =>
  URL_FORM.test(v)
    ? v
        .replace(/^https?:\/\//i, "")
        .replace(/^www\./i, "")
        .replace(/[/?#].*$/, "")
    : v;

/** The entry with its display name and publisher in normal form (the same object when already so). */
function normaliseEntry(e: SoftwareEntry): SoftwareEntry {
  const name = e.name && NEEDS_NORMALISING.test(e.name) ? tidy(e.name) : e.name;
  const publisher = e.publisher && NEEDS_NORMALISING.test(e.publisher) ? host(tidy(e.publisher)) : e.publisher;
  return name === e.name && publisher === e.publisher ? e : { ...e, name, publisher };
}

export function createMatcher(catalog: CatalogData): Matcher {
  const local: LocalCompiled[] = (catalog.local?.rules ?? []).map((r) => ({ ...compileSignature(r.signature), result: r.result }));
  // Local rules are few, but each entry would otherwise test every one: a union per field rejects
  // the (usual) entry no rule can match before any rule is tried.
  const localUnion = Object.fromEntries(FIELDS.map((f) => [f, unionOf(local, f)])) as Partial<Record<Field, RegExp[]>>;
  const localNeeds = new Map<CompiledSignature, number>(local.map((r) => [r, needs(r)]));
  const localRule = (e: SoftwareEntry): LocalCompiled | undefined => {
    const hits = unionHits(localUnion, e);
    if (hits === 0) return undefined;
    for (const r of local) {
      const n = localNeeds.get(r) ?? 0;
      if ((n & hits) === n && (r.sources === null || r.sources.has(e.source)) && sigMatches(r, e)) return r;
    }
    return undefined;
  };
  const excludes: CompiledSignature[] = [];
  const primary: Rule[] = [];
  const late: Rule[] = []; // signatures of fallback products, tried after every other product
  const fallbacks: Fallback[] = [];

  for (const vendor of catalog.vendors) {
    for (const sig of vendor.exclude ?? []) excludes.push(compileSignature(sig));
    for (const product of vendor.products) {
      const result: Classification = { vendor: vendor.slug, product: product.slug, category: product.category };
      const target = product.slug === vendor.fallbackProduct ? late : primary;
      for (const sig of product.signatures) target.push({ ...compileSignature(sig), result });
    }
    if (vendor.fallbackProduct) {
      const fp = vendor.products.find((p) => p.slug === vendor.fallbackProduct);
      if (!fp) throw new Error(`catalog: vendor ${vendor.slug} fallbackProduct ${vendor.fallbackProduct} is not one of its products`);
      if (vendor.publishers.length) {
        fallbacks.push({
          publisher: compilePattern(vendor.publishers.map((p) => `(?:${p})`).join("|")),
          result: { vendor: vendor.slug, product: fp.slug, category: fp.category },
        });
      }
    }
  }
  // Identifiers (bundle ids, package, service, driver and unit names) are stable; display names
  // are localised and carry versions. So an identifier signature outranks a name-only one.
  const byId = (list: Rule[]) => [...list.filter((r) => r.identifier), ...list.filter((r) => !r.identifier)];
  const rules = [...byId(primary), ...byId(late)];
  const anyFallbackPublisher = fallbacks.length ? new RegExp(fallbacks.map((f) => `(?:${f.publisher.source})`).join("|"), "i") : undefined;
  const ruleNeeds = new Map<CompiledSignature, number>();
  for (const r of rules) ruleNeeds.set(r, needs(r));
  for (const x of excludes) ruleNeeds.set(x, needs(x));

  const buildIndex = (source: Source | null): SourceIndex => {
    const ex = excludes.filter((s) => s.sources === null || (source !== null && s.sources.has(source)));
    const rs = rules.filter((s) => s.sources === null || (source !== null && s.sources.has(source)));
    return {
      excludes: ex,
      excludeUnion: Object.fromEntries(FIELDS.map((f) => [f, unionOf(ex, f)])),
      rules: rs,
      ruleUnion: Object.fromEntries(FIELDS.map((f) => [f, unionOf(rs, f)])),
    };
  };
  // Built eagerly, so a bad pattern fails here rather than on some later entry.
  const bySource = new Map<string, SourceIndex>(SOURCES.map((s) => [s, buildIndex(s)]));
  // An entry whose source this matcher does not know (a newer agent, a malformed report) only
  // meets source-less signatures.
  const unknownIndex = buildIndex(null);
  const fallbackSources = new Set(FALLBACK_SOURCES);

  const firstMatch = <T extends CompiledSignature>(list: T[], hits: number, e: SoftwareEntry): T | undefined => {
    if (hits === 0) return undefined;
    for (const sig of list) {
      const n = ruleNeeds.get(sig) ?? 0;
      if ((n & hits) === n && sigMatches(sig, e)) return sig;
    }
    return undefined;
  };

  const isExcluded = (e: SoftwareEntry, idx: SourceIndex): boolean => firstMatch(idx.excludes, unionHits(idx.excludeUnion, e), e) !== undefined;

  const classify = (entry: SoftwareEntry): Classification | null => {
    const e = normaliseEntry(entry);
    const own = local.length ? localRule(e) : undefined;
    if (own) return own.result && withRole(e, own.result);
    const idx = bySource.get(e.source) ?? unknownIndex;
    if (isExcluded(e, idx)) return null;
    const rule = firstMatch(idx.rules, unionHits(idx.ruleUnion, e), e);
    if (rule) return withRole(e, rule.result);
    if (e.publisher && fallbackSources.has(e.source) && anyFallbackPublisher?.test(e.publisher)) {
      for (const fb of fallbacks) if (fb.publisher.test(e.publisher)) return { ...fb.result };
    }
    return null;
  };

  const looksLikeSecurity = (entry: SoftwareEntry): boolean => {
    const e = normaliseEntry(entry);
    const own = local.length ? localRule(e) : undefined;
    if (own) return own.result !== null;
    const idx = bySource.get(e.source) ?? unknownIndex;
    if (isExcluded(e, idx)) return false;
    return genericEvidence(e) !== null || heuristicLooksLikeSecurity(e);
  };

  return { classify, looksLikeSecurity };
}

/** A match's classification for this entry: a suite registers with Security Center once per role,
 *  and its FirewallProduct registration is the suite's firewall, whatever the product's own
 *  (antivirus) category. */
function withRole(e: SoftwareEntry, result: Classification): Classification {
  if (e.source === "windows-security-center" && e.identifier === "FirewallProduct") return { ...result, category: "firewall" };
  return { ...result };
}

// ---------------------------------------------------------------------------------------------
// Generic evidence: what the operating system itself says is security software, even when the
// catalog does not know the product. Windows Security Center registrations (antivirus,
// antispyware, firewall) and macOS Endpoint Security extensions are recorded as an unidentified
// product of their category (vendor "unidentified"), so they count as protection and are listed
// for officers to classify.

export const GENERIC_VENDOR = { slug: "unidentified", name: "Unidentified vendor" } as const;
export const GENERIC_PRODUCTS = [
  { slug: "unidentified-antivirus", name: "Unidentified antivirus (registered in Windows Security Center)", category: "antivirus" },
  { slug: "unidentified-firewall", name: "Unidentified firewall (registered in Windows Security Center)", category: "firewall" },
  { slug: "unidentified-endpoint-security", name: "Unidentified Endpoint Security extension (macOS)", category: "edr" },
] as const;

const WSC_PROTECTION_CLASSES = new Set(["AntiVirusProduct", "AntiSpywareProduct", "MpComputerStatus"]);

/** The unidentified product an entry is evidence of, or null. Only for entries the catalog does not classify. */
export function genericEvidence(e: SoftwareEntry): Classification | null {
  const product =
    e.source === "windows-security-center"
      ? e.identifier === "FirewallProduct"
        ? GENERIC_PRODUCTS[1]
        : e.identifier && WSC_PROTECTION_CLASSES.has(e.identifier)
          ? GENERIC_PRODUCTS[0]
          : null
      : e.source === "macos-system-extension" && e.role === "endpoint-security"
        ? GENERIC_PRODUCTS[2]
        : null;
  return product && { vendor: GENERIC_VENDOR.slug, product: product.slug, category: product.category };
}

// ---------------------------------------------------------------------------------------------
// Heuristic for entries the catalog does not know. Deliberately conservative on generic words
// ("security" alone also names Windows security updates and crypto libraries), generous on terms
// that only security products use. Several languages, because display names are localised.
// \b only works around ASCII letters in JS regexps, so non-Latin terms are plain substrings.

const SECURITY_TERMS: string[] = [
  // English
  String.raw`anti[\s_-]?(?:virus|malware|spyware|ransomware|exploit|rootkit|phishing|spam)`,
  String.raw`\bvirus|malware|ransomware|spyware|rootkit|rkhunter`,
  String.raw`endpoint[\s_-]?(?:protection|security|detection|defen[cs]e|sensor|agent)`,
  String.raw`\b(?:edr|xdr|mdr|epp|hips|nids|hids)\b`,
  String.raw`firewall|threat`,
  String.raw`intrusion[\s_-]?(?:detection|prevention)`,
  String.raw`(?:internet|total|endpoint|server|mobile|cloud|workload)[\s_-]?security`,
  String.raw`security[\s_-]?(?:suite|agent|sensor|scanner|essentials|space)`,
  String.raw`(?:total|internet|virus|web|threat|real[\s_-]?time|advanced)[\s_-]?protection`,
  String.raw`\bdefender\b|\bsentinel|\bfalcon\b`,
  String.raw`\b(?:clam(?:av|tk|d|scan|smtp)|ossec|wazuh|suricata|snort|tripwire|crowdsec|chkrootkit|yara)`,
  String.raw`\bvpn\b|password[\s_-]?(?:manager|safe|vault)|parental[\s_-]?control`,
  // German
  String.raw`viren|schadsoftware|schadprogramm|bedrohung|endpunkt[\s_-]?(?:schutz|sicherheit)|internet[\s_-]?sicherheit|kinderschutz|jugendschutz`,
  // French / Spanish / Italian / Portuguese
  String.raw`pare[\s_-]feu|logiciels?[\s_-]malveillants?|menaces|cortafuegos|amenazas|malicioso|minacce`,
  String.raw`protecci[oó]n[\s_-]de[\s_-]endpoints|s[eé]curit[eé][\s_-]des?[\s_-]terminaux|seguridad[\s_-]de[\s_-]endpoints?|securite des terminaux`,
  // Russian (Cyrillic: substring match; "безопасност" covers every case of "безопасность")
  "антивирус|вирус|вредонос|угроз|брандмауэр|файрвол|межсетев|защит|безопасност|касперск",
  // Chinese / Japanese
  "杀毒|殺毒|病毒|防火墙|防火牆|木马|恶意软件|威胁|安全卫士|终端安全|终端防护|主动防御|ウイルス|セキュリティソフト",
];

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);
// Two regexps: the non-ASCII terms only run on strings that contain non-ASCII characters.
const TERMS_ASCII = new RegExp(SECURITY_TERMS.filter(isAscii).join("|"), "i");
const TERMS_OTHER = new RegExp(SECURITY_TERMS.filter((t) => !isAscii(t)).join("|"), "i");

/** Names or identifiers that contain a security term but are not security products: development
 *  libraries and bindings (packaging prefixes and suffixes), OS frameworks, updates, homonyms. */
const NOT_SECURITY_NAME = new RegExp(
  [
    String.raw`^(?:lib|python[23]?-|py3?-|ruby-|node-|golang-|perl-|php-|r-cran-|rust-|haskell-|texlive-|fonts?-|gir1\.2-)`,
    String.raw`-(?:perl|dev|devel|doc|docs|dbg|dbgsym|debuginfo|headers)$`,
    String.raw`^redis(?:-sentinel)?`,
    String.raw`sentinel[\s_-]?(?:hasp|ldk|rms|runtime|protection installer|system driver|keys)`, // Thales licensing
    String.raw`^(?:apparmor|selinux)`, // OS mandatory-access-control frameworks, not products
    String.raw`security update|sicherheitsupdate|mise à jour de sécurité|обновление безопасности`,
    String.raw`^hotfix|^kb\d{6,}`,
  ].join("|"),
  "i",
);
/** Publishers whose products carry security-sounding names but are not security software. */
const NOT_SECURITY_PUBLISHER = /^(?:Thales|SafeNet|Gemalto)\b/i; // "Sentinel" licence dongles

const hasTerm = (v: string): boolean => TERMS_ASCII.test(v) || (!isAscii(v) && TERMS_OTHER.test(v));

/** True when a name, identifier or publisher looks like security software (for unmatched entries). */
export function heuristicLooksLikeSecurity(e: SoftwareEntry): boolean {
  const names = e.identifier && e.identifier !== e.name ? [e.name, e.identifier] : [e.name];
  if (names.some((v) => v && NOT_SECURITY_NAME.test(v))) return false;
  if (e.publisher && NOT_SECURITY_PUBLISHER.test(e.publisher)) return false;
  return names.some((v) => !!v && hasTerm(v)) || (!!e.publisher && hasTerm(e.publisher));
}
