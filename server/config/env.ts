// Every environment variable the server reads, declared once: its parser (type and bounds), its
// default and what it means. Nothing else in server/ or app/ reads process.env (a unit test holds
// this), the README's tables list exactly these names (another test), and validateConfig() parses
// them all at start, so a bad value stops the server with every problem named at once.

import { ConfigError, type Env, parseTrustedProxies } from "./proxies";

export { ConfigError, type Env };

/** Parses a raw value (never empty: empty counts as unset) or throws an Error saying what it must be. */
type Parser<T> = (raw: string) => T;

type Setting<T> = {
  parse: Parser<T>;
  /** The value when unset or empty; undefined: none (the setting is off or required elsewhere). */
  fallback?: T;
  /** What it is for (the README's tables say the same to operators). */
  doc: string;
};

const fail = (message: string): never => {
  throw new Error(message);
};

/** A number within bounds; `whole` refuses fractions. */
function num(min: number, max = Number.MAX_SAFE_INTEGER, whole = true): Parser<number> {
  return (raw) => {
    const n = Number(raw.trim());
    if (raw.trim() === "" || !Number.isFinite(n)) return fail(`must be a number`);
    if (whole && !Number.isInteger(n)) return fail(`must be a whole number`);
    if (n < min || n > max) return fail(max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}`);
    return n;
  };
}

function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const v = raw.trim().toLowerCase() as T;
    return values.includes(v) ? v : fail(`must be one of ${values.join(", ")}`);
  };
}

const text: Parser<string> = (raw) => raw;
const trimmed: Parser<string> = (raw) => raw.trim();

function url(raw: string): string {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== "http:" && u.protocol !== "https:") fail("must be an http or https URL");
  } catch {
    fail("must be a URL such as https://muster.example.gov");
  }
  return raw.trim().replace(/\/+$/, "");
}

/** Shortest AUTH_SECRET accepted (bytes): sessions are HMAC-signed and encrypted with it. */
export const AUTH_SECRET_MIN_BYTES = 32;

function secret(raw: string): string {
  const bytes = Buffer.byteLength(raw, "utf8");
  if (bytes < AUTH_SECRET_MIN_BYTES) {
    fail(`must be at least ${AUTH_SECRET_MIN_BYTES} bytes (got ${bytes}): generate one with \`openssl rand -base64 32\`, or unset it to have one generated in the data folder`);
  }
  return raw;
}

/**
 * DATABASE_URL: a PostgreSQL database, postgres://USER:PASSWORD@HOST[:PORT]/DATABASE (postgresql://
 * too; libpq's query parameters such as sslmode pass through to node-postgres). Only its shape is
 * checked here; whether it can be used is up to the caller (db/client.ts getDb, db/pg.ts). Never
 * echoed: it holds the password.
 */
function postgresUrl(raw: string): string {
  const value = raw.trim();
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return fail("must be a URL such as postgres://muster:PASSWORD@db.example.gov:5432/muster (characters such as @ : / # in the password percent-encoded)");
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") return fail("must be a postgres:// URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)");
  if (!u.hostname && !u.searchParams.get("host")) return fail("must name the PostgreSQL server's host (postgres://USER:PASSWORD@HOST:PORT/DATABASE)");
  if (u.pathname.replace(/^\/+/, "") === "") return fail("must name the database (postgres://USER:PASSWORD@HOST:PORT/DATABASE)");
  return value;
}

export const REENROLL_MODES = ["approval", "credential"] as const;
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

const s = <T>(parse: Parser<T>, fallback: T | undefined, doc: string): Setting<T> => ({ parse, fallback, doc });

export const ENV = {
  // --- Where it runs
  NODE_ENV: s(oneOf(["development", "production", "test"] as const), "production", "development (npm run dev), production, or test; set by the start scripts"),
  DATABASE_PATH: s(trimmed, "./data/muster.db", "SQLite database file (its folder is created and holds the deployment's state)"),
  DATABASE_URL: s(
    postgresUrl,
    undefined,
    "PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DATABASE): when set, the server and the admin commands use it instead of DATABASE_PATH (which still names the data folder), and AUTH_SECRET must be set too; the demo and `admin backup` refuse it",
  ),
  PORT: s(num(0, 65535), 3000, "port the server listens on (0: any free port)"),
  HOST: s(trimmed, "0.0.0.0", "address the server listens on"),
  NEXTAUTH_URL: s(url, undefined, "public URL of the dashboard; required in production"),
  MUSTER_PUBLIC_URL: s(url, undefined, "address agents use, in the install commands (default NEXTAUTH_URL)"),
  MUSTER_INTERNAL_URL: s(url, undefined, "how the server reaches itself to render PDFs (default loopback on PORT)"),
  MUSTER_TRUST_PROXY: s(parseTrustedProxies, parseTrustedProxies(""), "addresses or CIDR blocks of the reverse proxies whose forwarded headers are believed"),
  MUSTER_MIGRATIONS_DIR: s(trimmed, undefined, "folder of the migrations (default drizzle/ in the working directory); PostgreSQL's are in its pg/ folder"),
  MUSTER_CUSTOM_SERVER: s(oneOf(["0", "1"] as const), "0", "set to 1 by server/main.ts: the agent API is served by the custom server"),
  NEXT_DIST_DIR: s(trimmed, ".next", "Next's build folder (the benchmarks build into their own)"),
  // --- Sign-in
  AUTH_SECRET: s(secret, undefined, "session signing secret; generated into the data folder when unset"),
  NEXTAUTH_SECRET: s(secret, undefined, "older name of AUTH_SECRET"),
  OIDC_ISSUER: s(url, undefined, "identity provider for single sign-on (with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET)"),
  OIDC_CLIENT_ID: s(trimmed, undefined, "client id at the identity provider"),
  OIDC_CLIENT_SECRET: s(text, undefined, "client secret at the identity provider"),
  OIDC_NAME: s(trimmed, undefined, "name of the identity provider on the sign-in page"),
  MUSTER_ADMIN_EMAIL: s(trimmed, "admin@muster.local", "first administrator's e-mail, on an empty database"),
  MUSTER_ADMIN_PASSWORD: s(text, undefined, "first administrator's password (generated into the data folder when unset)"),
  USER: s(trimmed, undefined, "the operating-system user: the admin CLI's actor in the audit log"),
  USERNAME: s(trimmed, undefined, "the same on Windows"),
  // --- Agents and endpoints
  MUSTER_STALE_DAYS: s(num(1, 3650), 7, "days without a report before an endpoint is stale"),
  MUSTER_CHECKIN_INTERVAL: s(num(60, 86_400), 3600, "seconds between an agent's check-ins (told to agents)"),
  MUSTER_DEVICE_BURST: s(num(0), 60, "check-ins a device may send at once (429 beyond; 0: no limit)"),
  MUSTER_DEVICE_RATE_PER_MIN: s(num(1), 60, "check-ins a device may send per minute"),
  MUSTER_ENROLL_FAILURES_PER_MIN: s(num(1), 10, "failed enrollments per address per minute before 429"),
  MUSTER_CHECKIN_FAILURES_PER_MIN: s(num(1), 30, "check-ins with an unknown device or wrong secret per address per minute before 429"),
  MUSTER_NEW_SOFTWARE_PER_DAY: s(num(0), 500, "new distinct software entries outside the catalog one device may add per day"),
  MUSTER_REENROLL: s(oneOf(REENROLL_MODES), "approval", "re-enrolling a machine that reported within the stale window without its credential"),
  MUSTER_AGENT_PACKAGES: s(trimmed, undefined, "folder of the agent packages and release.json (default agent/dist/packages)"),
  MUSTER_AGENT_BUNDLE: s(trimmed, undefined, "the agent's single-file script served for download (default agent/dist/muster-agent.js)"),
  MUSTER_HTTP_BURST: s(num(0), 600, "dashboard requests one address may send at once (429 beyond; 0: no limit)"),
  MUSTER_HTTP_RATE_PER_MIN: s(num(1), 1200, "dashboard requests one address may send per minute"),
  // --- Storage and long work
  MUSTER_SQLITE_SYNC: s(oneOf(["full", "normal"] as const), "full", "normal trades durability on power loss for speed"),
  MUSTER_IMPORT_MAX_BYTES: s(num(1), 1024 ** 3, "largest inventory file an import accepts"),
  MUSTER_WORK_THREAD: s(oneOf(["0", "1"] as const), "1", "0 runs report builds, imports and re-evaluations on the event loop"),
  MUSTER_INGEST_THREAD: s(oneOf(["0", "1"] as const), "0", "1 moves the group commit's writing to a thread of its own (more than two cores)"),
  MUSTER_HEAP_GROWTH_PERCENT: s(num(0, 300), 0, "how far the JavaScript heap may grow past its live size before a full collection (0: V8's own, up to 300%)"),
  MUSTER_REEVAL_CHUNK_MS: s(num(1, 3_600_000), 250, "target length of one re-evaluation transaction in the server"),
  MUSTER_REEVAL_CHUNK: s(num(100), 100_000, "endpoints per transaction of a re-evaluation run to completion at once (CLI, seeding)"),
  MUSTER_REEVAL_ASYNC_CHUNK: s(num(100), 25_000, "largest chunk of the server's re-evaluation"),
  // --- Reports
  CHROMIUM_PATH: s(trimmed, undefined, "Chromium for PDF reports (default /usr/bin/chromium, then Playwright's)"),
  PLAYWRIGHT_BROWSERS_PATH: s(trimmed, undefined, "where Playwright keeps its browsers (looked in for a Chromium)"),
  MUSTER_REPORT_SIGNING_P12: s(trimmed, undefined, "PKCS#12 file with the key and certificate that sign report PDFs"),
  MUSTER_REPORT_SIGNING_PASSPHRASE: s(text, "", "its passphrase"),
  MUSTER_PSEUDO_LOCALE: s(oneOf(["0", "1"] as const), "0", "tests only: 1 wraps every dashboard message in ⟦…⟧"),
  // --- Operations
  MUSTER_LOG_LEVEL: s(oneOf(LOG_LEVELS), "info", "least severe log level written"),
  MUSTER_LOG_FORMAT: s(oneOf(["json", "pretty"] as const), undefined, "json (log collectors) or pretty (people); default pretty in development"),
  MUSTER_METRICS_TOKEN: s(
    (raw) => (raw.length >= 16 && /^[\x21-\x7e]+$/.test(raw) ? raw : fail("must be at least 16 printable characters without spaces")),
    undefined,
    "bearer token that opens GET /metrics on the main port",
  ),
  MUSTER_METRICS_PORT: s(num(0, 65535), 0, "serve /metrics without a token on a port of its own (0: off)"),
  MUSTER_METRICS_HOST: s(trimmed, "127.0.0.1", "address the metrics port listens on"),
  MUSTER_METRICS_MAX_AGENCIES: s(num(0), 200, "agencies with metric series of their own"),
  MUSTER_SHUTDOWN_DELAY_SECONDS: s(num(0, 3600), 0, "after SIGTERM, keep serving with /readyz failing this long"),
  MUSTER_SHUTDOWN_TIMEOUT_SECONDS: s(num(0, 3600), 25, "then, the most time given to requests in flight"),
  // --- Notifications
  MUSTER_NOTIFY: s(oneOf(["on", "off"] as const), "on", "off: record no notification events and send nothing"),
  MUSTER_SMTP_HOST: s(trimmed, undefined, "the SMTP relay; e-mail is off while it is unset"),
  MUSTER_SMTP_PORT: s(num(1, 65535), undefined, "its port (default 587 with starttls, 465 with tls, 25 with none)"),
  MUSTER_SMTP_SECURITY: s(oneOf(["starttls", "tls", "none"] as const), "starttls", "starttls (required, never plain), tls (from the first byte), none (test relays only)"),
  MUSTER_SMTP_USER: s(text, undefined, "user at the relay (with MUSTER_SMTP_PASSWORD)"),
  MUSTER_SMTP_PASSWORD: s(text, undefined, "password at the relay (with MUSTER_SMTP_USER)"),
  MUSTER_SMTP_FROM: s(trimmed, undefined, "sender, e.g. Muster <muster@agency.example.gov>; required with MUSTER_SMTP_HOST"),
  MUSTER_SMTP_CA_FILE: s(trimmed, undefined, "PEM file of the CA that signed the relay's certificate (an internal CA)"),
  MUSTER_DIGEST_HOUR: s(num(0, 23), 6, "UTC hour of the daily digest (and Monday's weekly summary)"),
  MUSTER_NOTIFY_MAX_TRIES: s(num(1, 50), 10, "deliveries tried before a message is dead"),
  MUSTER_NOTIFY_RETRY_SECONDS: s(num(0.05, 86_400, false), 30, "first retry delay; each further one doubles (with jitter), at most 6 hours"),
  MUSTER_NOTIFY_AGGREGATE_SECONDS: s(num(0, 3600, false), 60, "new findings and reinstalls are collected until none arrived for this long"),
  MUSTER_NOTIFY_STALE_PERCENT: s(num(0, 100, false), 10, "stale share of an agency's endpoints (%) above which its officers are told"),
  MUSTER_NOTIFY_POLL_MS: s(num(20, 60_000), 2000, "how often the delivery worker looks for work (ms)"),
  MUSTER_NOTIFY_LEASE_SECONDS: s(num(1, 3600), 300, "how long a node sending a message holds it; a node that died meanwhile has it sent again after this (keep it well above the longest send)"),
} satisfies Record<string, Setting<unknown>>;

export type EnvName = keyof typeof ENV;
type ValueOf<K extends EnvName> = (typeof ENV)[K] extends Setting<infer T> ? T : never;
type HasFallback<K extends EnvName> = (typeof ENV)[K] extends { fallback: undefined } ? false : true;

/** One variable, parsed: its value, the default when unset or empty, or a ConfigError naming it. */
export function readEnv<K extends EnvName>(name: K, env: Env = process.env): HasFallback<K> extends true ? ValueOf<K> : ValueOf<K> | undefined {
  const setting = ENV[name] as Setting<ValueOf<K>>;
  const raw = env[name];
  if (raw === undefined || raw === "") return setting.fallback as ValueOf<K>;
  try {
    return setting.parse(raw);
  } catch (err) {
    const shown = /SECRET|PASSWORD|TOKEN|PASSPHRASE|DATABASE_URL/.test(name) ? "" : ` (got "${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}")`;
    const message = (err as Error).message;
    throw new ConfigError(message.startsWith(name) ? message : `${name} ${message}${shown}`);
  }
}

/** Whether a variable is given (not unset, not empty). */
export function isSet(name: EnvName, env: Env = process.env): boolean {
  return env[name] !== undefined && env[name] !== "";
}

/** Every declared variable parsed: the problems, one line each (empty when all are good). */
export function envProblems(env: Env = process.env): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(ENV) as EnvName[]) {
    try {
      readEnv(name, env);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}
