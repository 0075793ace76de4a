// Small builders for catalog signatures, so the vendor files read as data. They only produce
// plain objects (the catalog is served as JSON and hashed for its version).
//
// Conventions the builders encode (shared with the collectors):
// - Package sources (dpkg, rpm, snap, flatpak): `name` and `identifier` both carry the package
//   name (flatpak: the application id). We match either, anchored, so "kesl" never matches "kesl2".
// - linux-systemd: `identifier` is the unit name ("kesl.service"); `name` may be the unit name or
//   its Description. Unit patterns match the unit name with or without its ".service" suffix.
// - linux-path: the folder path is in `identifier` (and usually `name`).
// - windows-service / windows-driver: `identifier` is the key name under
//   HKLM\SYSTEM\CurrentControlSet\Services, `name` is its DisplayName.
// - macOS: `identifier` is the bundle id (apps), package id (receipts), extension bundle id, or
//   launchd Label.
import type { Signature } from "../types";
import type { Source } from "../../protocol";

const PACKAGE_SOURCES: Source[] = ["dpkg", "rpm"];

/** Exact (anchored, case-insensitive) match of an alternation of names. */
function exact(alternatives: string): string {
  return `^(?:${alternatives})$`;
}

/** The same pattern on identifier and on name, for sources where either may carry it. */
function either(source: Source | Source[], pattern: string): Signature[] {
  return [
    { source, identifier: pattern },
    { source, name: pattern },
  ];
}

/** dpkg/rpm packages by exact name; `names` is a regexp alternation ("kesl|kesl-gui"). */
export function pkg(names: string): Signature[] {
  return either(PACKAGE_SOURCES, exact(names));
}

/** Package names on any Linux package source (dpkg, rpm, snap, flatpak). */
export function anyPkg(names: string): Signature[] {
  return either(["dpkg", "rpm", "snap", "flatpak"], exact(names));
}

/** systemd units by name, with or without the ".service" (or other unit) suffix. */
export function unit(names: string): Signature[] {
  return either("linux-systemd", `^(?:${names})(?:\\.(?:service|socket|timer|path))?$`);
}

/** Linux folders by path prefix; `prefixes` are regexp sources without anchors ("/opt/kaspersky/kesl"). */
export function path(prefixes: string): Signature[] {
  return either("linux-path", `^(?:${prefixes})(?:/|$)`);
}

/** Windows services by key name (exact alternation). */
export function service(names: string): Signature {
  return { source: "windows-service", identifier: exact(names) };
}

/** Windows kernel drivers by key name (exact alternation). */
export function driver(names: string): Signature {
  return { source: "windows-driver", identifier: exact(names) };
}

/** macOS bundle/package/launchd identifiers by prefix, on the given macOS sources. */
export function bundle(prefix: string, source: Source | Source[] = ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"]): Signature {
  return { source, identifier: `^(?:${prefix})` };
}

/** Windows Security Center registrations by display name. */
export function wsc(name: string): Signature {
  return { source: "windows-security-center", name };
}

/** Any-source display-name pattern, optionally constrained to a publisher. */
export function named(name: string, publisher?: string): Signature {
  return publisher ? { name, publisher } : { name };
}
