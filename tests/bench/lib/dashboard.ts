// The dashboard pages and main tRPC queries the scale benchmarks time (scale.ts on SQLite,
// scale-postgres.ts on SQLite and PostgreSQL side by side), and the loop that times them.
import type Database from "better-sqlite3";
import { summarize } from "./results";
import { timedGet } from "./server";

/** What the request list names: an agency, its ministry and a banned endpoint of the seeded database. */
export type Fixture = { agency: string; ministry: string; device: string };

export function readFixture(db: Database.Database): Fixture {
  const one = (sql: string) => db.prepare(sql).pluck().get() as string;
  return {
    device: one("select device_id from endpoints where state = 'banned' order by id limit 1"),
    agency: one("select code from agencies where depth = 1 order by id limit 1"),
    ministry: one("select code from agencies where depth = 0 order by id limit 1"),
  };
}

/** Every dashboard page (an agency officer's list leaves out the administrators' own pages). */
export function dashboardPages({ agency, device }: Fixture, who: "admin" | "officer"): string[] {
  const pages = [
    "/",
    "/agencies",
    `/agencies/${agency}`,
    "/endpoints",
    "/endpoints?state=banned",
    "/endpoints?state=excepted&sort=-lastReport",
    `/endpoints?agency=${agency}`,
    "/endpoints?present=vendor:kaspersky",
    "/endpoints?needs=action",
    "/endpoints?needs=action&state=stale",
    `/endpoints?needs=action&agency=${agency}`,
    "/endpoints?os=darwin&olderThan=30",
    "/endpoints?q=1-ws-0001",
    `/endpoints/${device}`,
    "/changes?kind=removed",
    `/changes?kind=detected&from=${new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10)}`,
    "/findings",
    "/findings?status=resolved",
    `/findings?agency=${agency}&presence=remnants`,
    "/policies",
    "/enrollment",
    "/reports",
    "/reports/new",
    "/audit",
    "/audit?q=waiver",
    "/users",
  ];
  return who === "admin" ? pages : pages.filter((p) => p !== "/users");
}

/** The main tRPC queries behind those pages: [label, path]. */
export function trpcQueries({ agency, device }: Fixture): [string, string][] {
  const q = (proc: string, input?: unknown) => `/api/trpc/${proc}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
  return [
    ["overview.get", q("overview.get")],
    ["overview.agencies", q("overview.agencies")],
    ["overview.agency", q("overview.agency", { code: agency })],
    ["endpoints.list", q("endpoints.list", {})],
    ["endpoints.list state=banned", q("endpoints.list", { state: "banned" })],
    ["endpoints.list present=kaspersky", q("endpoints.list", { present: "vendor:kaspersky" })],
    ["endpoints.list needs=action", q("endpoints.list", { needs: "action" })],
    ["overview.changes", q("overview.changes", {})],
    ["endpoints.list q=", q("endpoints.list", { q: "1-ws-0001" })],
    ["endpoints.byDeviceId", q("endpoints.byDeviceId", { deviceId: device })],
    ["endpoints.filterOptions", q("endpoints.filterOptions")],
    ["findings.list open", q("findings.list", { status: "open" })],
    ["findings.tabCounts", q("findings.tabCounts", {})],
    ["findings.waivers pending", q("findings.waivers", { status: "pending" })],
    ["catalog.unrecognized", q("catalog.unrecognized", {})],
    ["audit.list", q("audit.list", {})],
    ["policies.previewChange", q("policies.previewChange", { policyId: 1, active: true })],
  ];
}

/** A signed-in server to time: its base URL and the session cookie. */
export type Subject = { url: string; cookie: string };
export type Timing = { status: number; bytes: number; p50: number; p95: number };
export type Timed = { label: string; timings: Timing[] };

/**
 * Times each request on each subject: one warm-up each (first compile of the route, page cache),
 * then `runs` runs, the subjects taking turns run by run so that a busy moment of the shared
 * machine falls on all of them alike. `after` is called once a request's runs are done.
 */
export async function timeRequests(subjects: Subject[], list: [string, string][], runs: number, after?: (label: string) => void): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const [label, path] of list) {
    for (const s of subjects) await timedGet(s.url + path, s.cookie);
    const samples = subjects.map(() => [] as number[]);
    const last = subjects.map(() => ({ status: 0, bytes: 0 }));
    for (let i = 0; i < runs; i++) {
      for (const [k, s] of subjects.entries()) {
        const r = await timedGet(s.url + path, s.cookie);
        samples[k]!.push(r.ms);
        last[k] = { status: r.status, bytes: r.bytes };
      }
    }
    out.push({ label, timings: subjects.map((_, k) => ({ ...last[k]!, ...summarize(samples[k]!) })) });
    after?.(label);
  }
  return out;
}

/** The request with the highest p95 on subject `k`. */
export function slowest(timed: Timed[], k: number): { label: string; p95: number } {
  return timed.reduce((w, t) => (t.timings[k]!.p95 > w.p95 ? { label: t.label, p95: t.timings[k]!.p95 } : w), { label: "", p95: 0 });
}
