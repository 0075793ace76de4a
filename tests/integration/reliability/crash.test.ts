// Crash safety: the real server (production build) takes check-ins over HTTP from a fleet that
// behaves like agents, and is killed with SIGKILL five times in the middle of that load, then
// restarted on the same database. After every kill: the file passes integrity_check, every
// check-in that was answered 200 is there (its row and the endpoint's last_seq), the counters and
// daily history equal a recomputation, and re-evaluating every endpoint from its observations
// gives exactly the stored findings and states.
import { afterAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { freePort, type RunningServer, startServer } from "../../support/server";
import { checkConsistency, enrollFleet, fleetPlans, lostReports, sleep, startLoad, waitFor } from "./support";

const KILLS = 5;
const AGENCIES = ["CR-NORTH", "CR-SOUTH"];

describe("crash safety", () => {
  const dir = tempDir("muster-crash-");
  const dbFile = testDatabase(dir);
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it(`loses no accepted report across ${KILLS} SIGKILLs under check-in load`, async () => {
    const tokens = new Map<string, string>();
    for (const code of AGENCIES) {
      expect(runAdmin(dbFile, ["create-agency", "--code", code, "--name", `Crash ${code}`]).code).toBe(0);
      const t = runAdmin(dbFile, ["create-token", "--agency", code]);
      expect(t.code, t.stderr).toBe(0);
      tokens.set(code, t.stdout.trim().split("\n").pop()!.trim());
    }
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);

    const port = await freePort();
    // No per-device rate limit: the load resends quickly after each restart.
    const env = { MUSTER_DEVICE_BURST: "0" };
    server = await startServer({ databasePath: dbFile, port, env });
    const { spec, plans } = fleetPlans(AGENCIES, 60);
    const devices = await enrollFleet(server.url, plans, (code) => tokens.get(code)!);
    const load = startLoad(server.url, devices, { concurrency: 24, days: spec.days });

    let survived = 0;
    let seed = 20240929;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    try {
      for (let k = 0; k < KILLS; k++) {
        // Mid-load: after a few hundred more acceptances, plus a random part of a group commit.
        const target = load.stats.accepted + 300;
        await waitFor("check-ins to flow", () => load.stats.accepted >= target, 60_000);
        await sleep(Math.floor(random() * 150));
        server.proc.kill("SIGKILL");
        await new Promise<void>((resolve) => (server!.proc.exitCode !== null || server!.proc.signalCode !== null ? resolve() : server!.proc.once("exit", () => resolve())));
        await load.pause();

        const c = checkConsistency(dbFile);
        const { accepted, lost } = lostReports(dbFile, devices);
        expect(c.integrity, `after kill ${k + 1}`).toBe("ok");
        expect(c.foreignKeyViolations, `after kill ${k + 1}`).toBe(0);
        expect(c.counterMismatches, `after kill ${k + 1}`).toEqual([]);
        expect(c.stateDrift, `after kill ${k + 1}`).toBe(0);
        expect(lost, `after kill ${k + 1}: ${accepted} accepted`).toEqual([]);
        survived++;

        server = await startServer({ databasePath: dbFile, port, env });
        load.resume(server.url);
      }
      await waitFor("check-ins after the last restart", () => load.stats.accepted >= devices.length * 2 + KILLS * 300, 60_000);
    } finally {
      await load.stop();
    }
    await server.stop("SIGTERM");
    server = undefined;

    const final = checkConsistency(dbFile);
    const { accepted, lost } = lostReports(dbFile, devices);
    console.log(
      `crash safety: ${survived} SIGKILLs survived under load; ${accepted} check-ins accepted (${load.stats.duplicates} as duplicates of a resend), ` +
        `${load.stats.noAnswer} got no answer and were resent; accepted reports lost: ${lost.length}; ` +
        `integrity ${final.integrity}, counter mismatches ${final.counterMismatches.length}, state drift ${final.stateDrift} over ${final.endpoints} endpoints`,
    );
    expect(load.stats.unexpected).toEqual([]);
    expect(survived).toBe(KILLS);
    expect(lost).toEqual([]);
    expect(final).toMatchObject({ integrity: "ok", foreignKeyViolations: 0, counterMismatches: [], stateDrift: 0 });
    // Resent reports whose first answer was lost to a kill came back as duplicates, never as 409s.
    expect(load.stats.duplicates).toBeGreaterThanOrEqual(0);
  }, 240_000);
});
