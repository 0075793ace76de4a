// Wire protocol v1 between the Muster agent and the server. Shared by both sides:
// it must stay free of Node- or server-specific imports (types and constants only).

export const PROTOCOL_VERSION = 1;

/** Where a software entry was found on the endpoint. */
export const SOURCES = [
  "windows-uninstall",
  "windows-security-center",
  "windows-service",
  "windows-driver",
  "macos-app",
  "macos-receipt",
  "macos-system-extension",
  "macos-launchd",
  "dpkg",
  "rpm",
  "snap",
  "flatpak",
  "linux-systemd",
  "linux-path",
] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Sources that describe a running component or a leftover of a product rather than
 * the product itself. When a vendor's product is gone but these remain, they are remnants.
 */
export const COMPONENT_SOURCES: readonly Source[] = ["windows-service", "windows-driver", "macos-receipt", "macos-system-extension", "macos-launchd", "linux-systemd", "linux-path"];

export const CATEGORIES = [
  "antivirus",
  "edr",
  "firewall",
  "vpn",
  "management-agent",
  "password-manager",
  "parental-control",
  "other-security",
  /** A security vendor's tool that is not security software (updater, remover, cleaner, browser):
   *  attributed to the vendor, so a vendor-wide ban sees it, but never protection. */
  "utility",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PLATFORMS = ["windows", "darwin", "linux"] as const;
export type Platform = (typeof PLATFORMS)[number];

export type SecurityCenterState = { enabled: boolean; upToDate: boolean };

/** What a component is for, when the OS says so: a macOS system extension of the Endpoint Security
 *  category (db.plist `categories` holds com.apple.system_extension.endpoint_security). */
export const ENTRY_ROLES = ["endpoint-security"] as const;
export type EntryRole = (typeof ENTRY_ROLES)[number];

export type SoftwareEntry = {
  source: Source;
  name: string;
  version?: string;
  publisher?: string;
  /** MSI product code, bundle id, package name, service or driver key name, or unit name. */
  identifier?: string;
  /** Only on windows-security-center entries. */
  state?: SecurityCenterState;
  /** Only on macos-system-extension entries that are Endpoint Security clients. */
  role?: EntryRole;
  /** Sent because it looks like security software but matches nothing in the catalog. */
  unrecognized?: true;
};

export type Classification = { vendor: string; product: string; category: Category };

export type OsInfo = { platform: Platform; name: string; version: string; arch: string };

/** One collector's outcome. `name` is the Source the collector produces. */
export type CollectorResult = { name: Source; ok: boolean; error?: string };

export type EnrollRequest = {
  enrollToken: string;
  hostname: string;
  hardwareId: string;
  agentVersion: string;
  os: OsInfo;
  /** The credential this machine already holds for this server, if any: proves a re-enrollment
   *  comes from the machine itself (a clone or an impostor does not have it). */
  previous?: { deviceId: string; deviceSecret: string };
};
/** `pending`: the credential works only once an officer admits it (the endpoint is revoked, or
 *  reported recently and the old credential was not proven); `message` says so. */
export type EnrollResponse = { deviceId: string; deviceSecret: string; checkinIntervalSeconds: number; pending?: boolean; message?: string };

/** Builds of the agent: a single executable per OS and CPU, or the JS bundle run by an installed Node. */
export const AGENT_TARGETS = ["windows-x64", "linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "node"] as const;
export type AgentTarget = (typeof AGENT_TARGETS)[number];

/**
 * What the operator's release key signs (Ed25519, over the exact JSON text sent in `UpdateOffer.manifest`):
 * one downloadable build of one version for one target.
 */
export type ReleaseManifest = { product: "muster-agent"; version: string; target: AgentTarget; file: string; size: number; sha256: string };

/** Sent in a check-in answer when the agent should update itself. `url` is a path on the same server. */
export type UpdateOffer = { manifest: string; signature: string; url: string };

/** A self-update that did not happen or was undone, sent once with the next report. */
export type UpdateReport = { version: string; outcome: "refused" | "failed" | "rolled-back"; reason: string; at: string };

export type CheckinRequest = {
  deviceId: string;
  seq: number;
  collectedAt: string; // ISO 8601
  agentVersion: string;
  hostname: string;
  os: OsInfo;
  catalogVersion: string;
  collectors: CollectorResult[];
  software: SoftwareEntry[];
  /** Which build is running (agents from 0.2 on); the server offers updates only for a known target. */
  agentTarget?: AgentTarget;
  /** Self-updates refused, failed or rolled back since the previous report (agents from 0.2 on). */
  updateReports?: UpdateReport[];
};
export type CheckinResponse = {
  accepted: true;
  duplicate?: true;
  nextCheckinSeconds: number;
  catalogVersion: string;
  /** Present when this endpoint should run another version (older agents ignore it). */
  update?: UpdateOffer;
};

export const ERROR_CODES = [
  "bad_request",
  "invalid_body",
  "unsupported_media_type",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "unavailable",
  "token_invalid",
  "token_expired",
  "token_exhausted",
  "token_revoked",
  "stale_seq",
  "reenroll_refused",
] as const;

/** C0 and C1 control characters, DEL and the line/paragraph separators: never valid in the fields
 *  that identify a machine (hostname, OS, versions, ids); the server refuses them with a 400. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** Bounds the server enforces; the agent trims to stay inside them. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  softwareEntries: 2000,
  collectors: 64,
  stringLength: 512,
  hostnameLength: 255,
  updateReports: 10,
} as const;
