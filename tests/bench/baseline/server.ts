// The bare baseline of tests/bench/ingest.ts: a plain node:http server with better-sqlite3 doing
// the same authentication (device lookup, SHA-256, constant-time compare), the same validation
// (the same zod schema) and an upsert of every reported entry, keyed by the same slot and software
// fingerprint as Muster (a row is only rewritten when it
// changed, as any careful upsert does), with the same durability
// (synchronous=FULL) and the same group commit, but none of Muster's lifecycle: no diff, no
// findings, no events, no counters, no Next in the process.
//
// BASELINE_DIGEST=1 adds the one shortcut Muster takes: a report identical to the device's
// previous one skips the upserts (the same report digest column). That variant is the floor to
// judge Muster's own overhead against; the plain one is what "upsert every entry" costs.
//
//   DATABASE_PATH=... PORT=... [BASELINE_DIGEST=1] node ... tests/bench/baseline/server.ts
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { openSqlite } from "~/server/db/client";
import { reportDigest } from "~/server/ingest/checkin";
import { ZCheckinRequestSchema } from "~/server/ingest/schemas";
import { slotOf } from "~/server/catalog/software";

const db = openSqlite(process.env.DATABASE_PATH!);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const selectEndpoint = db.prepare("select id, secret_hash, last_seq, report_digest from endpoints where device_id = ?");
const DIGEST = process.env.BASELINE_DIGEST === "1";
const selectSoftware = db.prepare("select id from software where fp = ?");
const insertSoftware = db.prepare(
  "insert into software (fp, source, name, version, publisher, identifier, kind, matched_with, first_seen_at) values (?, ?, ?, ?, ?, ?, 'product', 'baseline', ?) returning id",
);
const upsertObservation = db.prepare(
  `insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at) values (?, ?, ?, ?, ?, ?)
   on conflict (endpoint_id, slot) do update set software_id = excluded.software_id, enabled = excluded.enabled, up_to_date = excluded.up_to_date, removed_at = null
   where observations.software_id is not excluded.software_id or observations.enabled is not excluded.enabled
      or observations.up_to_date is not excluded.up_to_date or observations.removed_at is not null`,
);
const updateEndpoint = db.prepare("update endpoints set last_seq = ?, last_report_at = ?, report_digest = ? where id = ?");
const insertCheckin = db.prepare("insert into checkins (endpoint_id, seq, received_at, collected_at, entries, changes) values (?, ?, ?, ?, ?, 0)");
const softwareIds = new Map<string, number>();

type Item = { body: ReturnType<typeof ZCheckinRequestSchema.parse>; secret: string; res: http.ServerResponse; now: number };
let queue: Item[] = [];

function reply(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const processOne = (it: Item): number => {
  const ep = selectEndpoint.get(it.body.deviceId) as { id: number; secret_hash: string; last_seq: number; report_digest: string | null } | undefined;
  const hash = sha256(it.secret);
  if (!ep || !timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(ep.secret_hash, "hex"))) return 401;
  if (it.body.seq <= ep.last_seq) return it.body.seq === ep.last_seq ? 200 : 409;
  const digest = DIGEST ? reportDigest(it.body) : null;
  if (!DIGEST || digest !== ep.report_digest)
    for (const e of it.body.software) {
      const key = `${e.source}\u0000${e.name}\u0000${e.version ?? ""}\u0000${e.publisher ?? ""}\u0000${e.identifier ?? ""}`;
      let sid = softwareIds.get(key);
      if (sid === undefined) {
        const fp = sha256(key);
        sid =
          (selectSoftware.get(fp) as { id: number } | undefined)?.id ?? (insertSoftware.get(fp, e.source, e.name, e.version ?? "", e.publisher ?? "", e.identifier ?? "", it.now) as { id: number }).id;
        softwareIds.set(key, sid);
      }
      const slot = slotOf(e); // the same slot function as Muster, so seeded rows are found
      upsertObservation.run(ep.id, slot, sid, e.state ? Number(e.state.enabled) : null, e.state ? Number(e.state.upToDate) : null, it.now);
    }
  updateEndpoint.run(it.body.seq, it.now, digest, ep.id);
  insertCheckin.run(ep.id, it.body.seq, it.now, Date.parse(it.body.collectedAt), it.body.software.length);
  return 200;
};
const savepoint = db.transaction(processOne);
const batch = db.transaction((items: Item[]) => items.map((it) => savepoint(it)));

function flush() {
  const items = queue;
  queue = [];
  let statuses: number[];
  try {
    statuses = batch.immediate(items);
  } catch {
    statuses = items.map(() => 503);
  }
  items.forEach((it, i) => reply(it.res, statuses[i]!, statuses[i] === 200 ? { accepted: true } : { error: { code: "rejected" } }));
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= 1024 * 1024) chunks.push(c);
  });
  req.on("end", () => {
    if (req.method !== "POST" || req.url !== "/api/agent/v1/checkin") return reply(res, 404, { error: { code: "not_found" } });
    if (size > 1024 * 1024) return reply(res, 413, { error: { code: "payload_too_large" } });
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    if (!m) return reply(res, 401, { error: { code: "unauthorized" } });
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(res, 400, { error: { code: "invalid_body" } });
    }
    const parsed = ZCheckinRequestSchema.safeParse(json);
    if (!parsed.success) return reply(res, 400, { error: { code: "invalid_body" } });
    queue.push({ body: parsed.data, secret: m[1]!, res, now: Date.now() });
    if (queue.length === 1) setImmediate(flush);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`baseline listening on ${process.env.PORT}`));
process.on("SIGTERM", () => process.exit(0));
