// Signs in over HTTP exactly as the browser does (NextAuth credentials flow) and returns
// the session cookie, for tests that call pages, route handlers and tRPC over the wire.
import http from "node:http";

export type SignInResult = { ok: boolean; status: number; error: string | null; cookie: string };

type Answer = { status: number; cookies: string[]; body: string };

/** One request, through fetch, or through node:http when a source address is chosen. */
async function send(url: string, init: { method?: string; headers: Record<string, string>; body?: string }, agent?: http.Agent): Promise<Answer> {
  if (!agent) {
    const res = await fetch(url, { ...init, redirect: "manual" });
    return { status: res.status, cookies: res.headers.getSetCookie(), body: await res.text() };
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: ([] as string[]).concat(res.headers["set-cookie"] ?? []), body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const pairs = (cookies: string[]) => cookies.map((c) => c.split(";")[0]!);

/** `ip` claims an address in X-Forwarded-For; `agent` picks the real source address (e.g. localAddress 127.0.0.2). */
export async function signInHttp(baseUrl: string, email: string, password: string, ip?: string, agent?: http.Agent): Promise<SignInResult> {
  const headers: Record<string, string> = ip ? { "x-forwarded-for": ip } : {};
  const csrfRes = await send(`${baseUrl}/api/auth/csrf`, { headers }, agent);
  const { csrfToken } = JSON.parse(csrfRes.body) as { csrfToken: string };
  const jar = pairs(csrfRes.cookies);
  const body = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const res = await send(
    `${baseUrl}/api/auth/callback/credentials`,
    { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "content-length": String(Buffer.byteLength(body)) }, body },
    agent,
  );
  let url: string | undefined;
  try {
    url = (JSON.parse(res.body) as { url?: string }).url;
  } catch {
    url = undefined;
  }
  const error = url ? new URL(url).searchParams.get("error") : null;
  return { ok: res.status === 200 && !error, status: res.status, error, cookie: [...jar, ...pairs(res.cookies)].join("; ") };
}
