// Text that came from an endpoint (hostnames, OS and software names, versions, identifiers) as it is
// shown to people: in the dashboard, the PDF and the CSV. A hostile endpoint can send characters
// that change how text looks without being seen: bidi overrides and isolates (so "exe.txt" reads
// as "txt.exe", or one machine's name renders as another's), zero-width and other invisible
// characters (two names that look identical but differ), tag characters, and controls. Shown text
// has each run of them replaced by one visible mark; tabs and line breaks become spaces. The
// stored value is never changed: it is the evidence. Pure, so every view uses the same rule.

/** What is removed: C0/C1 controls and DEL (but tab/newline/CR, below), soft hyphen, Arabic letter
 *  mark, Hangul fillers, Mongolian vowel separator, zero-width and directional marks, line and
 *  paragraph separators, bidi embeddings/overrides/isolates, invisible operators, deprecated format
 *  characters, BOM, interlinear annotations, and tag characters (U+E0000-E007F). */
const HIDDEN =
  /(?:[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f])+/g;
const BREAKS = /[\t\n\r]/g;

/** The visible mark shown where hidden characters were removed. */
export const REMOVED_MARK = "\uFFFD";

/** `raw` as it may be shown: hidden characters replaced by REMOVED_MARK (one per run), breaks by spaces. */
export function displayText(raw: string): string {
  return raw.replace(HIDDEN, REMOVED_MARK).replace(BREAKS, " ");
}

/** The code points displayText removes from `raw` ("U+202E"), for a tooltip; [] when none. */
export function hiddenCharacters(raw: string): string[] {
  const out = new Set<string>();
  for (const m of raw.matchAll(HIDDEN)) {
    for (const ch of m[0]) out.add(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...out];
}
