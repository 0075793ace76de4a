// What the notification tests run against: a real SMTP relay (smtp-server with STARTTLS on a
// throwaway self-signed certificate made by openssl, and AUTH), and a real HTTP receiver that
// checks Standard Webhooks signatures and deduplicates by webhook-id, as a careful receiver does.
import { execFileSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { type CatcherOptions, type SmtpCatcher, startSmtpCatcher } from "~/server/demo/smtp-catcher";
import { tempDir } from "./db";

export type Cert = { key: string; cert: string; certFile: string };

/** A self-signed certificate for 127.0.0.1 / localhost, valid for two days. */
export function throwawayCert(): Cert {
  const dir = tempDir("muster-cert-");
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
    { stdio: "ignore" },
  );
  return { key: fs.readFileSync(keyFile, "utf8"), cert: fs.readFileSync(certFile, "utf8"), certFile };
}

export const SMTP_USER = { user: "muster-relay", pass: "relay-password-0123" };

/** The relay: STARTTLS with `cert`, AUTH required. */
export function startRelay(cert: Cert, opts: Omit<CatcherOptions, "tls" | "auth"> = {}): Promise<SmtpCatcher> {
  return startSmtpCatcher({ ...opts, tls: { key: cert.key, cert: cert.cert }, auth: SMTP_USER });
}

/** Environment for Muster to use that relay. */
export function relayEnv(port: number, cert: Cert): Record<string, string> {
  return {
    MUSTER_SMTP_HOST: "127.0.0.1",
    MUSTER_SMTP_PORT: String(port),
    MUSTER_SMTP_SECURITY: "starttls",
    MUSTER_SMTP_USER: SMTP_USER.user,
    MUSTER_SMTP_PASSWORD: SMTP_USER.pass,
    MUSTER_SMTP_FROM: "Muster <muster@notify.test>",
    MUSTER_SMTP_CA_FILE: cert.certFile,
  };
}

export type Delivery = { id: string; timestamp: number; body: string; json: unknown; path: string; valid: boolean; duplicate: boolean };

export type Receiver = {
  url: string;
  deliveries: Delivery[];
  /** First delivery of each webhook-id with a valid signature: what a deduplicating receiver processes. */
  processed: Map<string, Delivery>;
  setSecret(path: string, secret: string): void;
  close(): Promise<void>;
};

/** Verifies a Standard Webhooks signature header against "id.timestamp.body" (any v1 entry). */
export function verifySignature(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const expected = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest();
  return header.split(" ").some((sig) => {
    const [v, b64] = sig.split(",");
    if (v !== "v1" || !b64) return false;
    const given = Buffer.from(b64, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export async function startReceiver(opts: { delayMs?: () => number; status?: (path: string) => number } = {}): Promise<Receiver> {
  const secrets = new Map<string, string>();
  const deliveries: Delivery[] = [];
  const processed = new Map<string, Delivery>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"] ?? "");
      const ts = String(req.headers["webhook-timestamp"] ?? "");
      const secret = secrets.get(req.url ?? "") ?? "";
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      const valid = Boolean(secret) && fresh && verifySignature(secret, id, ts, body, String(req.headers["webhook-signature"] ?? ""));
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {}
      const d: Delivery = { id, timestamp: Number(ts), body, json, path: req.url ?? "", valid, duplicate: processed.has(id) };
      deliveries.push(d);
      if (valid && !processed.has(id)) processed.set(id, d);
      const status = valid ? (opts.status?.(req.url ?? "") ?? 204) : 401;
      setTimeout(() => res.writeHead(status).end(), opts.delayMs?.() ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    processed,
    setSecret: (p, s) => secrets.set(p, s),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
