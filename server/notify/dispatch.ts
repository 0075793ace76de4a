// Fan-out: due events become messages, in one transaction that also stamps them dispatched (so an
// event yields its messages exactly once). Every person gets at most ONE alert per pass with all
// the due events they may hear about and chose to hear at once; every webhook gets one message
// with the events it carries. Counter events (new findings, reinstalls) wait until none arrived
// for MUSTER_NOTIFY_AGGREGATE_SECONDS (at most 10 minutes), and while a re-evaluation is pending
// (at most an hour):
// activating a policy that flags 300,000 endpoints is one message per subscriber.
import type { NotifyConfig } from "../config";
import { dashboardUrl, notifyConfig } from "../config";
import type { Db } from "../db/client";
import { readPending } from "../reevaluation/reevaluate";
import { type Audience, channelCarries, loadAudience, mayHear } from "./audience";
import type { StoredEvent } from "./describe";
import { alertEmail } from "./emails";
import { insertMessage } from "./outbox";
import { webhookBody } from "./payloads";
import { dueEvents, markEventsDispatched } from "./store-events";

/** Counter events are held at most this long, however often they grow (an hour while re-evaluating). */
export const MAX_HOLD_MS = 10 * 60_000;
export const MAX_HOLD_REEVALUATING_MS = 60 * 60_000;

export type DispatchStats = { events: number; emails: number; webhooks: number };

/** Turns due events into messages. Synchronous; one transaction. */
export function dispatchDue(db: Db, now = Date.now(), cfg: NotifyConfig = notifyConfig()): DispatchStats {
  const stats: DispatchStats = { events: 0, emails: 0, webhooks: 0 };
  return db.$client
    .transaction(() => {
      // While a re-evaluation is under way its chunks keep adding to the counters: hold them.
      const reevaluating = readPending(db) !== null;
      const quiet = now - cfg.aggregateMs;
      const held = now - (reevaluating ? MAX_HOLD_REEVALUATING_MS : MAX_HOLD_MS);
      const events = dueEvents(db, held, quiet, reevaluating);
      if (!events.length) return stats;
      const ids = events.map((e) => e.id);
      markEventsDispatched(db, ids, now);
      stats.events = events.length;
      fanOut(db, loadAudience(db), events, now, cfg, stats);
      return stats;
    })
    .immediate();
}

function fanOut(db: Db, audience: Audience, events: StoredEvent[], now: number, cfg: NotifyConfig, stats: DispatchStats): void {
  const base = dashboardUrl();
  if (cfg.smtp) {
    for (const p of audience.people) {
      const mine = events.filter((e) => p.prefs.modes[e.kind] === "immediate" && mayHear(p, e));
      if (!mine.length) continue;
      const mail = alertEmail(p, mine, audience.agencies, base, now);
      insertMessage(
        db,
        {
          channel: "email",
          kind: "alert",
          userId: p.id,
          recipient: p.email,
          subject: mail.subject,
          body: mail.text,
          html: mail.html,
          meta: { unsubscribe: mail.unsubscribe },
          agencyIds: mine.flatMap((e) => (e.agencyId === null ? [] : [e.agencyId])),
        },
        now,
      );
      stats.emails++;
    }
  }
  for (const c of audience.webhooks) {
    const carried = events.filter((e) => channelCarries(c, e));
    if (!carried.length) continue;
    const { subject, body } = webhookBody(c.format, carried, audience.agencies, base, now, c.locale);
    insertMessage(db, { channel: "webhook", kind: "alert", webhookId: c.id, recipient: c.name, subject, body, agencyIds: carried.flatMap((e) => (e.agencyId === null ? [] : [e.agencyId])) }, now);
    stats.webhooks++;
  }
}
