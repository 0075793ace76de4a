// The pseudo-locale (MUSTER_PSEUDO_LOCALE=1, tests only): every message wrapped in ⟦…⟧, so a page
// walk can tell catalog text from text written into the code. The markers are literal text in ICU
// (no braces, quotes, # or <), so placeholders, plurals and rich-text tags inside keep working.
export const PSEUDO_OPEN = "⟦";
export const PSEUDO_CLOSE = "⟧";

type Tree = { [key: string]: string | Tree };

export function pseudoMessages<T extends Tree>(tree: T): T {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = typeof v === "string" ? `${PSEUDO_OPEN}${v}${PSEUDO_CLOSE}` : pseudoMessages(v);
  return out as T;
}
