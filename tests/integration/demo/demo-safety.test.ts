// The demo never takes a SQLite file that holds a deployment's data: it refuses to seed into one or
// to delete it with --reset, and changes nothing in it. A file the demo made is refused by the
// production server (its accounts share the published password). The same on PostgreSQL:
// demo-postgres.test.ts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { markDemoDatabase } from "~/server/db/demo-marker";
import { tempDir } from "../../support/db";
import { ROOT, startServer, TS_NODE_ARGS } from "../../support/server";

const dir = tempDir("muster-demo-safety-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function demo(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    let out = "";
    const proc = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/demo/main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: path.join(dir, "unused", "demo.db"), NEXTAUTH_URL: "http://127.0.0.1:9" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout.on("data", (d) => (out += d));
    proc.stderr.on("data", (d) => (out += d));
    proc.once("exit", (code) => resolve({ code, out }));
  });
}

/** A migrated database with one row of deployment data (its hardware-id salt), optionally marked as the demo's. */
function database(file: string, demoMade: boolean): void {
  const db = getDb(file);
  migrateDb(db);
  db.$client.prepare("insert into settings (key, value) values ('hardware_salt', 'a-real-deployment')").run();
  if (demoMade) markDemoDatabase(db, Date.now());
  closeDb(file);
}

describe("the demo on SQLite, and a demo database", () => {
  it("refuses to seed into, or reset, a file holding data it did not make, and leaves it as it was", async () => {
    const file = path.join(dir, "muster.db");
    database(file, false);
    const before = fs.readFileSync(file);
    const [plain, reset] = await Promise.all([demo(["--database", file]), demo(["--database", file, "--reset"])]);
    for (const r of [plain, reset]) {
      expect(r.code, r.out).toBe(1);
      expect(r.out).toContain(`${file} holds data the demo did not make (rows in settings)`);
      expect(r.out).toContain("Give the demo a file of its own");
    }
    expect(reset.out).toContain("the demo resets only an empty database or one it seeded itself");
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it("is refused by the production server", async () => {
    const file = path.join(dir, "demo.db");
    database(file, true);
    const err = await startServer({ databasePath: file }).then(
      async (s) => {
        await s.stop();
        return "started";
      },
      (e: Error) => e.message,
    );
    expect(err).toContain("Server exited with 1");
    expect(err).toContain("this database was seeded by npm run demo at");
    expect(err).toContain("the production server will not serve it");
  });
});
