// HTTP(S) requests on node:http/node:https (Node 20's fetch ignores proxies): CONNECT tunnelling
// through an http proxy for https targets, absolute-URI requests through it for http targets,
// an extra CA bundle on top of the built-in roots, gzip for large bodies, hard timeouts.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Socket } from "node:net";
import tls from "node:tls";
import { gunzipSync, gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { proxyAuthorization, proxyFor, type ProxyEnv } from "./proxy";

export const GZIP_MIN_BYTES = 8 * 1024;
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type TransportOptions = {
  /** Extra trusted CA certificates (PEM), added to Node's built-in roots. */
  extraCa?: string[];
  proxy?: string;
  env?: ProxyEnv;
  timeoutMs?: number;
  userAgent?: string;
};

export type HttpRequest = { method: "GET" | "POST"; url: string; headers?: Record<string, string>; json?: unknown };
export type HttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** The server could not be reached or did not answer (DNS, refused, reset, timeout, TLS, proxy).
 *  `retryable` is false when trying again in the same run cannot help (an untrusted certificate). */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
  }
}

/** PEM certificates from --ca and NODE_EXTRA_CA_CERTS (which Node drops once `ca` is set explicitly). */
export function loadExtraCa(caFile: string | undefined, env: ProxyEnv = process.env): string[] {
  const out: string[] = [];
  for (const [file, label] of [
    [env.NODE_EXTRA_CA_CERTS, "NODE_EXTRA_CA_CERTS"],
    [caFile, "--ca"],
  ] as const) {
    if (!file) continue;
    try {
      out.push(readFileSync(file, "utf8"));
    } catch (err) {
      throw new Error(`cannot read CA bundle ${file} (${label}): ${(err as Error).message}`);
    }
  }
  return out;
}

function connectTunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { host: authority };
    const auth = proxyAuthorization(proxy);
    if (auth) headers["proxy-authorization"] = auth;
    const req = http.request({ host: proxy.hostname.replace(/^\[|\]$/g, ""), port: Number(proxy.port || 80), method: "CONNECT", path: authority, headers, agent: false });
    req.setTimeout(timeoutMs, () => req.destroy(new NetworkError(`proxy ${proxy.host} did not answer CONNECT within ${timeoutMs} ms`)));
    req.on("connect", (res, socket) => {
      if (res.statusCode === 200) {
        req.setTimeout(0);
        resolve(socket);
      } else {
        socket.destroy();
        reject(
          new NetworkError(
            `proxy ${proxy.host} refused CONNECT ${authority}: HTTP ${res.statusCode}${res.statusCode === 407 ? " (proxy authentication required: put credentials in the proxy URL)" : ""}`,
          ),
        );
      }
    });
    req.on("error", (err) => reject(err instanceof NetworkError ? err : new NetworkError(`proxy ${proxy.host}: ${err.message}`)));
    req.end();
  });
}

/** Opens the connection (direct or through the proxy) and sends the request; the caller reads the answer. */
export async function startRequest(req: HttpRequest, opts: TransportOptions = {}): Promise<{ clientReq: http.ClientRequest; url: URL; timeoutMs: number; body?: Buffer }> {
  const url = new URL(req.url);
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-encoding": "gzip",
    "user-agent": opts.userAgent ?? "muster-agent",
    ...lowerKeys(req.headers ?? {}),
  };
  let body: Buffer | undefined;
  if (req.json !== undefined) {
    body = Buffer.from(JSON.stringify(req.json), "utf8");
    headers["content-type"] = "application/json";
    if (body.length >= GZIP_MIN_BYTES) {
      body = gzipSync(body);
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.length);
  }
  const proxy = proxyFor(url, opts.env ?? process.env, opts.proxy);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const ca = opts.extraCa?.length ? [...tls.rootCertificates, ...opts.extraCa] : undefined;
  const path = `${url.pathname}${url.search}`;

  let clientReq: http.ClientRequest;
  if (url.protocol === "https:") {
    const servername = isIP(host) ? undefined : host;
    if (proxy) {
      const socket = await connectTunnel(proxy, host, port, timeoutMs);
      clientReq = https.request({
        host,
        port,
        path,
        method: req.method,
        headers,
        // No agent: ClientRequest then uses createConnection, and the TLS session runs inside the tunnel.
        // The certificate is checked against the server's host, IP addresses included: without an
        // explicit check Node would fall back to the tunnel socket's host, which is the proxy's.
        createConnection: () => tls.connect({ socket, servername, ca, host, checkServerIdentity: (_name, cert) => tls.checkServerIdentity(host, cert) }),
      });
    } else {
      clientReq = https.request({ host, port, path, method: req.method, headers, ca, servername, agent: false });
    }
  } else if (url.protocol === "http:") {
    if (proxy) {
      const auth = proxyAuthorization(proxy);
      clientReq = http.request({
        host: proxy.hostname.replace(/^\[|\]$/g, ""),
        port: Number(proxy.port || 80),
        path: url.href, // absolute URI: the proxy forwards it
        method: req.method,
        headers: { ...headers, host: url.host, ...(auth ? { "proxy-authorization": auth } : {}) },
        agent: false,
      });
    } else {
      clientReq = http.request({ host, port, path, method: req.method, headers, agent: false });
    }
  } else {
    throw new Error(`unsupported URL scheme ${url.protocol} (use https://)`);
  }
  return { clientReq, url, timeoutMs, body };
}

/** Network failures of a request as NetworkError (certificate errors are not worth retrying). */
export function asNetworkError(url: URL, err: Error): NetworkError {
  return err instanceof NetworkError ? err : new NetworkError(`${url.origin}: ${describe(err)}`, !isCertificateError(err));
}

export async function request(req: HttpRequest, opts: TransportOptions = {}): Promise<HttpResponse> {
  const { clientReq, url, timeoutMs, body } = await startRequest(req, opts);
  return new Promise<HttpResponse>((resolve, reject) => {
    clientReq.setTimeout(timeoutMs, () => clientReq.destroy(new NetworkError(`${url.origin} did not answer within ${timeoutMs} ms`)));
    clientReq.on("error", (err) => reject(asNetworkError(url, err)));
    clientReq.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) clientReq.destroy(new NetworkError(`${url.origin}: response larger than ${MAX_RESPONSE_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on("error", (err) => reject(new NetworkError(`${url.origin}: ${describe(err)}`)));
      res.on("end", () => {
        let raw = Buffer.concat(chunks);
        try {
          if (/\bgzip\b/i.test(String(res.headers["content-encoding"] ?? ""))) raw = gunzipSync(raw);
        } catch (err) {
          reject(new NetworkError(`${url.origin}: bad gzip response: ${(err as Error).message}`));
          return;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString("utf8") });
      });
    });
    clientReq.end(body);
  });
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function isCertificateError(err: Error & { code?: string }): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(err.code ?? "");
}

function describe(err: Error & { code?: string }): string {
  const code = err.code ?? "";
  if (isCertificateError(err)) {
    return `TLS certificate not trusted (${code}): pass the issuing CA with --ca FILE or NODE_EXTRA_CA_CERTS`;
  }
  if (code === "ECONNREFUSED") return "connection refused (is the server running and the URL right?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `host not found (${code}): check the server URL and DNS`;
  return err.message || code || String(err);
}
