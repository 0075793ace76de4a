// Self-update: verify the signed offer, download the build next to the running one, check size and
// SHA-256, check it starts, swap it in with renames (atomic on every OS; Windows can rename a
// running executable but not overwrite it), then let the new version do its first run and put the
// previous one back if that run fails. Anything refused or undone is recorded in state.json and
// sent with the next report; a build that failed is not tried again.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { UpdateOffer, UpdateReport } from "../../shared/protocol";
import type { AgentState } from "../state/agent-state";
import type { Logger } from "../state/log";
import { downloadToFile } from "../transport/download";
import { NetworkError, type TransportOptions } from "../transport/http";
import { AGENT_VERSION, RELEASE_PUBLIC_KEY } from "../version";
import { checkOffer } from "./check-offer";
import { selfInfo, type SelfInfo } from "./self";

/** Exit codes of a first run that mean "the program works" (delivered, not enrolled, spooled, revoked). */
const WORKING_EXITS = new Set([0, 3, 4, 5]);
const MAX_REPORTS = 10;
const MAX_BLOCKED = 20;

export type UpdateDeps = {
  server: string;
  secret: string;
  transport: TransportOptions;
  log: Logger;
  self?: SelfInfo;
  publicKey?: string;
  current?: string;
  /** Arguments the first run of the new version gets (the state folder and network flags of this run). */
  runArgs: string[];
};

/** A swapped-in build whose first run is still to come. */
export type PendingSwap = { version: string; file: string; previous: string; key: string; self: SelfInfo };

export function recordUpdateReport(state: AgentState, r: UpdateReport, blockKey?: string): void {
  state.updateReports = [...(state.updateReports ?? []), r].slice(-MAX_REPORTS);
  if (blockKey) state.updateBlocked = [...(state.updateBlocked ?? []).filter((k) => k !== blockKey), blockKey].slice(-MAX_BLOCKED);
}

function run(argv: string[], timeoutMs: number): { code: number | null; out: string; error?: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", timeout: timeoutMs, windowsHide: true, stdio: ["ignore", "pipe", "pipe"] });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, error: r.error?.message };
}

/**
 * Steps 1-3, under the run lock: verify, download, check, swap. Returns the swap to confirm with
 * `firstRun`, or null when nothing was swapped (the reason, if worth reporting, is in `state`).
 */
export async function prepareUpdate(offer: UpdateOffer, state: AgentState, deps: UpdateDeps): Promise<PendingSwap | null> {
  const self = deps.self ?? selfInfo();
  const now = () => new Date().toISOString();
  const check = checkOffer(offer, { publicKey: deps.publicKey ?? RELEASE_PUBLIC_KEY, current: deps.current ?? AGENT_VERSION, target: self.target });
  const key = typeof offer?.signature === "string" ? offer.signature.slice(0, 24) : "malformed";
  if (!check.ok) {
    if (check.outcome === "ignored" || state.updateBlocked?.includes(key)) return null;
    deps.log.warn(`update refused: ${check.reason}`);
    recordUpdateReport(state, { version: check.version ?? "unknown", outcome: "refused", reason: check.reason, at: now() }, key);
    return null;
  }
  const m = check.manifest;
  if (state.updateBlocked?.includes(m.sha256)) return null;
  const fail = (reason: string, block = true): null => {
    deps.log.warn(`update to ${m.version} failed: ${reason}`);
    recordUpdateReport(state, { version: m.version, outcome: "failed", reason, at: now() }, block ? m.sha256 : undefined);
    return null;
  };

  const dir = dirname(self.file);
  const incoming = join(dir, `.${basename(self.file)}.update`);
  rmSync(incoming, { force: true });
  deps.log.info(`updating ${AGENT_VERSION} -> ${m.version} (${m.target}, ${m.size} bytes)`);
  try {
    let got;
    try {
      got = await downloadToFile(`${deps.server.replace(/\/+$/, "")}${offer.url}`, incoming, m.size, { ...deps.transport, timeoutMs: 60_000, headers: { authorization: `Bearer ${deps.secret}` } });
    } catch (err) {
      // The network failing is not the build's fault: try again at the next run.
      if (err instanceof NetworkError && err.retryable) return fail(`download failed: ${err.message}`, false);
      return fail(`download refused: ${(err as Error).message}`);
    }
    if (got.status !== 200) return fail(`download answered HTTP ${got.status}`, false);
    if (got.truncated || got.size < m.size) return fail(`truncated download: ${got.size} of ${m.size} bytes`, false);
    if (got.sha256 !== m.sha256) return fail(`wrong hash: got sha256 ${got.sha256}, the signed manifest says ${m.sha256}`);
    chmodSync(incoming, 0o755);
    const probe = run([...self.argv(incoming), "--version"], 60_000);
    if (probe.code !== 0 || !probe.out.includes(`muster-agent ${m.version} `)) {
      return fail(`the new build does not start (exit ${probe.code}${probe.error ? `, ${probe.error}` : ""}): ${probe.out.trim().slice(0, 200)}`);
    }
    const previous = join(dir, `.${basename(self.file)}.previous`);
    rmSync(previous, { force: true });
    renameSync(self.file, previous);
    try {
      renameSync(incoming, self.file);
    } catch (err) {
      renameSync(previous, self.file);
      throw err;
    }
    return { version: m.version, file: self.file, previous, key: m.sha256, self };
  } finally {
    rmSync(incoming, { force: true });
  }
}

/**
 * Step 4, after the run lock is released: the new version's first run. A crash, a failure exit or
 * a hang puts the previous build back. Returns the report to record, or null when it worked.
 */
export function firstRun(swap: PendingSwap, deps: Pick<UpdateDeps, "log" | "runArgs">, timeoutMs = 15 * 60_000): UpdateReport | null {
  const r = run([...swap.self.argv(swap.file), "run", ...deps.runArgs], timeoutMs);
  if (r.code !== null && WORKING_EXITS.has(r.code)) {
    deps.log.info(`updated to ${swap.version}: first run exited ${r.code}`);
    try {
      rmSync(swap.previous, { force: true });
    } catch {
      // Windows keeps the running image locked: removed at a later update.
    }
    return null;
  }
  const why = r.code === null ? `it did not finish (${r.error ?? "killed"})` : `it exited ${r.code}`;
  const failed = `${swap.file}.failed`;
  rmSync(failed, { force: true });
  if (existsSync(swap.file)) renameSync(swap.file, failed);
  renameSync(swap.previous, swap.file);
  rmSync(failed, { force: true });
  deps.log.error(`update to ${swap.version} rolled back: its first run failed, ${why}: ${r.out.trim().slice(-300)}`);
  return { version: swap.version, outcome: "rolled-back", reason: `first run failed: ${why}`, at: new Date().toISOString() };
}
