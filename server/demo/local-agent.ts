// Enrolls and runs the real agent on the machine running the demo, so the visitor finds
// their own computer among the demo fleet.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ALL } from "../access/scope";
import { getAgencyByCode } from "../agencies/service";
import { SYSTEM_ACTOR } from "../audit/log";
import { dataDir, databaseUrl, envWithoutSecrets } from "../config";
import type { Db } from "../db/client";
import { describePostgresUrl } from "../db/pg";
import { createToken } from "../enrollment/tokens";

const run = promisify(execFile);
export const LOCAL_AGENT_AGENCY = "INT-ICT";

/** The agent's state (its credential): one per demo database, so switching between them never sends one's credential to the other. */
export function localAgentStateDir(): string {
  const url = databaseUrl();
  if (!url) return path.join(dataDir(), "demo-agent");
  return path.join(dataDir(), `demo-agent-pg-${createHash("sha256").update(describePostgresUrl(url)).digest("hex").slice(0, 12)}`);
}

/** Returns the agent's hostname and the endpoint state it ended in, or why it could not run. */
export async function runLocalAgent(db: Db, serverUrl: string): Promise<{ ok: boolean; message: string }> {
  const bundle = path.join(process.cwd(), "agent", "dist", "muster-agent.js");
  if (!fs.existsSync(bundle)) return { ok: false, message: "agent bundle missing (npm run agent:build)" };
  const stateDir = localAgentStateDir();
  const agent = (...args: string[]) => run(process.execPath, [bundle, ...args, "--state-dir", stateDir], { timeout: 60_000, env: envWithoutSecrets() });
  try {
    if (!fs.existsSync(path.join(stateDir, "credential.json"))) {
      const agency = getAgencyByCode(db, LOCAL_AGENT_AGENCY);
      if (!agency) return { ok: false, message: `agency ${LOCAL_AGENT_AGENCY} missing` };
      const { token } = createToken(db, SYSTEM_ACTOR, ALL, { agencyId: agency.id, label: "Demo: this machine", maxUses: 1, expiresInMs: 3_600_000 });
      await agent("enroll", "--server", serverUrl, "--token", token);
    }
    await agent("run");
    const { stdout } = await agent("status");
    return { ok: true, message: stdout.trim() };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { ok: false, message: (e.stderr || e.message).trim().split("\n")[0] ?? "agent failed" };
  }
}
