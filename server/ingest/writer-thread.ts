// Entry point of the check-in writer thread (see writer.ts): its own SQLite connection and ingest
// engine; check-ins arrive as messages, are group-committed, and each reply is posted back.
import { parentPort, workerData } from "node:worker_threads";
import { getDb } from "../db/client";
import type { CheckinItem } from "./checkin";
import { getIngestEngine } from "./engine";

const { file } = workerData as { file: string };
const engine = getIngestEngine(getDb(file));
const port = parentPort!;

port.on("message", (msg: { id: number; item: CheckinItem } | { stats: true }) => {
  if ("stats" in msg) {
    port.postMessage({ stats: engine.stats });
    return;
  }
  void engine.submit(msg.item).then((reply) => port.postMessage({ id: msg.id, reply }));
});
port.postMessage({ ready: true });
