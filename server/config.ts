// Deployment settings, read from the environment. Every variable is declared here once, with its
// type, default and meaning; `validateConfig()` and `checkServerConfig()` (called at server start)
// read them all, so a bad value stops the server with a message naming it instead of surfacing later.
// Every variable is documented in the README's table.
import fs from "node:fs";
import { BlockList, isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function intFromEnv(name: string, fallback: number, env: Env = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

function oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = raw.trim().toLowerCase() as T;
  if (!values.includes(v)) throw new Error(`${name} must be one of ${values.join(", ")}, got "${raw}"`);
  return v;
}

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "./data/muster.db");
}

/** Where `npm run agent:package` put the agent packages and release.json (MUSTER_AGENT_PACKAGES). */
export function agentPackagesDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MUSTER_AGENT_PACKAGES || path.join(process.cwd(), "agent", "dist", "packages"));
}

/** Folder beside the database for the generated auth secret and other deployment state. */
export function dataDir(): string {
  return path.dirname(databasePath());
}

/** Shortest AUTH_SECRET accepted (bytes): sessions are HMAC-signed and encrypted with it. */
export const AUTH_SECRET_MIN_BYTES = 32;

/** MUSTER_REENROLL: what re-enrolling an endpoint that reported within the stale window needs. */
export const REENROLL_MODES = ["approval", "credential"] as const;
export type ReenrollMode = (typeof REENROLL_MODES)[number];

/** The reverse proxies whose forwarded headers are believed (MUSTER_TRUST_PROXY). */
export type TrustedProxies = { list: BlockList; entries: string[]; has(address: string): boolean };

/** Strips the IPv4-mapped prefix Node gives IPv4 peers on dual-stack sockets (::ffff:10.0.0.1). */
export function plainAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * MUSTER_TRUST_PROXY: a comma-separated list of proxy addresses or CIDR blocks
 * ("10.0.0.5, 10.1.0.0/16, ::1"). Empty: no proxy, forwarded headers are dropped.
 */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries: string[] = [];
  for (const item of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(item);
    const addr = m ? plainAddress(m[1]!) : "";
    const family = isIP(addr);
    const prefix = m?.[2] === undefined ? (family === 6 ? 128 : 32) : Number(m[2]);
    if (!family || prefix > (family === 6 ? 128 : 32)) {
      throw new ConfigError(
        `MUSTER_TRUST_PROXY must list the reverse proxies' addresses or CIDR blocks, e.g. "10.0.0.5,10.1.0.0/16" (got "${item}"${/^\d+$/.test(item) ? ": a number of hops is no longer accepted" : ""})`,
      );
    }
    list.addSubnet(addr, prefix, family === 6 ? "ipv6" : "ipv4");
    entries.push(`${addr}/${prefix}`);
  }
  return {
    list,
    entries,
    has(address: string) {
      const a = plainAddress(address);
      const family = isIP(a);
      return family !== 0 && entries.length > 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type ReportSigning = { p12Path: string; passphrase: string };

export const config = {
  /** The dashboard's public address (MUSTER_PUBLIC_URL, else NEXTAUTH_URL), without a trailing slash, or null. */
  get publicUrl(): string | null {
    const url = process.env.MUSTER_PUBLIC_URL || process.env.NEXTAUTH_URL;
    return url ? url.replace(/\/+$/, "") : null;
  },
  /**
   * The key that signs report PDFs (PAdES): MUSTER_REPORT_SIGNING_P12, a PKCS#12 file with the
   * private key and its certificate, and MUSTER_REPORT_SIGNING_PASSPHRASE. Unset: PDFs are unsigned.
   */
  get reportSigning(): ReportSigning | null {
    const p12Path = process.env.MUSTER_REPORT_SIGNING_P12;
    if (!p12Path) return null;
    if (!fs.existsSync(p12Path)) throw new Error(`MUSTER_REPORT_SIGNING_P12 names a file that does not exist: ${p12Path}`);
    return { p12Path: path.resolve(/*turbopackIgnore: true*/ p12Path), passphrase: process.env.MUSTER_REPORT_SIGNING_PASSPHRASE ?? "" };
  },
  get staleDays() {
    return intFromEnv("MUSTER_STALE_DAYS", 7);
  },
  get checkinIntervalSeconds() {
    return intFromEnv("MUSTER_CHECKIN_INTERVAL", 3600);
  },
  get port() {
    return intFromEnv("PORT", 3000);
  },
  /** Re-enrolling a machine that reported within the stale window without its old credential:
   *  "approval" (default) keeps the old credential working until an officer admits the new one;
   *  "credential" refuses it. */
  get reenrollMode(): ReenrollMode {
    const raw = (process.env.MUSTER_REENROLL || "approval").trim().toLowerCase();
    if (!(REENROLL_MODES as readonly string[]).includes(raw)) throw new ConfigError(`MUSTER_REENROLL must be one of ${REENROLL_MODES.join(", ")} (got "${raw}")`);
    return raw as ReenrollMode;
  },
  /** New distinct software entries outside the catalog one device may add per day (catalog matches are never capped). */
  get newSoftwarePerDevicePerDay() {
    return intFromEnv("MUSTER_NEW_SOFTWARE_PER_DAY", 500);
  },
  /** Check-ins with an unknown device or wrong secret one address may send per minute before 429. */
  get checkinAuthFailuresPerMin() {
    return intFromEnv("MUSTER_CHECKIN_FAILURES_PER_MIN", 30);
  },
  /** MUSTER_LOG_LEVEL: least severe log level written. */
  get logLevel(): LogLevel {
    return oneOf("MUSTER_LOG_LEVEL", LOG_LEVELS, "info");
  },
  /** MUSTER_LOG_FORMAT: `json` (one object a line) or `pretty` (for people); default pretty only in development. */
  get logFormat(): "json" | "pretty" {
    return oneOf("MUSTER_LOG_FORMAT", ["json", "pretty"] as const, process.env.NODE_ENV === "development" ? "pretty" : "json");
  },
  /** MUSTER_METRICS_TOKEN: bearer token that opens GET /metrics on the main port (at least 16 characters). */
  get metricsToken(): string | null {
    const raw = process.env.MUSTER_METRICS_TOKEN;
    if (raw === undefined || raw === "") return null;
    if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) throw new Error("MUSTER_METRICS_TOKEN must be at least 16 printable characters without spaces");
    return raw;
  },
  /** MUSTER_METRICS_PORT: serve /metrics, unauthenticated, on this port of its own (0: off). */
  get metricsPort() {
    const port = intFromEnv("MUSTER_METRICS_PORT", 0);
    if (!Number.isInteger(port) || port > 65535) throw new Error(`MUSTER_METRICS_PORT must be a port number, got "${process.env.MUSTER_METRICS_PORT}"`);
    return port;
  },
  /** MUSTER_METRICS_HOST: address the metrics port listens on. */
  get metricsHost() {
    return process.env.MUSTER_METRICS_HOST || "127.0.0.1";
  },
  /** MUSTER_METRICS_MAX_AGENCIES: agencies with series of their own (the first ones by tree order); bounds the label sets. */
  get metricsMaxAgencies() {
    return intFromEnv("MUSTER_METRICS_MAX_AGENCIES", 200);
  },
  /** MUSTER_SHUTDOWN_DELAY_SECONDS: after SIGTERM, keep serving (readiness failing) this long, so load balancers stop sending. */
  get shutdownDelaySeconds() {
    return intFromEnv("MUSTER_SHUTDOWN_DELAY_SECONDS", 0);
  },
  /** MUSTER_SHUTDOWN_TIMEOUT_SECONDS: most time to finish requests in flight after the listener closes. */
  get shutdownTimeoutSeconds() {
    return intFromEnv("MUSTER_SHUTDOWN_TIMEOUT_SECONDS", 25);
  },
  /** MUSTER_REEVAL_CHUNK_MS: target length of one re-evaluation transaction in the server (others wait that long for the write lock). */
  get reevalChunkMs() {
    return intFromEnv("MUSTER_REEVAL_CHUNK_MS", 250) || 250;
  },
  /** MUSTER_WORK_THREAD: `0` runs report builds and re-evaluations on the main thread (they then hold it). */
  get workThread() {
    return oneOf("MUSTER_WORK_THREAD", ["0", "1"] as const, "1") === "1";
  },
  /** Largest inventory file an import accepts (MUSTER_IMPORT_MAX_BYTES; uploads are streamed to disk). */
  get importMaxBytes() {
    return intFromEnv("MUSTER_IMPORT_MAX_BYTES", 1024 * 1024 * 1024);
  },
  /** MUSTER_PSEUDO_LOCALE: `1` wraps every dashboard message in ⟦…⟧ (tests only: finds text that is not in the catalogs). */
  get pseudoLocale() {
    return oneOf("MUSTER_PSEUDO_LOCALE", ["0", "1"] as const, "0") === "1";
  },
};

let trusted: { raw: string | undefined; value: TrustedProxies } | undefined;
/** The trusted reverse proxies, parsed once per value of MUSTER_TRUST_PROXY. */
export function trustedProxies(env: Env = process.env): TrustedProxies {
  if (!trusted || trusted.raw !== env.MUSTER_TRUST_PROXY) trusted = { raw: env.MUSTER_TRUST_PROXY, value: parseTrustedProxies(env.MUSTER_TRUST_PROXY) };
  return trusted.value;
}

/** Checks what must hold before the server starts; throws ConfigError naming the variable. */
export function checkServerConfig(opts: { dev: boolean }, env: Env = process.env): void {
  const secret = env.AUTH_SECRET || env.NEXTAUTH_SECRET;
  if (secret !== undefined && secret !== "" && Buffer.byteLength(secret, "utf8") < AUTH_SECRET_MIN_BYTES) {
    throw new ConfigError(
      `AUTH_SECRET must be at least ${AUTH_SECRET_MIN_BYTES} bytes (got ${Buffer.byteLength(secret, "utf8")}): generate one with \`openssl rand -base64 32\`, or unset it to have one generated in the data folder`,
    );
  }
  if (!opts.dev && !env.NEXTAUTH_URL) {
    throw new ConfigError("NEXTAUTH_URL must be set in production: the dashboard's public address, e.g. https://muster.example.gov (sign-in redirects and cookies depend on it)");
  }
  if (env.NEXTAUTH_URL) {
    try {
      new URL(env.NEXTAUTH_URL);
    } catch {
      throw new ConfigError(`NEXTAUTH_URL must be a URL such as https://muster.example.gov (got "${env.NEXTAUTH_URL}")`);
    }
  }
  parseTrustedProxies(env.MUSTER_TRUST_PROXY);
  void config.reenrollMode;
  for (const name of ["MUSTER_STALE_DAYS", "MUSTER_CHECKIN_INTERVAL", "PORT", "MUSTER_NEW_SOFTWARE_PER_DAY", "MUSTER_CHECKIN_FAILURES_PER_MIN"]) intFromEnv(name, 0, env);
}

/** Reads every setting once: a bad value throws an error naming the variable. */
export function validateConfig(): void {
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(config)) as (keyof typeof config)[]) void config[key];
}

/** Where people open the dashboard: links in e-mails and chat messages point here. */
export function dashboardUrl(): string {
  const url = process.env.NEXTAUTH_URL || process.env.MUSTER_PUBLIC_URL || `http://localhost:${config.port}`;
  return url.replace(/\/+$/, "");
}

// --- Notifications (server/notify) ---------------------------------------------------------------
// Every variable is declared once here, with its type, default and meaning; notifyConfig() is called
// at server start, so a bad value stops the server with a message naming it.
const ZNotifyEnv = z
  .object({
    /** off: record no notification events and send nothing. */
    MUSTER_NOTIFY: z.enum(["on", "off"]).default("on"),
    /** The SMTP relay; e-mail is off while it is unset. */
    MUSTER_SMTP_HOST: z.string().trim().optional(),
    /** Default: 587 with starttls, 465 with tls, 25 with none. */
    MUSTER_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** starttls: upgrade (required, never plain); tls: TLS from the first byte; none: plain (test relays only). */
    MUSTER_SMTP_SECURITY: z.enum(["starttls", "tls", "none"]).default("starttls"),
    MUSTER_SMTP_USER: z.string().optional(),
    MUSTER_SMTP_PASSWORD: z.string().optional(),
    /** Sender, e.g. "Muster <muster@agency.example.gov>"; required with MUSTER_SMTP_HOST. */
    MUSTER_SMTP_FROM: z.string().trim().optional(),
    /** PEM file of the CA that signed the relay's certificate (an internal CA); the system's otherwise. */
    MUSTER_SMTP_CA_FILE: z.string().optional(),
    /** UTC hour at which daily digests (and Monday's weekly summaries) are sent. */
    MUSTER_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(6),
    /** Deliveries tried before a message is dead (shown to administrators, retryable). */
    MUSTER_NOTIFY_MAX_TRIES: z.coerce.number().int().min(1).max(50).default(10),
    /** First retry delay; each further one doubles (with jitter), at most 6 hours. */
    MUSTER_NOTIFY_RETRY_SECONDS: z.coerce.number().min(0.05).max(86_400).default(30),
    /** New findings and reinstalls are collected until none arrived for this long (at most 10 min). */
    MUSTER_NOTIFY_AGGREGATE_SECONDS: z.coerce.number().min(0).max(3_600).default(60),
    /** Share of an agency's endpoints stale (%) above which its officers are told. */
    MUSTER_NOTIFY_STALE_PERCENT: z.coerce.number().min(0).max(100).default(10),
    /** How often the delivery worker looks for work, in milliseconds. */
    MUSTER_NOTIFY_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(2_000),
  })
  .superRefine((v, ctx) => {
    if (!v.MUSTER_SMTP_HOST) return;
    if (!v.MUSTER_SMTP_FROM) ctx.addIssue({ code: "custom", path: ["MUSTER_SMTP_FROM"], message: "is required when MUSTER_SMTP_HOST is set" });
    if (!!v.MUSTER_SMTP_USER !== !!v.MUSTER_SMTP_PASSWORD) {
      ctx.addIssue({ code: "custom", path: ["MUSTER_SMTP_PASSWORD"], message: "MUSTER_SMTP_USER and MUSTER_SMTP_PASSWORD go together" });
    }
  });

export type SmtpConfig = {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  auth: { user: string; pass: string } | null;
  from: string;
  caFile: string | null;
};

export type NotifyConfig = {
  enabled: boolean;
  smtp: SmtpConfig | null;
  digestHour: number;
  maxTries: number;
  retryBaseMs: number;
  aggregateMs: number;
  stalePercent: number;
  pollMs: number;
};

/** The notification settings from the environment; throws naming the variable on a bad value. */
export function notifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const blank = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("MUSTER_") && v !== ""));
  const parsed = ZNotifyEnv.safeParse(blank);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0])}: ${issue.message}`);
  }
  const v = parsed.data;
  const smtp: SmtpConfig | null = v.MUSTER_SMTP_HOST
    ? {
        host: v.MUSTER_SMTP_HOST,
        port: v.MUSTER_SMTP_PORT ?? { starttls: 587, tls: 465, none: 25 }[v.MUSTER_SMTP_SECURITY],
        security: v.MUSTER_SMTP_SECURITY,
        auth: v.MUSTER_SMTP_USER ? { user: v.MUSTER_SMTP_USER, pass: v.MUSTER_SMTP_PASSWORD! } : null,
        from: v.MUSTER_SMTP_FROM!,
        caFile: v.MUSTER_SMTP_CA_FILE || null,
      }
    : null;
  return {
    enabled: v.MUSTER_NOTIFY === "on",
    smtp,
    digestHour: v.MUSTER_DIGEST_HOUR,
    maxTries: v.MUSTER_NOTIFY_MAX_TRIES,
    retryBaseMs: v.MUSTER_NOTIFY_RETRY_SECONDS * 1000,
    aggregateMs: v.MUSTER_NOTIFY_AGGREGATE_SECONDS * 1000,
    stalePercent: v.MUSTER_NOTIFY_STALE_PERCENT,
    pollMs: v.MUSTER_NOTIFY_POLL_MS,
  };
}
