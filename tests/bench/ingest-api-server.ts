// The agent API alone (the custom server's fast path without Next: writer thread, checkpointer),
// for profiling the hot path:
//   DATABASE_PATH=... PORT=... node --cpu-prof ... tests/bench/ingest-api-server.ts
import http from "node:http";
import { getDb } from "~/server/db/client";
import { startCheckpointer } from "~/server/ingest/checkpointer";
import { getIngestEngine } from "~/server/ingest/engine";
import { handleNodeAgentRequest } from "~/server/ingest/node";
import { startCheckinWriter } from "~/server/ingest/writer";

const db = getDb();
startCheckpointer(db);
const writer = process.env.MUSTER_INGEST_THREAD === "1" ? startCheckinWriter(db.$client.name) : null;
const opts = { db, submit: writer ? writer.submit : undefined };
const server = http.createServer((req, res) => handleNodeAgentRequest(req, res, req.socket.remoteAddress ?? "", opts));
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`api listening on ${process.env.PORT}`));
process.on("SIGTERM", async () => {
  const s = ((writer ? await writer.stats() : getIngestEngine(db).stats) ?? { batches: 0, checkins: 0, maxBatch: 0, workMs: 0, commitMs: 0 }) as ReturnType<typeof getIngestEngine>["stats"];
  console.error(
    `batches ${s.batches}, check-ins ${s.checkins}, avg batch ${(s.checkins / Math.max(1, s.batches)).toFixed(1)}, max ${s.maxBatch}, work ${s.workMs.toFixed(0)} ms, commit ${s.commitMs.toFixed(0)} ms`,
  );
  process.exit(0);
});
