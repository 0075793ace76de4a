// The words pages show for stored values (endpoint states, roles, catalog categories, where
// software was found, what the figures rest on), from the message catalogs in the viewer's
// language. `makeLabels(t)` takes any root translator: `useLabels()` in components,
// `getLabels()` (get-labels.ts) in async server components. The catalog keys are `states.label.*`,
// `states.help.*`, `roles.*`, `categories.*`, `sources.*` and `evidence.*`; server code that needs
// the same words (CSV values) can read those keys from the catalogs.
import { useTranslations } from "next-intl";
import { CATEGORIES, type Category, SOURCES, type Source } from "~/agent/shared/protocol";
import type { EndpointState } from "~/server/db/schema/endpoints";
import { FINDING_STATUSES, type FindingStatus, WAIVER_STATUSES, type WaiverStatus } from "~/server/db/schema/policy";
import type { Role } from "~/server/db/schema/users";
import { EVIDENCE_LABELS } from "~/server/import/labels";

export type RootTranslator = ReturnType<typeof useTranslations<never>>;

const isCategory = (c: string): c is Category => (CATEGORIES as readonly string[]).includes(c);
const isSource = (s: string): s is Source => (SOURCES as readonly string[]).includes(s);
const isWaiverStatus = (s: string): s is WaiverStatus | "expired" => s === "expired" || (WAIVER_STATUSES as readonly string[]).includes(s);
const isFindingStatus = (s: string): s is FindingStatus => (FINDING_STATUSES as readonly string[]).includes(s);
const PRESENCES = ["installed", "remnants", "absent"] as const;
const isPresence = (s: string): s is (typeof PRESENCES)[number] => (PRESENCES as readonly string[]).includes(s);

/** The platforms as their makers name them (the same in every language). */
export const OS_LABELS = { windows: "Windows", darwin: "macOS", linux: "Linux" } as const;

export function makeLabels(t: RootTranslator) {
  return {
    state: (s: EndpointState) => t(`states.label.${s}`),
    stateHelp: (s: EndpointState) => t(`states.help.${s}`),
    role: (r: Role) => t(`roles.${r}`),
    /** A catalog category; an unknown slug (a newer catalog) is shown as it is. */
    category: (c: string) => (isCategory(c) ? t(`categories.${c}`) : c),
    /** Every category, in catalog order, for selects. */
    categories: () => CATEGORIES.map((c) => ({ slug: c, label: t(`categories.${c}`) })),
    /** A waiver's status as shown (pending, approved, ..., expired). */
    waiverStatus: (s: string) => (isWaiverStatus(s) ? t(`waivers.status.${s}`) : s),
    findingStatus: (s: string) => (isFindingStatus(s) ? t(`findings.status.${s}`) : s),
    /** How a banned product is on the endpoint: installed, remnants only, absent. */
    presence: (s: string) => (isPresence(s) ? t(`findings.presence.${s}`) : s),
    /** Where on the endpoint software was found ("Programs and Features"). */
    source: (s: string) => (isSource(s) ? t(`sources.${s}`) : s),
    /** The name of an evidence tool ("Intune"; the agent in the viewer's language). */
    tool: (e: string) => (e === "agent" ? t("evidence.agent") : (EVIDENCE_LABELS[e] ?? e)),
    /** What an endpoint's figures rest on: "Agent", or "Intune inventory". */
    evidence: (e: string) => (e === "agent" ? t("evidence.agent") : t("evidence.inventory", { tool: EVIDENCE_LABELS[e] ?? e })),
  };
}

export type Labels = ReturnType<typeof makeLabels>;

/** The labels in the viewer's language, for client and non-async server components. */
export function useLabels(): Labels {
  return makeLabels(useTranslations());
}
