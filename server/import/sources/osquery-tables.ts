// osquery's tables as the agent's sources: which table a row comes from (by the query's name, else
// by its columns) and the software entry it describes.
import type { Platform } from "~/agent/shared/protocol";
import type { EntryLike } from "~/server/catalog/software";
import type { Said } from "~/server/i18n/said";
import { say } from "../texts";

export const OSQUERY_TABLES = ["programs", "deb_packages", "rpm_packages", "apps", "windows_security_products"] as const;
export type OsqueryTable = (typeof OSQUERY_TABLES)[number];

export const TABLE_PLATFORM: Record<OsqueryTable, Platform> = {
  programs: "windows",
  windows_security_products: "windows",
  apps: "darwin",
  deb_packages: "linux",
  rpm_packages: "linux",
};

export const TABLE_SOURCE: Record<OsqueryTable, EntryLike["source"]> = {
  programs: "windows-uninstall",
  windows_security_products: "windows-security-center",
  apps: "macos-app",
  deb_packages: "dpkg",
  rpm_packages: "rpm",
};

/** The table a query name ("pack_muster_programs", "programs") or a row's columns point to. */
export function tableOf(queryName: string | undefined, row: Record<string, unknown>): OsqueryTable | null {
  if (queryName) {
    for (const t of OSQUERY_TABLES) if (queryName.toLowerCase().includes(t)) return t;
  }
  const has = (k: string) => k in row;
  if (has("signatures_up_to_date") || (has("remediation_path") && has("state"))) return "windows_security_products";
  if (has("bundle_identifier")) return "apps";
  if (has("identifying_number") || has("install_source")) return "programs";
  if (has("maintainer") || (has("revision") && has("arch"))) return "deb_packages";
  if (has("release") && (has("vendor") || has("epoch"))) return "rpm_packages";
  return null;
}

const WSC_CLASS: Record<string, string> = { antivirus: "AntiVirusProduct", firewall: "FirewallProduct", antispyware: "AntiSpywareProduct" };

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

/** The entry of a row, null when the row lists nothing installed (a removed dpkg package), or an error. */
export function osqueryEntry(table: OsqueryTable, row: Record<string, unknown>): EntryLike | null | { error: Said } {
  const name = str(row.name);
  const version = str(row.version);
  switch (table) {
    case "programs":
      if (!name) return { error: say("tableRowWithoutName", { table }) };
      return {
        source: "windows-uninstall",
        name,
        ...(version ? { version } : {}),
        ...(str(row.publisher) ? { publisher: str(row.publisher) } : {}),
        ...(str(row.identifying_number) ? { identifier: str(row.identifying_number) } : {}),
      };
    case "deb_packages": {
      if (!name) return { error: say("tableRowWithoutName", { table }) };
      const status = str(row.status);
      if (status && status !== "install ok installed") return null;
      return { source: "dpkg", name, identifier: name, ...(version ? { version } : {}), ...(str(row.maintainer) ? { publisher: str(row.maintainer) } : {}) };
    }
    case "rpm_packages": {
      if (!name) return { error: say("tableRowWithoutName", { table }) };
      const full = [version, str(row.release)].filter(Boolean).join("-");
      return { source: "rpm", name, identifier: name, ...(full ? { version: full } : {}), ...(str(row.vendor) ? { publisher: str(row.vendor) } : {}) };
    }
    case "apps": {
      const display = str(row.bundle_name) || str(row.display_name) || name.replace(/\.app$/i, "");
      if (!display) return { error: say("tableRowWithoutName", { table }) };
      const v = str(row.bundle_short_version) || str(row.bundle_version);
      return { source: "macos-app", name: display, ...(str(row.bundle_identifier) ? { identifier: str(row.bundle_identifier) } : {}), ...(v ? { version: v } : {}) };
    }
    case "windows_security_products": {
      if (!name) return { error: say("tableRowWithoutName", { table }) };
      const cls = WSC_CLASS[str(row.type).toLowerCase()];
      if (!cls) return { error: say("securityProductType", { type: str(row.type).slice(0, 40) }) };
      const upToDate = str(row.signatures_up_to_date);
      return { source: "windows-security-center", name, identifier: cls, state: { enabled: str(row.state).toLowerCase() === "on", upToDate: upToDate === "1" || upToDate.toLowerCase() === "true" } };
    }
  }
}

/** A UUID (hardware id); all-zero or all-F ones are placeholders some firmware reports. */
export function isUsableUuid(s: string): boolean {
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s) && !/^[0-]+$|^[f-]+$/i.test(s);
}
