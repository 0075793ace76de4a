// The work thread's SQLite connection (server/work/thread.ts, db/client.ts forBackgroundWork) does
// not map the database file: the same file pages mapped once per connection counted twice in the
// server's RSS (a national draft report raised it by about 230 MiB). Observed as the process sees
// it: the mappings of the database file in /proc/self/maps, before and after the thread has built
// a draft report, and the connection's mapping after a whole-file scan is over.
import fs from "node:fs";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { type Db, forBackgroundWork, mapWholeFile, openSqlite } from "~/server/db/client";
import * as schema from "~/server/db/schema";
import { dayOf } from "~/server/lib/time";
import { startWorkThread } from "~/server/work/pool";
import { createTempDb, testEngine } from "../../support/db";

const mappingsOf = (file: string) =>
  fs
    .readFileSync("/proc/self/maps", "utf8")
    .split("\n")
    .filter((l) => l.endsWith(` ${fs.realpathSync(file)}`)).length;

describe.skipIf(testEngine() === "postgres" || process.platform !== "linux")("the work thread's connection", () => {
  const t = createTempDb();
  afterAll(() => t.cleanup());

  it("builds a draft report without mapping the database file a second time", async () => {
    // Pages are mapped from the database file, not the WAL: move what the migrations wrote there.
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    t.db.$client.prepare("select count(*) from endpoints").get();
    const before = mappingsOf(t.file);
    expect(before).toBe(1); // the app's own connection
    const thread = startWorkThread(t.file);
    try {
      const draft = (await thread.run("report.draft", { viewerScope: ALL, agencyId: null, asOf: dayOf(Date.now()) })) as { scope: unknown };
      expect(draft.scope).toBeDefined();
      expect(mappingsOf(t.file)).toBe(before);
    } finally {
      await thread.stop();
    }
  }, 60_000);

  it("goes back to no mapping after a whole-file scan; other connections to their 256 MiB", () => {
    const pragma = (db: Db) => db.$client.pragma("mmap_size", { simple: true });
    const background = drizzle(openSqlite(t.file), { schema }) as Db;
    try {
      forBackgroundWork(background);
      expect(pragma(background)).toBe(0);
      expect(background.$client.pragma("cache_size", { simple: true })).toBe(-16 * 1024);
      const unmap = mapWholeFile(background);
      expect(pragma(background)).toBeGreaterThan(256 * 1024 * 1024);
      unmap();
      expect(pragma(background)).toBe(0);
      const unmapApp = mapWholeFile(t.db);
      unmapApp();
      expect(pragma(t.db)).toBe(256 * 1024 * 1024);
    } finally {
      background.$client.close();
    }
  });
});
