// The Endpoints list's presence counts (presence_counts: endpoints per agency with a present
// observation of a vendor's or a product's software) are kept by triggers, drizzle/0016 on SQLite
// and drizzle/pg/0005 on PostgreSQL. The same seeded sequence of writes runs on a fresh database of
// each engine — observations arriving one by one and several in one statement, removed, reinstated,
// re-pointed to another software row, deleted; software rows re-matched to another vendor or
// product (one row and several in one statement); endpoints moving agency and deleted — and after
// every step the counts equal a recount from the observations, on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng } from "../../support/rng";
import { type Engine, twoEngines } from "../../support/two-engines";

const AGENCIES = 3;
const ENDPOINTS = 12;
const SLOTS = 6;
const VENDORS = ["kaspersky", "eset", "sophos", null] as const;
const PRODUCTS = ["kes", "nod32", "intercept-x", null] as const;
const SOFTWARE = 10;

const recount = (col: "vendor" | "product") =>
  `select '${col}' as kind, x.slug, e.agency_id as a, count(*) as n
   from (select distinct s.${col} as slug, o.endpoint_id from observations o join software s on s.id = o.software_id
         where o.removed_at is null and s.${col} is not null) x join endpoints e on e.id = x.endpoint_id
   group by x.slug, e.agency_id`;

async function counts(db: Engine): Promise<{ stored: string[]; recounted: string[] }> {
  const line = (r: Record<string, unknown>) => `${r.a} ${r.kind}:${r.slug} ${Number(r.n)}`;
  const stored = (await db.rows("select kind, slug, agency_id as a, endpoints as n from presence_counts where endpoints <> 0")).map(line).sort();
  const recounted = (await db.rows(`${recount("vendor")} union all ${recount("product")}`)).map(line).sort();
  return { stored, recounted };
}

async function seed(db: Engine): Promise<void> {
  for (let a = 1; a <= AGENCIES; a++) await db.run("insert into agencies (id, code, name) values (?, ?, ?)", [a, `A${a}`, `Agency ${a}`]);
  for (let e = 1; e <= ENDPOINTS; e++)
    await db.run("insert into endpoints (id, device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at) values (?, ?, ?, ?, 'windows', ?, 'x', 1, 1)", [
      e,
      `dev-${e}`,
      1 + (e % AGENCIES),
      `host-${e}`,
      `hw-${e}`,
    ]);
  for (let s = 1; s <= SOFTWARE; s++)
    await db.run("insert into software (id, fp, source, name, vendor, product, kind, matched_with, first_seen_at) values (?, ?, 'windows-uninstall', ?, ?, ?, 'product', 'c1', 1)", [
      s,
      `fp-${s}`,
      `Software ${s}`,
      VENDORS[s % VENDORS.length],
      PRODUCTS[(s * 7) % PRODUCTS.length],
    ]);
}

/** One random write; the same seed gives the same sequence on both engines. */
function step(r: ReturnType<typeof rng>, liveEndpoints: number[]): [string, unknown[]] {
  const e = r.pick(liveEndpoints);
  const slot = 1 + r.int(SLOTS);
  const sw = 1 + r.int(SOFTWARE);
  switch (r.int(9)) {
    case 0:
    case 1:
      return ["insert into observations (endpoint_id, slot, software_id, first_seen_at) values (?, ?, ?, 1) on conflict do nothing", [e, slot, sw]];
    case 2: {
      // Several in one statement (PostgreSQL fires AFTER row triggers once the statement is done).
      const other = 1 + ((slot + 2) % (SLOTS + 3)) + SLOTS;
      return ["insert into observations (endpoint_id, slot, software_id, first_seen_at) values (?, ?, ?, 1), (?, ?, ?, 1) on conflict do nothing", [e, slot, sw, e, other, 1 + ((sw + 3) % SOFTWARE)]];
    }
    case 3:
      return ["update observations set removed_at = 5, last_seen_at = 4 where endpoint_id = ? and slot = ? and removed_at is null", [e, slot]];
    case 4:
      return ["update observations set removed_at = null, last_seen_at = null, reinstalls = reinstalls + 1 where endpoint_id = ? and slot = ?", [e, slot]];
    case 5:
      return ["update observations set software_id = ? where endpoint_id = ? and slot = ?", [sw, e, slot]];
    case 6:
      return r.chance(0.5)
        ? ["update software set vendor = ?, product = ? where id = ?", [VENDORS[r.int(VENDORS.length)], PRODUCTS[r.int(PRODUCTS.length)], sw]]
        : ["update software set vendor = ? where id between ? and ?", [VENDORS[r.int(VENDORS.length)], sw, sw + 2]];
    case 7:
      return ["update endpoints set agency_id = ? where id = ?", [1 + r.int(AGENCIES), e]];
    default:
      return r.chance(0.3) ? ["delete from endpoints where id = ?", [e]] : ["delete from observations where endpoint_id = ? and slot = ?", [e, slot]];
  }
}

let engines: Engine[];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ engines, close } = await twoEngines("presence"));
});

afterAll(async () => {
  await close?.();
});

describe("presence counts kept by triggers", () => {
  it("equal a recount after every write of a random sequence, on SQLite and PostgreSQL alike", async () => {
    for (const db of engines) await seed(db);
    const r = rng(16);
    let live = Array.from({ length: ENDPOINTS }, (_, i) => i + 1);
    let nonZero = 0;
    for (let i = 0; i < 400 && live.length > 0; i++) {
      const [sql, params] = step(r, live);
      const after: string[][] = [];
      for (const db of engines) {
        await db.run(sql, params);
        const c = await counts(db);
        expect(c.stored, `${db.name}, step ${i}: ${sql} ${JSON.stringify(params)}`).toEqual(c.recounted);
        after.push(c.stored);
      }
      expect(after[1], `step ${i}: both engines hold the same counts`).toEqual(after[0]);
      if (after[0]!.length > 0) nonZero++;
      if (sql.startsWith("delete from endpoints")) live = live.filter((e) => e !== params[0]);
    }
    // The sequence did exercise the counts (most steps leave some endpoint counted).
    expect(nonZero).toBeGreaterThan(200);
  });

  it("count an endpoint once per vendor however many of its software rows are present, on both engines", async () => {
    for (const db of engines) {
      await db.run("insert into agencies (id, code, name) values (10, 'X', 'X')");
      await db.run(
        "insert into endpoints (id, device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at) values (100, 'd100', 10, 'h', 'linux', 'hw100', 'x', 1, 1)",
      );
      await db.run(
        "insert into software (id, fp, source, name, vendor, product, kind, matched_with, first_seen_at) values (100, 'f100', 'deb', 'kesl', 'kaspersky', 'kesl', 'product', 'c', 1), (101, 'f101', 'deb', 'klnagent', 'kaspersky', 'klnagent', 'product', 'c', 1)",
      );
      await db.run("insert into observations (endpoint_id, slot, software_id, first_seen_at) values (100, 1, 100, 1), (100, 2, 101, 1)");
      const row = async () => Number((await db.rows("select endpoints from presence_counts where kind = 'vendor' and slug = 'kaspersky' and agency_id = 10"))[0]?.endpoints);
      expect(await row(), db.name).toBe(1);
      await db.run("update observations set removed_at = 2 where endpoint_id = 100 and slot = 1");
      expect(await row(), db.name).toBe(1);
      await db.run("update observations set removed_at = 2 where endpoint_id = 100 and slot = 2");
      expect(await row(), db.name).toBe(0);
    }
  });
});
