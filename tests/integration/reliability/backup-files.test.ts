// The backup command as a local attacker meets it: it writes only files it created itself (0600, in
// a private folder it made beside the target), and a file that appears at the target while the
// backup runs is never replaced.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir } from "../../support/db";
import { ROOT, TS_NODE_ARGS } from "../../support/server";

const dir = tempDir("muster-backup-files-");
const dbFile = path.join(dir, "data", "muster.db");

beforeAll(() => {
  expect(runAdmin(dbFile, ["migrate"]).code).toBe(0);
  // Enough data (about 60 MB) that the copy takes a moment.
  const db = new Database(dbFile);
  db.exec("create table filler (x blob)");
  const insert = db.prepare("insert into filler values (randomblob(4000))");
  db.transaction(() => {
    for (let i = 0; i < 15_000; i++) insert.run();
  })();
  db.close();
}, 120_000);

describe("backup files", () => {
  it("are readable by their owner only", () => {
    const target = path.join(dir, "out", "one.db");
    const r = runAdmin(dbFile, ["backup", target]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(target))).toEqual(["one.db"]); // nothing left beside it
  });

  it("never replace a file that appears at the target while the backup is written", async () => {
    const target = path.join(dir, "race.db");
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), "backup", target], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbFile, MUSTER_ADMIN_PASSWORD: "admin-password-for-tests" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number>((r) => child.on("exit", (code) => r(code ?? -1)));
    // As soon as the backup has begun writing (something new beside the target), a local user puts a file there.
    const before = new Set(fs.readdirSync(dir));
    for (;;) {
      if (fs.readdirSync(dir).some((f) => !before.has(f))) break;
      if (child.exitCode !== null) throw new Error(`backup finished before the race could be set up: ${stderr}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    fs.writeFileSync(target, "someone else's file");
    const code = await exited;
    expect(code).not.toBe(0);
    expect(stderr).toContain("appeared while the backup was written");
    expect(fs.readFileSync(target, "utf8")).toBe("someone else's file");
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(".muster-backup-"))).toEqual([]);
  });
});
