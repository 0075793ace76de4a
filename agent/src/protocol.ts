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
export const COMPONENT_SOURCES: readonly Source[] = [
  "windows-service",
  "windows-driver",
  "macos-receipt",
  "macos-system-extension",
  "macos-launchd",
  "linux-systemd",
  "linux-path",
];

export const CATEGORIES = [
  "antivirus",
  "edr",
  "firewall",
  "vpn",
  "management-agent",
  "password-manager",
  "parental-control",
  "other-security",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PLATFORMS = ["windows", "darwin", "linux"] as const;
export type Platform = (typeof PLATFORMS)[number];

export type SecurityCenterState = { enabled: boolean; upToDate: boolean };

export type SoftwareEntry = {
  source: Source;
  name: string;
  version?: string;
  publisher?: string;
  /** MSI product code, bundle id, package name, service or driver key name, or unit name. */
  identifier?: string;
  /** Only on windows-security-center entries. */
  state?: SecurityCenterState;
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
};
export type EnrollResponse = { deviceId: string; deviceSecret: string; checkinIntervalSeconds: number };

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
};
export type CheckinResponse = {
  accepted: true;
  duplicate?: true;
  nextCheckinSeconds: number;
  catalogVersion: string;
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** Bounds the server enforces; the agent trims to stay inside them. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  softwareEntries: 2000,
  collectors: 64,
  stringLength: 512,
  hostnameLength: 255,
} as const;
