// Delivery that loses nothing: a relay that is down delays messages (attempts recorded, backoff
// doubling) and loses none; after MUSTER_NOTIFY_MAX_TRIES a message is dead, listed for
// administrators and retryable with the same idempotency id; a permanent refusal is dead at once.
// Webhooks: signed per Standard Webhooks, retried on 5xx, dead on 410, Teams and Slack presets,
// credentials stored sealed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import type { SmtpCatcher } from "~/server/demo/smtp-catcher";
import { dispatchDue } from "~/server/notify/dispatch";
import { listMessages, messageAttempts, retryMessages, sendTestMessage } from "~/server/notify/admin";
import { pruneDeliveredContent } from "~/server/notify/outbox";
import { createWebhook, listWebhooks, updateWebhook } from "~/server/notify/webhooks";
import { publishReport } from "~/server/reports/publish";
import { createUser } from "~/server/users/service";
import { dayOf } from "~/server/lib/time";
import { type Receiver, startReceiver, startRelay } from "../../support/notify";
import { makeWorld, PEOPLE, type World } from "./world";

let w: World;
let relay: SmtpCatcher | null;
const REFUSED = "left-the-agency@notify.test";
const SEC = 1000;
const relayOptions = { refuse: (to: string[]) => (to.includes(REFUSED) ? "5.1.1 No such mailbox here" : null) };

const admin = () => ({ id: w.users.admin, email: PEOPLE.admin.email, name: PEOPLE.admin.name, role: "admin" as const, agencyId: null });
const messages = () =>
  w.db.$client.prepare("select id, uid, channel, recipient, status, tries, next_attempt_at as nextAt, last_error as lastError from notify_messages order by id").all() as {
    id: number;
    uid: string;
    channel: string;
    recipient: string;
    status: string;
    tries: number;
    nextAt: number;
    lastError: string | null;
  }[];
/** Publishes a FIN-TAX report: an event for the admin and the Tax officer (two e-mails). */
const publish = () =>
  publishReport(
    w.db,
    { ...admin(), id: w.users.officer, email: PEOPLE.officer.email, role: "officer" },
    ALL,
    w.actor("officer"),
    { agencyId: w.agencies["FIN-TAX"]!, asOf: dayOf(w.clock.now) },
    w.clock.now,
  );
/** Dispatches due events and runs the worker at the clock's time until nothing is due. */
const run = async () => {
  dispatchDue(w.db, w.clock.now, w.cfg);
  await w.notifier.tick();
  await w.notifier.idle();
};

beforeAll(async () => {
  w = await makeWorld({ env: { MUSTER_DIGEST_HOUR: "23" }, relay: relayOptions });
  relay = w.relay;
}, 60_000);
afterAll(async () => {
  await relay?.close();
  await w?.close();
});

describe("e-mail", () => {
  it("a relay that is down delays messages and loses none; each attempt is recorded", async () => {
    const port = w.relay.port;
    await w.relay.close();
    relay = null;
    publish();
    await run();
    let rows = messages().filter((m) => m.channel === "email");
    expect(rows.map((m) => [m.recipient, m.status, m.tries]).sort()).toEqual([
      [PEOPLE.admin.email, "pending", 1],
      [PEOPLE.tax.email, "pending", 1],
    ]);
    expect(rows[0]!.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    // Backoff: about 1 s (retry base) after the first failure, about 2 s after the second (+-20%).
    const first = rows[0]!.nextAt - w.clock.now;
    expect(first).toBeGreaterThanOrEqual(0.8 * SEC);
    expect(first).toBeLessThanOrEqual(1.2 * SEC);
    w.clock.now += 1.2 * SEC;
    await run();
    rows = messages().filter((m) => m.channel === "email");
    expect(rows.every((m) => m.tries === 2 && m.status === "pending")).toBe(true);
    const second = rows[0]!.nextAt - w.clock.now;
    expect(second).toBeGreaterThanOrEqual(1.6 * SEC);
    expect(second).toBeLessThanOrEqual(2.4 * SEC);
    // The relay comes back: everything is delivered, once.
    relay = await startRelay(w.cert, { ...relayOptions, port });
    w.clock.now += 2.4 * SEC;
    await run();
    expect(
      messages()
        .filter((m) => m.channel === "email")
        .map((m) => m.status),
    ).toEqual(["delivered", "delivered"]);
    expect(relay.mails.map((m) => m.to[0]).sort()).toEqual([PEOPLE.admin.email, PEOPLE.tax.email]);
    const attempts = messageAttempts(w.db, rows[0]!.id);
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "failed", "delivered"]);
  });

  it("is dead after the bounded number of tries, listed for administrators, and retryable with the same id", async () => {
    const port = relay!.port;
    await relay!.close();
    relay = null;
    const before = messages().length;
    publish();
    for (let i = 0; i < 3; i++) {
      await run();
      w.clock.now += 10 * SEC;
    }
    const dead = messages().slice(before);
    expect(dead.map((m) => [m.status, m.tries])).toEqual([
      ["dead", 3],
      ["dead", 3],
    ]);
    expect(
      listMessages(w.db, { status: "dead" })
        .map((m) => m.id)
        .sort(),
    ).toEqual(dead.map((m) => m.id).sort());
    await run();
    expect(
      messages()
        .slice(before)
        .map((m) => m.status),
    ).toEqual(["dead", "dead"]); // no further tries on its own
    relay = await startRelay(w.cert, { ...relayOptions, port });
    expect(retryMessages(w.db, w.actor("admin"), { allDead: true }, w.clock.now)).toEqual({ retried: 2 });
    await run();
    expect(
      messages()
        .slice(before)
        .map((m) => m.status),
    ).toEqual(["delivered", "delivered"]);
    expect(relay.mails.map((m) => m.messageId).sort()).toEqual(dead.map((m) => `<${m.uid}@notify.test>`).sort());
    const audit = w.db.$client.prepare("select actor_user_id as who, details from audit_log where action = 'notify.retry' order by id desc limit 1").get() as { who: number; details: string };
    expect(audit.who).toBe(w.users.admin);
    expect(JSON.parse(audit.details).count).toBe(2);
  });

  it("a permanent refusal (5xx for the recipient) is dead at once, the others go through", async () => {
    const { user } = await createUser(w.db, w.actor("admin"), { email: REFUSED, name: "Former Officer", role: "officer", password: "former-password-123" });
    const before = messages().length;
    publish();
    await run();
    const rows = messages().slice(before);
    expect(rows.find((m) => m.recipient === REFUSED)).toMatchObject({ status: "dead", tries: 1 });
    expect(rows.find((m) => m.recipient === REFUSED)!.lastError).toMatch(/550.*No such mailbox/);
    expect(rows.filter((m) => m.recipient !== REFUSED).every((m) => m.status === "delivered")).toBe(true);
    w.db.$client.prepare("update users set disabled = true where id = ?").run(user.id);
  });

  it("sends a test message to the administrator", async () => {
    const mark = relay!.mails.length;
    sendTestMessage(w.db, admin(), w.actor("admin"), { channel: "email" }, w.clock.now);
    await run();
    const got = relay!.mails.slice(mark);
    expect(got.map((m) => [m.to[0], m.subject])).toEqual([[PEOPLE.admin.email, "Muster test message"]]);
    expect(got[0]!.text).toContain("sent by admin@notify.test to check the e-mail channel");
  });
});

describe("retention", () => {
  it("drops the content of messages delivered 90 days ago; the rows and attempts stay", () => {
    const count = (sql: string) => (w.db.$client.prepare(sql).get() as { n: number }).n;
    const delivered = count("select count(*) as n from notify_messages where status = 'delivered'");
    const attempts = count("select count(*) as n from notify_attempts");
    expect(pruneDeliveredContent(w.db, w.clock.now + 89 * 86_400_000)).toBe(0);
    expect(pruneDeliveredContent(w.db, w.clock.now + 91 * 86_400_000)).toBe(delivered);
    expect(count("select count(*) as n from notify_messages where status = 'delivered' and body = '' and html is null")).toBe(delivered);
    expect(count("select count(*) as n from notify_messages where status <> 'delivered' and body = ''")).toBe(0);
    expect(count("select count(*) as n from notify_attempts")).toBe(attempts);
  });
});

describe("webhooks", () => {
  let rx: Receiver;
  let status = 500;
  beforeAll(async () => {
    rx = await startReceiver({ status: (path) => (path.startsWith("/flaky") ? status : path.startsWith("/gone") ? 410 : 204) });
  });
  afterAll(async () => {
    await rx.close();
  });
  const hook = (name: string, format: "standard" | "teams" | "slack") => {
    const r = createWebhook(w.db, w.actor("admin"), { name, url: `${rx.url}/${name}?key=chat-credential-${name}`, format, agencyId: null, events: ["report.published"] });
    rx.setSecret(`/${name}?key=chat-credential-${name}`, r.secret);
    return r;
  };

  it("signs every attempt (same webhook-id), retries a 5xx, and is dead at once on 410", async () => {
    const flaky = hook("flaky", "standard");
    const gone = hook("gone", "standard");
    publish();
    await run();
    w.clock.now += 2 * SEC;
    status = 204;
    await run();
    const got = rx.deliveries.filter((d) => d.path.startsWith("/flaky"));
    expect(got.map((d) => d.valid)).toEqual([true, true]);
    expect(new Set(got.map((d) => d.id)).size).toBe(1); // the same idempotency id on the retry
    expect(rx.processed.has(got[0]!.id)).toBe(true);
    const payload = got[1]!.json as { type: string; data: { events: { type: string; agency: { code: string }; url: string }[] } };
    expect(payload.type).toBe("muster.alerts");
    expect(payload.data.events[0]).toMatchObject({ type: "report.published", agency: { code: "FIN-TAX" } });
    const rows = w.db.$client.prepare("select webhook_id as hook, status, tries, last_error as err from notify_messages where channel = 'webhook' order by id").all() as {
      hook: number;
      status: string;
      tries: number;
      err: string | null;
    }[];
    expect(rows.find((r) => r.hook === flaky.id)).toMatchObject({ status: "delivered", tries: 2 });
    expect(rows.find((r) => r.hook === gone.id)).toMatchObject({ status: "dead", tries: 1, err: "HTTP 410" });
    for (const id of [flaky.id, gone.id]) updateWebhook(w.db, w.actor("admin"), { id, enabled: false });
  });

  it("Teams (Adaptive Card) and Slack/Mattermost presets", async () => {
    hook("teams", "teams");
    hook("slack", "slack");
    const mark = rx.deliveries.length;
    publish();
    await run();
    const teams = rx.deliveries.slice(mark).find((d) => d.path.startsWith("/teams"))!.json as {
      type: string;
      attachments: { contentType: string; content: { type: string; version: string; body: { type: string; text?: string; items?: { text: string }[] }[] } }[];
    };
    expect(teams.type).toBe("message");
    expect(teams.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0]!.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(JSON.stringify(teams.attachments[0]!.content.body)).toContain("Report published: Status report: Tax Administration (FIN-TAX)");
    const slack = rx.deliveries.slice(mark).find((d) => d.path.startsWith("/slack"))!.json as { text: string };
    expect(slack.text).toMatch(/^Report published: Status report: Tax Administration \(FIN-TAX\)/);
    expect(slack.text).toMatch(/<https:\/\/muster\.notify\.test\/reports\/\d+\|Open in Muster>/);
  });

  it("a Dutch channel gets Dutch Teams and Slack text and Dutch words in the JSON; its machine fields stay; the language is audited", async () => {
    const hookIn = (name: string, format: "standard" | "teams" | "slack", locale: "en" | "nl") => {
      const r = createWebhook(w.db, w.actor("admin"), { name, url: `${rx.url}/${name}`, format, locale, agencyId: null, events: ["report.published"] });
      rx.setSecret(`/${name}`, r.secret);
      return r.id;
    };
    const ids = [hookIn("teams-nl", "teams", "nl"), hookIn("slack-nl", "slack", "nl"), hookIn("json-nl", "standard", "nl"), hookIn("json-en", "standard", "en")];
    expect(() => createWebhook(w.db, w.actor("admin"), { name: "x", url: `${rx.url}/x`, format: "slack", locale: "de" as "nl", agencyId: null, events: ["report.published"] })).toThrow();
    const created = w.db.$client.prepare("select details from audit_log where action = 'notify.webhook.create' and object_id = ?").get(String(ids[0])) as { details: string };
    expect(JSON.parse(created.details)).toMatchObject({ name: "teams-nl", format: "teams", locale: "nl" });
    expect(
      listWebhooks(w.db)
        .filter((h) => ids.includes(h.id))
        .map((h) => h.locale),
    ).toEqual(["nl", "nl", "nl", "en"]);

    const mark = rx.deliveries.length;
    publish();
    await run();
    const got = (name: string) => rx.deliveries.slice(mark).find((d) => d.path === `/${name}`)!;
    const teams = JSON.stringify(got("teams-nl").json);
    expect(teams).toMatch(/"text":"Rapportage gepubliceerd: [^"]*FIN-TAX/);
    expect(teams).toContain('"title":"Openen in Muster"');
    expect(teams).not.toContain("Report published");
    const slack = (got("slack-nl").json as { text: string }).text;
    expect(slack).toMatch(/^Rapportage gepubliceerd: .*\(FIN-TAX\)/);
    expect(slack).toContain("Gepubliceerd door");
    expect(slack).toMatch(/<https:\/\/muster\.notify\.test\/reports\/\d+\|Openen in Muster>/);
    // The signed JSON: the same machine fields and values in both languages; only the words differ.
    type Std = { type: string; data: { subject: string; events: Record<string, unknown>[] } };
    const nl = got("json-nl").json as Std;
    const en = got("json-en").json as Std;
    expect(got("json-nl").valid).toBe(true);
    expect(nl.type).toBe("muster.alerts");
    expect(nl.data.subject).toMatch(/^Rapportage gepubliceerd/);
    expect(en.data.subject).toMatch(/^Report published/);
    const machine = (e: Record<string, unknown>) => ({ ...e, title: undefined, detail: undefined });
    expect(nl.data.events.map(machine)).toEqual(en.data.events.map(machine));
    expect(nl.data.events[0]).toMatchObject({
      type: "report.published",
      agency: { code: "FIN-TAX" },
      title: expect.stringMatching(/^Rapportage gepubliceerd: /),
      detail: expect.stringMatching(/^Gepubliceerd door /),
    });
    expect(en.data.events[0]!.title).toMatch(/^Report published: /);

    // Back to English: audited, and the next message is English.
    updateWebhook(w.db, w.actor("admin"), { id: ids[1]!, locale: "en" });
    const updated = w.db.$client.prepare("select details from audit_log where action = 'notify.webhook.update' order by id desc limit 1").get() as { details: string };
    expect(JSON.parse(updated.details)).toMatchObject({ locale: "en" });
    const again = rx.deliveries.length;
    publish();
    await run();
    expect((rx.deliveries.slice(again).find((d) => d.path === "/slack-nl")!.json as { text: string }).text).toMatch(/^Report published: /);
    for (const id of ids) updateWebhook(w.db, w.actor("admin"), { id, enabled: false });
  });

  it("keeps URLs and secrets sealed: the database has neither, the list shows the host only", async () => {
    const dump = JSON.stringify(w.db.$client.prepare("select * from notify_webhooks").all());
    expect(dump).not.toContain("chat-credential");
    expect(dump).not.toContain("whsec_");
    const listed = JSON.stringify(listWebhooks(w.db));
    expect(listed).not.toContain("chat-credential");
    expect(listWebhooks(w.db).map((h) => h.urlHint)).toContain(`${rx.url}/…`);
    // A changed auth secret: the credentials cannot be read; the message says what to do.
    hook("orphan", "standard");
    const saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-auth-secret-entirely-0123456789";
    try {
      publish();
      await run();
    } finally {
      process.env.AUTH_SECRET = saved;
    }
    const orphan = w.db.$client.prepare("select m.status, m.last_error as err from notify_messages m join notify_webhooks h on h.id = m.webhook_id where h.name = 'orphan'").get() as {
      status: string;
      err: string;
    };
    expect(orphan.status).toBe("dead");
    expect(orphan.err).toMatch(/auth secret changed.*add the webhook again/);
  });
});
