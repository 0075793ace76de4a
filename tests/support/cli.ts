// Runs the admin CLI exactly as `npm run admin --` does, against a given database.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT, TS_NODE_ARGS } from "./server";

export type CliResult = { code: number; stdout: string; stderr: string };

export function runAdmin(databasePath: string, args: string[], input?: string): CliResult {
  const res = spawnSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, MUSTER_ADMIN_PASSWORD: "admin-password-for-tests" },
    input: input ?? "",
    encoding: "utf8",
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
