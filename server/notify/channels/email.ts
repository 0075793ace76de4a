// E-mail through the deployment's SMTP relay (nodemailer): STARTTLS required, or TLS from the
// first byte, optional authentication, the relay's CA from a file when it is an internal one.
// The Message-ID is the message's idempotency id, the same on every attempt.
import { EMAIL_NOT_CONFIGURED } from "./not-configured";
import fs from "node:fs";
import nodemailer from "nodemailer";
import type { SmtpConfig } from "../../config";
import type { AttemptResult, OutboxMessage } from "../outbox";

type Transport = ReturnType<typeof nodemailer.createTransport>;
let cached: { key: string; transport: Transport } | null = null;

function transportFor(cfg: SmtpConfig): Transport {
  const key = JSON.stringify(cfg);
  if (cached?.key === key) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport({
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === "tls",
    requireTLS: cfg.security === "starttls",
    ignoreTLS: cfg.security === "none",
    auth: cfg.auth ?? undefined,
    tls: cfg.caFile ? { ca: fs.readFileSync(cfg.caFile, "utf8") } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  cached = { key, transport };
  return transport;
}

/** The domain of the sender address, for Message-IDs. */
function senderDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? "muster.invalid";
}

export function messageIdFor(uid: string, from: string): string {
  return `<${uid}@${senderDomain(from)}>`;
}

/** Relay answers that will not change on a retry: the recipient or the message was refused. */
function permanent(err: { responseCode?: number; code?: string }): boolean {
  return typeof err.responseCode === "number" && err.responseCode >= 500 && err.code !== "EAUTH";
}

export async function sendEmail(cfg: SmtpConfig | null, m: OutboxMessage): Promise<AttemptResult> {
  if (!cfg) return { ok: false, permanent: false, detail: EMAIL_NOT_CONFIGURED };
  const meta = m.meta ? (JSON.parse(m.meta) as { unsubscribe?: string | null }) : {};
  try {
    const info = await transportFor(cfg).sendMail({
      from: cfg.from,
      to: m.recipient,
      subject: m.subject,
      text: m.body,
      html: m.html ?? undefined,
      messageId: messageIdFor(m.uid, cfg.from),
      headers: meta.unsubscribe ? { "List-Unsubscribe": `<${meta.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
    });
    return { ok: true, detail: `SMTP ${String(info.response ?? "accepted").slice(0, 200)}` };
  } catch (err) {
    const e = err as { message?: string; responseCode?: number; code?: string; response?: string };
    const detail = `SMTP ${e.code ?? "error"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${e.response ?? e.message ?? String(err)}`;
    return { ok: false, permanent: permanent(e), detail };
  }
}

export function closeEmail(): void {
  cached?.transport.close();
  cached = null;
}
