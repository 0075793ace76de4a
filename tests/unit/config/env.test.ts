// One validated configuration: every environment variable the server reads is declared once in
// server/config/env.ts (parser, default, meaning), nothing else reads process.env, the README's
// tables list exactly the declared variables, and bad values are refused with every problem named.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkServerConfig, config, notifyConfig, readEnv, validateConfig } from "~/server/config";
import { ENV, envProblems } from "~/server/config/env";

const ROOT = path.resolve(__dirname, "../../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

/** Entry points that set defaults for what they start (writes only: `process.env.X ||= ...`). */
const SETTERS = new Set(["server/main.ts", "server/demo/main.ts", "server/demo/seed.ts"]);
const WRITE = /process\.env\.[A-Z_]+ (?:\|\||\?\?)?= |Object\.assign\(process\.env, /;

describe("where the environment is read", () => {
  it("only server/config reads process.env; the start scripts only set defaults", () => {
    const offending: string[] = [];
    for (const file of [...sourceFiles("server"), ...sourceFiles("app")]) {
      if (file.startsWith(`server${path.sep}config${path.sep}`)) continue;
      fs.readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!/process\.env[.[]/.test(line)) return;
          if (SETTERS.has(file) && WRITE.test(line)) return;
          offending.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it("the README's tables list exactly the declared variables", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const documented = new Set<string>();
    for (const row of readme.split("\n").filter((l) => l.startsWith("| `"))) {
      const first = row.split("|")[1]!;
      for (const m of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) documented.add(m[1]!);
    }
    const declared = Object.keys(ENV);
    expect(declared.filter((n) => !documented.has(n))).toEqual([]);
    expect([...documented].filter((n) => !(n in ENV))).toEqual([]);
  });
});

describe("values", () => {
  it("uses the defaults when unset or empty", () => {
    expect(readEnv("MUSTER_STALE_DAYS", {})).toBe(7);
    expect(readEnv("MUSTER_STALE_DAYS", { MUSTER_STALE_DAYS: "" })).toBe(7);
    expect(readEnv("MUSTER_SQLITE_SYNC", {})).toBe("full");
    expect(readEnv("NEXTAUTH_URL", {})).toBeUndefined();
    expect(readEnv("MUSTER_NOTIFY_RETRY_SECONDS", { MUSTER_NOTIFY_RETRY_SECONDS: "0.5" })).toBe(0.5);
    expect(readEnv("MUSTER_PUBLIC_URL", { MUSTER_PUBLIC_URL: "https://muster.example.gov/" })).toBe("https://muster.example.gov");
  });

  it("refuses a bad value naming the variable, what it must be and what it got (never a secret's value)", () => {
    expect(() => readEnv("MUSTER_STALE_DAYS", { MUSTER_STALE_DAYS: "seven" })).toThrow('MUSTER_STALE_DAYS must be a number (got "seven")');
    expect(() => readEnv("MUSTER_STALE_DAYS", { MUSTER_STALE_DAYS: "-1" })).toThrow('MUSTER_STALE_DAYS must be between 1 and 3650 (got "-1")');
    expect(() => readEnv("PORT", { PORT: "80.5" })).toThrow('PORT must be a whole number (got "80.5")');
    expect(() => readEnv("MUSTER_SQLITE_SYNC", { MUSTER_SQLITE_SYNC: "off" })).toThrow('MUSTER_SQLITE_SYNC must be one of full, normal (got "off")');
    expect(() => readEnv("NEXTAUTH_URL", { NEXTAUTH_URL: "muster.example.gov" })).toThrow("NEXTAUTH_URL must be a URL such as https://muster.example.gov");
    expect(() => readEnv("MUSTER_TRUST_PROXY", { MUSTER_TRUST_PROXY: "1" })).toThrow(/^MUSTER_TRUST_PROXY must list the reverse proxies/);
    const secret = "too-short-secret";
    expect(() => readEnv("AUTH_SECRET", { AUTH_SECRET: secret })).toThrow("AUTH_SECRET must be at least 32 bytes (got 16)");
    expect(() => readEnv("MUSTER_METRICS_TOKEN", { MUSTER_METRICS_TOKEN: "has a space in it!" })).not.toThrow(/has a space/);
    // DATABASE_URL: a postgres:// URL, checked for its shape, never shown (it holds the password).
    expect(readEnv("DATABASE_URL", {})).toBeUndefined();
    const pgUrl = "postgres://muster:hunter2-password@db.example.gov/muster";
    expect(readEnv("DATABASE_URL", { DATABASE_URL: ` ${pgUrl} ` })).toBe(pgUrl);
    expect(readEnv("DATABASE_URL", { DATABASE_URL: "postgresql://db.example.gov:5433/muster?sslmode=require" })).toBe("postgresql://db.example.gov:5433/muster?sslmode=require");
    for (const [bad, says] of [
      ["mysql://muster:hunter2-password@db.example.gov/muster", "DATABASE_URL must be a postgres:// URL"],
      ["postgres://muster:hunter2-password@db.example.gov", "DATABASE_URL must name the database"],
      ["postgres://muster:hunter2-password@[db/muster", "DATABASE_URL must be a URL such as postgres://"],
      ["hunter2-password", "DATABASE_URL must be a URL such as postgres://"],
    ] as const) {
      expect(() => readEnv("DATABASE_URL", { DATABASE_URL: bad })).toThrow(says);
      expect(() => readEnv("DATABASE_URL", { DATABASE_URL: bad })).not.toThrow(/hunter2/);
    }
    // On PostgreSQL the nodes share one database: the server needs AUTH_SECRET with it, the same on each.
    expect(() => checkServerConfig({ dev: true }, { DATABASE_URL: pgUrl })).toThrow(/^AUTH_SECRET must be set when DATABASE_URL is set/);
    expect(() => checkServerConfig({ dev: true }, { DATABASE_URL: pgUrl })).not.toThrow(/hunter2/);
    expect(() => checkServerConfig({ dev: true }, { DATABASE_URL: pgUrl, AUTH_SECRET: "a".repeat(44) })).not.toThrow();
    // A malformed URL is one problem, not two.
    expect(() => checkServerConfig({ dev: true }, { DATABASE_URL: "mysql://x:hunter2@h/d" })).toThrow(/^DATABASE_URL must be a postgres:\/\/ URL[^\n]*$/);
  });

  it("names every problem at once at start", () => {
    const env = { NEXTAUTH_URL: "https://muster.example.gov", PORT: "http", MUSTER_WORK_THREAD: "yes", MUSTER_SMTP_HOST: "relay.example.gov" };
    expect(envProblems(env)).toEqual(['PORT must be a number (got "http")', 'MUSTER_WORK_THREAD must be one of 0, 1 (got "yes")']);
    expect(() => checkServerConfig({ dev: false }, env)).toThrow('PORT must be a number (got "http")\nMUSTER_WORK_THREAD must be one of 0, 1 (got "yes")');
    // Rules across variables are checked too once each one parses.
    expect(() => checkServerConfig({ dev: false }, { NEXTAUTH_URL: "https://muster.example.gov", MUSTER_SMTP_HOST: "relay.example.gov" })).toThrow(
      "MUSTER_SMTP_FROM is required when MUSTER_SMTP_HOST is set",
    );
    expect(() => checkServerConfig({ dev: false }, {})).toThrow("NEXTAUTH_URL must be set in production");
    expect(() => checkServerConfig({ dev: true }, {})).not.toThrow();
  });

  it("the accessors read through the declarations", () => {
    expect(notifyConfig({ MUSTER_SMTP_HOST: "relay", MUSTER_SMTP_FROM: "m@x", MUSTER_SMTP_SECURITY: "tls" }).smtp).toMatchObject({ port: 465, security: "tls" });
    expect(() => validateConfig({ MUSTER_REENROLL: "never" })).toThrow('MUSTER_REENROLL must be one of approval, credential (got "never")');
    expect(typeof config.staleDays).toBe("number");
  });
});
