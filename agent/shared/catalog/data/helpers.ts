// Small builders for catalog signatures, so the vendor files read as data. They only produce
// plain objects (the catalog is served as JSON and hashed for its version).
//
// Conventions the builders encode (those of the agent's collectors):
// - Package sources (dpkg, rpm, snap, flatpak): `identifier` is the package name (flatpak: the
//   application id). Patterns are anchored, so "kesl" never matches "kesl2".
// - linux-systemd: `identifier` is the unit name ("kesl.service"); `name` is its Description.
//   Unit patterns match the unit name with or without its ".service" (or other) suffix.
// - linux-path: `identifier` (and `name`) is the folder path, e.g. "/opt/kaspersky/kesl".
// - windows-service / windows-driver: `identifier` is the key name under
//   HKLM\SYSTEM\CurrentControlSet\Services, `name` is its DisplayName.
// - windows-security-center: `identifier` is the WMI class (AntiVirusProduct, FirewallProduct...).
// - macOS: `identifier` is the bundle id (apps), package id (receipts), extension bundle id, or
//   launchd Label.
import type { CatalogProduct, CatalogVendor, Signature } from "../types";
import type { Category, Source } from "../../protocol";

const PACKAGE_SOURCES: Source[] = ["dpkg", "rpm"];

/** Exact (anchored, case-insensitive) match of an alternation of names. */
function exact(alternatives: string): string {
  return `^(?:${alternatives})$`;
}

/** An identifier pattern (as a one-element list, so callers can spread it). */
function byId(source: Source | Source[], pattern: string): Signature[] {
  return [{ source, identifier: pattern }];
}

/** dpkg/rpm packages by exact name; `names` is a regexp alternation ("kesl|kesl-gui"). */
export function pkg(names: string): Signature[] {
  return byId(PACKAGE_SOURCES, exact(names));
}

/** Package names on any Linux package source (dpkg, rpm, snap, flatpak). */
export function anyPkg(names: string): Signature[] {
  return byId(["dpkg", "rpm", "snap", "flatpak"], exact(names));
}

/** systemd units by name, with or without the ".service" (or other unit) suffix. */
export function unit(names: string): Signature[] {
  return byId("linux-systemd", `^(?:${names})(?:\\.(?:service|socket|timer|path))?$`);
}

/** Linux folders by path prefix; `prefixes` are regexp sources without anchors ("/opt/kaspersky/kesl"). */
export function path(prefixes: string): Signature[] {
  return byId("linux-path", `^(?:${prefixes})(?:/|$)`);
}

/** Services and kernel drivers are keys of one registry folder (HKLM\SYSTEM\CurrentControlSet\Services),
 *  so a key name means the same item whichever of the two it is reported as: a driver's key listed
 *  with the services (sc query type= all, a removal script's `sc stop klif`) still matches. */
const SERVICE_KEYS: Source[] = ["windows-service", "windows-driver"];

/** Build variants of one service or driver key (batch 11's tuning half): vendors ship the same driver
 *  under its key with an architecture suffix ("QHActiveDefense64", "ksapi64"), an EV-signed or SHA-1-signed
 *  build suffix ("QMUdisk64_ev", "klif_sha1": Kaspersky's drivers for Windows without SHA-2 support) or a
 *  Windows-version suffix ("hrdevmon_win10"). A key given once matches its variants. */
const KEY_VARIANTS = "(?:64|32|x64|x86)?(?:_(?:ev|EV|sha1|win(?:7|8|81|10|11)))*";

/** Windows services by key name (exact alternation, with the key's build variants). */
export function service(names: string): Signature {
  return { source: SERVICE_KEYS, identifier: `^(?:${names})${KEY_VARIANTS}$` };
}

/** Windows kernel drivers by key name (exact alternation, with the key's build variants). */
export function driver(names: string): Signature {
  return { source: SERVICE_KEYS, identifier: `^(?:${names})${KEY_VARIANTS}$` };
}

/** macOS bundle/package/launchd identifiers by prefix, on the given macOS sources. */
export function bundle(prefix: string, source: Source | Source[] = ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"]): Signature {
  return { source, identifier: `^(?:${prefix})` };
}

/** Windows Security Center registrations by display name. */
export function wsc(name: string): Signature {
  return { source: "windows-security-center", name };
}

/** Sources whose `name` is a human display name (uninstall DisplayName, Security Center
 *  displayName, service DisplayName, app name, systemd Description). Elsewhere the name is just
 *  the identifier again (packages, receipts, launchd labels, paths), so display-name patterns are
 *  not tried there: it keeps those sources' prefilters small. */
export const DISPLAY_NAME_SOURCES: Source[] = ["windows-uninstall", "windows-security-center", "windows-service", "windows-driver", "macos-app", "linux-systemd"];

/** Display-name pattern, optionally constrained to a publisher. */
export function named(name: string, publisher?: string): Signature {
  return publisher ? { source: DISPLAY_NAME_SOURCES, name, publisher } : { source: DISPLAY_NAME_SOURCES, name };
}

/** macOS app names matched whole (an app's CFBundleName is exact; partial names catch unrelated apps). */
export const app = (names: string): Signature => ({ source: "macos-app", name: `^(?:${names})$` });

/** A vendor with one product of `category`, matched by display name, macOS app name and ids; with
 *  `publishers`, anything else the vendor ships falls back to that product. */
export function client(
  slug: string,
  name: string,
  country: string | undefined, // undefined where no source says where the vendor is
  category: Category,
  opts: { publishers?: string; names?: string; apps?: string; bundles?: string; pkgs?: string; units?: string; services?: string; product?: string },
): CatalogVendor {
  const signatures: Signature[] = [];
  if (opts.names) signatures.push(named(opts.names));
  if (opts.apps) signatures.push(app(opts.apps));
  if (opts.bundles) signatures.push(bundle(opts.bundles));
  if (opts.pkgs) signatures.push(...pkg(opts.pkgs));
  if (opts.units) signatures.push(...unit(opts.units));
  if (opts.services) signatures.push(service(opts.services));
  const product: CatalogProduct = { slug: `${slug}-client`, name: opts.product ?? name, category, signatures };
  return { slug, name, ...(country ? { country } : {}), publishers: opts.publishers ? [opts.publishers] : [], ...(opts.publishers ? { fallbackProduct: product.slug } : {}), products: [product] };
}
