// Signs in over HTTP exactly as the browser does (NextAuth credentials flow) and returns
// the session cookie, for tests that call pages, route handlers and tRPC over the wire.
export type SignInResult = { ok: boolean; status: number; error: string | null; cookie: string };

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signInHttp(baseUrl: string, email: string, password: string, ip?: string): Promise<SignInResult> {
  const headers: Record<string, string> = ip ? { "x-forwarded-for": ip } : {};
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  return { ok: res.status === 200 && !error, status: res.status, error, cookie: [...jar, ...cookiesOf(res)].join("; ") };
}
