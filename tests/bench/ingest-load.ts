// Load generator for tests/bench/ingest.ts (runs in its own process): many distinct enrolled
// devices, each sending realistic reports (5-30 entries, some changing over time) in sequence
// over keep-alive connections, for a fixed duration. Prints one JSON line of results.
//
//   node ... tests/bench/ingest-load.ts --url URL --devices FILE --seconds 20 --connections 64
import fs from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import type { CheckinRequest, SoftwareEntry } from "~/agent/shared/protocol";
import { buildFleetReports, type BenchDevice } from "./ingest-fleet";

const { values } = parseArgs({
  options: { url: { type: "string" }, devices: { type: "string" }, seconds: { type: "string" }, connections: { type: "string" }, warmup: { type: "string" } },
});
const url = new URL(values.url!);
const devices = JSON.parse(fs.readFileSync(values.devices!, "utf8")) as (BenchDevice & { secret: string })[];
const seconds = Number(values.seconds ?? 20);
const warmup = Number(values.warmup ?? 2);
const connections = Number(values.connections ?? 64);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const fleet = buildFleetReports(devices, 42);
// The seeder sent each device's first report from the same deterministic fleet: replay that step.
for (const f of fleet) f.next(new Date().toISOString());

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
  // Client k owns devices k, k + C, ...: a device never has two reports in flight (seq order).
  const client = async (k: number) => {
    for (let i = k; ; i += connections) {
      const d = fleet[i % fleet.length]!;
      const t0 = performance.now();
      if (t0 >= end) return;
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
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, k) => client(k)));
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

void main();
export type { SoftwareEntry };
