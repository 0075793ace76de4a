// The agent bundle the dashboard serves for download (agent/dist/muster-agent.js, built by
// `npm run agent:build`): its bytes, size and SHA-256, re-read only when the file changes.
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { agentBundlePath } from "../config";

export type AgentBundle = { bytes: Buffer; size: number; sha256: string; mtimeMs: number };

let cached: AgentBundle | null = null;

export { agentBundlePath };

/** The bundle, or null when it has not been built. */
export function agentBundle(): AgentBundle | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(agentBundlePath());
  } catch {
    return null;
  }
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
  const bytes = fs.readFileSync(agentBundlePath());
  cached = { bytes, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), mtimeMs: st.mtimeMs };
  return cached;
}
