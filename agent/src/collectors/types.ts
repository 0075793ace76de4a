// What every collector looks like: a thin runner around a pure parser. A collector names the
// sources it produces; one that does not apply here (no rpm binary, no snapd, not this OS) is
// left out of the report, one that fails is reported failed and the run goes on.
import type { Platform, SoftwareEntry, Source } from "../../shared/protocol";
import type { ExecFn } from "../lib/exec";

export type CollectContext = {
  platform: Platform;
  /** Folder that file collectors read below: "/" on a live system, or --root. */
  root: string;
  /** True without --root: commands (reg, powershell, rpm, snap, flatpak) may run. */
  live: boolean;
  exec: ExecFn;
  /** Absolute path of an executable, or null when it is not installed. */
  which: (name: string) => string | null;
};

export type CollectorOutcome = {
  entries: SoftwareEntry[];
  /** Set when part of the collection failed: the entries found are still sent, the source is marked failed. */
  error?: string;
};

export type Collector = {
  sources: Source[];
  platforms: Platform[];
  /** False when the collector does not apply on this machine or root. */
  applies(ctx: CollectContext): boolean;
  collect(ctx: CollectContext): Promise<CollectorOutcome>;
};
