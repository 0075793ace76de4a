// A simulated fleet: for each endpoint, what it runs and when its banned software goes
// (or comes back). Pure and deterministic: the same spec gives the same fleet.
import type { CheckinRequest, Platform, SoftwareEntry } from "~/agent/shared/protocol";
import { createRng, type Rng, seedFor } from "./random";
import { COLLECTORS, OS_VERSIONS, type ProductKey, TEMPLATES } from "./templates";

export const NEVER = Number.POSITIVE_INFINITY;

/** How one agency's removal goes. Shares are fractions of that agency's endpoints. */
export type AgencyProfile = {
  code: string;
  endpoints: number;
  /** Share of endpoints with Kaspersky at the start. */
  kaspersky: number;
  /** Share of Kaspersky endpoints cleaned by the last day. */
  removed: number;
  /** Removals happen between these days (fractions of the removal window after the ban). */
  removalFrom: number;
  removalTo: number;
  reinstall: number;
  remnants: number;
  /** Share of Windows Kaspersky endpoints whose Network Agent outlives the protection. */
  keepsAgent: number;
  unprotected: number;
  stale: number;
  never: number;
  waivers: number;
  platforms: readonly (readonly [Platform, number])[];
  replacements: readonly (readonly [ProductKey, number])[];
};

export type FleetSpec = {
  seed: number;
  /** Days of history; the last day is "today". */
  days: number;
  /** Day index on which the ban took effect. */
  banDay: number;
  /** UTC midnight of day 0, in ms. */
  startMs: number;
  agencies: AgencyProfile[];
  /**
   * Sparse history (national-scale seeding): when set, an endpoint reports only on its first and
   * last days, on the days something changes on it, and every `heartbeatDays` days in between
   * (at most MUSTER_STALE_DAYS, so it never looks stale by accident). Unset: every `cadence` days
   * and daily over the last three days, as the demo does.
   */
  heartbeatDays?: number;
};

export type EndpointPlan = {
  key: number;
  agencyCode: string;
  platform: Platform;
  os: { platform: Platform; name: string; version: string; arch: string };
  hostname: string;
  hardwareId: string;
  enrollDay: number;
  /** Last day it reports (NEVER-reported endpoints: -1). */
  lastReportDay: number;
  cadence: number;
  phase: number;
  minuteOfDay: number;
  baseline: ProductKey | null;
  kaspersky: ProductKey | null;
  hasAgent: boolean;
  removalDay: number;
  agentRemovalDay: number;
  remnantsUntil: number;
  reinstallDay: number;
  reRemovalDay: number;
  replacement: ProductKey | null;
  replacementDay: number;
  defenderOff: boolean;
  waiverDay: number;
};

const HOST_PREFIX: Record<Platform, string> = { windows: "WS", darwin: "MAC", linux: "LNX" };

function planEndpoint(spec: FleetSpec, profile: AgencyProfile, key: number, indexInAgency: number): EndpointPlan {
  const rng = createRng(seedFor(spec.seed, key));
  const today = spec.days - 1;
  const platform = rng.weighted(profile.platforms);
  const osChoice = rng.weighted(OS_VERSIONS[platform].map((o) => [o, o.weight] as const));
  const server = osChoice.name.includes("Server");
  const prefix = profile.code.split("-").pop()!.slice(0, 5);
  const hostname = `${prefix}-${server ? "SRV" : HOST_PREFIX[platform]}-${String(indexInAgency + 1).padStart(5, "0")}`.toLowerCase();
  const never = rng.chance(profile.never);
  const stale = !never && rng.chance(profile.stale);
  const enrollDay = rng.chance(0.85) ? rng.int(0, 3) : rng.int(4, Math.max(4, spec.banDay + 20));
  const plan: EndpointPlan = {
    key,
    agencyCode: profile.code,
    platform,
    os: { platform, name: osChoice.name, version: osChoice.version, arch: osChoice.arch },
    hostname,
    hardwareId: rng.hex(32),
    enrollDay,
    lastReportDay: never ? -1 : stale ? today - rng.int(8, 40) : today,
    cadence: rng.int(4, 6),
    phase: rng.int(0, 5),
    minuteOfDay: rng.int(6 * 60, 18 * 60),
    baseline: null,
    kaspersky: null,
    hasAgent: false,
    removalDay: NEVER,
    agentRemovalDay: NEVER,
    remnantsUntil: -1,
    reinstallDay: NEVER,
    reRemovalDay: NEVER,
    replacement: null,
    replacementDay: NEVER,
    defenderOff: false,
    waiverDay: NEVER,
  };
  if (stale && plan.lastReportDay < enrollDay) plan.lastReportDay = enrollDay;
  const replacementFor = () => {
    const candidates = profile.replacements.filter(([p]) => TEMPLATES[platform][p]);
    return candidates.length ? rng.weighted(candidates) : null;
  };

  if (rng.chance(profile.kaspersky)) {
    plan.kaspersky = platform === "windows" && !server && rng.chance(0.04) ? "kis" : "kes";
    plan.hasAgent = platform !== "darwin" && plan.kaspersky === "kes" && rng.chance(0.85);
    plan.defenderOff = platform === "windows";
    const window = today - spec.banDay;
    if (rng.chance(profile.waivers)) {
      plan.waiverDay = spec.banDay + rng.int(5, Math.max(5, window - 5));
    } else if (rng.chance(profile.removed)) {
      const from = spec.banDay + Math.round(window * profile.removalFrom);
      const to = spec.banDay + Math.round(window * profile.removalTo);
      plan.removalDay = rng.int(from, Math.max(from, to));
      plan.agentRemovalDay = plan.hasAgent && rng.chance(profile.keepsAgent) ? NEVER : plan.removalDay + (rng.chance(0.7) ? 0 : rng.int(1, 6));
      if (rng.chance(profile.remnants)) plan.remnantsUntil = rng.chance(0.5) ? NEVER : plan.removalDay + rng.int(3, 15);
      if (rng.chance(profile.unprotected)) {
        plan.defenderOff = true;
      } else {
        plan.replacement = replacementFor();
        plan.replacementDay = plan.removalDay + (rng.chance(0.7) ? 0 : rng.int(1, 5));
        if (plan.replacement === "defender") plan.defenderOff = false;
      }
      if (rng.chance(profile.reinstall) && plan.removalDay < today - 4) {
        plan.reinstallDay = rng.int(plan.removalDay + 2, today - 1);
        if (rng.chance(0.4)) plan.reRemovalDay = rng.int(plan.reinstallDay + 1, today);
      }
    }
  } else {
    plan.baseline = platform === "windows" && rng.chance(0.45) ? "defender" : replacementFor();
    plan.defenderOff = platform === "windows" && rng.chance(profile.unprotected * 0.5);
    if (plan.defenderOff && plan.baseline === "defender") plan.baseline = null;
  }
  return plan;
}

export function planFleet(spec: FleetSpec): EndpointPlan[] {
  const plans: EndpointPlan[] = [];
  for (const profile of spec.agencies) {
    for (let i = 0; i < profile.endpoints; i++) plans.push(planEndpoint(spec, profile, plans.length, i));
  }
  return plans;
}

/** True when the endpoint sends a report on day `d` (`heartbeatDays`: see FleetSpec). */
export function reportsOn(plan: EndpointPlan, d: number, today: number, heartbeatDays?: number): boolean {
  if (d < plan.enrollDay || d > plan.lastReportDay) return false;
  if (heartbeatDays) {
    if (d === plan.enrollDay || d === plan.lastReportDay || (d - plan.enrollDay) % heartbeatDays === 0) return true;
  } else {
    if (d === plan.enrollDay || d >= today - 2) return true;
    if ((d + plan.phase) % plan.cadence === 0) return true;
  }
  return d === plan.removalDay || d === plan.agentRemovalDay || d === plan.remnantsUntil || d === plan.reinstallDay || d === plan.reRemovalDay || d === plan.replacementDay || d === plan.waiverDay;
}

function kasperskyPresent(plan: EndpointPlan, d: number): boolean {
  if (!plan.kaspersky) return false;
  if (d < plan.removalDay) return true;
  return d >= plan.reinstallDay && d < plan.reRemovalDay;
}

/** The software the agent would send on day `d`. */
export function softwareOn(plan: EndpointPlan, d: number): SoftwareEntry[] {
  const t = TEMPLATES[plan.platform];
  const out: SoftwareEntry[] = [];
  const add = (key: ProductKey | null, parts: "all" | "components") => {
    const tpl = key ? t[key] : undefined;
    if (!tpl) return;
    if (parts === "all") out.push(...tpl.product);
    out.push(...tpl.components);
  };
  const kav = kasperskyPresent(plan, d);
  if (kav) add(plan.kaspersky, "all");
  else if (plan.kaspersky && d < plan.remnantsUntil) add(plan.kaspersky, "components");
  if (plan.hasAgent && (kav || d < plan.agentRemovalDay)) add("klnagent", "all");
  if (plan.baseline && plan.baseline !== "defender") add(plan.baseline, "all");
  if (plan.replacement && plan.replacement !== "defender" && d >= plan.replacementDay) add(plan.replacement, "all");
  const otherActive = out.some((e) => e.source === "windows-security-center");
  if (plan.platform === "windows") {
    // Defender is built in: registered in Security Center, on unless another product or a policy switched it off.
    const on = !plan.defenderOff && !otherActive;
    out.push(...t.defender!.product.map((e) => (e.source === "windows-security-center" ? { ...e, state: { enabled: on, upToDate: true } } : e)));
    out.push(...t.defender!.components);
  } else if (plan.baseline === "defender" || (plan.replacement === "defender" && d >= plan.replacementDay)) {
    add("defender", "all");
  }
  if (plan.os.name.startsWith("Red Hat")) {
    return out.map((e) => (e.source === "dpkg" ? { ...e, source: "rpm", version: e.version?.replace(/\+.*$/, "") } : e));
  }
  return out;
}

export type SimulatedReport = Omit<CheckinRequest, "deviceId" | "seq">;

export function reportOn(plan: EndpointPlan, d: number, atMs: number, catalogVersion: string): SimulatedReport {
  const sources = plan.os.name.startsWith("Red Hat") ? COLLECTORS.linux.map((s) => (s === "dpkg" ? "rpm" : s)) : COLLECTORS[plan.platform];
  return {
    collectedAt: new Date(atMs).toISOString(),
    agentVersion: "1.0.0",
    hostname: plan.hostname,
    os: plan.os,
    catalogVersion,
    collectors: sources.map((name) => ({ name, ok: true })),
    software: softwareOn(plan, d),
  };
}

export function makeRng(seed: number): Rng {
  return createRng(seed);
}
