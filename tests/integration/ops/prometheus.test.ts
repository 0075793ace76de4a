// The metrics as an operations team reads them: a real Prometheus (Debian's `prometheus`) with a
// generated configuration scrapes a running Muster twice, on the metrics port of its own and on
// the main port with the bearer token, and loads the shipped alert rules. After some agent traffic
// the series are read back through Prometheus's query API; label sets stay bounded (agencies past
// MUSTER_METRICS_MAX_AGENCIES are counted together) and every alert rule evaluates without error.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase, testEngine } from "../../support/db";
import { sleep } from "../../support/ops";
import { freePort, ROOT, type RunningServer, startServer } from "../../support/server";
import { E, SOURCES_BY_PLATFORM } from "../ingest/helpers";
import { postJson } from "../ingest/api-server";

const RULES = path.join(ROOT, "deploy/prometheus/muster-alerts.yml");
const TOKEN = "metrics-token-for-the-prometheus-test";

type Sample = { metric: Record<string, string>; value: [number, string] };

describe("Prometheus scraping Muster", () => {
  const dir = tempDir("muster-prom-");
  const dbFile = testDatabase(dir);
  let server: RunningServer;
  let prom: ChildProcess;
  let promUrl = "";
  let promLog = "";
  let metricsPort = 0;

  const query = async (q: string): Promise<Sample[]> => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { status: string; data: { result: Sample[] }; error?: string };
    if (body.status !== "success") throw new Error(`${q}: ${body.error}`);
    return body.data.result;
  };
  /** Polls until the query returns something (scrapes run every second). */
  const eventually = async (q: string, timeoutMs = 30_000): Promise<Sample[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await query(q);
      if (r.length) return r;
      if (Date.now() > deadline) throw new Error(`no result for ${q}\n${promLog.slice(-2000)}`);
      await sleep(500);
    }
  };
  const value = (s: Sample[]) => Number(s[0]!.value[1]);

  beforeAll(async () => {
    expect(runAdmin(dbFile, ["create-agency", "--code", "PR-A", "--name", "Agency A", "--deadline", "2020-01-31"]).code).toBe(0);
    expect(runAdmin(dbFile, ["create-agency", "--code", "PR-B", "--name", "Agency B", "--deadline", "2099-12-31"]).code).toBe(0);
    expect(runAdmin(dbFile, ["create-agency", "--code", "PR-C", "--name", "Agency C"]).code).toBe(0);
    expect(runAdmin(dbFile, ["activate-policy", "--slug", "us-bod-17-01"]).code).toBe(0);
    metricsPort = await freePort();
    server = await startServer({
      databasePath: dbFile,
      env: { MUSTER_METRICS_PORT: String(metricsPort), MUSTER_METRICS_TOKEN: TOKEN, MUSTER_METRICS_MAX_AGENCIES: "2" },
    });

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const config = {
      global: { scrape_interval: "1s", evaluation_interval: "1s" },
      rule_files: [RULES],
      scrape_configs: [
        { job_name: "muster", static_configs: [{ targets: [`127.0.0.1:${metricsPort}`] }] },
        { job_name: "muster-main", authorization: { type: "Bearer", credentials: TOKEN }, static_configs: [{ targets: [`127.0.0.1:${server.port}`] }] },
      ],
    };
    const configFile = path.join(dir, "prometheus.yml");
    fs.writeFileSync(configFile, YAML.stringify(config));
    execFileSync("promtool", ["check", "config", configFile]);
    prom = spawn("prometheus", [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, "tsdb")}`, `--web.listen-address=127.0.0.1:${promPort}`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    prom.stdout!.on("data", (d: Buffer) => (promLog += d.toString()));
    prom.stderr!.on("data", (d: Buffer) => (promLog += d.toString()));
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${promUrl}/-/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || prom.exitCode !== null) throw new Error(`Prometheus did not start:\n${promLog}`);
      await sleep(200);
    }
  }, 180_000);
  afterAll(async () => {
    prom?.kill("SIGTERM");
    await server?.stop();
  });

  it("the shipped alert rules pass promtool", () => {
    const out = execFileSync("promtool", ["check", "rules", RULES], { encoding: "utf8" });
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("protects /metrics on the main port with the bearer token", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer not-the-token-at-all" } })).status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("reads check-ins, latency, group commits, fleet figures and the process back from Prometheus", async () => {
    // Agent traffic: enrollments in three agencies, reports with Kaspersky, and a wrong secret.
    const tokens = ["PR-A", "PR-B", "PR-C"].map((code) => runAdmin(dbFile, ["create-token", "--agency", code]).stdout.trim().split("\n").pop()!.trim());
    for (const [i, token] of tokens.entries()) {
      const os = { platform: "linux", name: "Debian", version: "12", arch: "x64" };
      const e = await postJson(server.url, "/api/agent/v1/enroll", { enrollToken: token, hostname: `prom-${i}`, hardwareId: `hw-prom-${i}`, agentVersion: "1.0.0", os });
      expect(e.status).toBe(201);
      const { deviceId, deviceSecret } = e.json as { deviceId: string; deviceSecret: string };
      const report = (seq: number) => ({
        deviceId,
        seq,
        collectedAt: new Date().toISOString(),
        agentVersion: "1.0.0",
        hostname: `prom-${i}`,
        os,
        catalogVersion: "test",
        collectors: SOURCES_BY_PLATFORM.linux.map((name) => ({ name, ok: true })),
        software: [E.keslPkg()],
      });
      expect((await postJson(server.url, "/api/agent/v1/checkin", report(1), { authorization: `Bearer ${deviceSecret}` })).status).toBe(200);
      expect((await postJson(server.url, "/api/agent/v1/checkin", report(1), { authorization: `Bearer ${deviceSecret}` })).status).toBe(200);
      expect((await postJson(server.url, "/api/agent/v1/checkin", report(2), { authorization: "Bearer wrong-secret" })).status).toBe(401);
    }

    expect(value(await eventually('up{job="muster"} == 1'))).toBe(1);
    expect(value(await eventually('up{job="muster-main"} == 1'))).toBe(1);
    expect(value(await eventually('muster_checkins_total{job="muster",outcome="accepted"} >= 3'))).toBe(3);
    expect(value(await eventually('muster_checkins_total{job="muster",outcome="duplicate"} >= 3'))).toBe(3);
    expect(value(await eventually('muster_checkins_total{job="muster",outcome="unauthorized"} >= 3'))).toBe(3);
    expect(value(await eventually('muster_enrollments_total{job="muster",outcome="enrolled"} >= 3'))).toBe(3);
    expect(value(await eventually('muster_http_request_duration_seconds_count{job="muster",api="agent",route="checkin",code="2xx"} >= 6'))).toBe(6);
    expect(value(await eventually('histogram_quantile(0.99, sum by (le) (muster_http_request_duration_seconds_bucket{job="muster",api="agent"})) > 0'))).toBeLessThan(5);
    // Refused reports go through the group commit too (the secret is checked inside it).
    expect(value(await eventually('muster_ingest_group_commit_size_sum{job="muster"} >= 9'))).toBe(9);
    // SQLite: the server syncs the WAL itself after each group commit. PostgreSQL syncs its own at COMMIT.
    if (testEngine() === "sqlite") expect(value(await eventually('muster_ingest_wal_sync_seconds_count{job="muster"} > 0'))).toBeGreaterThan(0);

    // Fleet figures from the live counters; agencies past the cap of 2 are counted as _other.
    expect(value(await eventually('muster_endpoints{job="muster",state="banned"} == 3'))).toBe(3);
    const agencies = await eventually('sum by (agency) (muster_agency_endpoints{job="muster"})');
    expect(agencies.map((s) => s.metric.agency).sort()).toEqual(["PR-A", "PR-B", "_other"]);
    expect(value(await eventually('muster_findings_open{job="muster"} >= 3'))).toBeGreaterThanOrEqual(3);
    // PR-A's deadline has passed with banned software on it (MusterDeadlineMissed watches this);
    // PR-B's is far off but nothing was removed yet (MusterDeadlineAtRisk).
    const overdue = await eventually('muster_agency_deadline_status{job="muster",status="overdue"} == 1');
    expect(overdue.map((s) => s.metric.agency)).toEqual(["PR-A"]);
    const atRisk = await eventually('muster_agency_deadline_status{job="muster",status="at-risk"} == 1');
    expect(atRisk.map((s) => s.metric.agency)).toEqual(["PR-B"]);
    expect(value(await eventually('time() - muster_last_checkin_timestamp_seconds{job="muster"} < 900'))).toBeLessThan(900);
    expect(value(await eventually('muster_database_size_bytes{job="muster",file="database"} > 0'))).toBeGreaterThan(0);
    if (testEngine() === "sqlite") {
      // PostgreSQL's volume is its server's to watch, not an app node's.
      const free = value(await eventually('muster_data_volume_free_bytes{job="muster"} / muster_data_volume_size_bytes{job="muster"}'));
      expect(free).toBeGreaterThan(0);
      expect(free).toBeLessThanOrEqual(1);
    }

    // The process: memory and event-loop lag.
    expect(value(await eventually('process_resident_memory_bytes{job="muster"} > 0'))).toBeGreaterThan(10e6);
    expect(value(await eventually('nodejs_eventloop_lag_p99_seconds{job="muster"} >= 0'))).toBeLessThan(5);

    // Every shipped rule evaluates against these series without an error.
    let rules: { name: string; health: string; lastError?: string }[] = [];
    const deadline = Date.now() + 15_000;
    do {
      await sleep(500);
      const body = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as { data: { groups: { rules: typeof rules }[] } };
      rules = body.data.groups.flatMap((g) => g.rules);
    } while (rules.some((r) => r.health !== "ok") && Date.now() < deadline);
    expect(rules.length).toBeGreaterThanOrEqual(10);
    expect(rules.filter((r) => r.health !== "ok")).toEqual([]);
    // The overdue agency already shows as a pending (for: 1h) alert, from the first rule evaluation
    // after the series appeared (healthy rules may have been evaluated just before it: wait for the next).
    let missed: string[] = [];
    const alertsBy = Date.now() + 15_000;
    do {
      const alerts = (await (await fetch(`${promUrl}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
      missed = alerts.data.alerts.filter((a) => a.labels.alertname === "MusterDeadlineMissed").map((a) => a.labels.agency ?? "");
      if (!missed.includes("PR-A")) await sleep(500);
    } while (!missed.includes("PR-A") && Date.now() < alertsBy);
    expect(missed).toContain("PR-A");
  }, 120_000);
});
