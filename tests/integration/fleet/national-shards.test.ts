// The benchmark's national seed in parallel shards (tests/bench/lib/shards.ts) must give the
// database one process would: the same endpoints per agency in the same states, the same
// findings, check-ins, observations and events, the same counters, ids dense. A small fleet,
// seeded both ways from the same spec.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { seed } from "../../bench/lib/national";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-shards-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Per agency: what a dashboard and a report would count. */
function figures(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const q = (sql: string) => db.prepare(sql).all();
    return {
      states: q("select a.code, e.state, count(*) as n from endpoints e join agencies a on a.id = e.agency_id group by 1, 2 order by 1, 2"),
      counters: q("select a.code, c.* from agency_counts c join agencies a on a.id = c.agency_id order by a.code").map((r) => ({ ...(r as object), agency_id: undefined })),
      findings: q("select agency_id, status, presence, product, count(*) as n from findings group by 1, 2, 3, 4 order by 1, 2, 3, 4"),
      checkins: q("select e.agency_id, count(*) as n, sum(c.changes) as changes from checkins c join endpoints e on e.id = c.endpoint_id group by 1 order by 1"),
      observations: q("select e.agency_id, count(*) as n, count(o.removed_at) as removed from observations o join endpoints e on e.id = o.endpoint_id group by 1 order by 1"),
      software: q("select s.fp, count(*) as n, count(o.removed_at) as removed from observations o join software s on s.id = o.software_id group by 1 order by 1"),
      events: q("select e.agency_id, v.kind, count(*) as n from endpoint_events v join endpoints e on e.id = v.endpoint_id group by 1, 2 order by 1, 2"),
      waivers: q("select agency_id, status, count(*) as n from waivers group by 1, 2 order by 1, 2"),
      audit: q("select action, count(*) as n from audit_log group by 1 order by 1"),
      ids: db.prepare("select count(*) as n, max(id) as max from endpoints").get(),
      integrity: db.pragma("integrity_check", { simple: true }),
      foreignKeys: db.pragma("foreign_key_check"),
    };
  } finally {
    db.close();
  }
}

describe("national seed in parallel shards", () => {
  it("merges into the database one process seeds from the same spec", async () => {
    const quiet = () => {};
    const single = path.join(dir, "single.db");
    const sharded = path.join(dir, "sharded.db");
    const now = Date.now();
    const [a, b] = await Promise.all([seed(single, 1500, quiet, 1, now), seed(sharded, 1500, quiet, 2, now)]);
    expect({ ...b, seedMs: 0, cpuMs: 0, loadAvg: [], seededAt: "", shards: 1 }).toEqual({ ...a, seedMs: 0, cpuMs: 0, loadAvg: [], seededAt: "", shards: 1 });
    expect(b.shards).toBe(2);
    const one = figures(single);
    const merged = figures(sharded);
    expect(merged.ids).toEqual({ n: 1500, max: 1500 });
    expect(merged.integrity).toBe("ok");
    expect(merged.foreignKeys).toEqual([]);
    expect(merged).toEqual(one);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".shard-"))).toEqual([]);
  }, 120_000);
});
