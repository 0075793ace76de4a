// `npm run demo -- --database postgres://…` on a real PostgreSQL (its own cluster, in the SQLite
// run too), as the database's owner, not a superuser (the usual demo): the demo seeds, copies and
// serves the same story as on SQLite: the police officer signed in over HTTP sees the overview the
// same demo seeded into SQLite gives (seeded here meanwhile), the administrator sees the fleet plus
// this machine's agent. The demo refuses a database holding data it did not make (with --reset
// too) without writing to it, and the production server refuses the demo's database.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { narrowScope, ALL } from "~/server/access/scope";
import { getAgencyByCode } from "~/server/agencies/service";
import { closeDb, type Db } from "~/server/db/client";
import { DEMO_MARKER_KEY } from "~/server/db/demo-marker";
import { migratePg } from "~/server/db/pg";
import { getOverview, type Overview } from "~/server/dashboard/overview";
import { DEMO_PASSWORD, seedDemo } from "~/server/demo/seed";
import { dayOf } from "~/server/lib/time";
import { signInHttp } from "../../support/auth";
import { startPostgres, type TempPostgres } from "../../support/postgres";
import { freePort, ROOT, startServer, TS_NODE_ARGS } from "../../support/server";
import { trpcQuery } from "../reports/http";

type Run = { code: number | null; out: string };

/** The demo as `npm run demo -- …` runs it; resolves once it says it is ready (or exits). */
function startDemo(args: string[], env: Record<string, string>): { proc: ChildProcess; ready: Promise<Run>; output: () => string } {
  let out = "";
  const proc = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/demo/main.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", AUTH_SECRET: "", MUSTER_ADMIN_PASSWORD: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = new Promise<Run>((resolve) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Press Ctrl+C to stop.")) resolve({ code: null, out });
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", onData);
    proc.once("exit", (code) => resolve({ code, out }));
  });
  return { proc, ready, output: () => out };
}

const stop = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });

describe("the demo on PostgreSQL", () => {
  let cluster: TempPostgres;
  let demoUrl: string;
  let prodUrl: string;
  let dir: string;
  let demo: ReturnType<typeof startDemo>;
  let started: Run;
  let port: number;
  let demoMs: number;
  let sqlite: Db;
  const query = async <T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const demoSeededAt = async (url: string): Promise<number> => {
    const [marker] = await query<{ value: string }>(url, "select value from settings where key = $1", [DEMO_MARKER_KEY]);
    const at = Date.parse(marker?.value.replace(/^seeded by npm run demo at /, "") ?? "");
    if (Number.isNaN(at)) throw new Error(`the demo's marker says no time: ${marker?.value}`);
    return at;
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    // The demo's database belongs to an ordinary role, as `createdb -O demo muster_demo` makes it.
    await query(cluster.url, "create role demo_owner login password 'demo-owner-pw'");
    await query(cluster.url, "create database muster_demo owner demo_owner");
    demoUrl = cluster.url.replace(/\/\/muster:[^@]+@/, "//demo_owner:demo-owner-pw@").replace(/\/postgres$/, "/muster_demo");
    // A deployment's database: migrated, holding its hardware-id salt.
    prodUrl = await cluster.createDatabase("muster_prod");
    await migratePg({ url: prodUrl });
    await query(prodUrl, "insert into settings (key, value) values ('hardware_salt', 'a-real-deployment')");

    dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-demo-pg-"));
    port = await freePort();
    const t0 = Date.now();
    demo = startDemo(["--database", demoUrl, "--port", String(port)], { DATABASE_PATH: path.join(dir, "data", "demo.db"), NEXTAUTH_URL: `http://127.0.0.1:${port}` });
    // Meanwhile the same demo on SQLite, in this process: the reference figures.
    process.env.DATABASE_PATH = path.join(dir, "reference.db");
    const referenceNow = Date.now();
    ({ db: sqlite } = await seedDemo({ now: referenceNow, log: () => {} }));
    started = await demo.ready;
    demoMs = Date.now() - t0;
    // The demo dates its story from the day it is seeded: when a UTC midnight fell between the two
    // seeds, the reference is seeded again from the moment the demo's marker records.
    const seededAt = started.code === null ? await demoSeededAt(demoUrl) : referenceNow;
    if (dayOf(seededAt) !== dayOf(referenceNow)) {
      closeDb(process.env.DATABASE_PATH);
      for (const f of fs.readdirSync(dir).filter((f) => f.startsWith("reference.db"))) fs.rmSync(path.join(dir, f));
      ({ db: sqlite } = await seedDemo({ now: seededAt, log: () => {} }));
    }
  }, 240_000);
  afterAll(async () => {
    if (demo) await stop(demo.proc);
    closeDb(process.env.DATABASE_PATH);
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("seeds the demo story into PostgreSQL and serves it: the police officer's overview equals the same demo's on SQLite", async () => {
    expect(started.code, started.out.slice(-3000)).toBeNull();
    console.log(`demo on PostgreSQL ready in ${(demoMs / 1000).toFixed(0)} s`);
    expect(started.out).toMatch(/Copied [\d,]+ rows into PostgreSQL at demo_owner@127\.0\.0\.1:\d+\/muster_demo/);
    expect(started.out).not.toContain("demo-owner-pw");
    expect(await query(demoUrl, "select count(*)::int as n from endpoints where evidence = 'agent'")).toEqual([{ n: 5001 }]); // the fleet and this machine

    const police = await signInHttp(`http://127.0.0.1:${port}`, "police@demo.muster", DEMO_PASSWORD);
    expect(police.ok, police.error ?? "").toBe(true);
    const seen = await trpcQuery<Overview>(`http://127.0.0.1:${port}`, police.cookie, "overview.get", undefined);
    if (!seen.ok) throw new Error(`overview.get: ${seen.status} ${seen.message}`);
    const jusPol = getAgencyByCode(sqlite, "JUS-POL")!;
    const reference = getOverview(sqlite, narrowScope(sqlite, ALL, jusPol.id));
    const figures = (o: Overview) => ({ totals: o.totals, byAgency: o.byAgency, week: o.week, burndown: o.burndown, needsAction: o.needsAction, evidence: o.evidence, status: o.status });
    expect(seen.data.totals.endpoints).toBeGreaterThan(500);
    expect(figures(seen.data)).toEqual(figures(reference));

    // The administrator sees the whole fleet: the SQLite demo's, plus this machine's agent.
    const admin = await signInHttp(`http://127.0.0.1:${port}`, "admin@demo.muster", DEMO_PASSWORD);
    expect(admin.ok, admin.error ?? "").toBe(true);
    const all = await trpcQuery<Overview>(`http://127.0.0.1:${port}`, admin.cookie, "overview.get", undefined);
    if (!all.ok) throw new Error(`overview.get: ${all.status} ${all.message}`);
    expect(all.data.totals.endpoints).toBe(getOverview(sqlite, ALL).totals.endpoints + 1);
  });

  it("refuses a database holding data it did not make, with --reset too, before writing anything", async () => {
    const before = await query(prodUrl, "select count(*)::int as tables from pg_tables where schemaname = 'public'");
    const env = { DATABASE_PATH: path.join(dir, "refused", "demo.db"), NEXTAUTH_URL: "http://127.0.0.1:9" };
    const [plain, reset] = await Promise.all([startDemo(["--database", prodUrl], env).ready, startDemo(["--database", prodUrl, "--reset"], env).ready]);
    for (const r of [plain, reset]) {
      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/PostgreSQL at muster@127\.0\.0\.1:\d+\/muster_prod holds data the demo did not make \(rows in settings\)/);
      expect(r.out).toContain("createdb muster_demo");
      expect(r.out).not.toContain(new URL(prodUrl).password);
    }
    expect(reset.out).toContain("the demo resets only an empty database or one it seeded itself");
    expect(await query(prodUrl, "select key, value from settings")).toEqual([{ key: "hardware_salt", value: "a-real-deployment" }]);
    expect(await query(prodUrl, "select count(*)::int as tables from pg_tables where schemaname = 'public'")).toEqual(before);
  });

  it("stopped while it seeds (Ctrl+C), stops its seeding process and leaves no temporary file and nothing in the database", async () => {
    const url = await cluster.createDatabase("muster_stopped");
    const tmp = fs.mkdtempSync(path.join(dir, "tmp-"));
    const run = startDemo(["--database", url], { TMPDIR: tmp, DATABASE_PATH: path.join(dir, "stopped", "demo.db"), NEXTAUTH_URL: "http://127.0.0.1:9" });
    const ours = () => fs.readdirSync(tmp).filter((f) => f.startsWith("muster-demo-"));
    // Stopped once the seeding process has made its SQLite file (seeding takes half a minute).
    for (let i = 0; i < 600 && !ours().some((d) => fs.existsSync(path.join(tmp, d, "demo.db"))); i++) await new Promise((r) => setTimeout(r, 100));
    expect(ours()).toHaveLength(1);
    run.proc.kill("SIGINT");
    const r = await run.ready;
    expect(r.code, r.out.slice(-2000)).toBe(130);
    expect(ours()).toEqual([]);
    // No process is left seeding into the removed folder (each process's environment names it).
    const seeders = async () => {
      const found: string[] = [];
      for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
        const env = await fs.promises.readFile(`/proc/${pid}/environ`, "latin1").catch(() => "");
        if (env.includes(`DATABASE_PATH=${tmp}/`)) found.push(pid);
      }
      return found;
    };
    for (let i = 0; i < 50 && (await seeders()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await seeders()).toEqual([]);
    expect(await query(url, "select count(*)::int as tables from pg_tables where schemaname = 'public'")).toEqual([{ tables: 0 }]);
  });

  it("is refused by the production server (its accounts share the published password)", async () => {
    const err = await startServer({ databasePath: path.join(dir, "prod", "unused.db"), env: { DATABASE_URL: demoUrl, AUTH_SECRET: "x".repeat(32) } }).then(
      async (s) => {
        await s.stop();
        return "";
      },
      (e: Error) => e.message,
    );
    expect(err).toContain("Server exited with 1");
    expect(err).toContain("seeded by npm run demo");
    expect(err).toContain("the production server will not serve it");
  });
});
