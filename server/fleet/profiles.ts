// Ready-made fleets: the demo deployment (8 agencies under 3 ministries, 5,000 endpoints,
// removal at different speeds) and the national-scale benchmark (50 agencies, 1,000,000).
import { DAY_MS } from "../lib/time";
import type { AgencyProfile, FleetSpec } from "./plan";

export const DEMO_PROFILE_DEFAULTS: Omit<AgencyProfile, "code" | "endpoints"> = {
  kaspersky: 0.75,
  removed: 0.8,
  removalFrom: 0.05,
  removalTo: 0.95,
  reinstall: 0.02,
  remnants: 0.08,
  keepsAgent: 0.1,
  unprotected: 0.05,
  stale: 0.03,
  never: 0.01,
  waivers: 0.005,
  platforms: [
    ["windows", 78],
    ["darwin", 14],
    ["linux", 8],
  ],
  replacements: [
    ["defender", 5],
    ["crowdstrike", 3],
    ["sentinelone", 2],
    ["eset", 1],
    ["clamav", 1],
  ],
};

const p = (code: string, endpoints: number, over: Partial<AgencyProfile>): AgencyProfile => ({
  ...DEMO_PROFILE_DEFAULTS,
  code,
  endpoints,
  ...over,
});

/** Agencies of the demo with their removal story (see server/demo/seed.ts for names). */
export const DEMO_AGENCY_PROFILES: AgencyProfile[] = [
  // Ahead: almost done well before its deadline.
  p("JUS-POL", 1200, { kaspersky: 0.85, removed: 0.995, removalFrom: 0.02, removalTo: 0.85, remnants: 0.01, keepsAgent: 0, reinstall: 0 }),
  // Behind: started late, far from done, deadline close.
  p("JUS-PRIS", 700, { kaspersky: 0.9, removed: 0.38, removalFrom: 0.35, removalTo: 1, unprotected: 0.12, stale: 0.06 }),
  // Reinstalls: removal undone on a share of machines (a golden image still carried Kaspersky).
  p("JUS-IND", 500, { kaspersky: 0.7, removed: 0.85, reinstall: 0.14, removalFrom: 0.05, removalTo: 0.8 }),
  p("FIN-TAX", 1100, { kaspersky: 0.75, removed: 0.72, removalFrom: 0.1, removalTo: 1, waivers: 0.01 }),
  p("FIN-TRES", 300, { kaspersky: 0.5, removed: 0.95, removalFrom: 0.1, removalTo: 0.95, keepsAgent: 0.02 }),
  // Remnants: uninstalls leave drivers and the Network Agent behind.
  p("INT-ICT", 600, { kaspersky: 0.85, removed: 0.66, remnants: 0.25, keepsAgent: 0.35, removalFrom: 0.15, removalTo: 1 }),
  p("INT-ELEC", 250, { kaspersky: 0.6, removed: 0.55, removalFrom: 0.3, removalTo: 1, stale: 0.08, never: 0.03 }),
  p("INT-SITE-HAG", 350, {
    kaspersky: 0.8,
    removed: 0.8,
    platforms: [
      ["linux", 80],
      ["windows", 20],
    ],
    replacements: [
      ["defender", 3],
      ["crowdstrike", 2],
      ["clamav", 2],
    ],
  }),
];

export const DEMO_HISTORY_DAYS = 90;
/** The ban took effect 60 days before "today". */
export const DEMO_BAN_DAY = DEMO_HISTORY_DAYS - 1 - 60;

export function demoFleetSpec(now: number, seed = 2017): FleetSpec {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return {
    seed,
    days: DEMO_HISTORY_DAYS,
    banDay: DEMO_BAN_DAY,
    startMs: today - (DEMO_HISTORY_DAYS - 1) * DAY_MS,
    agencies: DEMO_AGENCY_PROFILES,
  };
}

/** 50 agencies (5 ministries of 9 agencies, plus the ministries' own staff), `total` endpoints. */
export function nationalFleetSpec(now: number, total = 1_000_000, seed = 1634): FleetSpec {
  const codes: string[] = [];
  for (let m = 1; m <= 5; m++) {
    codes.push(`MIN-${m}`);
    for (let a = 1; a <= 9; a++) codes.push(`MIN-${m}-AG-${a}`);
  }
  const speeds = [0.2, 0.4, 0.6, 0.8, 0.95];
  const agencies = codes.map((code, i) =>
    p(code, Math.floor(total / codes.length) + (i < total % codes.length ? 1 : 0), {
      removed: speeds[i % speeds.length]!,
      removalFrom: (i % 3) * 0.1,
      removalTo: 0.7 + (i % 4) * 0.1,
    }),
  );
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { seed, days: 90, banDay: 29, startMs: today - 89 * DAY_MS, agencies };
}
