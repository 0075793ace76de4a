// The agent API (wire protocol v1), framework-neutral: a request in, a response out. The custom
// server (server/main.ts) calls it for every /api/agent/ URL through node.ts, bypassing Next; the
// route handlers under app/api/agent/v1/ call it too, for plain `next dev`.
//
//   POST /api/agent/v1/enroll    -> 201 { deviceId, deviceSecret, checkinIntervalSeconds }
//   POST /api/agent/v1/checkin   -> 200 { accepted, duplicate?, nextCheckinSeconds, catalogVersion }
//   GET  /api/agent/v1/catalog   -> 200 catalog JSON with ETag "<version>", or 304
//
// Nothing a client sends can produce a 500: every failure maps to a protocol error, and anything
// unexpected to 503 (retry later) after being logged.
import { promisify } from "node:util";
import { gunzip, gzipSync } from "node:zlib";
import { LIMITS } from "~/agent/shared/protocol";
import { type Actor, recordAudit } from "../audit/log";
import { config } from "../config";
import { effectiveCatalog } from "../catalog/effective";
import { type Db, getDb } from "../db/client";
import { deviceIdOfSecret } from "./device-secret";
import { EnrollRejected, enrollDevice } from "./enroll";
import type { CheckinItem } from "./checkin";
import { getIngestEngine } from "./engine";
import { type AgentReply, errorReply, UNAUTHORIZED, unavailable } from "./replies";
import { collectedAtMs, issueDetails, ZCheckinRequestSchema, ZEnrollRequestSchema } from "./schemas";
import { isStorageError } from "../db/sql";
import { log } from "../ops/log";
import { metrics } from "../ops/metrics";

export const AGENT_API_PREFIX = "/api/agent/v1/";

export type AgentRequest = {
  method: string;
  /** URL path, query string allowed (ignored). */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ip: string;
};
export type AgentResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** For the access log and metrics: the device concerned and the outcome (accepted, duplicate, enrolled or the error code). */
  meta?: AgentOutcome;
};
export type AgentOutcome = { deviceId?: string; outcome?: string };

const gunzipAsync = promisify(gunzip) as (buf: Buffer, opts: { maxOutputLength: number }) => Promise<Buffer>;
const utf8 = new TextDecoder("utf-8", { fatal: true });
/** On every agent API answer: the same basic protections as the dashboard's pages. */
export const BASE_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
};

const header = (h: AgentRequest["headers"], name: string): string | undefined => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

function respond(reply: AgentReply): AgentResponse {
  const body = reply.status === 304 || reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), "utf8");
  return {
    status: reply.status,
    headers: { ...BASE_HEADERS, ...(body.length ? { "Content-Type": "application/json; charset=utf-8" } : {}), ...reply.headers },
    body,
  };
}

class BadInput extends Error {
  constructor(readonly reply: AgentReply) {
    super(String((reply.body as { error?: { message?: string } })?.error?.message));
  }
}

/** The JSON document of a POST body: content type, encoding, size, UTF-8 and syntax checked. */
async function readJson(req: AgentRequest): Promise<unknown> {
  const type = header(req.headers, "content-type") ?? "";
  if (!/^application\/json\s*(?:;|$)/i.test(type)) {
    throw new BadInput(errorReply(415, "unsupported_media_type", "Send the body as Content-Type: application/json"));
  }
  if (req.body.length > LIMITS.bodyBytes) throw new BadInput(errorReply(413, "payload_too_large", `The body is larger than ${LIMITS.bodyBytes} bytes`));
  let raw = req.body;
  const encoding = (header(req.headers, "content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") {
    try {
      raw = await gunzipAsync(req.body, { maxOutputLength: LIMITS.bodyBytes });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
        throw new BadInput(errorReply(413, "payload_too_large", `The decompressed body is larger than ${LIMITS.bodyBytes} bytes`));
      }
      throw new BadInput(errorReply(400, "invalid_body", "The body is not valid gzip"));
    }
  } else if (encoding !== "identity" && encoding !== "") {
    throw new BadInput(errorReply(415, "unsupported_media_type", `Content-Encoding ${encoding} is not supported (use gzip or none)`));
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new BadInput(errorReply(400, "invalid_body", "The body is not valid UTF-8"));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BadInput(errorReply(400, "invalid_body", "The body is not valid JSON"));
  }
}

// ---- catalog -------------------------------------------------------------------------------
// The deployment's catalog (built-in plus local overlay); its ETag is its content version, so it
// changes with every overlay change. The encoded bodies are kept for the version last served.
let catalogBody: { version: string; etag: string; plain: Buffer; gzip: Buffer } | undefined;

function catalog(req: AgentRequest, db: Db): AgentResponse {
  const current = effectiveCatalog(db);
  const etag = `"${current.version}"`;
  const inm = header(req.headers, "if-none-match");
  if (inm?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*")) {
    return { status: 304, headers: { ...BASE_HEADERS, ETag: etag }, body: Buffer.alloc(0) };
  }
  if (catalogBody?.version !== current.version) {
    const plain = Buffer.from(JSON.stringify(current.catalog), "utf8");
    catalogBody = { version: current.version, etag, plain, gzip: gzipSync(plain) };
  }
  const gz = /\bgzip\b/i.test(header(req.headers, "accept-encoding") ?? "");
  const body = req.method === "HEAD" ? Buffer.alloc(0) : gz ? catalogBody.gzip : catalogBody.plain;
  return {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      ETag: etag,
      Vary: "Accept-Encoding",
      ...(gz ? { "Content-Encoding": "gzip" } : {}),
    },
    body,
  };
}

// ---- enroll --------------------------------------------------------------------------------
/** enroll.rejected is audited at most once a minute per address and 60 times a minute overall. */
function auditRejected(db: Db, ip: string, reason: string, attempts: number, now: number) {
  const budget = getIngestEngine(db).enrollAudit;
  const minute = Math.floor(now / 60_000);
  if (budget.minute !== minute) {
    budget.minute = minute;
    budget.count = 0;
    budget.byIp.clear();
  }
  if (budget.byIp.has(ip) || budget.count >= 60) return;
  budget.byIp.add(ip);
  budget.count++;
  const actor: Actor = { userId: null, label: "agent:unenrolled", ip };
  try {
    recordAudit(db, actor, { action: "enroll.rejected", objectType: "enrollment_token", details: { reason, attemptsThisMinute: attempts } }, now);
  } catch (err) {
    if (!isStorageError(err)) throw err;
  }
}

async function enroll(db: Db, req: AgentRequest, now: number, note: AgentOutcome): Promise<AgentReply> {
  const engine = getIngestEngine(db);
  const wait = engine.enrollFailures.blockedFor(req.ip, now);
  if (wait > 0) return errorReply(429, "rate_limited", "Too many failed enrollment attempts from this address; retry later", undefined, wait);
  const parsed = ZEnrollRequestSchema.safeParse(await readJson(req));
  if (!parsed.success) return errorReply(400, "invalid_body", "The enrollment request is not valid", issueDetails(parsed.error));
  try {
    const r = enrollDevice(db, parsed.data, { ip: req.ip, now });
    note.deviceId = r.deviceId;
    const body = { deviceId: r.deviceId, deviceSecret: r.deviceSecret, checkinIntervalSeconds: config.checkinIntervalSeconds };
    return { status: 201, body: r.pending ? { ...body, pending: true, message: r.pending } : body };
  } catch (err) {
    if (!(err instanceof EnrollRejected)) throw err;
    const attempts = engine.enrollFailures.fail(req.ip, now);
    auditRejected(db, req.ip, err.code, attempts, now);
    return errorReply(err.status, err.code, err.message);
  }
}

// ---- check-in ------------------------------------------------------------------------------
export type SubmitCheckin = (item: CheckinItem) => Promise<AgentReply>;

/**
 * Unknown devices and wrong secrets are refused before the body is parsed whenever the secret
 * names its device (device-secret.ts); each refusal counts against the client address, and an
 * address past MUSTER_CHECKIN_FAILURES_PER_MIN gets 429 before any parse. Honest agents never
 * fail and are never counted, whatever their number behind one address.
 */
async function checkin(db: Db, req: AgentRequest, now: number, note: AgentOutcome, submit?: SubmitCheckin): Promise<AgentReply> {
  const engine = getIngestEngine(db);
  const refuse = (): AgentReply => {
    engine.checkinFailures.fail(req.ip, now);
    return UNAUTHORIZED;
  };
  const blocked = () => {
    const wait = engine.checkinFailures.blockedFor(req.ip, now);
    return wait > 0 ? errorReply(429, "rate_limited", "Too many check-ins with an unknown device or a wrong secret from this address; retry later", undefined, wait) : null;
  };
  const auth = header(req.headers, "authorization") ?? "";
  const m = /^Bearer ([\x21-\x7e]{1,256})$/.exec(auth.trim());
  if (!m) return blocked() ?? refuse();
  const secret = m[1]!;
  const named = deviceIdOfSecret(secret);
  if (named ? !(await engine.credentials.authenticates(named, secret)) : blocked()) return blocked() ?? refuse();
  const parsed = ZCheckinRequestSchema.safeParse(await readJson(req));
  if (!parsed.success) return errorReply(400, "invalid_body", "The check-in is not valid", issueDetails(parsed.error));
  if (named && parsed.data.deviceId !== named) return refuse();
  note.deviceId = parsed.data.deviceId;
  const collectedAt = collectedAtMs(parsed.data.collectedAt, now);
  if (typeof collectedAt === "string") return errorReply(400, "invalid_body", collectedAt, { issues: [{ path: "collectedAt", code: "custom", message: collectedAt }] });
  const item = { report: parsed.data, secret, now, collectedAt };
  const reply = await (submit ? submit(item) : engine.submit(item));
  if (reply.status === 401) engine.checkinFailures.fail(req.ip, now);
  return reply;
}

// ---- routing -------------------------------------------------------------------------------
const ROUTES: Record<string, string[]> = { enroll: ["POST"], checkin: ["POST"], catalog: ["GET", "HEAD"] };

export type AgentApiOptions = {
  db?: Db;
  now?: number;
  /** Where validated check-ins go (the writer thread in the server); default: this thread's engine. */
  submit?: SubmitCheckin;
};

export async function handleAgentRequest(req: AgentRequest, opts: AgentApiOptions = {}): Promise<AgentResponse> {
  try {
    const path = req.path.split("?")[0]!.replace(/\/+$/, "");
    const name = path.startsWith(AGENT_API_PREFIX) ? path.slice(AGENT_API_PREFIX.length) : "";
    const methods = ROUTES[name];
    if (!methods || !Object.hasOwn(ROUTES, name)) return respond(errorReply(404, "not_found", `No agent API at ${path || "/"}`));
    if (!methods.includes(req.method)) {
      const r = respond(errorReply(405, "method_not_allowed", `Use ${methods.join(" or ")} for ${path}`));
      r.headers.Allow = methods.join(", ");
      return r;
    }
    const db = opts.db ?? getDb();
    if (name === "catalog") return catalog(req, db);
    const now = opts.now ?? Date.now();
    const note: AgentOutcome = {};
    try {
      return observed(name, note, name === "enroll" ? await enroll(db, req, now, note) : await checkin(db, req, now, note, opts.submit));
    } catch (err) {
      if (err instanceof BadInput) return observed(name, note, err.reply);
      throw err;
    }
  } catch (err) {
    if (!isStorageError(err)) log.error({ err }, "agent API: unexpected error");
    return respond(unavailable());
  }
}

/** Counts the answer in the metrics and names its outcome for the access log. */
function observed(name: string, note: AgentOutcome, reply: AgentReply): AgentResponse {
  const body = reply.body as { duplicate?: boolean; error?: { code?: string } } | undefined;
  const outcome = reply.status < 300 ? (name === "enroll" ? "enrolled" : body?.duplicate ? "duplicate" : "accepted") : (body?.error?.code ?? String(reply.status));
  (name === "enroll" ? metrics().enrollments : metrics().checkins).inc({ outcome });
  return { ...respond(reply), meta: { ...note, outcome } };
}
