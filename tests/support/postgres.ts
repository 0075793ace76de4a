// A real PostgreSQL (15 or newer, Debian's package) for a test file: a new cluster in a temporary
// folder (initdb), its server on a free loopback port with its unix socket in the same folder,
// fsync on, password authentication. Root may not run PostgreSQL: as root (CI), the folder is given
// to `nobody` and initdb and the server run as that user. stop() ends the server and removes the folder.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type TempPostgres = {
  /** postgres://… of the cluster's own `postgres` database, as its superuser `muster`. */
  url: string;
  port: number;
  /** The temporary folder: data/, the socket and the password file. */
  dir: string;
  /** The server binaries' folder (…/15/bin). */
  binDir: string;
  /** The server's version, e.g. 15. */
  major: number;
  /** Milliseconds from initdb to the server accepting connections. */
  startMs: number;
  /** What the server has logged so far (its stderr), e.g. the statements log_min_duration_statement reports. */
  log: () => string;
  /** A new empty database; its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

const MIN_MAJOR = 15;
const MISSING =
  `PostgreSQL ${MIN_MAJOR} or newer is not installed: the tests need its server binaries (initdb, postgres) in /usr/lib/postgresql/<version>/bin. ` +
  "Install the Debian package `postgresql` (or `postgresql-15`): apt-get install postgresql. .ci/run installs it when it is missing.";

/** The newest /usr/lib/postgresql/<n>/bin with initdb and postgres (n >= 15), else `pg_config --bindir`. */
export function findPostgresBinDir(): { binDir: string; major: number } {
  const root = "/usr/lib/postgresql";
  const candidates: { binDir: string; major: number }[] = [];
  for (const v of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const binDir = path.join(root, v, "bin");
    if (/^\d+$/.test(v) && fs.existsSync(path.join(binDir, "initdb")) && fs.existsSync(path.join(binDir, "postgres"))) candidates.push({ binDir, major: Number(v) });
  }
  if (candidates.length === 0) {
    try {
      const binDir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      const version = execFileSync("pg_config", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      const major = Number(/PostgreSQL (\d+)/.exec(version)?.[1] ?? 0);
      if (fs.existsSync(path.join(binDir, "initdb")) && fs.existsSync(path.join(binDir, "postgres"))) candidates.push({ binDir, major });
    } catch {
      // no pg_config either
    }
  }
  const best = candidates.filter((c) => c.major >= MIN_MAJOR).sort((a, b) => b.major - a.major)[0];
  if (!best) throw new Error(MISSING);
  return best;
}

/** uid and gid of `nobody` (PostgreSQL refuses to run as root). */
function nobody(): { uid: number; gid: number } {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("nobody:"));
  if (!line) throw new Error("running as root, and there is no `nobody` user to run PostgreSQL as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** Whether every folder from / down to `dir` lets others through (o+x). */
function searchableByAll(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The C locale for initdb and the server (the cluster's encoding is UTF8 all the same). */
const CHILD_ENV = { ...process.env, LANG: "C", LC_ALL: "C" };

function run(file: string, args: string[], opts: { uid?: number; gid?: number; cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...opts, env: CHILD_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code}:\n${out}`))));
  });
}

/** Resolves once the server logs that it accepts connections; rejects if it exits or takes over `ms`. */
function ready(server: ChildProcess, log: () => string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`PostgreSQL did not start within ${ms} ms:\n${log()}`)), ms);
    const onData = () => {
      if (log().includes("database system is ready to accept connections")) done();
    };
    const onExit = (code: number | null, signal: string | null) => done(new Error(`PostgreSQL exited (${code ?? signal}) while starting:\n${log()}`));
    const done = (err?: Error) => {
      clearTimeout(timer);
      server.stderr?.off("data", onData);
      server.off("exit", onExit);
      err ? reject(err) : resolve();
    };
    server.stderr?.on("data", onData);
    server.once("exit", onExit);
    onData();
  });
}

/**
 * `settings`: more server settings (`-c name=value`, given after the defaults below, so they win),
 * e.g. a benchmark's shared_buffers; tests run with the defaults.
 */
export async function startPostgres(opts: { maxConnections?: number; settings?: Record<string, string> } = {}): Promise<TempPostgres> {
  const { binDir, major } = findPostgresBinDir();
  const started = performance.now();
  const asUser: { uid?: number; gid?: number } = process.getuid?.() === 0 ? nobody() : {};
  // `nobody` must be able to reach the folder: a TMPDIR under /root would not do.
  const base = asUser.uid === undefined || searchableByAll(os.tmpdir()) ? os.tmpdir() : "/tmp";
  const dir = fs.mkdtempSync(path.join(base, "muster-pg-"));
  const data = path.join(dir, "data");
  const password = crypto.randomBytes(18).toString("base64url");
  const pwfile = path.join(dir, "password");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asUser.uid !== undefined && asUser.gid !== undefined) {
    fs.chownSync(dir, asUser.uid, asUser.gid);
    fs.chownSync(pwfile, asUser.uid, asUser.gid);
  }
  let server: ChildProcess | null = null;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    // --no-sync: initdb's own final flush only (the folder is thrown away); the server runs with fsync on.
    await run(path.join(binDir, "initdb"), ["-D", data, "-U", "muster", `--pwfile=${pwfile}`, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"], { ...asUser, cwd: dir });
    let log = "";
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      log = "";
      const args = ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on", "-c", `max_connections=${opts.maxConnections ?? 30}`, "-c", "shared_buffers=32MB"];
      for (const [name, value] of Object.entries(opts.settings ?? {})) args.push("-c", `${name}=${value}`);
      const proc = spawn(path.join(binDir, "postgres"), args, { ...asUser, cwd: dir, env: CHILD_ENV, stdio: ["ignore", "ignore", "pipe"] });
      server = proc;
      proc.stderr?.on("data", (d) => (log += d));
      try {
        await ready(proc, () => log, 30_000);
        break;
      } catch (err) {
        await stopServer(proc);
        server = null;
        // Another process took the free port between the probe and the server's bind: try another.
        if (attempt < 3 && /could not (bind|create listen socket)/i.test(log)) continue;
        throw err;
      }
    }
    const startMs = Math.round(performance.now() - started);
    const urlOf = (db: string) => `postgres://muster:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
    const running: ChildProcess = server!;
    return {
      url: urlOf("postgres"),
      port,
      dir,
      binDir,
      major,
      startMs,
      log: () => log,
      createDatabase: async (name) => {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: urlOf("postgres") });
        await client.connect();
        try {
          await client.query(`create database ${name}`);
        } finally {
          await client.end();
        }
        return urlOf(name);
      },
      stop: async () => {
        await stopServer(running);
        cleanup();
      },
    };
  } catch (err) {
    if (server) await stopServer(server);
    cleanup();
    throw err;
  }
}

/** Fast shutdown (SIGINT: open transactions roll back), SIGKILL after 10 s. */
async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGINT");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
