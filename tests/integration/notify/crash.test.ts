// Delivery across crashes: the real server (production build) delivers a few hundred messages to a
// real SMTP relay (STARTTLS + AUTH) and a real webhook receiver, both slow to answer, and is killed
// with SIGKILL three times while deliveries are under way, then restarted on the same database
// (the killed process's sends are taken over once their lease, MUSTER_NOTIFY_LEASE_SECONDS, ran out).
// Afterwards every message is delivered: each e-mail's Message-ID and each webhook-id reached its
// receiver, and the receiver that deduplicates by webhook-id processed each exactly once. A repeat
// is only ever a message whose attempt was under way at a kill (recorded "interrupted"), resent with
// the same id: at-least-once with an idempotency id, exactly once for receivers that deduplicate.
import { afterAll, describe, expect, it } from "vitest";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { closeDb, getDb, migrateDb } from "~/server/db/client";
import { notifyConfig } from "~/server/config";
import type { SmtpCatcher } from "~/server/demo/smtp-catcher";
import { dispatchDue } from "~/server/notify/dispatch";
import { recordEvent } from "~/server/notify-events/record";
import { createWebhook } from "~/server/notify/webhooks";
import { createUser } from "~/server/users/service";
import { tempDir, testDatabase } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { type Receiver, relayEnv, startReceiver, startRelay, throwawayCert } from "../../support/notify";
import { freePort, type RunningServer, startServer } from "../../support/server";
import { sleep, waitFor } from "../reliability/support";

const KILLS = 3;
const PASSES = 30;
const PEOPLE = 5;
const HOOKS = 3;
const AUTH_SECRET = "notify-crash-auth-secret-0123456789abcdef";

describe("delivery across crashes", () => {
  const file = testDatabase(tempDir("muster-notify-crash-"));
  let server: RunningServer | undefined;
  let relay: SmtpCatcher | undefined;
  let receiver: Receiver | undefined;
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await relay?.close();
    await receiver?.close();
  });

  it(`delivers every message, each id at least once and once after deduplication, across ${KILLS} SIGKILLs`, async () => {
    const cert = throwawayCert();
    const jitter = () => 40 + Math.floor(Math.random() * 120);
    relay = await startRelay(cert, { delayMs: jitter });
    receiver = await startReceiver({ delayMs: jitter });
    const env = { AUTH_SECRET, NEXTAUTH_URL: "https://muster.crash.test", ...relayEnv(relay.port, cert), MUSTER_NOTIFY_POLL_MS: "100", MUSTER_NOTIFY_RETRY_SECONDS: "0.5" };
    // A killed server's sends are taken over once their lease runs out: short here (sends take < 0.2 s).
    Object.assign(env, { MUSTER_NOTIFY_LEASE_SECONDS: "2" });
    Object.assign(process.env, env);

    // The outbox, written by this process: PASSES rounds of events, each fanned out to every
    // person (e-mail) and every webhook.
    const db = getDb(file);
    migrateDb(db);
    const agency = createAgency(db, SYSTEM_ACTOR, { code: "CR-NOTIFY", name: "Crash test agency" });
    for (let i = 0; i < PEOPLE; i++) await createUser(db, SYSTEM_ACTOR, { email: `officer${i}@crash.test`, name: `Officer ${i}`, role: "officer", password: "crash-password-123" });
    for (let i = 0; i < HOOKS; i++) {
      const h = createWebhook(db, SYSTEM_ACTOR, { name: `hook${i}`, url: `${receiver.url}/hook${i}`, format: "standard", agencyId: null, events: ["waiver.expiring"] });
      receiver.setSecret(`/hook${i}`, h.secret);
    }
    const cfg = notifyConfig();
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < PASSES; i++) {
      db.$client.transaction(() =>
        recordEvent(db, { kind: "waiver.expiring", agencyId: agency.id, data: { waiverId: i, product: "kaspersky-endpoint-security", hostname: `ws-${i}`, expiresAt: t0 + 5 * 86_400_000 } }, t0 + i),
      )();
      dispatchDue(db, t0 + i, cfg);
    }
    const queued = db.$client.prepare("select uid from notify_messages").all() as { uid: string }[];
    closeDb(file);
    expect(queued).toHaveLength(PASSES * (PEOPLE + HOOKS));
    const received = () => relay!.mails.length + receiver!.deliveries.length;

    const port = await freePort();
    server = await startServer({ databasePath: file, port, env });
    for (let k = 0; k < KILLS; k++) {
      const target = received() + 35;
      await waitFor("deliveries to flow", () => received() >= target, 60_000);
      await sleep(Math.floor(Math.random() * 40));
      server.proc.kill("SIGKILL");
      await new Promise<void>((resolve) => (server!.proc.exitCode !== null || server!.proc.signalCode !== null ? resolve() : server!.proc.once("exit", () => resolve())));
      server = await startServer({ databasePath: file, port, env });
    }
    const watch = secondConnection(file).$client;
    const undelivered = () => (watch.prepare("select count(*) as n from notify_messages where status <> 'delivered'").get() as { n: number }).n;
    try {
      await waitFor("every message to be delivered", () => undelivered() === 0, 120_000);
    } finally {
      await server.stop("SIGTERM");
      server = undefined;
    }
    const attempts = watch.prepare("select m.uid, a.outcome from notify_attempts a join notify_messages m on m.id = a.message_id").all() as { uid: string; outcome: string }[];
    const dead = watch.prepare("select count(*) as n from notify_messages where status = 'dead'").get() as { n: number };
    // Everything in the outbox at the end: the messages queued above, and whatever the server wrote
    // itself meanwhile (daily digests, once their hour has come).
    const expected = watch.prepare("select uid, channel from notify_messages").all() as { uid: string; channel: string }[];
    watch.close();
    expect(expected.map((m) => m.uid)).toEqual(expect.arrayContaining(queued.map((m) => m.uid)));

    const interrupted = new Set(attempts.filter((a) => a.outcome === "interrupted").map((a) => a.uid));
    const deliveredOnce = new Map<string, number>();
    for (const a of attempts) if (a.outcome === "delivered") deliveredOnce.set(a.uid, (deliveredOnce.get(a.uid) ?? 0) + 1);
    const emailUids = expected
      .filter((m) => m.channel === "email")
      .map((m) => m.uid)
      .sort();
    const hookUids = expected
      .filter((m) => m.channel === "webhook")
      .map((m) => m.uid)
      .sort();

    // Every message: one successful attempt recorded, nothing dead.
    expect(dead.n).toBe(0);
    expect([...deliveredOnce.values()].every((n) => n === 1)).toBe(true);
    expect(deliveredOnce.size).toBe(expected.length);
    // E-mail: every Message-ID arrived; a repeat only for a message interrupted by a kill.
    const mailIds = relay.mails.map((m) => /^<(msg_[^@]+)@/.exec(m.messageId)?.[1] ?? m.messageId);
    expect([...new Set(mailIds)].sort()).toEqual(emailUids);
    expect(relay.mails.every((m) => m.secure && m.user === "muster-relay")).toBe(true);
    const mailRepeats = repeats(mailIds);
    // Webhooks: every id processed exactly once by the deduplicating receiver, every signature valid.
    expect([...receiver.processed.keys()].sort()).toEqual(hookUids);
    expect(receiver.deliveries.every((d) => d.valid)).toBe(true);
    const hookRepeats = repeats(receiver.deliveries.map((d) => d.id));
    for (const uid of [...mailRepeats, ...hookRepeats]) expect(interrupted.has(uid), `${uid} repeated without an interrupted attempt`).toBe(true);
    expect(interrupted.size).toBeGreaterThan(0); // the kills did land during deliveries
    console.log(
      `notify crash: ${KILLS} SIGKILLs during delivery; ${expected.length} messages (${emailUids.length} e-mails, ${hookUids.length} webhooks) all delivered; ` +
        `${interrupted.size} attempts interrupted and resent with the same id; repeats seen by the relay ${mailRepeats.length}, by the webhook receiver ${hookRepeats.length} ` +
        `(deduplicated by id: ${receiver.processed.size} processed, each once)`,
    );
  }, 300_000);
});

function repeats(ids: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) out.push(id);
    seen.add(id);
  }
  return out;
}
