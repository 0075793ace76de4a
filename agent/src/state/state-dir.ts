// The agent's state folder and the files in it. Everything is written atomically.
//   credential.json  server URL, deviceId, deviceSecret (mode 0600)
//   state.json       sequence counter, last report outcome, revoked flag
//   spool/           one file per report not yet accepted, named by seq
//   catalog.json     the catalog last downloaded from the server, with its ETag
//   agent.log        a small rotating log (agent.log.1 is the previous one)
import { join } from "node:path";
import type { Platform } from "../../shared/protocol";

export function defaultStateDir(platform: Platform): string {
  if (platform === "windows") return join(process.env.ProgramData ?? "C:\\ProgramData", "MusterAgent");
  if (platform === "darwin") return "/Library/Application Support/MusterAgent";
  return "/var/lib/muster-agent";
}

export type StatePaths = {
  dir: string;
  credential: string;
  state: string;
  spool: string;
  catalog: string;
  log: string;
  lock: string;
};

export function statePaths(dir: string): StatePaths {
  return {
    dir,
    credential: join(dir, "credential.json"),
    state: join(dir, "state.json"),
    spool: join(dir, "spool"),
    catalog: join(dir, "catalog.json"),
    log: join(dir, "agent.log"),
    lock: join(dir, "run.lock"),
  };
}
