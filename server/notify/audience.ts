// Who may hear about what. A person hears about an event only when its agency is within their
// scope (an agency officer: their agency's subtree; everyone else: all) and within the agencies
// they chose; deployment-wide events (a national report) only reach those who see everything.
// Waiver requests go to those who may approve them (administrators and officers other than the
// requester). A webhook of an agency carries that agency's subtree only.
import type { Db } from "../db/client";
import type { NotifyEvent, Role, WebhookFormat } from "../db/schema";
import type { Locale } from "../i18n/locales";
import { fromRow, type Preferences } from "./preferences";
import { type AgencyInfo, agenciesByPath } from "./store";
import { activeAccountsWithPreferences } from "./store-preferences";
import { enabledWebhooks } from "./store-webhooks";

export type { AgencyInfo } from "./store";

export type Person = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string;
  /** null: the whole deployment; else the agency ids the person may see. */
  scope: Set<number> | null;
  prefs: Preferences;
  /** The agency ids the person chose to hear about (within scope); null: all they see. */
  chosen: Set<number> | null;
};

export type Channel = { id: number; name: string; agencyId: number | null; format: WebhookFormat; locale: Locale; events: Set<NotifyEvent>; subtree: Set<number> | null };

export type Audience = { agencies: Map<number, AgencyInfo>; people: Person[]; webhooks: Channel[] };

export type EventLike = { kind: NotifyEvent; agencyId: number | null; data: Record<string, unknown> };

/** The ids of an agency and its descendants, from the paths in memory. */
export function subtreeOf(agencies: Map<number, AgencyInfo>, id: number): Set<number> {
  const root = agencies.get(id);
  const out = new Set<number>();
  if (!root) return out;
  for (const a of agencies.values()) if (a.path.startsWith(root.path)) out.add(a.id);
  return out;
}

export function loadAgencies(db: Db): Map<number, AgencyInfo> {
  const rows = agenciesByPath(db);
  return new Map(rows.map((a) => [a.id, a]));
}

export function loadAudience(db: Db): Audience {
  const agencies = loadAgencies(db);
  const users = activeAccountsWithPreferences(db);
  const people = users.map((u): Person => {
    const prefs = fromRow(u.role, u.modes ? u : undefined);
    const scope = u.role !== "agency_officer" ? null : u.agencyId === null ? new Set<number>() : subtreeOf(agencies, u.agencyId);
    let chosen: Set<number> | null = null;
    if (prefs.agencies) {
      chosen = new Set();
      for (const id of prefs.agencies) for (const s of subtreeOf(agencies, id)) if (!scope || scope.has(s)) chosen.add(s);
    }
    return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale, scope, prefs, chosen };
  });
  const hooks = enabledWebhooks(db);
  const webhooks = hooks.map((h) => ({ ...h, events: new Set(JSON.parse(h.events) as NotifyEvent[]), subtree: h.agencyId === null ? null : subtreeOf(agencies, h.agencyId) }));
  return { agencies, people, webhooks };
}

/** The agencies a person's digest covers: their scope narrowed to their choice. */
export function personAgencies(p: Person, agencies: Map<number, AgencyInfo>): Set<number> {
  const out = new Set<number>();
  for (const id of agencies.keys()) if ((!p.scope || p.scope.has(id)) && (!p.chosen || p.chosen.has(id))) out.add(id);
  return out;
}

/** May this person be told about this event at all (scope, choice, role rules)? */
export function mayHear(p: Person, e: EventLike): boolean {
  if (e.agencyId === null) {
    if (p.scope) return false;
  } else {
    if (p.scope && !p.scope.has(e.agencyId)) return false;
    if (p.chosen && !p.chosen.has(e.agencyId)) return false;
  }
  if (e.kind === "waiver.requested") return (p.role === "admin" || p.role === "officer") && e.data.requesterId !== p.id;
  if (e.kind === "report.published") return e.data.publisherId !== p.id;
  return true;
}

export function channelCarries(c: Channel, e: EventLike): boolean {
  if (!c.events.has(e.kind)) return false;
  if (c.subtree === null) return true;
  return e.agencyId !== null && c.subtree.has(e.agencyId);
}
