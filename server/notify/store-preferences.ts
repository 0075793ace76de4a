// Data access for each person's notification choices (notify_preferences): one person's row,
// writing it whole, marking a digest's day (conditionally: one digest per person and day across
// nodes), and every active account with its row for fan-out and digests.
import type { Db } from "../db/client";
import type { Role } from "../db/schema";
import { prep } from "../db/sql";

/** A saved row as stored: `modes` and `agencies` are JSON, the two flags 0 or 1. */
export type PreferenceRow = { modes: string; agencies: string | null; dailyDigest: number; weeklySummary: number; lastDailyDay: string | null; lastWeeklyDay: string | null };

const SELECT = `select modes, agencies, daily_digest as dailyDigest, weekly_summary as weeklySummary, last_daily_day as lastDailyDay,
  last_weekly_day as lastWeeklyDay from notify_preferences where user_id = ?`;

/** The person's saved row; undefined: none saved (their role's defaults apply). */
export function preferenceRow(db: Db, userId: number): PreferenceRow | undefined {
  return prep(db, SELECT).get(userId) as PreferenceRow | undefined;
}

/** Writes the whole row (inserted or replaced), updated at `now`. */
export function savePreferenceRow(db: Db, userId: number, row: PreferenceRow, now: number): void {
  prep(
    db,
    `insert into notify_preferences (user_id, modes, agencies, daily_digest, weekly_summary, last_daily_day, last_weekly_day, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (user_id) do update set modes = excluded.modes, agencies = excluded.agencies, daily_digest = excluded.daily_digest,
       weekly_summary = excluded.weekly_summary, last_daily_day = excluded.last_daily_day, last_weekly_day = excluded.last_weekly_day,
       updated_at = excluded.updated_at`,
  ).run(userId, row.modes, row.agencies, row.dailyDigest, row.weeklySummary, row.lastDailyDay, row.lastWeeklyDay, now);
}

/** An active account with its preference columns; those are all null (modes too) when it saved none. */
export type AccountPreferenceRow = { id: number; email: string; name: string; role: Role; agencyId: number | null; locale: string } & PreferenceRow;

/** Every account that is not disabled, by id, with its language (English by default) and saved row. */
export function activeAccountsWithPreferences(db: Db): AccountPreferenceRow[] {
  return prep(
    db,
    `select u.id, u.email, u.name, u.role, u.agency_id as agencyId, coalesce(u.locale, 'en') as locale, p.modes, p.agencies, p.daily_digest as dailyDigest,
       p.weekly_summary as weeklySummary, p.last_daily_day as lastDailyDay, p.last_weekly_day as lastWeeklyDay
     from users u left join notify_preferences p on p.user_id = u.id where u.disabled = false order by u.id`,
  ).all() as AccountPreferenceRow[];
}

/**
 * Marks `today` as the day of the person's last daily digest (or weekly summary), only if no digest
 * of that kind was marked on `today` or later and it is still wanted: the row `row` (with `today`
 * already in it) is inserted when the person has none. True when this call marked it, so its caller
 * writes the digest; false when another node (or connection) already did, or the person turned it
 * off meanwhile. In the digest's transaction.
 */
export function markDigestDay(db: Db, userId: number, kind: "daily" | "weekly", row: PreferenceRow, today: string, now: number): boolean {
  const insert = `insert into notify_preferences (user_id, modes, agencies, daily_digest, weekly_summary, last_daily_day, last_weekly_day, updated_at)
    values (@userId, @modes, @agencies, @dailyDigest, @weeklySummary, @lastDailyDay, @lastWeeklyDay, @now)`;
  const sql =
    kind === "daily"
      ? `${insert} on conflict (user_id) do update set last_daily_day = @today, updated_at = @now
         where coalesce(notify_preferences.last_daily_day, '') < @today and notify_preferences.daily_digest = true`
      : `${insert} on conflict (user_id) do update set last_weekly_day = @today, updated_at = @now
         where coalesce(notify_preferences.last_weekly_day, '') < @today and notify_preferences.weekly_summary = true`;
  return prep(db, sql).run({ ...row, userId, now, today }).changes === 1;
}
