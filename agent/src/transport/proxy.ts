// Which proxy a request goes through: HTTPS_PROXY/https_proxy for https targets,
// HTTP_PROXY/http_proxy for http targets (as curl does), unless NO_PROXY/no_proxy names the host.
// An explicit proxy (--proxy, or the one saved at enrollment) wins over the environment.
import { isIP } from "node:net";

export type ProxyEnv = Record<string, string | undefined>;

function envValue(env: ProxyEnv, name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v?.trim() ? v.trim() : undefined;
}

/** True when NO_PROXY says this host (and port) must be reached directly. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    let entryPort: string | undefined;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ""));
    if (m?.[2] && !isIP(entry.replace(/^\[|\]$/g, ""))) {
      entry = m[1]!;
      entryPort = m[2];
    }
    entry = entry.replace(/^\*?\./, ".").replace(/^\[|\]$/g, "");
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith(".") ? host.endsWith(entry) || host === entry.slice(1) : host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

export function proxyFor(target: URL, env: ProxyEnv, explicit?: string): URL | null {
  if (bypassesProxy(target, envValue(env, "NO_PROXY"))) return null;
  const raw = explicit ?? (target.protocol === "https:" ? envValue(env, "HTTPS_PROXY") : envValue(env, "HTTP_PROXY"));
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new Error(`invalid proxy URL ${JSON.stringify(raw)}: use http://host:port`);
  }
  if (url.protocol !== "http:") throw new Error(`proxy ${url.origin}: only http:// proxies are supported (CONNECT is used for https targets)`);
  return url;
}

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
}
