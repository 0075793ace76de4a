// `npm run simulate -- --endpoints N --rate R --duration S --server URL --token T`
// Load-tests a Muster deployment through the public agent API only: enrolls N simulated
// endpoints with an enrollment token (made with `npm run admin -- create-token`) and sends
// realistic check-ins at R per second for S seconds, with removals happening over time.
import { parseArgs } from "node:util";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { createAgentClient, percentile } from "../fleet/agent-client";
import { DEMO_PROFILE_DEFAULTS } from "../fleet/profiles";
import { type EndpointPlan, planFleet, reportOn } from "../fleet/plan";

const HELP = `Usage: npm run simulate -- --server URL --token TOKEN [options]

Enrolls simulated endpoints through the agent API and sends check-ins at a steady rate.
Point it at a dedicated agency (create one with npm run admin -- create-agency and a token for
it): the simulated endpoints are real enrollments, named sim-*, and stay in that agency.

Options:
  --server URL       Muster server (required)
  --token TOKEN      enrollment token (required)
  --endpoints N      simulated endpoints (default 1000)
  --rate R           check-ins per second (default 200)
  --duration S       seconds of load after enrollment (default 30)
  --concurrency C    maximum requests in flight (default 256)
  --seed N           fleet seed; the same seed re-enrolls the same machines (default 1)
  --json             print the summary as JSON`;

function num(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number of at least ${min} (got "${value}")`);
    process.exit(2);
  }
  return n;
}

type Device = { plan: EndpointPlan; deviceId: string; secret: string; seq: number; busy: boolean };

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: "string" },
      token: { type: "string" },
      endpoints: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      concurrency: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(HELP);
  if (!values.server || !values.token) {
    console.error(`--server and --token are required.\n\n${HELP}`);
    process.exit(2);
  }
  const endpoints = num(values.endpoints, "endpoints", 1000, 1);
  const rate = num(values.rate, "rate", 200, 0.1);
  const duration = num(values.duration, "duration", 30, 1);
  const concurrency = num(values.concurrency, "concurrency", 256, 1);
  const seed = num(values.seed, "seed", 1, 0);
  const client = createAgentClient(values.server, { maxSockets: concurrency });

  const days = 30;
  const banDay = 0;
  const plans = planFleet({
    seed,
    days,
    banDay,
    startMs: Date.now(),
    agencies: [{ ...DEMO_PROFILE_DEFAULTS, code: "SIM", endpoints, stale: 0, never: 0, waivers: 0 }],
  });

  // Enrollment
  const log = (line: string) => !values.json && console.log(line);
  log(`Enrolling ${endpoints} simulated endpoints at ${values.server} …`);
  const devices: Device[] = [];
  const enrollStarted = performance.now();
  let enrollErrors = 0;
  let firstError = "";
  for (let i = 0; i < plans.length; i += concurrency) {
    const batch = plans.slice(i, i + concurrency);
    const results = await Promise.all(
      batch.map((plan) =>
        client.enroll({
          enrollToken: values.token!,
          hostname: `sim-${plan.hostname}`,
          hardwareId: plan.hardwareId.padEnd(64, "0"),
          agentVersion: "sim-1.0.0",
          os: plan.os,
        }),
      ),
    );
    results.forEach((r, j) => {
      const body = r.body as { deviceId?: string; deviceSecret?: string; error?: { message: string } };
      if (r.status === 201 && body.deviceId && body.deviceSecret) {
        devices.push({ plan: batch[j]!, deviceId: body.deviceId, secret: body.deviceSecret, seq: 0, busy: false });
      } else {
        enrollErrors++;
        firstError ||= `${r.status} ${body.error?.message ?? ""}`;
      }
    });
    if (!devices.length && enrollErrors) break;
  }
  const enrollSeconds = (performance.now() - enrollStarted) / 1000;
  if (!devices.length) {
    console.error(`Enrollment failed for every endpoint: ${firstError}`);
    process.exit(1);
  }
  log(`Enrolled ${devices.length} in ${enrollSeconds.toFixed(1)} s${enrollErrors ? ` (${enrollErrors} failed: ${firstError})` : ""}.`);

  // Load
  log(`Sending ${rate}/s for ${duration} s …`);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let inFlight = 0;
  let sent = 0;
  let skipped = 0;
  // A real agent never sends its next report before the last one was answered: a device whose
  // check-in is still in flight is not sent another (it would race its own sequence number).
  let skippedBusy = 0;
  let next = 0;
  const started = performance.now();
  const endAt = started + duration * 1000;
  const total = Math.round(rate * duration);
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // At the end exactly rate x duration are due (the float subtraction could round it down by one).
      const due = now >= endAt ? total : Math.min(total, Math.floor(((now - started) / 1000) * rate));
      while (sent + skipped + skippedBusy < due) {
        if (inFlight >= concurrency) {
          skipped++;
          continue;
        }
        const device = devices[next++ % devices.length]!;
        if (device.busy) {
          skippedBusy++;
          continue;
        }
        // Virtual time: the whole run covers the removal window, so removals happen during it.
        const day = Math.min(days - 1, Math.floor(((now - started) / (duration * 1000)) * days));
        device.seq++;
        const report = reportOn(device.plan, day, Date.now(), BUILTIN_CATALOG.version);
        inFlight++;
        sent++;
        device.busy = true;
        void client.checkin(device.secret, { ...report, hostname: `sim-${device.plan.hostname}`, deviceId: device.deviceId, seq: device.seq }).then((r) => {
          inFlight--;
          device.busy = false;
          latencies.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        });
      }
      if (now >= endAt) {
        const wait = () => (inFlight === 0 ? resolve() : setTimeout(wait, 10));
        wait();
      } else setTimeout(tick, 5);
    };
    tick();
  });
  const elapsed = (performance.now() - started) / 1000;
  client.close();

  const ok = statuses.get(200) ?? 0;
  const summary = {
    endpoints: devices.length,
    enrollSeconds: Number(enrollSeconds.toFixed(2)),
    requested: total,
    sent,
    skippedAtConcurrencyLimit: skipped,
    skippedDeviceBusy: skippedBusy,
    ok,
    achievedPerSecond: Number((ok / elapsed).toFixed(1)),
    latencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(2)),
      p90: Number(percentile(latencies, 90).toFixed(2)),
      p99: Number(percentile(latencies, 99).toFixed(2)),
      max: Number(Math.max(...latencies).toFixed(2)),
    },
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
  };
  if (values.json) return console.log(JSON.stringify(summary));
  console.log(`\n  check-ins sent      ${sent} (${skipped} skipped: ${concurrency} already in flight; ${skippedBusy} skipped: the device's last check-in not yet answered)`);
  console.log(`  answered 200        ${ok}`);
  console.log(`  achieved rate       ${summary.achievedPerSecond}/s (target ${rate}/s)`);
  console.log(`  latency p50/p90/p99 ${summary.latencyMs.p50} / ${summary.latencyMs.p90} / ${summary.latencyMs.p99} ms (max ${summary.latencyMs.max})`);
  console.log(`  statuses            ${JSON.stringify(summary.statuses)}`);
  if (ok < sent) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
