// What the custom server decides about a request before anyone handles it: which forwarded
// headers to believe (only a trusted proxy's), the client's address, HSTS when the deployment is
// served over HTTPS, and, for everything Next serves (the dashboard, tRPC, sign-in, downloads), a
// body size limit and a per-address rate limit. The agent API keeps its own limits (ingest/).
import type { IncomingMessage, ServerResponse } from "node:http";
import { TokenBuckets } from "../ingest/rate-limit";
import { discardBody } from "./discard";

/** Largest request body Next is handed (tRPC inputs and sign-in forms are a few KiB). */
export const DASHBOARD_BODY_BYTES = 1024 * 1024;
export const HSTS = "max-age=31536000; includeSubDomains";
/** What every answer of the front door itself carries (Next's own headers never see these). */
const REFUSAL_HEADERS = {
  "Content-Type": "text/plain; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
};
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];
/** Static build output is not rate-limited: a page load fetches many of these at once. */
const UNLIMITED = /^\/(?:_next\/static\/|favicon\.ico(?:$|\?))/;

type Env = Record<string, string | undefined>;

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * How many reverse proxies in front of Muster append to X-Forwarded-For: MUSTER_TRUST_PROXY=1
 * (one proxy), or a number of hops. 0: forwarded headers come from the client and are ignored.
 */
export function trustedHops(env: Env = process.env): number {
  const n = Number(env.MUSTER_TRUST_PROXY);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : (v ?? ""));
const list = (v: string | string[] | undefined) =>
  first(v)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export type FrontDoor = {
  /** The client's address: the socket's, or the one the trusted proxy appended to X-Forwarded-For. */
  clientIp(req: IncomingMessage): string;
  /** Whether the client reached us over HTTPS (NEXTAUTH_URL is https, or the trusted proxy says so). */
  isHttps(req: IncomingMessage): boolean;
  /** Headers for every response (HSTS over HTTPS); drops forwarded headers nobody vouches for. */
  prepare(req: IncomingMessage, res: ServerResponse): void;
  /** For requests handed to Next: answers 411/413/429 itself and returns true, or returns false. */
  refuse(req: IncomingMessage, res: ServerResponse, ip: string, now?: number): boolean;
  readonly buckets: TokenBuckets;
};

export function createFrontDoor(env: Env = process.env): FrontDoor {
  const hops = trustedHops(env);
  const httpsUrl = /^https:\/\//i.test(env.NEXTAUTH_URL ?? "");
  // Generous per-address budget: an office behind one NAT address loads pages together.
  const buckets = new TokenBuckets(intFrom(env, "MUSTER_HTTP_BURST", 600), intFrom(env, "MUSTER_HTTP_RATE_PER_MIN", 1200));
  let pruned = 0;

  const clientIp = (req: IncomingMessage): string => {
    if (hops > 0) {
      const chain = list(req.headers["x-forwarded-for"]);
      // The trusted proxy appends the address it saw; anything left of it came from the client.
      const ip = chain[Math.max(0, chain.length - hops)];
      if (ip) return ip;
    }
    return req.socket.remoteAddress ?? "unknown";
  };
  const isHttps = (req: IncomingMessage): boolean => {
    if (httpsUrl) return true;
    if (hops === 0) return false;
    return list(req.headers["x-forwarded-proto"]).at(-1)?.toLowerCase() === "https";
  };
  const answer = (res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...REFUSAL_HEADERS, ...extra });
    res.end(`${message}\n`);
  };

  return {
    buckets,
    clientIp,
    isHttps,
    prepare(req, res) {
      if (isHttps(req)) res.setHeader("Strict-Transport-Security", HSTS);
      if (hops === 0) for (const h of FORWARDED) delete req.headers[h];
    },
    refuse(req, res, ip, now = Date.now()) {
      if (now - pruned > 60_000) {
        buckets.prune(now);
        pruned = now;
      }
      if (!UNLIMITED.test(req.url ?? "")) {
        const wait = buckets.take(ip, now);
        if (wait > 0) {
          answer(res, 429, "Too many requests from this address; retry later.", { "Retry-After": String(wait) });
          discardBody(req);
          return true;
        }
      }
      const length = req.headers["content-length"];
      if (length === undefined) {
        if (req.headers["transfer-encoding"] === undefined) return false;
        answer(res, 411, "Send the request body with a Content-Length.");
        discardBody(req);
        return true;
      }
      if (Number(length) > DASHBOARD_BODY_BYTES) {
        answer(res, 413, `The request body is larger than ${DASHBOARD_BODY_BYTES} bytes.`);
        discardBody(req);
        return true;
      }
      return false;
    },
  };
}
