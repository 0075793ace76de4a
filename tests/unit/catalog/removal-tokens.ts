// What of a removal step must reach its translation unchanged: quoted or backticked text
// (interface labels, arguments), paths, flags, arguments, file names and whole commands.

/** English words joined by a slash in running text: translated, not paths. */
const PROSE_WITH_SLASH = new Set(["deregistration/uninstall", "unregister/allow"]);

const QUOTED = /`([^`]+)`|"([^"]+)"|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])/gu;
const COMMAND = /\b(?:sudo|msiexec|Uninstall-WindowsFeature)\s.*?(?=\s\(|[,;]|\s(?:or|then)\s|\s\/\s|\.?$)/g;

function isCommandWord(w: string): boolean {
  if (w.length < 2 || PROSE_WITH_SLASH.has(w)) return false;
  return /[\\/]/.test(w) || /^--?\w/.test(w) || /[=<>{}*$_]/.test(w) || /\w\.(?:exe|sh|service|app|msi)$/i.test(w);
}

export function commandTokens(step: string): string[] {
  const out = new Set<string>();
  for (const m of step.matchAll(QUOTED)) out.add((m[1] ?? m[2] ?? m[3])!);
  for (const raw of step.split(/\s+/)) {
    const w = raw.replace(/^[("']+/, "").replace(/[)"',;:.]+$/, "");
    if (isCommandWord(w)) out.add(w);
  }
  for (const m of step.matchAll(COMMAND)) out.add(m[0]);
  return [...out];
}
