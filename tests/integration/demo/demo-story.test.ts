// The README's first command seeds this deployment: it must tell the story the brief asks for
// (one agency ahead, one behind its deadline, one with reinstalls, remnants, unprotected,
// waivers, stale and never-reported endpoints, 90 days of history), produced by the ingest code.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { closeDb, type Db } from "~/server/db/client";
import { agencyProgress } from "~/server/dashboard/progress";
import { seedDemo } from "~/server/demo/seed";
import { checkCounters } from "~/server/findings/counters";
import { DAY_MS } from "~/server/lib/time";
import { tempDir } from "../../support/db";

const NOW = Date.parse("2026-11-28T10:00:00Z");
const dir = tempDir("muster-demo-");
let db: Db;
const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;

beforeAll(async () => {
  process.env.DATABASE_PATH = path.join(dir, "demo.db");
  ({ db } = await seedDemo({ now: NOW, log: () => {} }));
}, 300_000);
afterAll(() => {
  closeDb(process.env.DATABASE_PATH);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("demo deployment", () => {
  it("has 5,000 endpoints in 8 agencies and a site under 3 ministries, Windows first", () => {
    expect(one<{ n: number }>("select count(*) n from endpoints").n).toBe(5000);
    expect(one<{ n: number }>("select count(*) n from agencies where parent_id is null").n).toBe(3);
    expect(one<{ n: number }>("select count(distinct agency_id) n from endpoints").n).toBe(8);
    const os = Object.fromEntries(q<{ p: string; n: number }>("select os_platform p, count(*) n from endpoints group by 1").map((r) => [r.p, r.n]));
    expect(os.windows).toBeGreaterThan(os.darwin!);
    expect(os.darwin).toBeGreaterThan(os.linux!);
  });

  it("puts the Kaspersky ban in force 60 days ago and keeps 90 days of daily history", () => {
    const policy = one<{ activated_at: number }>("select activated_at from policies where active = 1 and slug = 'us-bod-17-01'");
    expect(Math.round((NOW - policy.activated_at) / DAY_MS)).toBe(60);
    expect(one<{ n: number }>("select count(distinct day) n from agency_daily").n).toBeGreaterThanOrEqual(89);
    expect(one<{ n: number }>("select count(*) n from checkins").n).toBeGreaterThan(50_000);
  });

  it("shows every state, remnants, reinstalls and waivers (one lapsed)", () => {
    const states = Object.fromEntries(q<{ state: string; n: number }>("select state, count(*) n from endpoints group by 1").map((r) => [r.state, r.n]));
    for (const s of ["banned", "remnants", "excepted", "unprotected", "clean", "stale", "never-reported"]) expect(states[s], s).toBeGreaterThan(0);
    expect(one<{ n: number }>("select count(*) n from endpoint_events where kind = 'reinstalled'").n).toBeGreaterThan(0);
    const now = NOW;
    expect(one<{ n: number }>("select count(*) n from waivers where status = 'approved' and expires_at > ?", now).n).toBeGreaterThan(0);
    expect(one<{ n: number }>("select count(*) n from waivers where status = 'approved' and expires_at <= ?", now).n).toBeGreaterThan(0);
  });

  it("has one agency ahead, one behind its deadline, one past it and one with reinstalls", () => {
    const rows = Object.fromEntries(agencyProgress(db, ALL, NOW).rows.map((r) => [r.code, r]));
    expect(rows["JUS-POL"]!.status).toBe("on-track");
    expect(rows["JUS-POL"]!.percentComplete).toBeGreaterThan(0.95);
    expect(rows["JUS-PRIS"]!.status).toBe("at-risk");
    expect(rows["JUS-PRIS"]!.percentComplete).toBeLessThan(0.5);
    expect(rows["INT-ICT"]!.status).toBe("overdue");
    expect(rows["JUS-IND"]!.reinstallsWindow + one<{ n: number }>("select reinstalls_total n from agency_counts c join agencies a on a.id = c.agency_id where a.code = 'JUS-IND'").n).toBeGreaterThan(5);
  });

  it("keeps its counters and history equal to a recomputation from scratch", () => {
    expect(checkCounters(db)).toEqual([]);
  });

  it("reuses the database on a second run", async () => {
    const before = one<{ n: number }>("select count(*) n from checkins").n;
    await seedDemo({ now: NOW + 60_000, log: () => {} });
    expect(one<{ n: number }>("select count(*) n from checkins").n).toBe(before);
  });
});
