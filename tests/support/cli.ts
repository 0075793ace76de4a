// Runs the admin CLI exactly as `npm run admin --` does, against a given database.
import { spawn, spawnSync } from "node:child_process";
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

/** The admin CLI as a child process that runs alongside others (runAdmin blocks); `env` is added to the test's. */
export function runAdminAsync(env: Record<string, string>, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/cli/admin.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, MUSTER_ADMIN_PASSWORD: "admin-password-for-tests", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
