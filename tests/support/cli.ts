// Runs the admin CLI exactly as `npm run admin --` does, against a given database (a SQLite file or
// a postgres:// URL).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { databaseEnv, ROOT, TS_NODE_ARGS } from "./server";

export type CliResult = { code: number; stdout: string; stderr: string };

export function runAdmin(databasePath: string, args: string[], input?: string, env: Record<string, string> = {}): CliResult {
  const res = spawnSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...databaseEnv(databasePath), MUSTER_ADMIN_PASSWORD: "admin-password-for-tests", ...env },
    input: input ?? "",
    encoding: "utf8",
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Runs one of the repository's TypeScript entry points (path from the root) in a child process alongside others, with `env` added to the test's; its exit code and output. */
export function runScriptAsync(entry: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, entry), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The admin CLI as a child process that runs alongside others (runAdmin blocks); `env` is added to the test's. */
export function runAdminAsync(env: Record<string, string>, args: string[]): Promise<CliResult> {
  return runScriptAsync("server/cli/admin.ts", args, { MUSTER_ADMIN_PASSWORD: "admin-password-for-tests", ...env });
}
