// The bare baseline of tests/bench/ingest-postgres.ts: tests/bench/baseline/server.ts on
// PostgreSQL, written as one would without Muster: node:http and node-postgres (asynchronous, a
// pool), the same authentication, the same zod schema, an upsert of every entry keyed by the same
// slot and software fingerprint, a check-in row, group commit (a batch in one transaction, a
// savepoint per check-in, answered after COMMIT). Up to two batches are in flight at once, on two
// pooled connections: the two app nodes Muster is measured with write side by side too. None of
// Muster's lifecycle: no diff, no findings, no events, no counters, no Next.
//
//   DATABASE_URL=... PORT=... node ... tests/bench/baseline/server-pg.ts
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { slotOf } from "~/server/catalog/software";
import { ZCheckinRequestSchema } from "~/server/ingest/schemas";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
pg.types.setTypeParser(20, (v) => Number(v));
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const softwareIds = new Map<string, number>();
const UPSERT = `insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at) values ($1, $2, $3, $4, $5, $6)
   on conflict (endpoint_id, slot) do update set software_id = excluded.software_id, enabled = excluded.enabled, up_to_date = excluded.up_to_date, removed_at = null
   where observations.software_id is distinct from excluded.software_id or observations.enabled is distinct from excluded.enabled
      or observations.up_to_date is distinct from excluded.up_to_date or observations.removed_at is not null`;

type Item = { body: ReturnType<typeof ZCheckinRequestSchema.parse>; secret: string; res: http.ServerResponse; now: number };
let queue: Item[] = [];
let inFlight = 0;

function reply(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function processOne(c: pg.PoolClient, it: Item): Promise<number> {
  const ep = (await c.query("select id, secret_hash, last_seq from endpoints where device_id = $1 for update", [it.body.deviceId])).rows[0] as
    | { id: number; secret_hash: string; last_seq: number }
    | undefined;
  const hash = sha256(it.secret);
  if (!ep || !timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(ep.secret_hash, "hex"))) return 401;
  if (it.body.seq <= ep.last_seq) return it.body.seq === ep.last_seq ? 200 : 409;
  for (const e of it.body.software) {
    const key = `${e.source}\u0000${e.name}\u0000${e.version ?? ""}\u0000${e.publisher ?? ""}\u0000${e.identifier ?? ""}`;
    let sid = softwareIds.get(key);
    if (sid === undefined) {
      const fp = sha256(key);
      const found = (await c.query("select id from software where fp = $1", [fp])).rows[0] as { id: number } | undefined;
      sid =
        found?.id ??
        (
          (
            await c.query(
              "insert into software (fp, source, name, version, publisher, identifier, kind, matched_with, first_seen_at) values ($1, $2, $3, $4, $5, $6, 'product', 'baseline', $7) on conflict (fp) do update set fp = excluded.fp returning id",
              [fp, e.source, e.name, e.version ?? "", e.publisher ?? "", e.identifier ?? "", it.now],
            )
          ).rows[0] as { id: number }
        ).id;
      softwareIds.set(key, sid);
    }
    await c.query(UPSERT, [ep.id, slotOf(e), sid, e.state ? e.state.enabled : null, e.state ? e.state.upToDate : null, it.now]);
  }
  await c.query("update endpoints set last_seq = $1, last_report_at = $2 where id = $3", [it.body.seq, it.now, ep.id]);
  await c.query("insert into checkins (endpoint_id, seq, received_at, collected_at, entries, changes) values ($1, $2, $3, $4, $5, 0)", [
    ep.id,
    it.body.seq,
    it.now,
    Date.parse(it.body.collectedAt),
    it.body.software.length,
  ]);
  return 200;
}

async function flush() {
  if (inFlight >= 2 || queue.length === 0) return;
  const items = queue;
  queue = [];
  inFlight++;
  const statuses: number[] = [];
  const c = await pool.connect();
  try {
    await c.query("begin");
    for (const it of items) {
      await c.query("savepoint s");
      try {
        statuses.push(await processOne(c, it));
        await c.query("release savepoint s");
      } catch {
        await c.query("rollback to savepoint s");
        statuses.push(503);
      }
    }
    await c.query("commit");
  } catch {
    await c.query("rollback").catch(() => undefined);
    statuses.splice(0, statuses.length, ...items.map(() => 503));
  } finally {
    c.release();
    inFlight--;
  }
  items.forEach((it, i) => reply(it.res, statuses[i]!, statuses[i] === 200 ? { accepted: true } : { error: { code: "rejected" } }));
  void flush();
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
    setImmediate(() => void flush());
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`baseline listening on ${process.env.PORT}`));
process.on("SIGTERM", () => void pool.end().finally(() => process.exit(0)));
