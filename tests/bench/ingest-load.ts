// Load generator for tests/bench/ingest.ts (runs in its own process): many distinct enrolled
// devices, each sending realistic reports (5-30 entries, some changing over time) in sequence
// over keep-alive connections, for a fixed duration. Prints one JSON line of results.
//
//   node ... tests/bench/ingest-load.ts --url URL --devices FILE --seconds 20 --connections 64 [--part k/n] [--rate R]
import fs from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import type { CheckinRequest, SoftwareEntry } from "~/agent/shared/protocol";
import { buildFleetReports, type BenchDevice } from "./ingest-fleet";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    devices: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    warmup: { type: "string" },
    part: { type: "string" },
    rate: { type: "string" },
  },
});
const url = new URL(values.url!);
const devices = JSON.parse(fs.readFileSync(values.devices!, "utf8")) as (BenchDevice & { secret: string })[];
const seconds = Number(values.seconds ?? 20);
const warmup = Number(values.warmup ?? 2);
const connections = Number(values.connections ?? 64);
// Open loop: agents each have their own connection, so reports do not queue for a socket here.
const agent = new http.Agent({ keepAlive: true, maxSockets: values.rate ? 1024 : connections });
const whole = buildFleetReports(devices, 42);
// The seeder sent each device's first report from the same deterministic fleet: replay that step.
for (const f of whole) f.next(new Date().toISOString());
// --part k/n: this process sends for devices k, k + n, ... only (the fleet is still built from the
// whole list, so each device's software is the one the seeder sent).
const [part, parts] = (values.part ?? "0/1").split("/").map(Number) as [number, number];
const fleet = whole.filter((_, i) => i % parts === part);

function post(body: string, secret: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: "/api/agent/v1/checkin",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: `Bearer ${secret}` },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

async function main() {
  const started = performance.now();
  const measureFrom = started + warmup * 1000;
  const end = measureFrom + seconds * 1000;
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let entries = 0;
  let bytes = 0;
  /** Sends the device's next report; its latency counts from `t0` (the moment it was due). */
  const send = async (d: (typeof fleet)[number], t0: number) => {
    const report: CheckinRequest = d.next(new Date().toISOString());
    const body = JSON.stringify(report);
    const status = await post(body, d.device.secret);
    const t1 = performance.now();
    if (t0 >= measureFrom) {
      latencies.push(t1 - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      entries += report.software.length;
      bytes += body.length;
    }
    if (status !== 200) d.rollback();
  };
  if (values.rate) await openLoop(Number(values.rate), end, send);
  else {
    // Closed loop, at saturation: client k owns devices k, k + C, ...: a device never has two
    // reports in flight (seq order).
    const client = async (k: number) => {
      for (let i = k; ; i += connections) {
        const t0 = performance.now();
        if (t0 >= end) return;
        await send(fleet[i % fleet.length]!, t0);
      }
    };
    await Promise.all(Array.from({ length: connections }, (_, k) => client(k)));
  }
  const elapsed = (performance.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const ok = statuses.get(200) ?? 0;
  console.log(
    JSON.stringify({
      requests: latencies.length,
      ok,
      perSecond: ok / elapsed,
      p50: q(0.5),
      p99: q(0.99),
      max: latencies[latencies.length - 1] ?? 0,
      errors: latencies.length - ok,
      statuses: Object.fromEntries(statuses),
      avgEntries: entries / Math.max(1, latencies.length),
      avgBytes: bytes / Math.max(1, latencies.length),
    }),
  );
  agent.destroy();
}

/**
 * Open loop (--rate R): a report falls due every 1/R s whatever the server's answers, as agents
 * check in on their own schedules; the latency counts from when it was due, so a server that
 * falls behind is charged for the wait (no coordinated omission). Devices take turns; one whose
 * previous report is still in flight is passed over.
 */
async function openLoop(rate: number, end: number, send: (d: (typeof fleet)[number], t0: number) => Promise<void>): Promise<void> {
  const busy = new Set<number>();
  const pending = new Set<Promise<void>>();
  const interval = 1000 / rate;
  let next = 0;
  for (let due = performance.now(); due < end; due += interval) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    let i = next;
    while (busy.has(i % fleet.length) && i < next + fleet.length) i++;
    next = i + 1;
    const k = i % fleet.length;
    if (busy.has(k)) continue;
    busy.add(k);
    const p = send(fleet[k]!, due).finally(() => {
      busy.delete(k);
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.all(pending);
}

void main();
export type { SoftwareEntry };
