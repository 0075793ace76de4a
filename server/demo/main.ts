// `npm run demo`: builds Muster if needed, seeds a demo deployment on the embedded SQLite
// database (90 days of fleet history replayed through the ingest code), serves the dashboard
// and enrolls this machine's own agent. A second run reuses the database unless --reset.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { config, dataDir, databasePath, sqliteOnlyProblem } from "../config";

const { values } = parseArgs({
  options: { reset: { type: "boolean" }, port: { type: "string" }, "smtp-catcher": { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.log(`Usage: npm run demo [-- --reset] [-- --port 3000] [-- --smtp-catcher]

Seeds a demo fleet into ./data/demo.db (or DATABASE_PATH), serves the dashboard on
http://localhost:3000 (or PORT) and enrolls this machine's agent into it.
  --reset          delete the demo database and start over
  --smtp-catcher   send e-mail (alerts, today's digests) to a local SMTP server that prints
                   each message and keeps it in data/mail/*.eml`);
  process.exit(0);
}

// Before seeding or building anything: the demo runs on SQLite only so far.
const sqliteOnly = sqliteOnlyProblem("npm run demo");
if (sqliteOnly) {
  console.error(sqliteOnly);
  process.exit(1);
}

const root = process.cwd();
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

async function main() {
  const started = Date.now();
  // Imported here so DATABASE_PATH is set before any module reads it.
  const { localAgentStateDir, runLocalAgent, LOCAL_AGENT_AGENCY } = await import("./local-agent");
  if (values.reset) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath()}${suffix}`, { force: true });
    fs.rmSync(localAgentStateDir(), { recursive: true, force: true });
  }
  const { seedDemo } = await import("./seed");
  const [demo] = await Promise.all([seedDemo(), buildIfNeeded()]);
  const catcher = values["smtp-catcher"] ? await startCatcher() : null;
  const { serve } = await import("../main");
  const running = await serve({ dev: false, bridgeConsole: false });
  const agent = await runLocalAgent(demo.db, running.url);

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nMuster demo ready in ${seconds} s: ${running.url}\n`);
  console.log(`Demo accounts (password for all: ${demo.password}):`);
  for (const a of demo.users) console.log(`  ${a.role.padEnd(15)} ${a.email}${a.agency ? ` (sees ${a.agency} only)` : ""}`);
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
