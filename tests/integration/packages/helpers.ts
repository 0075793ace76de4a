// Shared by the package tests: a real Muster server with an agency and tokens made by the admin
// CLI, reads of its database, and running commands with `node` kept off PATH.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT, type RunningServer, startServer, TS_NODE_ARGS } from "../../support/server";

export type Muster = { dir: string; dbFile: string; server: RunningServer; token: (agency: string) => string; query: <T>(sql: string, ...args: unknown[]) => T[]; stop: () => Promise<void> };

export async function startMuster(env: Record<string, string> = {}): Promise<Muster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-packages-"));
  const dbFile = path.join(dir, "muster.db");
  const server = await startServer({ databasePath: dbFile, env });
  const admin = (...args: string[]) =>
    execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbFile, MUSTER_ADMIN_PASSWORD: "admin-password-for-tests" },
      encoding: "utf8",
    });
  return {
    dir,
    dbFile,
    server,
    token: (agency) => {
      admin("create-agency", "--code", agency, "--name", `Agency ${agency}`);
      return admin("create-token", "--agency", agency, "--max-uses", "5").trim().split("\n").pop()!.trim();
    },
    query: <T>(sql: string, ...args: unknown[]) => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return db.prepare(sql).all(...args) as T[];
      } finally {
        db.close();
      }
    },
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PATH without any folder that holds a `node`: proves a single executable needs none. */
export function pathWithoutNode(): string {
  return (process.env.PATH ?? "")
    .split(":")
    .filter((d) => d && !fs.existsSync(path.join(d, "node")))
    .join(":");
}

export type Ran = { code: number | null; stdout: string; stderr: string };

export function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}, input?: string): Ran {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, PATH: pathWithoutNode(), MUSTER_AGENT_RETRY_BASE_MS: "50", ...env }, input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: `${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

export const sha256 = (file: string) => execFileSync("sha256sum", [file], { encoding: "utf8" }).split(" ")[0]!;
