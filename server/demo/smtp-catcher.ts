// A local SMTP server that keeps what it receives: the demo's mail catcher (`npm run demo --
// --smtp-catcher`) and the relay the notification tests deliver to. Optionally STARTTLS (with the
// key and certificate given) and AUTH (refused before STARTTLS); a message is recorded when its
// DATA ends, before the 250 reply, so a test can hold the reply back (`delayMs`) and kill the
// sender in between. Uses the `smtp-server` and `mailparser` packages (development dependencies).
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMail = {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  /** STARTTLS was in effect, and who authenticated. */
  secure: boolean;
  user: string | null;
  at: number;
};

export type CatcherOptions = {
  port?: number;
  host?: string;
  tls?: { key: string; cert: string };
  auth?: { user: string; pass: string };
  /** Wait this long (ms) after recording a message before answering 250. */
  delayMs?: number | (() => number);
  /** A 5xx reply text to refuse the message with (after recording nothing), or null to accept. */
  refuse?: (to: string[]) => string | null;
  onMail?: (mail: CaughtMail) => void;
  /** Also keep every message as an .eml file in this folder (the demo's and the e2e tests' mailbox). */
  saveDir?: string;
};

export type SmtpCatcher = { port: number; mails: CaughtMail[]; close: () => Promise<void> };

export async function startSmtpCatcher(opts: CatcherOptions = {}): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  let saved = 0;
  const server = new SMTPServer({
    logger: false,
    banner: "Muster mail catcher",
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : { hideSTARTTLS: true, disabledCommands: ["STARTTLS"] }),
    ...(opts.auth ? { authMethods: ["PLAIN", "LOGIN"], authOptional: false } : { authOptional: true, disabledCommands: opts.tls ? ["AUTH"] : ["STARTTLS", "AUTH"] }),
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const refusal = opts.refuse?.(to) ?? null;
        if (refusal) {
          const err = new Error(refusal) as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        const raw = Buffer.concat(chunks);
        if (opts.saveDir) {
          fs.mkdirSync(opts.saveDir, { recursive: true });
          fs.writeFileSync(path.join(opts.saveDir, `${Date.now()}-${String(++saved).padStart(5, "0")}.eml`), raw);
        }
        simpleParser(raw).then(
          (parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
            const mail: CaughtMail = {
              messageId: parsed.messageId ?? "",
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to,
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : null,
              headers,
              secure: session.secure,
              user: (session.user as string | undefined) ?? null,
              at: Date.now(),
            };
            mails.push(mail);
            opts.onMail?.(mail);
            const delay = typeof opts.delayMs === "function" ? opts.delayMs() : (opts.delayMs ?? 0);
            setTimeout(() => callback(), delay);
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  server.on("error", () => {}); // a client dropping mid-session is not the catcher's failure
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
