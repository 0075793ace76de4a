// Daily digests and Monday's weekly summaries, written to the outbox once the UTC hour
// MUSTER_DIGEST_HOUR has come: one per person and day at most, sent also when nothing changed.
// Which people are due is read first, but what decides is marking the day sent: a conditional
// update (no digest of that kind on this day yet) in the digest's own transaction, before its
// message is written. So several nodes (or connections) writing digests at once write each one once.
import "server-only";
import { ALL } from "../access/scope";
import { dashboardUrl, type NotifyConfig, notifyConfig } from "../config";
import type { Db } from "../db/client";
import { flowsByAgency } from "../findings/history";
import { agencyProgress, type ProgressRow } from "../findings/progress";
import { dayOf, parseDay } from "../lib/time";
import { loadAudience, mayHear, type Person, personAgencies } from "./audience";
import { type DigestKind, digestEmail, digestPeriod, periodBounds } from "./digest";
import { eventsBetween } from "./store-events";
import { insertMessage } from "./outbox";
import { preferenceRowOf } from "./preferences";
import { markDigestDay } from "./store-preferences";

export type DigestStats = { daily: number; weekly: number };

function due(p: Person, kind: DigestKind, today: string, monday: boolean): boolean {
  if (kind === "daily") return p.prefs.dailyDigest && (p.prefs.lastDailyDay ?? "") < today;
  return monday && p.prefs.weeklySummary && (p.prefs.lastWeeklyDay ?? "") < today;
}

export function writeDigests(db: Db, now = Date.now(), cfg: NotifyConfig = notifyConfig()): DigestStats {
  const stats: DigestStats = { daily: 0, weekly: 0 };
  if (!cfg.smtp) return stats;
  const today = dayOf(now);
  if (now - parseDay(today) < cfg.digestHour * 3_600_000) return stats;
  const monday = new Date(now).getUTCDay() === 1;
  const audience = loadAudience(db);
  const todo = audience.people.flatMap((p) => (["daily", "weekly"] as const).filter((k) => due(p, k, today, monday)).map((k) => ({ p, k })));
  if (!todo.length) return stats;
  const progress: ProgressRow[] = agencyProgress(db, ALL, now).rows;
  const base = dashboardUrl();
  for (const { p, k } of todo) {
    const covered = personAgencies(p, audience.agencies);
    if (!covered.size) continue; // an account without any agency to see: nothing to digest
    const period = digestPeriod(k, today, k === "daily" ? p.prefs.lastDailyDay : p.prefs.lastWeeklyDay);
    const { fromMs, toMs } = periodBounds(period);
    const prefs = k === "daily" ? { ...p.prefs, lastDailyDay: today } : { ...p.prefs, lastWeeklyDay: today };
    db.$client
      .transaction(() => {
        // Another node may have written this digest since `todo` was read: only the one that marks the day writes it.
        if (!markDigestDay(db, p.id, k, preferenceRowOf(prefs), today, now)) return;
        const flows = flowsByAgency(db, [...covered], period.from, period.to);
        const events = eventsBetween(db, fromMs, toMs).filter((e) => p.prefs.modes[e.kind] !== "off" && mayHear(p, e));
        const mail = digestEmail({ kind: k, person: p, covered, ...period, progress, flows, events, agencies: audience.agencies, base, now });
        insertMessage(
          db,
          { channel: "email", kind: k, userId: p.id, recipient: p.email, subject: mail.subject, body: mail.text, html: mail.html, meta: { unsubscribe: mail.unsubscribe }, agencyIds: [...covered] },
          now,
        );
        p.prefs = prefs;
        stats[k]++;
      })
      .immediate();
  }
  return stats;
}
