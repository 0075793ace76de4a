// `enroll`: trade a one-time enrollment token for this device's credential and start a fresh
// report stream (seq from 1, empty spool: spooled reports belonged to the old credential).
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { EnrollRequest, EnrollResponse } from "../../shared/protocol";
import type { Command } from "./common";
import { COMMON_HELP, EXIT, ExitError, NET_OPTIONS, STATE_OPTIONS, UsageError, collectContext, flag, logFor, stateFor, str } from "./common";
import { getHardwareId, getHostname, getOsInfo } from "../host";
import { AGENT_VERSION } from "../version";
import { readCredential, writeCredential } from "../state/credential";
import { writeAgentState } from "../state/agent-state";
import { Spool } from "../state/spool";
import { ensureStateDir } from "../state/secure-dir";
import { NetworkError, loadExtraCa, type HttpResponse } from "../transport/http";
import { describeError, errorCode, isEnrollResponse, parseJson, postEnroll } from "../transport/api";
import { isTransientStatus, parseRetryAfter, retryPolicyFromEnv, withRetry } from "../transport/retry";
import { parseEnrollConf, type EnrollConf } from "./enroll-conf";

function readConf(file: string | undefined): EnrollConf {
  if (!file) return {};
  try {
    return parseEnrollConf(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--config ${file}: ${(err as Error).message}`);
  }
}

const TOKEN_HINTS: Record<string, string> = {
  token_invalid: "the token is not known to this server: check it and the server URL",
  token_expired: "the token has expired: ask the administrator for a new one",
  token_exhausted: "the token has been used as many times as allowed: ask for a new one",
  token_revoked: "the token was revoked: ask the administrator for a new one",
  reenroll_refused: "this machine is enrolled and reporting under another credential: enroll from the machine itself (as root, with its state folder), or ask an officer",
};

/** Normalised server base URL; plain http only for loopback or with --allow-http. */
export function checkServerUrl(raw: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--server ${JSON.stringify(raw)} is not a URL (expected e.g. https://muster.example.gov)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
  if (url.protocol === "http:" && !loopback && !allowHttp) {
    throw new UsageError("--server must use https:// (the device secret would travel in clear); pass --allow-http to override");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError("--server must be an https:// URL");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export const enrollCommand: Command = {
  name: "enroll",
  help: `usage: muster-agent enroll --server URL (--token TOKEN | --token-file FILE) [--ca FILE]
                          [--proxy URL] [--state-dir DIR] [--allow-http]
       muster-agent enroll --config FILE [--if-not-enrolled]

Registers this device with the Muster server and stores its credential (readable by its owner
only). Enrolling again replaces the credential: the sequence restarts at 1 and reports still
spooled for the old credential are discarded.

  --server URL      the Muster server, e.g. https://muster.example.gov
  --token TOKEN     the enrollment token from the dashboard
  --token-file FILE read the token from FILE instead, "-" for standard input (keeps it out of
                    the process list)
  --allow-http      accept a plain http:// server that is not on this machine
  --config FILE     read server, token or token_file, ca, proxy, allow_http from FILE
                    (key=value lines, e.g. /etc/muster-agent/enroll.conf); flags win
  --if-not-enrolled do nothing when a credential for this server is already stored
                    (package upgrades and re-runs keep the device's identity)
${COMMON_HELP.net}
                    (--ca and --proxy are remembered for later runs)
${COMMON_HELP.stateDir}`,
  options: {
    ...STATE_OPTIONS,
    ...NET_OPTIONS,
    server: { type: "string" },
    token: { type: "string" },
    "token-file": { type: "string" },
    "allow-http": { type: "boolean" },
    config: { type: "string" },
    "if-not-enrolled": { type: "boolean" },
  },
  async run(args, io) {
    const conf = readConf(str(args, "config"));
    const serverArg = str(args, "server") ?? conf.server;
    if (!serverArg) throw new UsageError("--server URL is required");
    const server = checkServerUrl(serverArg, flag(args, "allow-http") || conf.allowHttp === true);
    if (flag(args, "if-not-enrolled")) {
      const existing = (() => {
        try {
          return readCredential(stateFor(args).credential);
        } catch {
          return null;
        }
      })();
      if (existing && existing.server === server) {
        io.out(`Already enrolled with ${server} as device ${existing.deviceId}: nothing to do.\n`);
        return EXIT.OK;
      }
    }
    let token = str(args, "token") ?? (str(args, "token-file") ? undefined : conf.token);
    const tokenFile = str(args, "token-file") ?? (str(args, "token") ? undefined : conf.tokenFile);
    if (tokenFile) {
      try {
        // "-" is standard input: install scripts pipe the token in, so it is never on a command line.
        token = readFileSync(tokenFile === "-" ? 0 : tokenFile, "utf8").trim();
      } catch (err) {
        throw new UsageError(`cannot read --token-file ${tokenFile}: ${(err as Error).message}`);
      }
    }
    if (!token) throw new UsageError("--token TOKEN (or --token-file FILE) is required");

    const paths = stateFor(args);
    await ensureStateDir(paths.dir);
    const log = logFor(paths, io);
    const caFile = str(args, "ca") ?? conf.ca;
    const proxy = str(args, "proxy") ?? conf.proxy;
    const transport = { extraCa: loadExtraCa(caFile), proxy };

    // The credential this machine already holds proves a re-enrollment is the machine itself.
    const previous = (() => {
      try {
        return readCredential(paths.credential);
      } catch {
        return null;
      }
    })();
    const ctx = collectContext({ values: {}, positionals: [] });
    const body: EnrollRequest = {
      enrollToken: token,
      hostname: getHostname(ctx),
      hardwareId: await getHardwareId(ctx),
      agentVersion: AGENT_VERSION,
      os: getOsInfo(ctx),
      ...(previous?.server === server ? { previous: { deviceId: previous.deviceId, deviceSecret: previous.deviceSecret } } : {}),
    };
    const policy = retryPolicyFromEnv();
    const deadline = Date.now() + policy.budgetMs;
    let res: HttpResponse;
    try {
      res = await withRetry<HttpResponse>(
        async () => {
          try {
            const r = await postEnroll(server, body, transport);
            return { value: r, transient: isTransientStatus(r.status), retryAfterMs: parseRetryAfter(r.headers["retry-after"]) };
          } catch (err) {
            if (err instanceof NetworkError) return { error: err, final: !err.retryable };
            throw err;
          }
        },
        policy,
        deadline,
      );
    } catch (err) {
      if (err instanceof NetworkError) throw new ExitError(`enrollment failed: cannot reach ${server}: ${err.message}`, EXIT.FAILURE);
      throw err;
    }
    const answer = parseJson<EnrollResponse>(res);
    if ((res.status !== 201 && res.status !== 200) || !isEnrollResponse(answer)) {
      const code = errorCode(res);
      const hint = code ? TOKEN_HINTS[code] : undefined;
      log.error(`enrollment with ${server} refused: ${describeError(res)}`);
      throw new ExitError(`enrollment refused by ${server}: ${describeError(res)}${hint ? `\n  ${hint}` : ""}`, EXIT.FAILURE);
    }

    writeCredential(paths.credential, {
      server,
      deviceId: answer.deviceId,
      deviceSecret: answer.deviceSecret,
      enrolledAt: new Date().toISOString(),
      checkinIntervalSeconds: answer.checkinIntervalSeconds,
      ...(caFile ? { caFile } : {}),
      ...(proxy ? { proxy } : {}),
    });
    writeAgentState(paths.state, { seq: 0 });
    const discarded = new Spool(paths.spool).clear();
    if (previous) log.info(`re-enrolled: replaced device ${previous.deviceId} (${previous.server})`);
    if (discarded) log.warn(`discarded ${discarded} spooled report(s) of the previous credential`);
    log.info(`enrolled with ${server} as device ${answer.deviceId}${answer.pending ? " (waiting for an officer)" : ""}`);
    if (answer.pending) {
      log.warn(`enrollment waits for an officer: ${answer.message ?? ""}`);
      io.out(
        `Enrolled with ${server} as device ${answer.deviceId}, waiting for an officer:\n  ${answer.message ?? "the server will accept reports once an officer admits this enrollment."}\nReports are kept until then. Next: \`muster-agent install-service\`.\n`,
      );
      return EXIT.OK;
    }
    io.out(`Enrolled with ${server} as device ${answer.deviceId}.\nNext: \`muster-agent run\` once, then \`muster-agent install-service\` to report every interval.\n`);
    return EXIT.OK;
  },
};
