// Each person's notification choices: per event, immediately, in the digest, or not at all; which
// agencies (within their scope; an agency includes its sub-agencies); the daily digest and the
// weekly summary; the language. Without a saved choice, the defaults of their role apply. Every
// change is audited, whether made on the settings page or through an unsubscribe link.
import { z } from "zod";
import { assertInScope, type Scope, subtreeIds, type Viewer } from "../access/scope";
import { type Actor, recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { NOTIFY_EVENTS, type NotifyEvent, type Role } from "../db/schema";
import { badRequest, notFound } from "../lib/errors";
import { LOCALES } from "./i18n";
import type { UnsubscribeTarget } from "./secrets";
import { agencyExists, agencyTree, setUserLocale, unsubscribingUser } from "./store";
import { type PreferenceRow, preferenceRow, savePreferenceRow } from "./store-preferences";

export const MODES = ["off", "immediate", "digest"] as const;
export type Mode = (typeof MODES)[number];

export type Preferences = {
  modes: Record<NotifyEvent, Mode>;
  agencies: number[] | null;
  dailyDigest: boolean;
  weeklySummary: boolean;
  lastDailyDay: string | null;
  lastWeeklyDay: string | null;
  saved: boolean;
};

/** Officers hear at once and get a daily digest; auditors (ministers) a weekly summary. */
export function defaultPreferences(role: Role): Preferences {
  const auditor = role === "auditor";
  const modes = Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, auditor ? "digest" : "immediate"])) as Record<NotifyEvent, Mode>;
  return { modes, agencies: null, dailyDigest: !auditor, weeklySummary: auditor, lastDailyDay: null, lastWeeklyDay: null, saved: false };
}

export function fromRow(role: Role, row: PreferenceRow | undefined): Preferences {
  const d = defaultPreferences(role);
  if (!row) return d;
  const saved = JSON.parse(row.modes) as Partial<Record<NotifyEvent, Mode>>;
  for (const e of NOTIFY_EVENTS) if (saved[e] && MODES.includes(saved[e])) d.modes[e] = saved[e];
  return {
    modes: d.modes,
    agencies: row.agencies ? (JSON.parse(row.agencies) as number[]) : null,
    dailyDigest: row.dailyDigest === 1,
    weeklySummary: row.weeklySummary === 1,
    lastDailyDay: row.lastDailyDay,
    lastWeeklyDay: row.lastWeeklyDay,
    saved: true,
  };
}

export function readPreferences(db: Db, userId: number, role: Role): Preferences {
  return fromRow(role, preferenceRow(db, userId));
}

/** Writes the whole preference row (digest bookkeeping included). In the caller's transaction. */
export function writePreferences(db: Db, userId: number, p: Omit<Preferences, "saved">, now: number): void {
  savePreferenceRow(db, userId, preferenceRowOf(p), now);
}

/** Preferences as their row stores them. */
export function preferenceRowOf(p: Omit<Preferences, "saved">): PreferenceRow {
  return {
    modes: JSON.stringify(p.modes),
    agencies: p.agencies ? JSON.stringify(p.agencies) : null,
    dailyDigest: p.dailyDigest ? 1 : 0,
    weeklySummary: p.weeklySummary ? 1 : 0,
    lastDailyDay: p.lastDailyDay,
    lastWeeklyDay: p.lastWeeklyDay,
  };
}

export const ZPreferencesSchema = z.object({
  modes: z.partialRecord(z.enum(NOTIFY_EVENTS), z.enum(MODES)),
  /** Agency ids to hear about; null or empty: every agency in one's scope. */
  agencies: z.array(z.number().int().positive()).max(1000).nullable(),
  dailyDigest: z.boolean(),
  weeklySummary: z.boolean(),
  locale: z.enum(LOCALES as [string, ...string[]]).optional(),
});

/** The signed-in person's own choices (never anyone else's). */
export function updateMyPreferences(db: Db, viewer: Viewer, scope: Scope, actor: Actor, input: z.input<typeof ZPreferencesSchema>, now = Date.now()) {
  const data = ZPreferencesSchema.parse(input);
  const agencies = data.agencies?.length ? [...new Set(data.agencies)].sort((a, b) => a - b) : null;
  for (const id of agencies ?? []) {
    assertInScope(scope, id);
    if (!agencyExists(db, id)) throw badRequest("errors.noAgencyId", { id });
  }
  return inTransaction(db, () => {
    const before = readPreferences(db, viewer.id, viewer.role);
    const next = { ...before, modes: { ...before.modes, ...data.modes }, agencies, dailyDigest: data.dailyDigest, weeklySummary: data.weeklySummary };
    writePreferences(db, viewer.id, next, now);
    if (data.locale) setUserLocale(db, viewer.id, data.locale);
    recordAudit(
      db,
      actor,
      {
        action: "notify.preferences",
        objectType: "user",
        objectId: viewer.id,
        details: { modes: next.modes, agencies, dailyDigest: next.dailyDigest, weeklySummary: next.weeklySummary, locale: data.locale ?? null },
      },
      now,
    );
    return { ...next, saved: true };
  });
}

/** What an unsubscribe link changes: immediate alerts go to the digest, or a digest stops. */
export function applyUnsubscribe(db: Db, userId: number, target: UnsubscribeTarget, ip: string | null, now = Date.now()): { email: string; changed: boolean } {
  return inTransaction(db, () => {
    const u = unsubscribingUser(db, userId);
    if (!u) throw notFound("errors.userNotFound");
    const p = readPreferences(db, userId, u.role);
    const next = { ...p, modes: { ...p.modes } };
    if (target === "alert") for (const e of NOTIFY_EVENTS) if (next.modes[e] === "immediate") next.modes[e] = "digest";
    if (target === "daily") next.dailyDigest = false;
    if (target === "weekly") next.weeklySummary = false;
    const changed = JSON.stringify(next.modes) !== JSON.stringify(p.modes) || next.dailyDigest !== p.dailyDigest || next.weeklySummary !== p.weeklySummary;
    if (changed) {
      writePreferences(db, userId, next, now);
      recordAudit(db, { userId, label: `${u.email} (unsubscribe link)`, ip }, { action: "notify.unsubscribe", objectType: "user", objectId: userId, details: { target } }, now);
    }
    return { email: u.email, changed };
  });
}

/** The agencies a person can pick from: their scope, in tree order. */
export function pickableAgencies(db: Db, viewer: Pick<Viewer, "role" | "agencyId">) {
  const rows = agencyTree(db);
  if (viewer.role !== "agency_officer") return rows;
  const ids = new Set(viewer.agencyId === null ? [] : subtreeIds(db, viewer.agencyId));
  return rows.filter((r) => ids.has(r.id));
}
