// A small deployment for the notification tests, built through the real services: two ministries
// with agencies (JUS-PRIS with a sub-agency), one account per role plus an agency officer in each
// of two agencies, the vendor-wide Kaspersky ban in force, a real SMTP relay (STARTTLS + AUTH) and
// a real webhook receiver. The worker runs in-process on a test clock.
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { type Actor, SYSTEM_ACTOR } from "~/server/audit/log";
import { type NotifyConfig, notifyConfig } from "~/server/config";
import type { SmtpCatcher, CaughtMail } from "~/server/demo/smtp-catcher";
import { dispatchDue } from "~/server/notify/dispatch";
import { startNotifier } from "~/server/notify/worker";
import { createUser } from "~/server/users/service";
import { type Cert, type Receiver, relayEnv, startReceiver, startRelay, throwawayCert } from "../../support/notify";
import { activate, type Device, DAY, E, enroll, freshDb, makeToken, report, send, T0, type TestDb } from "../ingest/helpers";

export const PUBLIC_URL = "https://muster.notify.test";
export const PEOPLE = {
  admin: { email: "admin@notify.test", name: "Ada Admin", role: "admin", agencyCode: null },
  officer: { email: "officer@notify.test", name: "Otto Officer", role: "officer", agencyCode: null },
  pris: { email: "pris@notify.test", name: "Pia Prisons", role: "agency_officer", agencyCode: "JUS-PRIS" },
  tax: { email: "tax@notify.test", name: "Tom Tax", role: "agency_officer", agencyCode: "FIN-TAX" },
  auditor: { email: "auditor@notify.test", name: "Aud Itor", role: "auditor", agencyCode: null },
} as const;
export type Who = keyof typeof PEOPLE;

export type World = TestDb & {
  relay: SmtpCatcher;
  notifier: ReturnType<typeof startNotifier>;
  receiver: Receiver;
  cert: Cert;
  cfg: NotifyConfig;
  agencies: Record<string, number>;
  users: Record<Who, number>;
  actor: (who: Who) => Actor;
  tokens: Record<string, string>;
  clock: { now: number };
  /** Dispatches due events at the clock's time and delivers everything due; returns new mails. */
  flush: () => Promise<CaughtMail[]>;
  mailsTo: (who: Who, since?: number) => CaughtMail[];
  device: (agency: string, hostname?: string) => Device;
  close: () => Promise<void>;
};

export async function makeWorld(opts: { env?: Record<string, string>; relay?: Parameters<typeof startRelay>[1] } = {}): Promise<World> {
  const cert = throwawayCert();
  const relay = await startRelay(cert, opts.relay);
  const receiver = await startReceiver();
  const env = {
    AUTH_SECRET: "notify-tests-auth-secret-0123456789abcdef",
    NEXTAUTH_URL: PUBLIC_URL,
    ...relayEnv(relay.port, cert),
    MUSTER_NOTIFY_AGGREGATE_SECONDS: "60",
    MUSTER_NOTIFY_RETRY_SECONDS: "1",
    MUSTER_NOTIFY_MAX_TRIES: "3",
    ...opts.env,
  };
  Object.assign(process.env, env);
  const cfg = notifyConfig();
  const t = freshDb();
  const { db } = t;
  for (const [code, name, parentCode, deadline] of [
    ["MIN-JUS", "Ministry of Justice", undefined, null],
    ["JUS-PRIS", "Prison Service", "MIN-JUS", "2026-06-30"],
    ["JUS-PRIS-N", "Prison Service North", "JUS-PRIS", null],
    ["JUS-POL", "National Police", "MIN-JUS", "2026-06-30"],
    ["MIN-FIN", "Ministry of Finance", undefined, null],
    ["FIN-TAX", "Tax Administration", "MIN-FIN", "2026-09-30"],
  ] as const) {
    createAgency(db, SYSTEM_ACTOR, { code, name, parentCode, deadline });
  }
  const agencies = Object.fromEntries((db.$client.prepare("select code, id from agencies").all() as { code: string; id: number }[]).map((a) => [a.code, a.id]));
  const users = {} as Record<Who, number>;
  for (const [who, p] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    users[who] = (await createUser(db, SYSTEM_ACTOR, { ...p, password: "notify-password-123" })).user.id;
  }
  await activate(db, "lt-2017-kaspersky", T0 - DAY);
  const tokens: Record<string, string> = {};
  for (const code of Object.keys(agencies)) tokens[code] = makeToken(db, agencies[code]!, { expiresInMs: 300 * DAY });
  const clock = { now: T0 };
  const notifier = startNotifier(db, { config: () => cfg, timers: false, clock: () => clock.now });
  let hostSeq = 0;
  const w: World = {
    ...t,
    relay,
    notifier,
    receiver,
    cert,
    cfg,
    agencies,
    users,
    actor: (who) => ({ userId: users[who], label: PEOPLE[who].email }),
    tokens,
    clock,
    async flush() {
      const before = relay.mails.length;
      dispatchDue(db, clock.now, cfg);
      await notifier.tick();
      await notifier.idle();
      return relay.mails.slice(before);
    },
    mailsTo: (who, since = 0) => relay.mails.slice(since).filter((m) => m.to.includes(PEOPLE[who].email)),
    device: (agency, hostname) => enroll(db, tokens[agency]!, { hostname: hostname ?? `${agency.toLowerCase()}-${++hostSeq}`, now: clock.now }),
    async close() {
      notifier.stop();
      await relay.close();
      await receiver.close();
      t.close();
      for (const k of Object.keys(env)) delete process.env[k];
    },
  };
  return w;
}

/** Reports Kaspersky Endpoint Security for Linux on the devices (a new finding each). */
export function reportKaspersky(w: World, devices: Device[], now = w.clock.now): void {
  for (const d of devices) expectAccepted(send(w.db, d, { ...report(d, [E.keslPkg(), E.keslUnit()], { collectedAt: now }), hostname: hostnameOf(w, d) }, now));
}

/** Reports the devices clean (Kaspersky verified gone). */
export function reportClean(w: World, devices: Device[], now = w.clock.now): void {
  for (const d of devices) expectAccepted(send(w.db, d, { ...report(d, [E.mdatp()], { collectedAt: now }), hostname: hostnameOf(w, d) }, now));
}

const hostnameOf = (w: World, d: Device) => (w.db.$client.prepare("select hostname from endpoints where id = ?").get(d.endpointId) as { hostname: string }).hostname;

function expectAccepted(r: { status: number; body: unknown }): void {
  if (r.status !== 200) throw new Error(`check-in refused: ${r.status} ${JSON.stringify(r.body)}`);
}

export { ALL, DAY, T0 };
