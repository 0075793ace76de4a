// `install-service` / `uninstall-service`: schedule `run` every interval with a random splay as a
// systemd timer, a Windows Scheduled Task or a launchd daemon. --dry-run prints instead of doing.
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Platform } from "../../shared/protocol";
import { PLATFORMS } from "../../shared/protocol";
import type { Command, ParsedArgs } from "./common";
import { COMMON_HELP, EXIT, STATE_OPTIONS, UsageError, flag, stateFor, str } from "./common";
import { currentPlatform } from "../host";
import { defaultStateDir } from "../state/state-dir";
import { readCredential } from "../state/credential";
import { defaultNodePath, parseDuration, type ServiceOptions, type ServicePlan } from "../service/plan";
import { linuxInstallPlan, linuxUninstallPlan } from "../service/linux";
import { windowsInstallPlan, windowsUninstallPlan } from "../service/windows";
import { darwinInstallPlan, darwinUninstallPlan } from "../service/darwin";
import { applyPlan, describePlan } from "../service/apply";
import { checkPosixAncestors, checkPosixExecutable, ensureStateDir } from "../state/secure-dir";
import { isSingleExecutable } from "../update/self";

function targetPlatform(args: ParsedArgs): Platform {
  const p = str(args, "platform");
  if (p === undefined) return currentPlatform();
  if (!(PLATFORMS as readonly string[]).includes(p)) throw new UsageError(`--platform must be one of ${PLATFORMS.join(", ")}`);
  if (!flag(args, "dry-run")) throw new UsageError("--platform is only allowed with --dry-run (a service is installed for this OS)");
  return p as Platform;
}

export function serviceOptions(args: ParsedArgs): ServiceOptions {
  const platform = targetPlatform(args);
  let intervalSeconds: number;
  let splaySeconds: number;
  try {
    intervalSeconds = parseDuration(str(args, "interval") ?? "1h");
    splaySeconds = str(args, "splay") !== undefined ? parseDuration(str(args, "splay")!) : Math.min(600, Math.floor(intervalSeconds / 4));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (intervalSeconds < 300) throw new UsageError("--interval must be at least 5m");
  if (splaySeconds >= intervalSeconds) throw new UsageError("--splay must be shorter than --interval");
  const stateDir = str(args, "state-dir") ? stateFor(args).dir : defaultStateDir(platform);
  const sea = isSingleExecutable();
  const nodePath = str(args, "node") ?? (platform === currentPlatform() && !sea ? process.execPath : defaultNodePath(platform));
  return { platform, sea, nodePath, stateDir, intervalSeconds, splaySeconds };
}

/** The running agent file (the single executable, or the bundle), which is copied to the install path. */
function selfPath(dryRun: boolean): string {
  if (isSingleExecutable()) return process.execPath;
  const self = process.argv[1] ?? "";
  if (!/\.(c|m)?js$/.test(self) || !existsSync(self)) {
    if (dryRun) return self || "muster-agent.js";
    throw new UsageError("install-service must be run from the bundled agent file (node muster-agent.js install-service)");
  }
  return self;
}

const isSamePath = (a: string, b: string) => a.replace(/[\\/]+$/, "").toLowerCase() === b.replace(/[\\/]+$/, "").toLowerCase();

const SERVICE_OPTIONS = {
  ...STATE_OPTIONS,
  "dry-run": { type: "boolean" as const },
  platform: { type: "string" as const },
  node: { type: "string" as const },
};

/**
 * Before installing: the state folder (where the Windows task XML is written) exists and only
 * SYSTEM/Administrators or root can write it; on Linux/macOS nobody else can swap the install
 * folder or the node executable the service runs as root.
 */
async function checkTargets(o: ServiceOptions, plan: ServicePlan): Promise<void> {
  await ensureStateDir(o.stateDir, o.platform);
  if (o.platform === "windows") return;
  if (plan.installPath) checkPosixAncestors(dirname(plan.installPath));
  checkPosixExecutable(o.nodePath);
}

async function execute(plan: ServicePlan, args: ParsedArgs, io: Parameters<Command["run"]>[1], done: string, before?: () => Promise<void>): Promise<number> {
  const dryRun = flag(args, "dry-run");
  const self = selfPath(dryRun);
  if (dryRun) {
    io.out(describePlan(plan, self));
    return EXIT.OK;
  }
  await before?.();
  try {
    applyPlan(plan, self);
  } catch (err) {
    const denied = /EACCES|EPERM|Access is denied/i.test((err as Error).message);
    throw new Error(`${(err as Error).message}${denied ? " (run as root / Administrator)" : ""}`);
  }
  io.out(`${done}\n`);
  return EXIT.OK;
}

export const installServiceCommand: Command = {
  name: "install-service",
  help: `usage: muster-agent install-service [--interval 1h] [--splay 10m] [--dry-run] [--state-dir DIR]
                                   [--node PATH] [--platform OS (with --dry-run)]

Copies this agent to a stable path and schedules \`run\` every interval with a random delay:
  Linux    /etc/systemd/system/muster-agent.service + muster-agent.timer (hardened, as root)
  Windows  Scheduled Task "Muster Agent" running as SYSTEM
  macOS    /Library/LaunchDaemons/gov.muster.agent.plist
Enroll first: the service uses the credential in the state folder.

  --interval DUR    time between runs (default 1h, minimum 5m; e.g. 30m, 4h)
  --splay DUR       random delay added to each run (default: a quarter of the interval, at most 10m)
  --node PATH       node executable the service runs (default: this one)
  --dry-run         print the files and commands instead of applying them
${COMMON_HELP.stateDir}`,
  options: { ...SERVICE_OPTIONS, interval: { type: "string" }, splay: { type: "string" } },
  async run(args, io) {
    const o = serviceOptions(args);
    const plan = o.platform === "windows" ? windowsInstallPlan(o) : o.platform === "darwin" ? darwinInstallPlan(o) : linuxInstallPlan(o);
    if (!flag(args, "dry-run") && !readCredential(stateFor(args).credential)) {
      io.err("muster-agent: warning: not enrolled yet; runs will exit 3 until `muster-agent enroll` succeeds\n");
    }
    return execute(plan, args, io, `Installed: the agent runs every ${o.intervalSeconds} s (random delay up to ${o.splaySeconds} s).`, () => checkTargets(o, plan));
  },
};

export const uninstallServiceCommand: Command = {
  name: "uninstall-service",
  help: `usage: muster-agent uninstall-service [--purge] [--dry-run] [--state-dir DIR] [--platform OS (with --dry-run)]

Stops and removes what install-service created. The state folder (credential, spool, log) is
kept unless --purge is given (this device's enrollment is then forgotten).

  --purge           delete the state folder too
  --dry-run         print the commands and paths instead of applying them
${COMMON_HELP.stateDir}`,
  options: { ...SERVICE_OPTIONS, purge: { type: "boolean" } },
  async run(args, io) {
    const platform = targetPlatform(args);
    const stateDir = str(args, "state-dir") ? stateFor(args).dir : defaultStateDir(platform);
    const sea = isSingleExecutable();
    const plan = platform === "windows" ? windowsUninstallPlan({ stateDir, sea }) : platform === "darwin" ? darwinUninstallPlan(sea) : linuxUninstallPlan(sea);
    const purge = flag(args, "purge");
    if (purge) plan.remove.push(stateDir);
    // Windows cannot delete a running executable: the MSI (or the administrator) removes it after.
    if (sea && platform === "windows" && !flag(args, "dry-run")) plan.remove = plan.remove.filter((r) => !isSamePath(r, dirname(process.execPath)));
    return execute(plan, args, io, `Uninstalled the Muster agent service (state folder ${purge ? "deleted" : "kept"}).`);
  },
};
