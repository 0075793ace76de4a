// Where the browser goes after signing in: a path on this origin, nothing else. "//host",
// "/\host" (browsers treat "\" as "/"), schemes, and control characters fall back to "/".

/** A same-origin path for `raw`, or "/". */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw?.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(raw) || raw.startsWith("//")) return "/";
  const base = "http://muster.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** NextAuth's redirect rule: this origin only (absolute URLs on it, or paths). */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (url.startsWith("/")) return `${base.origin}${safeCallbackPath(url)}`;
  try {
    const u = new URL(url);
    if (u.origin === base.origin) return `${base.origin}${safeCallbackPath(`${u.pathname}${u.search}${u.hash}`)}`;
  } catch {
    // not a URL
  }
  return base.origin;
}
