// Links that keep the current filters (and drop the keyset cursors when a filter changes).
export type Params = Record<string, string | number | undefined | null>;

export function hrefWith(path: string, params: Params, patch: Params = {}): string {
  const merged: Params = { ...params, ...patch };
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== "") sp.set(k, String(v));
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

/** First value of each search parameter (Next passes string | string[] | undefined). */
export function firstValues(sp: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
