// Server response time of every dashboard page on a large database: starts the real server
// (production build) on the database at DATABASE_PATH (fill it with dashboard-fill.ts), signs in
// as an administrator and as an agency officer, and fetches each page several times.
// Prints figures; not a test.
//   DATABASE_PATH=tests/bench/.work/dash1m.db NEXT_DIST_DIR=.next-dash \
//     node --require ./server/runtime/preload.cjs --import tsx tests/bench/dashboard-pages.ts
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { getDb, migrateDb } from "../../server/db/client";
import { createUser } from "../../server/users/service";
import { startServer } from "../support/server";

const RUNS = Number(process.env.RUNS ?? 7);
const PASSWORD = "bench-password-123";

async function ensureUsers(file: string) {
  const db = getDb(file);
  migrateDb(db);
  const sq = db.$client;
  const ministry = sq.prepare("select id, code from agencies where depth = 0 order by id limit 1").get() as { id: number; code: string };
  for (const [email, role, agency] of [
    ["bench-admin@bench.test", "admin", null],
    ["bench-officer@bench.test", "agency_officer", ministry.code],
  ] as const) {
    if (!sq.prepare("select 1 from users where email = ?").get(email)) {
      await createUser(db, { userId: null, label: "bench" }, { email, name: email, role, agencyCode: agency, password: PASSWORD });
    }
  }
}

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const cookies = [...jar.split("; "), ...res.headers.getSetCookie().map((c) => c.split(";")[0]!)];
  if (!cookies.some((c) => c.includes("session-token"))) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookies.join("; ");
}

async function main() {
  const file = process.env.DATABASE_PATH;
  if (!file) throw new Error("set DATABASE_PATH");
  await ensureUsers(file);
  const ro = new Database(file, { readonly: true });
  const device = (ro.prepare("select device_id as d from endpoints where state = 'banned' limit 1").get() as { d: string }).d;
  const agency = (ro.prepare("select code from agencies where depth = 1 order by id limit 1").get() as { code: string }).code;
  ro.close();
  const server = await startServer({ databasePath: file, env: { MUSTER_SQLITE_SYNC: "normal" } });
  try {
    const pages = [
      "/",
      "/agencies",
      `/agencies/${agency}`,
      "/endpoints",
      "/endpoints?state=banned",
      "/endpoints?state=excepted&sort=-lastReport",
      `/endpoints?agency=${agency}`,
      "/endpoints?present=vendor:kaspersky",
      "/endpoints?os=darwin&olderThan=30",
      "/endpoints?q=WS-12",
      `/endpoints/${device}`,
      "/findings",
      "/findings?status=resolved",
      `/findings?agency=${agency}&presence=remnants`,
      "/policies",
      "/enrollment",
      "/audit",
      "/audit?q=waiver",
    ];
    for (const [who, email] of [
      ["administrator", "bench-admin@bench.test"],
      ["agency officer", "bench-officer@bench.test"],
    ] as const) {
      const cookie = await signIn(server.url, email);
      console.log(`\n${who} (${RUNS} runs each, after one warm-up)`);
      for (const path of pages) {
        const times: number[] = [];
        let status = 0;
        for (let i = 0; i <= RUNS; i++) {
          const t = performance.now();
          const res = await fetch(server.url + path, { headers: { cookie } });
          await res.arrayBuffer();
          status = res.status;
          if (i > 0) times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const med = times[Math.floor(times.length / 2)]!;
        const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
        console.log(`${path.padEnd(48)} ${String(status).padEnd(4)} median ${med.toFixed(0).padStart(5)} ms   max ${p95.toFixed(0).padStart(5)} ms`);
      }
    }
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
