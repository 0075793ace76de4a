// Losing an app node on PostgreSQL: two server processes (production build) on one PostgreSQL 15
// database, a fleet that behaves like agents spread over both (a report without an answer is sent
// again with the same seq, as the agent's spool does), and node A SIGKILLed in the middle of the
// load. A's agents then deliver through node B (a load balancer's failover). Afterwards every
// check-in that was answered 200 by either node is in the database, the counters and daily history
// equal a recomputation, re-evaluating every endpoint changes nothing, and node B kept serving.
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir } from "../../support/db";
import { startPostgres, type TempPostgres } from "../../support/postgres";
import { type RunningServer, startServer } from "../../support/server";
import { checkConsistency, enrollFleet, fleetPlans, lostReports, sleep, startLoad, waitFor } from "../reliability/support";

const AGENCIES = ["PF-NORTH", "PF-SOUTH"];

describe("an app node killed under load on PostgreSQL", () => {
  const dir = tempDir("muster-pg-failover-");
  let cluster: TempPostgres;
  let url: string;
  const nodes: RunningServer[] = [];
  const secret = crypto.randomBytes(32).toString("base64");
  // No per-device rate limit: the load resends at once after the kill.
  const env = (name: string) => ({ DATABASE_URL: url, DATABASE_PATH: path.join(dir, name, "unused.db"), AUTH_SECRET: secret, MUSTER_DEVICE_BURST: "0" });

  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase("muster_failover");
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop("SIGKILL").catch(() => undefined)));
    await cluster?.stop();
  });

  it("loses no acknowledged check-in, keeps the counters exact, and the other node serves on", async () => {
    const tokens = new Map<string, string>();
    const cli = env("cli");
    for (const code of AGENCIES) {
      expect(runAdmin("", ["create-agency", "--code", code, "--name", `Failover ${code}`], undefined, cli).code).toBe(0);
      const t = runAdmin("", ["create-token", "--agency", code], undefined, cli);
      expect(t.code, t.stderr).toBe(0);
      tokens.set(code, t.stdout.trim().split("\n").pop()!.trim());
    }
    const activated = runAdmin("", ["activate-policy", "--slug", "us-bod-17-01"], undefined, cli);
    expect(activated.code, activated.stderr).toBe(0);

    const [a, b] = await Promise.all([startServer({ databasePath: "", env: env("a") }), startServer({ databasePath: "", env: env("b") })]);
    nodes.push(a, b);
    const { spec, plans } = fleetPlans(AGENCIES, 40);
    const half = Math.ceil(plans.length / 2);
    const devicesA = await enrollFleet(a.url, plans.slice(0, half), (code) => tokens.get(code)!);
    const devicesB = await enrollFleet(b.url, plans.slice(half), (code) => tokens.get(code)!);
    const loadA = startLoad(a.url, devicesA, { concurrency: 8, days: spec.days });
    const loadB = startLoad(b.url, devicesB, { concurrency: 8, days: spec.days });
    try {
      await waitFor("check-ins through both nodes", () => loadA.stats.accepted >= 150 && loadB.stats.accepted >= 150, 120_000);
      await sleep(Math.floor(Math.random() * 100));
      a.proc.kill("SIGKILL");
      await new Promise<void>((resolve) => (a.proc.exitCode !== null || a.proc.signalCode !== null ? resolve() : a.proc.once("exit", () => resolve())));
      // A's agents retry what got no answer, now through B.
      await loadA.pause();
      const acceptedAtKill = loadA.stats.accepted;
      loadA.resume(b.url);
      await waitFor("A's agents delivering through B", () => loadA.stats.accepted >= acceptedAtKill + 150, 120_000);
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    } finally {
      await Promise.all([loadA.stop(), loadB.stop()]);
    }
    await b.stop("SIGTERM");

    const devices = [...devicesA, ...devicesB];
    const { accepted, lost } = lostReports(url, devices);
    const c = checkConsistency(url);
    console.log(
      `PostgreSQL failover: ${accepted} check-ins acknowledged (A ${loadA.stats.accepted}, B ${loadB.stats.accepted}; ${loadA.stats.noAnswer} without an answer at the kill, sent again), ` +
        `lost ${lost.length}; counter mismatches ${c.counterMismatches.length}, state drift ${c.stateDrift} over ${c.endpoints} endpoints`,
    );
    expect(loadA.stats.unexpected).toEqual([]);
    expect(loadB.stats.unexpected).toEqual([]);
    expect(lost).toEqual([]);
    expect(c).toMatchObject({ counterMismatches: [], stateDrift: 0, endpoints: plans.length });
  }, 300_000);
});
