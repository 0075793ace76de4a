// Hostnames sort, page and match as SQLite's NOCASE has them (ASCII letters folded, then bytes
// compared), on either engine: PostgreSQL's queries are rewritten `lower(hostname collate "C")`
// (server/db/pg-compat.ts, drizzle/pg 0007). Before, PostgreSQL ordered by an ICU collation, so the
// Endpoints list, report rows and with them report fingerprints differed between the engines for
// names with `_` or letters beyond ASCII.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { listEndpoints } from "~/server/dashboard/endpoints-list";
import { importedEndpointsNamed } from "~/server/ingest/store-enroll";
import { createTempDb, type TempDb } from "../../support/db";

const NAMES = ["zzord-b", "zzord_b", "ZZORD.b", "zzordb", "zzord1", "ZZORD2", "zzordéa", "zzordZed", "zzord-10", "zzord-9", "ZZORD_1", "zzordİ", "zzordi", "zzordß", "zzordss", "ZZORDB"];

let t: TempDb;
let agencyId: number;
const ids = new Map<string, number>();

/** SQLite's NOCASE order, then id: what both engines must give. */
function expectedOrder(names: string[]): string[] {
  const key = (s: string) =>
    Buffer.from(
      s.replace(/[A-Z]/g, (c) => c.toLowerCase()),
      "utf8",
    );
  return [...names].sort((a, b) => Buffer.compare(key(a), key(b)) || (ids.get(a) as number) - (ids.get(b) as number));
}

beforeAll(() => {
  t = createTempDb();
  const c = t.db.$client;
  agencyId = (c.prepare("insert into agencies (code, name) values ('ORD', 'Ordering') returning id").get() as { id: number }).id;
  const insert = c.prepare(
    `insert into endpoints (device_id, agency_id, hostname, os_platform, hardware_id, secret_hash, enrolled_at, state_changed_at, agent_version, evidence)
     values (?, ?, ?, 'windows', ?, 'x', 1, 1, ?, ?) returning id`,
  );
  NAMES.forEach((name, i) => {
    const row = insert.get(`dev-${i}`, agencyId, name, `hw-${i}`, "1.0.0", "agent") as { id: number };
    ids.set(name, row.id);
  });
  // An endpoint an import created, not yet taken over by an agent.
  insert.get("imported-1", agencyId, "WS-Mixed.corp.example", "hw-imported", "", "sccm");
});

afterAll(() => t?.cleanup());

function walk(input: { sort: "hostname" | "-hostname"; q?: string }, back = false): string[] {
  const page = (cursor: { after?: string; before?: string }) => listEndpoints(t.db, ALL, { agency: "ORD", ...input, ...cursor, limit: 3 });
  const out: string[] = [];
  if (!back) {
    let p = page({});
    out.push(...p.items.map((e) => e.hostname));
    while (p.nextCursor) {
      p = page({ after: p.nextCursor });
      out.push(...p.items.map((e) => e.hostname));
    }
    return out;
  }
  let p = page({});
  while (p.nextCursor) p = page({ after: p.nextCursor });
  out.push(...p.items.map((e) => e.hostname));
  while (p.prevCursor) {
    p = page({ before: p.prevCursor });
    out.unshift(...p.items.map((e) => e.hostname));
  }
  return out;
}

describe("hostname order, on the suite's engine", () => {
  it("the Endpoints list sorts and pages by SQLite's NOCASE order, forwards and backwards, both directions", () => {
    const asc = expectedOrder(NAMES);
    const all = walk({ sort: "hostname", q: "zzord" });
    expect(all).toEqual(asc);
    expect(walk({ sort: "hostname", q: "zzord" }, true)).toEqual(asc);
    expect(walk({ sort: "-hostname", q: "zzord" })).toEqual([...asc].reverse());
    // "a_b" after "a-b", "a.b" and the digits; letters beyond ASCII after every ASCII letter.
    expect(all.indexOf("zzord_b")).toBeGreaterThan(all.indexOf("zzord-b"));
    expect(all.indexOf("zzord_b")).toBeGreaterThan(all.indexOf("ZZORD2"));
    expect(all.slice(-4)).toEqual(["zzordZed", "zzordß", "zzordéa", "zzordİ"]);
  });

  it("the hostname search is a case-insensitive prefix for ASCII letters, whatever case the officer types", () => {
    expect(walk({ sort: "hostname", q: "ZZORD_" })).toEqual(expectedOrder(["zzord_b", "ZZORD_1"]));
    expect(walk({ sort: "hostname", q: "zZoRdB" })).toEqual(expectedOrder(["zzordb", "ZZORDB"]));
    expect(walk({ sort: "hostname", q: "zzordİ" })).toEqual(["zzordİ"]);
    expect(walk({ sort: "hostname", q: "zzordi" })).toEqual(["zzordi"]);
  });

  it("an enrolling agent takes over the imported endpoint of its name, in any case, with or without the domain", () => {
    const imported = (t.db.$client.prepare("select id from endpoints where device_id = 'imported-1'").get() as { id: number }).id;
    expect(importedEndpointsNamed(t.db, agencyId, "ws-mixed")).toEqual([imported]);
    expect(importedEndpointsNamed(t.db, agencyId, "WS-MIXED.CORP.EXAMPLE")).toEqual([imported]);
    expect(importedEndpointsNamed(t.db, agencyId, "ws-mixe")).toEqual([]);
  });
});
