// The collectors, and running them: each one that applies runs, a failure is recorded against its
// sources and the run goes on. Sources whose collector does not apply are left out of the report.
import type { CollectorResult, Platform, SoftwareEntry, Source } from "../../shared/protocol";
import { dpkgCollector } from "./dpkg";
import { flatpakCollector } from "./flatpak";
import { linuxPathCollector } from "./linux-path";
import { linuxSystemdCollector } from "./linux-systemd";
import { macosAppsCollector } from "./macos-apps";
import { macosLaunchdCollector } from "./macos-launchd";
import { macosReceiptsCollector } from "./macos-receipts";
import { macosSystemExtensionsCollector } from "./macos-system-extensions";
import { rpmCollector } from "./rpm";
import { snapCollector } from "./snap";
import type { Collector, CollectContext, CollectorOutcome } from "./types";
import { windowsSecurityCenterCollector } from "./windows-security-center";
import { windowsServicesCollector } from "./windows-services";
import { windowsUninstallCollector } from "./windows-uninstall";

export type { CollectContext, Collector } from "./types";

export const COLLECTORS: Collector[] = [
  windowsUninstallCollector,
  windowsSecurityCenterCollector,
  windowsServicesCollector,
  macosAppsCollector,
  macosReceiptsCollector,
  macosSystemExtensionsCollector,
  macosLaunchdCollector,
  dpkgCollector,
  rpmCollector,
  snapCollector,
  flatpakCollector,
  linuxSystemdCollector,
  linuxPathCollector,
];

/** Every source the collectors of a platform can produce. */
export function sourcesFor(platform: Platform): Source[] {
  return COLLECTORS.filter((c) => c.platforms.includes(platform)).flatMap((c) => c.sources);
}

export type Collection = { collectors: CollectorResult[]; entries: SoftwareEntry[] };

/** How long one collector may take before it is reported failed and the run goes on without it. */
export const COLLECTOR_TIMEOUT_MS = 120_000;

/** The collector's outcome, or a failure once `ms` have passed (what it was doing is abandoned). */
function bounded(c: Collector, ctx: CollectContext, ms: number): Promise<CollectorOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CollectorOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ entries: [], error: `${c.sources.join(", ")}: timed out after ${ms / 1000} s` }), ms);
  });
  const work = c.collect(ctx).catch((err: unknown) => ({ entries: [], error: (err as Error).message || String(err) }));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function runCollectors(ctx: CollectContext, collectors: Collector[] = COLLECTORS, timeoutMs = COLLECTOR_TIMEOUT_MS): Promise<Collection> {
  const applicable = collectors.filter((c) => c.platforms.includes(ctx.platform) && safeApplies(c, ctx));
  // Independent collectors run concurrently: the Windows ones each wait on a child process.
  const outcomes = await Promise.all(applicable.map((c) => bounded(c, ctx, timeoutMs)));
  const results: CollectorResult[] = [];
  const entries: SoftwareEntry[] = [];
  applicable.forEach((c, i) => {
    const o = outcomes[i]!;
    for (const name of c.sources) results.push(o.error ? { name, ok: false, error: o.error } : { name, ok: true });
    entries.push(...o.entries);
  });
  return { collectors: results, entries };
}

function safeApplies(c: Collector, ctx: CollectContext): boolean {
  try {
    return c.applies(ctx);
  } catch {
    return false;
  }
}
