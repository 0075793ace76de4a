// Conditions that are not one change but a state reached: an agency's status moving to at risk or
// overdue, its stale share rising above the threshold, its deadline 14, 7 or 1 days away while
// endpoints still carry banned software, a waiver expiring within 7 days. Checked by the
// maintenance pass (every minute in the server); the state seen last (notify_agency_watch) and the
// event are written in one transaction. The first sight of an agency only records its state.
import "server-only";
import { ALL } from "../access/scope";
import { config, notifyConfig } from "../config";
import { type Db, inTransaction } from "../db/client";
import { agencyProgress } from "../findings/progress";
import { DAY_MS, dayOf } from "../lib/time";
import { notifyEnabled, recordEvent } from "../notify-events/record";
import { agencyWatchStates, saveAgencyWatch, waiversExpiringBetween } from "./store-watch";

const REMINDER_DAYS = [1, 7, 14] as const;
const WAIVER_NOTICE_MS = 7 * DAY_MS;

export function watchAgencies(db: Db, now = Date.now()): number {
  if (!notifyEnabled()) return 0;
  const threshold = notifyConfig().stalePercent;
  const { rows } = agencyProgress(db, ALL, now);
  const today = dayOf(now);
  return inTransaction(db, () => {
    const seen = new Map(agencyWatchStates(db).map((w) => [w.agencyId, w]));
    let events = 0;
    for (const r of rows) {
      const t = r.totals;
      const staleAbove = t.stale > 0 && t.endpoints > 0 && (t.stale / t.endpoints) * 100 > threshold;
      const before = seen.get(r.id);
      if (before) {
        if (r.status !== before.status && (r.status === "at-risk" || r.status === "overdue")) {
          const data = { status: r.status, from: before.status, open: t.openFindings, deadline: r.deadline, projectedDay: r.projectedDay };
          if (recordEvent(db, { kind: "agency.status", agencyId: r.id, data, onceKey: `status:${r.id}:${r.status}:${today}` }, now)) events++;
        }
        if (staleAbove && !before.staleAbove) {
          const data = { stale: t.stale, endpoints: t.endpoints, share: t.stale / t.endpoints, threshold, days: config.staleDays };
          if (recordEvent(db, { kind: "stale.rising", agencyId: r.id, data, onceKey: `stale:${r.id}:${today}` }, now)) events++;
        }
      }
      if (!before || before.status !== r.status || !!before.staleAbove !== staleAbove) saveAgencyWatch(db, r.id, r.status, staleAbove ? 1 : 0, now);
      if (r.deadline && r.daysLeft !== null && r.daysLeft >= 0 && t.banned > 0) {
        const reminder = REMINDER_DAYS.find((d) => r.daysLeft! <= d);
        if (reminder !== undefined) {
          const data = { days: r.daysLeft, deadline: r.deadline, banned: t.banned };
          if (recordEvent(db, { kind: "deadline.near", agencyId: r.id, data, onceKey: `deadline:${r.id}:${r.deadline}:${reminder}` }, now)) events++;
        }
      }
    }
    const expiring = waiversExpiringBetween(db, now, now + WAIVER_NOTICE_MS);
    for (const w of expiring) {
      if (recordEvent(db, { kind: "waiver.expiring", agencyId: w.agencyId, data: w, onceKey: `waiver-expiring:${w.waiverId}:${w.expiresAt}` }, now)) events++;
    }
    return events;
  });
}
