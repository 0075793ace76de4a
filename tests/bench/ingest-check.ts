// After the ingest benchmark: the counters still equal a recomputation, and how much was stored.
import { getDb } from "~/server/db/client";
import { checkCounters } from "~/server/findings/counters";

const db = getDb();
const mismatches = checkCounters(db);
const count = (t: string) => (db.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
console.log(
  `stored: ${count("checkins")} check-ins, ${count("observations")} observations, ${count("findings")} findings, ${count("endpoint_events")} events; ` +
    `counters vs recomputation: ${mismatches.length ? `${mismatches.length} MISMATCHES` : "consistent"}`,
);
