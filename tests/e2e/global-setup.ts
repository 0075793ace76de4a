// Builds a fresh seeded database and starts the production server once for all e2e tests: on SQLite,
// or with MUSTER_E2E_ENGINE=postgres (npm run test:e2e:postgres) on a new PostgreSQL database of a
// temporary cluster (tests/support/postgres.ts), seeded through the same services.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { currentBuild } from "../support/packages";
import { startSmtpCatcher } from "../../server/demo/smtp-catcher";
import { startPostgres, type TempPostgres } from "../support/postgres";
import { databaseEnv, ROOT, startServer, TS_NODE_ARGS } from "../support/server";

export default async function globalSetup() {
  const dir = path.join(ROOT, "test-results", "e2e-data");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let databasePath = path.join(dir, "muster.db");
  if (process.env.MUSTER_E2E_ENGINE === "postgres") {
    const cluster = await startPostgres();
    (globalThis as { __musterPg?: TempPostgres }).__musterPg = cluster;
    databasePath = await cluster.createDatabase("muster_e2e");
  }
  const env = { ...process.env, ...databaseEnv(databasePath) };
  execFileSync(process.execPath, [...TS_NODE_ARGS, path.join(ROOT, "tests/e2e/seed.ts")], { cwd: ROOT, env, stdio: "inherit" });
  // The agent packages (signed with the test keys; built once and cached, usually by the vitest run).
  const packages = currentBuild().dir;
  process.env.MUSTER_E2E_PACKAGES = packages;
  // A local mail catcher keeps what the server sends (test-results/e2e-data/mail/*.eml); digests are
  // due at any hour, so every run has some.
  const mail = await startSmtpCatcher({ saveDir: path.join(dir, "mail") });
  const smtp = { MUSTER_SMTP_HOST: "127.0.0.1", MUSTER_SMTP_PORT: String(mail.port), MUSTER_SMTP_SECURITY: "none", MUSTER_SMTP_FROM: "Muster <muster@e2e.test>", MUSTER_DIGEST_HOUR: "0" };
  // A report-signing key (self-signed; PAdES signatures are checked with pdfsig in the tests).
  const key = path.join(dir, "signer-key.pem");
  const cert = path.join(dir, "signer-cert.pem");
  const p12 = path.join(dir, "signer.p12");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=Muster e2e report signer/O=Muster tests"], { stdio: "ignore" });
  execFileSync("openssl", ["pkcs12", "-export", "-out", p12, "-inkey", key, "-in", cert, "-passout", "pass:e2e-signing"], { stdio: "ignore" });
  const port = Number(process.env.MUSTER_E2E_PORT);
  const server = await startServer({
    databasePath,
    port,
    env: {
      MUSTER_AGENT_PACKAGES: packages,
      ...smtp,
      MUSTER_REPORT_SIGNING_P12: p12,
      MUSTER_REPORT_SIGNING_PASSPHRASE: "e2e-signing",
      MUSTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Every role of the whole suite browses from this one address, hundreds of pages a minute: the
      // per-address limit (tested in tests/integration) would refuse some of them depending on speed.
      MUSTER_HTTP_BURST: "100000",
      MUSTER_HTTP_RATE_PER_MIN: "100000",
    },
  });
  (globalThis as { __musterMail?: typeof mail }).__musterMail = mail;
  process.env.MUSTER_E2E_DB = databasePath;
  process.env.MUSTER_E2E_DIR = dir;
  (globalThis as { __musterE2E?: typeof server }).__musterE2E = server;
}
