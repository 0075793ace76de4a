// Seeds the ingest benchmark's database (DATABASE_PATH): an agency, a token, N enrolled devices,
// BOD 17-01 in force and one report per device; writes the devices (id, secret, platform, seq) to --out.
// With --check (after the load): the counters still equal a recomputation, and what was stored.
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { Platform } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { bootstrap } from "~/server/bootstrap";
import { closeDb, getDb } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";
import { createToken } from "~/server/enrollment/tokens";
import { enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { getPolicy } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { buildFleetReports, type BenchDevice } from "./ingest-fleet";

const { values } = parseArgs({ options: { devices: { type: "string" }, out: { type: "string" }, check: { type: "boolean" } } });
const n = Number(values.devices ?? 20_000);

function check() {
  const db = getDb();
  const mismatches = checkCounters(db);
  const count = (t: string) => (db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  console.log(
    `stored: ${count("checkins")} check-ins, ${count("observations")} observations, ${count("findings")} findings, ${count("endpoint_events")} events; ` +
      `counters vs recomputation: ${mismatches.length ? `${mismatches.length} MISMATCHES` : "consistent"}`,
  );
  closeDb();
}

async function main() {
  if (values.check) return check();
  const { db } = await bootstrap({ log: () => {} });
  db.$client.pragma("synchronous = OFF"); // seeding is not what is measured
  const agency = createAgency(db, SYSTEM_ACTOR, { code: "BENCH", name: "Benchmark agency" });
  const { token } = createToken(db, SYSTEM_ACTOR, ALL, { agencyId: agency.id, maxUses: null, expiresInMs: 86_400_000 });
  await setPolicyActive(db, SYSTEM_ACTOR, { policyId: getPolicy(db, "us-bod-17-01").id, active: true });
  const platforms: Platform[] = ["windows", "windows", "windows", "linux", "darwin"];
  const devices: BenchDevice[] = [];
  db.$client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const platform = platforms[i % platforms.length]!;
      const r = enrollDevice(db, {
        enrollToken: token,
        hostname: `bench-${i}`,
        hardwareId: `bench-hw-${String(i).padStart(8, "0")}`,
        agentVersion: "1.0.0",
        os: { platform, name: platform, version: "1", arch: "x64" },
      });
      devices.push({ deviceId: r.deviceId, secret: r.deviceSecret, platform });
    }
  })();
  const fleet = buildFleetReports(devices, 42);
  const now = Date.now();
  const replies = ingestCheckins(
    db,
    fleet.map((f) => ({ report: f.next(new Date(now).toISOString()), secret: f.device.secret })),
    now,
    { chunkSize: 1000 },
  );
  const bad = replies.filter((r) => r.status !== 200).length;
  if (bad) throw new Error(`${bad} seeding check-ins failed`);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb();
  fs.writeFileSync(values.out!, JSON.stringify(devices));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
