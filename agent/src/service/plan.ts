// What installing or removing the scheduled service means, as data: files to write, commands to
// run, paths to remove. `--dry-run` prints a plan; otherwise it is applied. One builder per OS.
import type { Platform } from "../../shared/protocol";

export type PlannedFile = { path: string; content: string | Buffer; mode?: number; display?: string };
export type PlannedCommand = { argv: string[]; optional?: boolean };

export type ServicePlan = {
  /** Copy the running agent bundle to this stable path first. */
  installPath?: string;
  files: PlannedFile[];
  commands: PlannedCommand[];
  remove: string[];
};

export type ServiceOptions = {
  platform: Platform;
  /** True for the single executable (no Node needed); false for the JS bundle run by nodePath. */
  sea: boolean;
  nodePath: string;
  stateDir: string;
  intervalSeconds: number;
  splaySeconds: number;
};

export const SERVICE_NAME = "muster-agent";
export const WINDOWS_TASK_NAME = "Muster Agent";
export const LAUNCHD_LABEL = "gov.muster.agent";

/** Where the agent is installed: the JS bundle, or the single executable (where the packages put it too). */
export function installPathFor(platform: Platform, sea = false): string {
  if (platform === "windows") return `${process.env.ProgramFiles ?? "C:\\Program Files"}\\MusterAgent\\muster-agent${sea ? ".exe" : ".js"}`;
  if (platform === "darwin") return sea ? "/usr/local/libexec/muster-agent/muster-agent" : "/usr/local/libexec/muster-agent/muster-agent.js";
  return sea ? "/opt/muster-agent/muster-agent" : "/usr/local/lib/muster-agent/muster-agent.js";
}

/** The command that starts the installed agent: the executable itself, or node and the bundle. */
export function programArgv(o: Pick<ServiceOptions, "sea" | "nodePath">, installPath: string): string[] {
  return o.sea ? [installPath] : [o.nodePath, installPath];
}

export function defaultNodePath(platform: Platform): string {
  if (platform === "windows") return "C:\\Program Files\\nodejs\\node.exe";
  if (platform === "darwin") return "/usr/local/bin/node";
  return "/usr/bin/node";
}

/** "1h", "30m", "90s", "1h30m", "1d" or plain seconds, as seconds. */
export function parseDuration(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const re = /(\d+)\s*([dhms])/g;
  let total = 0;
  let consumed = "";
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * { d: 86400, h: 3600, m: 60, s: 1 }[m[2] as "d" | "h" | "m" | "s"];
    consumed += m[0];
  }
  if (!consumed || consumed.replace(/\s/g, "") !== t.replace(/\s/g, "")) throw new Error(`invalid duration ${JSON.stringify(text)} (use e.g. 1h, 30m, 90s)`);
  return total;
}
