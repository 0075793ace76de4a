// Classifies software entries against the catalog. Shared by the agent (bundled, zero
// dependencies) and the server (re-checks what agents send), so it stays pure: no Node APIs,
// no I/O. Everything is compiled once in createMatcher; classify() then only runs a handful of
// union regexps per entry and tests individual signatures only when a union says one could match.
//
// Order of decision for classify(entry):
//   1. a vendor `exclude` signature matches            -> null (non-security software of a vendor)
//   2. a product signature matches (data order), fallback products' own signatures last
//                                                       -> that product
//   3. the entry's publisher matches a vendor that has a `fallbackProduct`, and the entry comes
//      from a source whose publisher field names who shipped it (FALLBACK_SOURCES)
//                                                       -> the vendor's fallback product
//   4. otherwise                                        -> null
import type { Classification, Source, SoftwareEntry } from "../protocol";
import type { CatalogData, Matcher, Signature } from "./types";

/** Sources whose `publisher` names the company that shipped the item (uninstall Publisher,
 *  package Maintainer/Vendor, bundle or binary signer). Systemd units, paths, launchd plists and
 *  Security Center registrations carry no trustworthy publisher, so no vendor fallback there. */
export const FALLBACK_SOURCES: readonly Source[] = [
  "windows-uninstall",
  "windows-service",
  "windows-driver",
  "macos-app",
  "macos-receipt",
  "macos-system-extension",
  "dpkg",
  "rpm",
  "snap",
  "flatpak",
];

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
  excludeUnion: Partial<Record<Field, RegExp>>;
  rules: Rule[];
  ruleUnion: Partial<Record<Field, RegExp>>;
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

function unionOf(sigs: CompiledSignature[], field: Field): RegExp | undefined {
  const parts = new Set<string>();
  for (const s of sigs) {
    const re = s[field];
    if (re) parts.add(`(?:${re.source})`);
  }
  return parts.size ? new RegExp([...parts].join("|"), "i") : undefined;
}

function appliesTo(sig: CompiledSignature, source: Source): boolean {
  return sig.sources === null || sig.sources.has(source);
}

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
function unionHits(union: Partial<Record<Field, RegExp>>, e: SoftwareEntry): number {
  let hits = 0;
  FIELDS.forEach((f, i) => {
    const re = union[f];
    const v = e[f];
    if (re && v && re.test(v)) hits |= 1 << i;
  });
  return hits;
}

function needs(sig: CompiledSignature): number {
  let n = 0;
  FIELDS.forEach((f, i) => {
    if (sig[f]) n |= 1 << i;
  });
  return n;
}

export function createMatcher(catalog: CatalogData): Matcher {
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
  const rules = [...primary, ...late];
  const anyFallbackPublisher = fallbacks.length
    ? new RegExp(fallbacks.map((f) => `(?:${f.publisher.source})`).join("|"), "i")
    : undefined;
  const ruleNeeds = new Map<CompiledSignature, number>();
  for (const r of rules) ruleNeeds.set(r, needs(r));
  for (const x of excludes) ruleNeeds.set(x, needs(x));

  const bySource = new Map<Source, SourceIndex>();
  const indexFor = (source: Source): SourceIndex => {
    let idx = bySource.get(source);
    if (!idx) {
      const ex = excludes.filter((s) => appliesTo(s, source));
      const rs = rules.filter((s) => appliesTo(s, source));
      idx = {
        excludes: ex,
        excludeUnion: Object.fromEntries(FIELDS.map((f) => [f, unionOf(ex, f)])),
        rules: rs,
        ruleUnion: Object.fromEntries(FIELDS.map((f) => [f, unionOf(rs, f)])),
      };
      bySource.set(source, idx);
    }
    return idx;
  };
  // Build eagerly so a bad pattern fails at creation, and the first classify() pays nothing.
  const ALL_SOURCES: Source[] = [
    "windows-uninstall", "windows-security-center", "windows-service", "windows-driver",
    "macos-app", "macos-receipt", "macos-system-extension", "macos-launchd",
    "dpkg", "rpm", "snap", "flatpak", "linux-systemd", "linux-path",
  ];
  for (const s of ALL_SOURCES) indexFor(s);
  const fallbackSources = new Set(FALLBACK_SOURCES);

  const firstMatch = <T extends CompiledSignature>(list: T[], hits: number, e: SoftwareEntry): T | undefined => {
    if (hits === 0) return undefined;
    for (const sig of list) {
      const n = ruleNeeds.get(sig) ?? 0;
      if ((n & hits) === n && sigMatches(sig, e)) return sig;
    }
    return undefined;
  };

  const isExcluded = (e: SoftwareEntry, idx: SourceIndex): boolean =>
    firstMatch(idx.excludes, unionHits(idx.excludeUnion, e), e) !== undefined;

  const classify = (e: SoftwareEntry): Classification | null => {
    const idx = bySource.get(e.source) ?? indexFor(e.source);
    if (isExcluded(e, idx)) return null;
    const rule = firstMatch(idx.rules, unionHits(idx.ruleUnion, e), e);
    if (rule) return { ...rule.result };
    if (e.publisher && fallbackSources.has(e.source) && anyFallbackPublisher?.test(e.publisher)) {
      for (const fb of fallbacks) if (fb.publisher.test(e.publisher)) return { ...fb.result };
    }
    return null;
  };

  const looksLikeSecurity = (e: SoftwareEntry): boolean => {
    const idx = bySource.get(e.source) ?? indexFor(e.source);
    if (isExcluded(e, idx)) return false;
    return heuristicLooksLikeSecurity(e);
  };

  return { classify, looksLikeSecurity };
}

// ---------------------------------------------------------------------------------------------
// Heuristic for entries the catalog does not know. Deliberately conservative on generic words
// ("security" alone also names Windows security updates and crypto libraries), generous on terms
// that only security products use. Several languages, because display names are localised.
// \b only works around ASCII letters in JS regexps, so non-Latin terms are plain substrings.

const SECURITY_TERMS = new RegExp(
  [
    // English
    String.raw`anti[\s_-]?(?:virus|malware|spyware|ransomware|exploit|rootkit|phishing|spam)`,
    String.raw`\bvirus`,
    String.raw`malware`,
    String.raw`ransomware`,
    String.raw`spyware`,
    String.raw`rootkit|rkhunter`,
    String.raw`endpoint[\s_-]?(?:protection|security|detection|defen[cs]e|sensor|agent)`,
    String.raw`\b(?:edr|xdr|mdr|epp|hips|nids|hids)\b`,
    String.raw`firewall`,
    String.raw`threat`,
    String.raw`intrusion[\s_-]?(?:detection|prevention)`,
    String.raw`(?:internet|total|endpoint|server|mobile|cloud|workload)[\s_-]?security`,
    String.raw`security[\s_-]?(?:suite|agent|sensor|scanner|essentials|space)`,
    String.raw`(?:total|internet|virus|web|threat|real[\s_-]?time|advanced)[\s_-]?protection`,
    String.raw`\bdefender\b`,
    String.raw`\bsentinel`,
    String.raw`\bfalcon\b`,
    String.raw`\b(?:clam(?:av|tk|d|scan|smtp)|ossec|wazuh|suricata|snort|tripwire|crowdsec|chkrootkit|yara)`,
    String.raw`\bvpn\b`,
    String.raw`password[\s_-]?(?:manager|safe|vault)`,
    String.raw`parental[\s_-]?control`,
    // German
    String.raw`viren|schadsoftware|schadprogramm|bedrohung|endpunkt[\s_-]?(?:schutz|sicherheit)|internet[\s_-]?sicherheit|kinderschutz|jugendschutz`,
    // French / Spanish / Italian / Portuguese
    String.raw`pare[\s_-]feu|logiciels?[\s_-]malveillants?|menaces|cortafuegos|amenazas|malicioso|protecci[oó]n[\s_-]de[\s_-]endpoints|s[ée]curit[ée][\s_-]des?[\s_-]terminaux|seguridad[\s_-]de[\s_-]endpoints?|minacce`,
    // Russian (Cyrillic: substring match; "безопасност" covers every case of "безопасность")
    "антивирус|вирус|вредонос|угроз|брандмауэр|файрвол|межсетев|защит|безопасност|касперск",
    // Chinese / Japanese
    "杀毒|殺毒|病毒|防火墙|防火牆|木马|恶意软件|威胁|安全卫士|终端安全|终端防护|主动防御|ウイルス|セキュリティソフト",
  ].join("|"),
  "i",
);

/** Things that contain a security term but are not security products: development libraries and
 *  bindings (packaging prefixes), and a few well-known homonyms. */
const NOT_SECURITY = new RegExp(
  [
    String.raw`^(?:lib|python[23]?-|py3?-|ruby-|node-|golang-|perl-|php-|r-cran-|rust-|haskell-|texlive-|fonts?-|gir1\.2-)`,
    String.raw`-(?:perl|dev|devel|doc|docs|dbg|dbgsym|debuginfo|headers)$`,
    String.raw`^redis(?:-sentinel)?`,
    String.raw`sentinel[\s_-]?(?:hasp|ldk|rms)`, // Thales license dongles
    String.raw`^(?:apparmor|selinux)`, // OS mandatory-access-control frameworks, not products
    String.raw`security update|sicherheitsupdate|mise à jour de sécurité|обновление безопасности`,
    String.raw`^hotfix|^kb\d{6,}`,
  ].join("|"),
  "i",
);

/** True when a name, identifier or publisher looks like security software (for unmatched entries). */
export function heuristicLooksLikeSecurity(e: SoftwareEntry): boolean {
  const fields = [e.name, e.identifier, e.publisher].filter((v): v is string => !!v);
  if (fields.some((v) => NOT_SECURITY.test(v))) {
    // A library of a security engine is still not a product; only a publisher could save it.
    return false;
  }
  return fields.some((v) => SECURITY_TERMS.test(v));
}
