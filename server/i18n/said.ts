// Something the server says to a person that is stored or sent before anyone reads it (an import's
// outcome, a bad row, why a device is ambiguous): a catalog key with its parameters, so each reader
// sees it in their own language. A parameter may itself be said (a bad row's reason inside the
// import's outcome). Pure: the pages use it with next-intl's translator, the server with English.
export type SaidParam = string | number | Said | Said[];
export type Said = { key: string; params?: Record<string, SaidParam> };

export function said(key: string, params?: Record<string, SaidParam>): Said {
  return params ? { key, params } : { key };
}

export type Translator = (key: string, params?: Record<string, string | number>) => string;

/** The text of `s` through `t`, nested parameters first (a list is joined with "; "). */
export function sayWith(t: Translator, s: Said): string {
  if (!s.params) return t(s.key);
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(s.params)) {
    params[k] = Array.isArray(v) ? v.map((x) => sayWith(t, x)).join("; ") : typeof v === "object" ? sayWith(t, v) : v;
  }
  return t(s.key, params);
}

export function isSaid(v: unknown): v is Said {
  return typeof v === "object" && v !== null && typeof (v as Said).key === "string";
}

/** A stored JSON text of something said, or null (absent, or not one). */
export function parseSaid(json: string | null | undefined): Said | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return isSaid(v) ? v : null;
  } catch {
    return null;
  }
}
