// Graceful shutdown under load: the real server takes check-ins from a fleet that behaves like
// agents (a report without an answer is resent) and gets SIGTERM in the middle. One more device is
// half-way through uploading its report when the signal comes and sends the rest 6 seconds later:
// the server waits for it, stores it, answers 200 and closes the connection, then exits 0. Every
// report answered 200 is in the database, and counters, history and states are consistent.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { reportOn } from "~/server/fleet/plan";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { exited, logRecords } from "../../support/ops";
import { type RunningServer, startServer } from "../../support/server";
import { checkConsistency, enrollFleet, fleetPlans, lostReports, openDb, sleep, startLoad, waitFor } from "../reliability/support";

const AGENCIES = ["SD-EAST", "SD-WEST"];

/** Sends the request head and the first half of the body now; `finish()` sends the rest and resolves with the raw answer. */
function slowUpload(url: string, path: string, headers: Record<string, string>, body: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let answer = "";
  socket.on("data", (d) => (answer += d.toString()));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  const bytes = Buffer.from(body, "utf8");
  // Expect: 100-continue: the interim answer says the server has read the head and is handling the
  // request (a fixed pause is not enough when the server's event loop is busy with the load).
  const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${bytes.length}`, "Expect: 100-continue", "", ""].join(
    "\r\n",
  );
  const half = Math.floor(bytes.length / 2);
  socket.write(Buffer.concat([Buffer.from(head), bytes.subarray(0, half)]));
  const started = new Promise<void>((resolve) => {
    const check = () => {
      if (!answer.startsWith("HTTP/1.1 100 ")) return;
      socket.off("data", check);
      resolve();
    };
    socket.on("data", check);
  });
  const CONTINUE = /^HTTP\/1\.1 100 [^\r]*\r\n\r\n/;
  return {
    started,
    async finish(): Promise<string> {
      socket.write(bytes.subarray(half));
      await closed;
      return answer.replace(CONTINUE, "");
    },
  };
}

describe("graceful shutdown", () => {
  const dir = tempDir("muster-shutdown-");
  const dbFile = testDatabase(dir);
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
  });

  it("finishes requests in flight and loses no acknowledged check-in on SIGTERM under load", async () => {
    const tokens = new Map<string, string>();
    for (const code of AGENCIES) {
      expect(runAdmin(dbFile, ["create-agency", "--code", code, "--name", `Shutdown ${code}`]).code).toBe(0);
      tokens.set(code, runAdmin(dbFile, ["create-token", "--agency", code]).stdout.trim().split("\n").pop()!.trim());
    }
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);
    server = await startServer({ databasePath: dbFile, env: { MUSTER_DEVICE_BURST: "0" } });
    const { spec, plans } = fleetPlans(AGENCIES, 60);
    const devices = await enrollFleet(server.url, plans, (code) => tokens.get(code)!);
    const slowDevice = devices.pop()!;
    const load = startLoad(server.url, devices, { concurrency: 24, days: spec.days });

    let answer = "";
    try {
      await waitFor("check-ins to flow", () => load.stats.accepted >= 300, 60_000);
      const report = { ...reportOn(slowDevice.plan, 0, Date.now(), BUILTIN_CATALOG.version), deviceId: slowDevice.deviceId, seq: 1 };
      const upload = slowUpload(server.url, "/api/agent/v1/checkin", { "Content-Type": "application/json", Authorization: `Bearer ${slowDevice.secret}` }, JSON.stringify(report));
      await upload.started;
      const acceptedAtSignal = load.stats.accepted;
      server.proc.kill("SIGTERM");
      // Longer than the old fixed 5-second exit: the server must still be waiting for this upload.
      await sleep(6_000);
      expect(server.proc.exitCode).toBeNull();
      answer = await upload.finish();
      expect(await exited(server.proc)).toBe(0);
      expect(load.stats.accepted).toBeGreaterThanOrEqual(acceptedAtSignal);
    } finally {
      await load.stop();
    }

    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('"accepted":true');
    const db = openDb(dbFile, { readonly: true });
    try {
      const row = db.$client
        .prepare("select e.last_seq as lastSeq, count(c.seq) as n from endpoints e left join checkins c on c.endpoint_id = e.id where e.device_id = ? group by e.last_seq")
        .get(slowDevice.deviceId);
      expect(row).toEqual({ lastSeq: 1, n: 1 });
    } finally {
      db.$client.close();
    }

    const { accepted, lost } = lostReports(dbFile, devices);
    const c = checkConsistency(dbFile);
    console.log(`graceful shutdown: ${accepted} check-ins acknowledged before and during the shutdown; lost: ${lost.length}; ${load.stats.noAnswer} refused after the listener closed`);
    expect(load.stats.unexpected).toEqual([]);
    expect(accepted).toBeGreaterThan(300);
    expect(lost).toEqual([]);
    expect(c).toMatchObject({ integrity: "ok", foreignKeyViolations: 0, counterMismatches: [], stateDrift: 0 });
    const msgs = logRecords(server.output()).map((l) => l.msg);
    expect(msgs).toContain("shutting down: finishing requests in flight");
    expect(msgs.at(-1)).toBe("shutdown complete");
    server = undefined;
  }, 180_000);
});
