// `status`: enrollment, credential health, last report and spool, from the state folder only.
import type { Command } from "./common";
import { COMMON_HELP, EXIT, STATE_OPTIONS, flag, stateFor } from "./common";
import { readCredential } from "../state/credential";
import { readAgentState } from "../state/agent-state";
import { Spool } from "../state/spool";
import { activeCatalogInfo } from "../state/catalog-cache";
import { AGENT_VERSION } from "../version";

export const statusCommand: Command = {
  name: "status",
  help: `usage: muster-agent status [--json] [--state-dir DIR]

Shows whether this device is enrolled, whether its credential still works, how the last report
went and how many reports wait in the spool. Reads the state folder only; sends nothing.
Exit code 0 when enrolled, 3 when not enrolled, 5 when the server revoked the credential.

  --json            print the status as JSON
${COMMON_HELP.stateDir}`,
  options: { ...STATE_OPTIONS, json: { type: "boolean" } },
  async run(args, io) {
    const paths = stateFor(args);
    const cred = readCredential(paths.credential);
    const state = readAgentState(paths.state);
    const spool = new Spool(paths.spool).totals();
    const active = activeCatalogInfo(paths.catalog);
    const status = {
      agentVersion: AGENT_VERSION,
      stateDir: paths.dir,
      enrolled: cred !== null,
      server: cred?.server,
      deviceId: cred?.deviceId,
      enrolledAt: cred?.enrolledAt,
      credential: cred === null ? "none" : state.revoked ? "revoked" : "ok",
      revoked: state.revoked,
      nextSeq: state.seq + 1,
      lastRun: state.lastRun,
      lastReport: state.lastReport,
      lastDelivered: state.lastDelivered,
      spool,
      catalog: active,
      nextCheckinSeconds: state.nextCheckinSeconds,
    };
    const code = !cred ? EXIT.NOT_ENROLLED : state.revoked ? EXIT.REVOKED : EXIT.OK;
    if (flag(args, "json")) {
      io.out(`${JSON.stringify(status, null, 2)}\n`);
      return code;
    }
    const l: string[] = [`muster-agent ${AGENT_VERSION}, state folder ${paths.dir}`];
    if (!cred) l.push("Not enrolled: run `muster-agent enroll --server URL --token TOKEN`.");
    else {
      l.push(`Enrolled with ${cred.server} as device ${cred.deviceId} since ${cred.enrolledAt}.`);
      if (state.revoked) l.push(`CREDENTIAL REVOKED: the server refused it on ${state.revoked.at} (${state.revoked.message}). Reports stay spooled; enroll again with a new token.`);
    }
    if (state.lastReport) {
      const r = state.lastReport;
      l.push(`Last report: seq ${r.seq} at ${r.at}: ${r.outcome}${r.httpStatus ? ` (HTTP ${r.httpStatus})` : ""}${r.message ? `: ${r.message}` : ""}.`);
    } else l.push("No report yet.");
    if (state.lastDelivered) l.push(`Last delivered: seq ${state.lastDelivered.seq} at ${state.lastDelivered.at}.`);
    if (state.lastRun) l.push(`Last run: ${state.lastRun.at}, exit ${state.lastRun.exitCode}: ${state.lastRun.message}`);
    l.push(spool.count ? `Spool: ${spool.count} report(s) waiting (seq ${spool.oldestSeq}..${spool.newestSeq}, ${spool.bytes} bytes).` : "Spool: empty.");
    l.push(`Catalog: ${active.version} (${active.origin}).`);
    io.out(`${l.join("\n")}\n`);
    return code;
  },
};
