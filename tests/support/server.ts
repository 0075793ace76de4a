// Starts the real Muster server (custom server + production Next build) on a free port
// against a given SQLite file or PostgreSQL database, for integration and end-to-end tests.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type RunningServer = { url: string; port: number; proc: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> };

/** Node arguments that run a TypeScript entry point of ours (same as the npm scripts). */
export const TS_NODE_ARGS = ["--require", path.join(ROOT, "server/runtime/preload.cjs"), "--import", "tsx"];

/** The server's signing secret in tests on PostgreSQL (the server requires one with DATABASE_URL). */
const TEST_AUTH_SECRET = "muster-test-auth-secret-for-postgres-0123456789";

/**
 * Where the server keeps its data: a SQLite file, or a postgres:// URL (createTempDb's `file` on the
 * PostgreSQL suite), which becomes DATABASE_URL with a signing secret.
 */
export function databaseEnv(location: string, port: number | string = process.pid): Record<string, string> {
  if (!/^postgres(ql)?:\/\//.test(location)) return { DATABASE_PATH: location };
  return { DATABASE_URL: location, DATABASE_PATH: path.join(os.tmpdir(), `muster-unused-${port}.db`), AUTH_SECRET: process.env.AUTH_SECRET || TEST_AUTH_SECRET };
}

export async function startServer(opts: { databasePath: string; env?: Record<string, string>; port?: number; timeoutMs?: number }): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  let out = "";
  const proc = spawn(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      ...databaseEnv(opts.databasePath, port),
      PORT: String(port),
      HOST: "127.0.0.1",
      // Production refuses to start without its public address.
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      MUSTER_ADMIN_PASSWORD: process.env.MUSTER_ADMIN_PASSWORD ?? "admin-password-for-tests",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (!out.includes("Muster listening")) {
    if (proc.exitCode !== null) throw new Error(`Server exited with ${proc.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`Server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    proc,
    output: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill(signal);
      }),
  };
}
