// Deployment settings: typed accessors over the environment variables declared in env.ts (their
// parsers, defaults and meaning). validateConfig() and checkServerConfig(), called at server start,
// parse every one, so a bad value stops the server with every problem named instead of surfacing
// later; an accessor read later throws the same ConfigError.
import fs from "node:fs";
import path from "node:path";
import { ConfigError, type Env, type ENV, envProblems, type LOG_LEVELS, readEnv, type REENROLL_MODES } from "./env";
import { parseTrustedProxies, type TrustedProxies } from "./proxies";

export { AUTH_SECRET_MIN_BYTES, ConfigError, isSet, LOG_LEVELS, readEnv, REENROLL_MODES } from "./env";
export { parseTrustedProxies, plainAddress, type TrustedProxies } from "./proxies";

export type ReenrollMode = (typeof REENROLL_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type ReportSigning = { p12Path: string; passphrase: string };

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ readEnv("DATABASE_PATH"));
}

/** DATABASE_URL (a postgres:// URL, validated) or null. Holds a password: never print or log it. */
export function databaseUrl(env: Env = process.env): string | null {
  return readEnv("DATABASE_URL", env) ?? null;
}

/** Where `npm run agent:package` put the agent packages and release.json (MUSTER_AGENT_PACKAGES). */
export function agentPackagesDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ readEnv("MUSTER_AGENT_PACKAGES") || path.join(process.cwd(), "agent", "dist", "packages"));
}

/** The agent's single-file script the dashboard serves (MUSTER_AGENT_BUNDLE). */
export function agentBundlePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ readEnv("MUSTER_AGENT_BUNDLE") || path.join(process.cwd(), "agent", "dist", "muster-agent.js"));
}

/** The migrations folder (MUSTER_MIGRATIONS_DIR). */
export function migrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ readEnv("MUSTER_MIGRATIONS_DIR") || path.join(process.cwd(), "drizzle"));
}

/** Folder beside the database for the generated auth secret and other deployment state. */
export function dataDir(): string {
  return path.dirname(databasePath());
}

/** Single sign-on through an OpenID Connect provider, when all three of its settings are given. */
export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string | null };

export const config = {
  /** The dashboard's public address (MUSTER_PUBLIC_URL, else NEXTAUTH_URL), without a trailing slash, or null. */
  get publicUrl(): string | null {
    return readEnv("MUSTER_PUBLIC_URL") ?? readEnv("NEXTAUTH_URL") ?? null;
  },
  /** NEXTAUTH_URL without a trailing slash, or null. */
  get nextAuthUrl(): string | null {
    return readEnv("NEXTAUTH_URL") ?? null;
  },
  /** How the server reaches itself (PDF rendering): MUSTER_INTERNAL_URL, or null for loopback on PORT. */
  get internalUrl(): string | null {
    return readEnv("MUSTER_INTERNAL_URL") ?? null;
  },
  get host() {
    return readEnv("HOST");
  },
  get nodeEnv() {
    return readEnv("NODE_ENV");
  },
  /** AUTH_SECRET (or its older name NEXTAUTH_SECRET), or null: generated into the data folder. */
  get authSecret(): string | null {
    return readEnv("AUTH_SECRET") ?? readEnv("NEXTAUTH_SECRET") ?? null;
  },
  get oidc(): OidcConfig | null {
    const issuer = readEnv("OIDC_ISSUER");
    const clientId = readEnv("OIDC_CLIENT_ID");
    const clientSecret = readEnv("OIDC_CLIENT_SECRET");
    if (!issuer || !clientId || !clientSecret) return null;
    return { issuer, clientId, clientSecret, name: readEnv("OIDC_NAME") ?? null };
  },
  /** The first administrator on an empty database. */
  get firstAdmin(): { email: string; password: string | undefined } {
    return { email: readEnv("MUSTER_ADMIN_EMAIL").toLowerCase(), password: readEnv("MUSTER_ADMIN_PASSWORD") };
  },
  /** Who runs the admin CLI (the audit log's actor). */
  get osUser(): string {
    return readEnv("USER") || readEnv("USERNAME") || "unknown";
  },
  /** Set by server/main.ts: the custom server answers the agent API. */
  get customServer() {
    return readEnv("MUSTER_CUSTOM_SERVER") === "1";
  },
  get nextDistDir() {
    return readEnv("NEXT_DIST_DIR");
  },
  /**
   * The key that signs report PDFs (PAdES): MUSTER_REPORT_SIGNING_P12, a PKCS#12 file with the
   * private key and its certificate, and MUSTER_REPORT_SIGNING_PASSPHRASE. Unset: PDFs are unsigned.
   */
  get reportSigning(): ReportSigning | null {
    const p12Path = readEnv("MUSTER_REPORT_SIGNING_P12");
    if (!p12Path) return null;
    if (!fs.existsSync(p12Path)) throw new ConfigError(`MUSTER_REPORT_SIGNING_P12 names a file that does not exist: ${p12Path}`);
    return { p12Path: path.resolve(/*turbopackIgnore: true*/ p12Path), passphrase: readEnv("MUSTER_REPORT_SIGNING_PASSPHRASE") };
  },
  /** CHROMIUM_PATH and PLAYWRIGHT_BROWSERS_PATH, where set. */
  get chromiumPath(): string | null {
    return readEnv("CHROMIUM_PATH") ?? null;
  },
  get playwrightBrowsersPath(): string | null {
    return readEnv("PLAYWRIGHT_BROWSERS_PATH") ?? null;
  },
  get staleDays() {
    return readEnv("MUSTER_STALE_DAYS");
  },
  get checkinIntervalSeconds() {
    return readEnv("MUSTER_CHECKIN_INTERVAL");
  },
  get port() {
    return readEnv("PORT");
  },
  /** Re-enrolling a machine that reported within the stale window without its old credential:
   *  "approval" (default) keeps the old credential working until an officer admits the new one;
   *  "credential" refuses it. */
  get reenrollMode(): ReenrollMode {
    return readEnv("MUSTER_REENROLL");
  },
  /** New distinct software entries outside the catalog one device may add per day (catalog matches are never capped). */
  get newSoftwarePerDevicePerDay() {
    return readEnv("MUSTER_NEW_SOFTWARE_PER_DAY");
  },
  /** Check-ins with an unknown device or wrong secret one address may send per minute before 429. */
  get checkinAuthFailuresPerMin() {
    return readEnv("MUSTER_CHECKIN_FAILURES_PER_MIN");
  },
  /** A device's check-in budget: burst (0: no limit) and per minute; failed enrollments per address per minute. */
  get deviceRate() {
    return { burst: readEnv("MUSTER_DEVICE_BURST"), perMinute: readEnv("MUSTER_DEVICE_RATE_PER_MIN"), enrollFailuresPerMin: readEnv("MUSTER_ENROLL_FAILURES_PER_MIN") };
  },
  /** SQLite's synchronous mode: FULL (default) or NORMAL. */
  get sqliteSync(): "FULL" | "NORMAL" {
    return readEnv("MUSTER_SQLITE_SYNC") === "normal" ? "NORMAL" : "FULL";
  },
  /** MUSTER_LOG_LEVEL: least severe log level written. */
  get logLevel(): LogLevel {
    return readEnv("MUSTER_LOG_LEVEL");
  },
  /** MUSTER_LOG_FORMAT: `json` (one object a line) or `pretty` (for people); default pretty only in development. */
  get logFormat(): "json" | "pretty" {
    return readEnv("MUSTER_LOG_FORMAT") ?? (readEnv("NODE_ENV") === "development" ? "pretty" : "json");
  },
  /** MUSTER_METRICS_TOKEN: bearer token that opens GET /metrics on the main port (at least 16 characters). */
  get metricsToken(): string | null {
    return readEnv("MUSTER_METRICS_TOKEN") ?? null;
  },
  /** MUSTER_METRICS_PORT: serve /metrics, unauthenticated, on this port of its own (0: off). */
  get metricsPort() {
    return readEnv("MUSTER_METRICS_PORT");
  },
  /** MUSTER_METRICS_HOST: address the metrics port listens on. */
  get metricsHost() {
    return readEnv("MUSTER_METRICS_HOST");
  },
  /** MUSTER_METRICS_MAX_AGENCIES: agencies with series of their own (the first ones by tree order); bounds the label sets. */
  get metricsMaxAgencies() {
    return readEnv("MUSTER_METRICS_MAX_AGENCIES");
  },
  /** MUSTER_SHUTDOWN_DELAY_SECONDS: after SIGTERM, keep serving (readiness failing) this long, so load balancers stop sending. */
  get shutdownDelaySeconds() {
    return readEnv("MUSTER_SHUTDOWN_DELAY_SECONDS");
  },
  /** MUSTER_SHUTDOWN_TIMEOUT_SECONDS: most time to finish requests in flight after the listener closes. */
  get shutdownTimeoutSeconds() {
    return readEnv("MUSTER_SHUTDOWN_TIMEOUT_SECONDS");
  },
  /** MUSTER_REEVAL_CHUNK_MS: target length of one re-evaluation transaction in the server (others wait that long for the write lock). */
  get reevalChunkMs() {
    return readEnv("MUSTER_REEVAL_CHUNK_MS");
  },
  /** Endpoints per transaction of a re-evaluation run at once, and the largest chunk of the server's. */
  get reevalChunks() {
    return { sync: readEnv("MUSTER_REEVAL_CHUNK"), async: readEnv("MUSTER_REEVAL_ASYNC_CHUNK") };
  },
  /** MUSTER_WORK_THREAD: `0` runs report builds and re-evaluations on the main thread (they then hold it). */
  get workThread() {
    return readEnv("MUSTER_WORK_THREAD") === "1";
  },
  /** MUSTER_HEAP_GROWTH_PERCENT: V8's heap growing factor, 1 + percent/100 (runtime/heap.ts); 0 leaves V8's. */
  get heapGrowthPercent() {
    return readEnv("MUSTER_HEAP_GROWTH_PERCENT");
  },
  /** MUSTER_INGEST_THREAD: `1` writes check-ins on a thread of their own. */
  get ingestThread() {
    return readEnv("MUSTER_INGEST_THREAD") === "1";
  },
  /** Largest inventory file an import accepts (MUSTER_IMPORT_MAX_BYTES; uploads are streamed to disk). */
  get importMaxBytes() {
    return readEnv("MUSTER_IMPORT_MAX_BYTES");
  },
  /** MUSTER_PSEUDO_LOCALE: `1` wraps every dashboard message in ⟦…⟧ (tests only: finds text that is not in the catalogs). */
  get pseudoLocale() {
    return readEnv("MUSTER_PSEUDO_LOCALE") === "1";
  },
  /** Whether notification events are recorded (MUSTER_NOTIFY). */
  get notify() {
    return readEnv("MUSTER_NOTIFY") === "on";
  },
};

let trusted: { raw: string | undefined; value: TrustedProxies } | undefined;
/** The trusted reverse proxies, parsed once per value of MUSTER_TRUST_PROXY. */
export function trustedProxies(env: Env = process.env): TrustedProxies {
  if (!trusted || trusted.raw !== env.MUSTER_TRUST_PROXY) trusted = { raw: env.MUSTER_TRUST_PROXY, value: parseTrustedProxies(env.MUSTER_TRUST_PROXY) };
  return trusted.value;
}

/** Checks what must hold before the server starts: every variable parses, and NEXTAUTH_URL is set in production. */
export function checkServerConfig(opts: { dev: boolean }, env: Env = process.env): void {
  const problems = envProblems(env);
  if (databaseUrl(env) && !env.AUTH_SECRET && problems.every((p) => !p.startsWith("DATABASE_URL"))) {
    problems.push(
      "AUTH_SECRET must be set when DATABASE_URL is set: the nodes sharing a PostgreSQL database must sign sessions, render tokens and sealed secrets with the same secret (openssl rand -base64 32, the same value on every node)",
    );
  }
  if (!opts.dev && !env.NEXTAUTH_URL) {
    problems.push("NEXTAUTH_URL must be set in production: the dashboard's public address, e.g. https://muster.example.gov (sign-in redirects and cookies depend on it)");
  }
  if (problems.length) throw new ConfigError(problems.join("\n"));
  notifyConfig(env);
}

/** Reads every setting once: a bad value throws an error naming the variable (all of them, one a line). */
export function validateConfig(env: Env = process.env): void {
  const problems = envProblems(env);
  if (problems.length) throw new ConfigError(problems.join("\n"));
  for (const key of Object.keys(Object.getOwnPropertyDescriptors(config)) as (keyof typeof config)[]) void config[key];
}

/**
 * This process's environment without the server's secrets (the database URL with its password,
 * session secrets, passwords, tokens, keys): for a child process that needs none of them, such as
 * the demo's own agent.
 */
export function envWithoutSecrets(env: Env = process.env): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(([k]) => !/DATABASE_URL|SECRET|PASSWORD|PASSPHRASE|TOKEN|_KEY$/i.test(k));
  return { ...Object.fromEntries(kept), NODE_ENV: env.NODE_ENV ?? "production" } as NodeJS.ProcessEnv;
}

/** Where people open the dashboard: links in e-mails and chat messages point here. */
export function dashboardUrl(): string {
  return readEnv("NEXTAUTH_URL") ?? readEnv("MUSTER_PUBLIC_URL") ?? `http://localhost:${config.port}`;
}

// --- Notifications (server/notify) ---------------------------------------------------------------

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
  /** How long a claimed message is held by the node sending it (MUSTER_NOTIFY_LEASE_SECONDS). */
  leaseMs: number;
};

/** The notification settings from the environment; throws naming the variable on a bad value. */
export function notifyConfig(env: Env = process.env): NotifyConfig {
  const read = <K extends keyof typeof ENV>(name: K) => readEnv(name, env);
  const host = read("MUSTER_SMTP_HOST");
  const user = read("MUSTER_SMTP_USER");
  const password = read("MUSTER_SMTP_PASSWORD");
  const security = read("MUSTER_SMTP_SECURITY");
  const from = read("MUSTER_SMTP_FROM");
  if (host && !from) throw new ConfigError("MUSTER_SMTP_FROM is required when MUSTER_SMTP_HOST is set");
  if (host && !!user !== !!password) throw new ConfigError("MUSTER_SMTP_PASSWORD: MUSTER_SMTP_USER and MUSTER_SMTP_PASSWORD go together");
  const smtp: SmtpConfig | null = host
    ? {
        host,
        port: read("MUSTER_SMTP_PORT") ?? { starttls: 587, tls: 465, none: 25 }[security],
        security,
        auth: user ? { user, pass: password! } : null,
        from: from!,
        caFile: read("MUSTER_SMTP_CA_FILE") || null,
      }
    : null;
  return {
    enabled: read("MUSTER_NOTIFY") === "on",
    smtp,
    digestHour: read("MUSTER_DIGEST_HOUR"),
    maxTries: read("MUSTER_NOTIFY_MAX_TRIES"),
    retryBaseMs: read("MUSTER_NOTIFY_RETRY_SECONDS") * 1000,
    aggregateMs: read("MUSTER_NOTIFY_AGGREGATE_SECONDS") * 1000,
    stalePercent: read("MUSTER_NOTIFY_STALE_PERCENT"),
    pollMs: read("MUSTER_NOTIFY_POLL_MS"),
    leaseMs: read("MUSTER_NOTIFY_LEASE_SECONDS") * 1000,
  };
}
