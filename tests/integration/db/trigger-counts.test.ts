// Counts kept by triggers for the dashboard: the open findings per agency, product and version
// (open_finding_counts, the Overview's "what remains": drizzle/0018, drizzle/pg/0009) and the
// unrevoked endpoints per agency and agent version (agent_version_counts, the Enrollment page:
// drizzle/0019, drizzle/pg/0011). The same seeded sequence of writes runs on a fresh database of
// each engine — findings inserted open or not (one and several per statement), their status,
// version, product and agency changed (one row and several per statement), deleted, and deleted
// with their endpoint; endpoints enrolled, revoked and reinstated, updated to another version,
// moved, deleted — and after every step the counts equal a recount, on both, with no row left at 0
// (their keys come from what agents report: rows kept at 0 would grow without bound).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng } from "../../support/rng";
import { type Engine, twoEngines } from "../../support/two-engines";

const AGENCIES = 3;
const ENDPOINTS = 12;
const PRODUCTS = ["kes", "kesl", "kav", "drweb"] as const;
const VERSIONS = ["", "11.1", "12.0"] as const;
const STATUSES = ["open", "open", "resolved", "excepted", "withdrawn"] as const;

async function counts(db: Engine): Promise<{ stored: string[]; recounted: string[] }> {
  const line = (r: Record<string, unknown>) => `${r.a} ${r.p}@${r.v} ${Number(r.n)}`;
  const stored = [
    ...(await db.rows("select agency_id as a, product as p, version as v, findings as n from open_finding_counts")),
    ...(await db.rows("select agency_id as a, 'agent' as p, version as v, endpoints as n from agent_version_counts")),
  ];
  const recounted = [
    ...(await db.rows("select agency_id as a, product as p, version as v, count(*) as n from findings where status = 'open' group by agency_id, product, version")),
    ...(await db.rows("select agency_id as a, 'agent' as p, agent_version as v, count(*) as n from endpoints where revoked_at is null group by agency_id, agent_version")),
  ];
  return { stored: stored.map(line).sort(), recounted: recounted.map(line).sort() };
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
}

const INSERT = "insert into findings (endpoint_id, agency_id, vendor, product, version, status, presence, policy_ids, first_detected_at, last_changed_at) values";

/** One random write; the same seed gives the same sequence on both engines. */
function step(r: ReturnType<typeof rng>, live: number[]): [string, unknown[]] {
  const e = r.pick(live);
  if (r.chance(0.35)) return endpointStep(r, e, live);
  const product = r.pick([...PRODUCTS]);
  const version = r.pick([...VERSIONS]);
  const status = r.pick([...STATUSES]);
  const agency = 1 + r.int(AGENCIES);
  switch (r.int(9)) {
    case 0:
    case 1:
      return [`${INSERT} (?, ?, 'kaspersky', ?, ?, ?, 'installed', '[1]', 1, 1) on conflict do nothing`, [e, agency, product, version, status]];
    case 2: {
      // Several in one statement.
      const other = r.pick([...PRODUCTS].filter((p) => p !== product));
      return [
        `${INSERT} (?, ?, 'kaspersky', ?, ?, ?, 'installed', '[1]', 1, 1), (?, ?, 'kaspersky', ?, ?, 'open', 'installed', '[1]', 1, 1) on conflict do nothing`,
        [e, agency, product, version, status, e, agency, other, version],
      ];
    }
    case 3:
      return ["update findings set status = ? where endpoint_id = ? and product = ?", [status, e, product]];
    case 4:
      return ["update findings set version = ? where endpoint_id = ?", [version, e]];
    case 5:
      return r.chance(0.5) ? ["update findings set agency_id = ? where endpoint_id = ?", [agency, e]] : ["update findings set status = ? where agency_id = ?", [status, agency]];
    case 6:
      return [
        "update findings set product = ? where endpoint_id = ? and product = ? and not exists (select 1 from findings f where f.endpoint_id = ? and f.product = ?)",
        [product, e, r.pick([...PRODUCTS]), e, product],
      ];
    case 7:
      return ["update findings set last_changed_at = last_changed_at + 1, presence = 'remnants' where endpoint_id = ?", [e]];
    default:
      return r.chance(0.2) ? ["delete from endpoints where id = ?", [e]] : ["delete from findings where endpoint_id = ? and product = ?", [e, product]];
  }
}

const AGENT_VERSIONS = ["", "0.3.0", "0.4.0"] as const;
let nextEndpoint = 1000;

/** A write to the endpoints: enrolled (revoked or not), updated to another agent version, revoked
 *  or reinstated (one and several per statement), moved to another agency. */
function endpointStep(r: ReturnType<typeof rng>, e: number, live: number[]): [string, unknown[]] {
  const version = r.pick([...AGENT_VERSIONS]);
  switch (r.int(5)) {
    case 0: {
      const id = nextEndpoint++;
      live.push(id);
      return [
        "insert into endpoints (id, device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at, agent_version, revoked_at) values (?, ?, ?, ?, 'linux', ?, 'x', 1, 1, ?, ?)",
        [id, `dev-${id}`, 1 + r.int(AGENCIES), `host-${id}`, `hw-${id}`, version, r.chance(0.2) ? 5 : null],
      ];
    }
    case 1:
      return ["update endpoints set agent_version = ?, hostname = hostname where id = ?", [version, e]];
    case 2:
      return r.chance(0.5) ? ["update endpoints set revoked_at = 7 where id = ?", [e]] : ["update endpoints set revoked_at = null where agency_id = ?", [1 + r.int(AGENCIES)]];
    case 3:
      return ["update endpoints set agency_id = ?, revoked_at = revoked_at where id = ?", [1 + r.int(AGENCIES), e]];
    default:
      return ["update endpoints set agent_version = ? where agency_id = ? and revoked_at is null", [version, 1 + r.int(AGENCIES)]];
  }
}

let engines: Engine[];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ engines, close } = await twoEngines("open_findings"));
});

afterAll(async () => {
  await close?.();
});

describe("open findings per product and version, and endpoints per agent version, kept by triggers", () => {
  it("equal a recount after every write of a random sequence, on SQLite and PostgreSQL alike", async () => {
    for (const db of engines) await seed(db);
    const r = rng(18);
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
    // The sequence did exercise the counts (most steps leave some finding open).
    expect(nonZero).toBeGreaterThan(200);
  });
});
