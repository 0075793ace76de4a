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
import { prep } from "../db/sql";
import { DAY_MS, dayOf } from "../lib/time";
import { notifyEnabled, recordEvent } from "./record";

const REMINDER_DAYS = [1, 7, 14] as const;
const WAIVER_NOTICE_MS = 7 * DAY_MS;

type Watched = { agencyId: number; status: string; staleAbove: number };

export function watchAgencies(db: Db, now = Date.now()): number {
  if (!notifyEnabled()) return 0;
  const threshold = notifyConfig().stalePercent;
  const { rows } = agencyProgress(db, ALL, now);
  const today = dayOf(now);
  return inTransaction(db, () => {
    const seen = new Map((prep(db, "select agency_id as agencyId, status, stale_above as staleAbove from notify_agency_watch").all() as Watched[]).map((w) => [w.agencyId, w]));
    const upsert = prep(
      db,
      `insert into notify_agency_watch (agency_id, status, stale_above, updated_at) values (?, ?, ?, ?)
       on conflict (agency_id) do update set status = excluded.status, stale_above = excluded.stale_above, updated_at = excluded.updated_at`,
    );
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
      if (!before || before.status !== r.status || !!before.staleAbove !== staleAbove) upsert.run(r.id, r.status, staleAbove ? 1 : 0, now);
      if (r.deadline && r.daysLeft !== null && r.daysLeft >= 0 && t.banned > 0) {
        const reminder = REMINDER_DAYS.find((d) => r.daysLeft! <= d);
        if (reminder !== undefined) {
          const data = { days: r.daysLeft, deadline: r.deadline, banned: t.banned };
          if (recordEvent(db, { kind: "deadline.near", agencyId: r.id, data, onceKey: `deadline:${r.id}:${r.deadline}:${reminder}` }, now)) events++;
        }
      }
    }
    const expiring = prep(
      db,
      `select w.id as waiverId, w.agency_id as agencyId, w.expires_at as expiresAt, f.product, e.hostname, e.device_id as deviceId
       from waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id
       where w.status = 'approved' and w.expires_at > ? and w.expires_at <= ?`,
    ).all(now, now + WAIVER_NOTICE_MS) as { waiverId: number; agencyId: number; expiresAt: number }[];
    for (const w of expiring) {
      if (recordEvent(db, { kind: "waiver.expiring", agencyId: w.agencyId, data: w, onceKey: `waiver-expiring:${w.waiverId}:${w.expiresAt}` }, now)) events++;
    }
    return events;
  });
}
