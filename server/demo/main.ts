// `npm run demo`: builds Muster if needed, seeds a demo deployment (90 days of fleet history
// replayed through the ingest code) into the embedded SQLite database or, with --database
// postgres://…, into PostgreSQL (demo/postgres.ts), serves the dashboard and enrolls this machine's
// own agent. A second run reuses the database unless --reset; a database the demo did not make is
// never seeded, reused or reset (demo/plan.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkServerConfig, config, dataDir, databasePath, databaseUrl } from "../config";

const { values } = parseArgs({
  options: {
    reset: { type: "boolean" },
    port: { type: "string" },
    database: { type: "string" },
    "smtp-catcher": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`Usage: npm run demo [-- --reset] [-- --port 3000] [-- --database FILE|postgres://…] [-- --smtp-catcher]

Seeds a demo fleet into ./data/demo.db (or DATABASE_PATH, or DATABASE_URL), serves the dashboard
on http://localhost:3000 (or PORT) and enrolls this machine's agent into it.
  --database       a SQLite file, or a PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DB):
                   it must be empty, or one the demo seeded before
  --reset          start the demo database over (only one the demo seeded)
  --smtp-catcher   send e-mail (alerts, today's digests) to a local SMTP server that prints
                   each message and keeps it in data/mail/*.eml`);
  process.exit(0);
}

const root = process.cwd();
const target = values.database?.trim();
if (target && /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) process.env.DATABASE_URL = target;
else if (target) Object.assign(process.env, { DATABASE_PATH: path.resolve(target), DATABASE_URL: "" });
process.env.DATABASE_PATH ||= path.join(root, "data", "demo.db");
if (values.port) process.env.PORT = values.port;
// A production server needs its public address (server/config.ts); the demo's is this machine.
process.env.NEXTAUTH_URL ||= `http://localhost:${config.port}`;
Object.assign(process.env, { NODE_ENV: "production" });
// A person watches this terminal: readable lines, and only problems (not a line per request).
process.env.MUSTER_LOG_FORMAT ||= "pretty";
process.env.MUSTER_LOG_LEVEL ||= "warn";

/** Builds in a child process (in parallel with seeding) when there is no build yet. */
function buildIfNeeded(): Promise<void> {
  const distDir = config.nextDistDir;
  const built = fs.existsSync(path.join(root, distDir, "BUILD_ID")) && fs.existsSync(path.join(root, "agent", "dist", "muster-agent.js"));
  if (built) return Promise.resolve();
  console.log("Building Muster (first run only)…");
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
  });
}

/** The demo on SQLite: the file is seeded, reused, or with --reset deleted first: only when the demo made it. */
async function prepareSqliteDemo(): Promise<void> {
  const file = databasePath();
  const { readSqliteContents } = await import("../db/sqlite-contents");
  const { planDemo } = await import("./plan");
  const instead = "Give the demo a file of its own: npm run demo -- --database data/demo.db";
  const plan = planDemo(readSqliteContents(file), { where: file, reset: Boolean(values.reset), instead });
  if (plan.action === "refuse") throw new Error(plan.reason);
  if (values.reset) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

async function main() {
  const started = Date.now();
  const url = databaseUrl();
  if (url) {
    // The nodes sharing a PostgreSQL database share a secret (config); the demo's single node keeps one in its data folder.
    const { ensureAuthSecret } = await import("../auth/secret");
    process.env.AUTH_SECRET ||= ensureAuthSecret();
  }
  checkServerConfig({ dev: false }); // a bad setting stops the demo before it seeds anything
  // Imported here so the database settings are in place before any module reads them.
  const { localAgentStateDir, runLocalAgent, LOCAL_AGENT_AGENCY } = await import("./local-agent");
  const { seedDemo, DEMO_PASSWORD, DEMO_USERS } = await import("./seed");
  const log = (line: string) => console.log(line);
  let seeding: Promise<unknown> = Promise.resolve();
  if (url) {
    const { planPostgresDemo, seedPostgresDemo } = await import("./postgres");
    if ((await planPostgresDemo(url, { reset: Boolean(values.reset), log })) === "seed") {
      fs.rmSync(localAgentStateDir(), { recursive: true, force: true });
      seeding = seedPostgresDemo(url, log);
    }
  } else {
    await prepareSqliteDemo();
    if (values.reset) fs.rmSync(localAgentStateDir(), { recursive: true, force: true });
    seeding = seedDemo({ log });
  }
  await Promise.all([seeding, buildIfNeeded()]);
  const catcher = values["smtp-catcher"] ? await startCatcher() : null;
  const { serve } = await import("../main");
  const running = await serve({ dev: false, bridgeConsole: false, demo: true });
  const { getDb } = await import("../db/client");
  const agent = await runLocalAgent(getDb(), running.url);

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nMuster demo ready in ${seconds} s: ${running.url}\n`);
  console.log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_USERS) console.log(`  ${a.role.padEnd(15)} ${a.email}${a.agency ? ` (sees ${a.agency} only)` : ""}`);
  console.log(
    agent.ok
      ? `\nThis machine's agent reported into ${LOCAL_AGENT_AGENCY} (Government ICT Services):\n  ${agent.message.replace(/\n/g, "\n  ")}`
      : `\nThis machine's agent could not report: ${agent.message}`,
  );
  if (catcher) console.log(`\nE-mail goes to the mail catcher on 127.0.0.1:${catcher.port}; messages are kept in ${catcher.dir}`);
  console.log("\nPress Ctrl+C to stop.");
}

/** The demo's mail catcher: every e-mail Muster sends is printed and kept as an .eml file. */
async function startCatcher() {
  const { startSmtpCatcher } = await import("./smtp-catcher");
  const dir = path.join(dataDir(), "mail");
  const catcher = await startSmtpCatcher({ saveDir: dir, onMail: (m) => console.log(`  mail to ${m.to.join(", ")}: ${m.subject}`) });
  // Today's digests right away, whatever the hour.
  process.env.MUSTER_DIGEST_HOUR ||= "0";
  Object.assign(process.env, {
    MUSTER_SMTP_HOST: "127.0.0.1",
    MUSTER_SMTP_PORT: String(catcher.port),
    MUSTER_SMTP_SECURITY: "none",
    MUSTER_SMTP_FROM: "Muster demo <muster@demo.muster>",
  });
  return { port: catcher.port, dir };
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
