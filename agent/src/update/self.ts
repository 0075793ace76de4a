// Which build of the agent is running, and where it lives: the single executable itself, or the
// JS bundle run by an installed Node. Self-update replaces that file and runs it the same way.
import { resolve } from "node:path";
import type { AgentTarget } from "../../shared/protocol";

export type SelfInfo = { target: AgentTarget; file: string; argv: (file: string) => string[] };

export function isSingleExecutable(): boolean {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const sea = getBuiltin?.("node:sea") as { isSea?: () => boolean } | undefined;
  if (sea?.isSea) return sea.isSea();
  // Older Node (no getBuiltinModule): a single executable runs with argv[1] = itself.
  return !!process.argv[1] && resolve(process.argv[1]) === process.execPath;
}

export function selfInfo(): SelfInfo {
  if (isSingleExecutable()) {
    const os = process.platform === "win32" ? "windows" : process.platform === "darwin" ? "darwin" : "linux";
    return { target: `${os}-${process.arch}` as AgentTarget, file: process.execPath, argv: (file) => [file] };
  }
  return { target: "node", file: resolve(process.argv[1] ?? "muster-agent.js"), argv: (file) => [process.execPath, file] };
}
