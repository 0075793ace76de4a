// The server on PostgreSQL, as a national deployment runs it: two app nodes (real processes, the
// production build) on one PostgreSQL 15 database (tests/support/postgres.ts), the same AUTH_SECRET,
// each with its own data folder. The admin CLI creates the agency and the token and puts BOD 17-01
// in force on PostgreSQL; the bundled agent enrolls through node A and reports through node B; an
// administrator signed in on node B reads the same figures through tRPC as the database holds.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInHttp } from "../../support/auth";
import { startPostgres, type TempPostgres } from "../../support/postgres";
import { ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../../support/server";

const AGENT = path.join(ROOT, "agent", "dist", "muster-agent.js");
const FIXTURE = path.join(ROOT, "tests", "fixtures", "ingest", "linux-kesl");
const ADMIN_PASSWORD = "admin-password-for-tests";

describe("two app nodes on one PostgreSQL database", () => {
  let cluster: TempPostgres;
  let url: string;
  let dir: string;
  const nodes: RunningServer[] = [];
  const secret = crypto.randomBytes(32).toString("base64");
  const env = (name: string) => ({ DATABASE_URL: url, DATABASE_PATH: path.join(dir, name, "unused.db"), AUTH_SECRET: secret, MUSTER_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const admin = (...args: string[]) =>
    execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], { cwd: ROOT, env: { ...process.env, ...env("cli") }, encoding: "utf8" });
  const agent = (...args: string[]) => {
    try {
      const out = execFileSync(process.execPath, [AGENT, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, MUSTER_AGENT_RETRY_BASE_MS: "50" }, stdio: ["ignore", "pipe", "pipe"] });
      return { code: 0, out };
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      return { code: e.status, out: `${e.stdout}${e.stderr}` };
    }
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, "agent", "build.mjs")], { cwd: ROOT, stdio: "pipe" });
    cluster = await startPostgres();
    url = await cluster.createDatabase("muster_nodes");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-pg-nodes-"));
    // Both start at once on the empty database: one migrates and creates the administrator.
    nodes.push(...(await Promise.all([startServer({ databasePath: "", env: env("a") }), startServer({ databasePath: "", env: env("b") })])));
  }, 240_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves the agent and the dashboard from either node, and both see the same data", async () => {
    const [a, b] = nodes as [RunningServer, RunningServer];
    for (const n of nodes) expect((await fetch(`${n.url}/readyz`)).status).toBe(200);
    expect(await query("select email from users")).toEqual([{ email: "admin@muster.local" }]);
    expect(nodes.filter((n) => n.output().includes("First administrator created")).length).toBe(1);

    admin("create-agency", "--code", "PG-NODES", "--name", "Two nodes");
    const token = admin("create-token", "--agency", "PG-NODES", "--max-uses", "1").trim().split("\n").pop()!.trim();
    expect(token).toMatch(/^mst_enr_/);
    expect(admin("activate-policy", "--slug", "us-bod-17-01")).toContain("in force");

    const root = path.join(dir, "root");
    const stateDir = path.join(dir, "agent-state");
    fs.cpSync(FIXTURE, root, { recursive: true });
    const enrolled = agent("enroll", "--server", a.url, "--token", token, "--state-dir", stateDir);
    expect(enrolled.code, enrolled.out).toBe(0);
    // The agent now reports to node B (as a load balancer would send it).
    for (const f of fs.readdirSync(stateDir)) {
      const file = path.join(stateDir, f);
      if (!f.endsWith(".json") || !fs.statSync(file).isFile()) continue;
      const text = fs.readFileSync(file, "utf8");
      if (text.includes(a.url)) fs.writeFileSync(file, text.split(a.url).join(b.url));
    }
    const run = agent("run", "--root", root, "--platform", "linux", "--state-dir", stateDir);
    expect(run.code, run.out).toBe(0);
    const [ep] = await query<{ id: number; state: string; hostname: string }>("select id, state, hostname from endpoints");
    expect(ep).toMatchObject({ state: "banned", hostname: "ws-ingest-e2e" });
    expect(await query("select product, status, presence from findings where endpoint_id = $1", [ep!.id])).toEqual([{ product: "kaspersky-endpoint-security", status: "open", presence: "installed" }]);
    expect(await query("select seq::int as seq from checkins")).toEqual([{ seq: 1 }]);

    // An administrator on node A sees what node B wrote.
    const session = await signInHttp(a.url, "admin@muster.local", ADMIN_PASSWORD);
    expect(session.ok, session.error ?? "").toBe(true);
    const res = await fetch(`${a.url}/api/trpc/overview.agencies`, { headers: { cookie: session.cookie } });
    expect(res.status, a.output().slice(-2000)).toBe(200);
    const body = JSON.stringify(await res.json());
    expect(body).toContain("PG-NODES");
  });
});
