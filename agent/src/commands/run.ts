// `run`: what the scheduler calls. Refresh the catalog (best effort), collect, put the report in
// the spool first, then deliver the whole spool in seq order.
import type { CheckinRequest } from "../../shared/protocol";
import { AGENT_VERSION } from "../version";
import type { Command, Io } from "./common";
import { COMMON_HELP, EXIT, ExitError, NET_OPTIONS, ROOT_OPTIONS, STATE_OPTIONS, UsageError, collectContext, logFor, stateFor, str } from "./common";
import { readCredential, type Credential } from "../state/credential";
import { readAgentState, writeAgentState } from "../state/agent-state";
import { Spool } from "../state/spool";
import { acquireLock } from "../state/lock";
import { ensureStateDir } from "../state/secure-dir";
import { loadActiveCatalog, readCachedCatalog, writeCachedCatalog, catalogFromJson } from "../state/catalog-cache";
import { createMatcher } from "../../shared/catalog/index";
import type { StatePaths } from "../state/state-dir";
import type { Logger } from "../state/log";
import { scan } from "../report";
import { sourcesFor } from "../collectors/index";
import { deliverSpool } from "../deliver";
import { NetworkError, loadExtraCa, type TransportOptions } from "../transport/http";
import { describeError, getCatalog, parseJson } from "../transport/api";
import { retryPolicyFromEnv } from "../transport/retry";
import { firstRun, prepareUpdate, recordUpdateReport, type PendingSwap } from "../update/apply";
import { selfInfo } from "../update/self";

/** Downloads the server's catalog when it changed (If-None-Match). Never fails the run. */
export async function refreshCatalog(paths: StatePaths, cred: Credential, transport: TransportOptions, log: Logger): Promise<void> {
  const cached = readCachedCatalog(paths.catalog);
  try {
    const res = await getCatalog(cred.server, cred.deviceSecret, cached?.etag, { ...transport, timeoutMs: 10_000 });
    if (res.status === 304) return;
    if (res.status !== 200) {
      log.warn(`catalog refresh: ${describeError(res)}; using ${cached ? "the cached" : "the built-in"} catalog`);
      return;
    }
    const catalog = catalogFromJson(parseJson<unknown>(res));
    createMatcher(catalog); // refuse a catalog whose patterns do not compile
    const etag = typeof res.headers.etag === "string" ? res.headers.etag : undefined;
    writeCachedCatalog(paths.catalog, { etag, fetchedAt: new Date().toISOString(), catalog });
    if (cached?.catalog.version !== catalog.version) log.info(`catalog updated to ${catalog.version}`);
  } catch (err) {
    const what = err instanceof NetworkError ? "server unreachable" : "unusable catalog";
    log.warn(`catalog refresh: ${what} (${(err as Error).message}); using ${cached ? "the cached" : "the built-in"} catalog`);
  }
}

type RunOutcome = { code: number; swap: PendingSwap | null };

/** What the first run of an updated agent is given: this run's state folder and network flags. */
function forwardedArgs(args: Parameters<Command["run"]>[0], paths: StatePaths): string[] {
  const out = ["--state-dir", paths.dir];
  for (const name of ["ca", "proxy"]) {
    const v = str(args, name);
    if (v) out.push(`--${name}`, v);
  }
  return out;
}

async function runOnce(args: Parameters<Command["run"]>[0], io: Io, paths: StatePaths, cred: Credential, log: Logger): Promise<RunOutcome> {
  const ctx = collectContext(args);
  const transport: TransportOptions = { extraCa: loadExtraCa(str(args, "ca") ?? cred.caFile), proxy: str(args, "proxy") ?? cred.proxy };
  const policy = retryPolicyFromEnv();
  const deadline = Date.now() + policy.budgetMs;
  const state = readAgentState(paths.state);

  await refreshCatalog(paths, cred, transport, log);
  const active = loadActiveCatalog(paths.catalog, sourcesFor(ctx.platform));
  const { body } = await scan(ctx, active.matcher, active.catalog.version);

  // The seq is saved before the report is spooled: a crash in between leaves a gap, never a reuse.
  state.seq += 1;
  const updateReports = state.updateReports ?? [];
  delete state.updateReports;
  writeAgentState(paths.state, state);
  const report: CheckinRequest = {
    deviceId: cred.deviceId,
    seq: state.seq,
    ...body,
    agentTarget: selfInfo().target,
    ...(updateReports.length ? { updateReports } : {}),
  };
  const spool = new Spool(paths.spool);
  spool.add(report);
  const failed = body.collectors.filter((c) => !c.ok);
  log.info(`report seq ${report.seq}: ${report.software.length} entries; collectors ${body.collectors.map((c) => `${c.name}${c.ok ? "" : "(failed)"}`).join(", ") || "none"}`);
  for (const c of failed) log.warn(`collector ${c.name} failed: ${c.error ?? "unknown error"}`);
  for (const d of spool.enforceLimits()) log.warn(`spool full: dropped the oldest report, seq ${d.seq} (${d.bytes} bytes)`);

  const result = await deliverSpool({ spool, credential: cred, state, transport, log, policy, deadline });
  const left = spool.totals().count;
  let code: number = EXIT.OK;
  let message = `delivered ${result.delivered}, dropped ${result.dropped}, ${left} waiting in the spool`;
  if (result.outcome === "revoked") {
    code = EXIT.REVOKED;
    message = `${result.message}; ${left} report(s) kept in the spool`;
  } else if (result.outcome === "unreachable") {
    code = EXIT.SPOOLED;
    message = `${result.message}; ${left} report(s) kept in the spool for the next run`;
  }
  state.lastRun = { at: new Date().toISOString(), exitCode: code, message };
  writeAgentState(paths.state, state);
  if (code !== EXIT.OK) io.err(`muster-agent: ${message}\n`);
  else io.out(`${message}\n`);

  // Self-update only on the live system and after a delivered report (the offer is fresh).
  let swap: PendingSwap | null = null;
  if (state.updateOffer && code === EXIT.OK && ctx.live) {
    swap = await prepareUpdate(state.updateOffer, state, { server: cred.server, secret: cred.deviceSecret, transport, log, runArgs: forwardedArgs(args, paths) });
    writeAgentState(paths.state, state);
  }
  return { code, swap };
}

export const runCommand: Command = {
  name: "run",
  help: `usage: muster-agent run [--root DIR [--platform OS]] [--state-dir DIR] [--ca FILE] [--proxy URL]
                       [--splay SECONDS]

Refreshes the catalog, collects once, spools the report and delivers every spooled report in
order. Exit codes: 0 delivered, 3 not enrolled, 4 server unreachable (reports kept for the next
run), 5 credential revoked (reports kept; enroll again), 1 other failure.

  --splay SECONDS   wait a random 0..SECONDS first (spreads scheduled runs over time)
${COMMON_HELP.root}
${COMMON_HELP.net}
${COMMON_HELP.stateDir}`,
  options: { ...ROOT_OPTIONS, ...STATE_OPTIONS, ...NET_OPTIONS, splay: { type: "string" } },
  async run(args, io) {
    const paths = stateFor(args);
    const splayArg = str(args, "splay");
    const splay = splayArg === undefined ? 0 : Number(splayArg);
    if (!Number.isFinite(splay) || splay < 0) throw new UsageError("--splay takes a number of seconds");
    collectContext(args); // validate --root/--platform before anything else
    await ensureStateDir(paths.dir); // never trust a credential in a folder someone else could write
    const cred = readCredential(paths.credential);
    if (!cred) throw new ExitError(`not enrolled (no ${paths.credential}): run \`muster-agent enroll --server URL --token TOKEN\` first`, EXIT.NOT_ENROLLED);
    const log = logFor(paths, io);
    if (splay > 0) await new Promise((r) => setTimeout(r, Math.random() * splay * 1000));
    const release = acquireLock(paths.lock);
    let outcome: RunOutcome;
    try {
      outcome = await runOnce(args, io, paths, cred, log);
    } catch (err) {
      log.error(`run failed: ${(err as Error).message}`);
      throw err;
    } finally {
      release();
    }
    if (outcome.swap) {
      // The new version runs once on its own (it takes the lock itself); this process puts the
      // previous build back if that run fails, and the next report says so.
      io.out(`muster-agent: updated to ${outcome.swap.version}; running it once\n`);
      const failure = firstRun(outcome.swap, { log, runArgs: forwardedArgs(args, paths) });
      if (failure) {
        const state = readAgentState(paths.state);
        recordUpdateReport(state, failure, outcome.swap.key);
        writeAgentState(paths.state, state);
        io.err(`muster-agent: ${failure.reason}; version ${AGENT_VERSION} put back\n`);
      }
    }
    return outcome.code;
  },
};
