// The one way notification texts are written: message ids looked up in a catalog per locale
// (messages/en.ts, messages/nl.ts; a locale without a catalog falls back to English),
// with ICU MessageFormat placeholders: {name}, {n, number}, {n, plural, one {# x} other {# xs}} and
// {s, select, a {..} other {..}}. The subset next-intl also reads, so the catalogs can move there.
import { EN, type MessageId } from "./messages/en";
import { NL } from "./messages/nl";

export type Locale = string;
export type Params = Record<string, string | number | null | undefined>;

const CATALOGS: Record<string, Partial<Record<MessageId, string>>> = { en: EN, nl: NL };

export const LOCALES = Object.keys(CATALOGS);
export const DEFAULT_LOCALE = "en";

/** A catalog's locale for `locale` ("nl-BE" -> "nl"), else English. */
export function supportedLocale(locale: string | null | undefined): Locale {
  if (!locale) return DEFAULT_LOCALE;
  if (CATALOGS[locale]) return locale;
  const base = locale.split("-")[0]!;
  return CATALOGS[base] ? base : DEFAULT_LOCALE;
}

type Node = string | { arg: string; type: "plain" | "number" } | { arg: string; type: "plural" | "select"; options: Map<string, Node[]> };

const parsed = new Map<string, Node[]>();

/** Parses the ICU subset above; throws on unbalanced braces (the catalog test runs every id). */
export function parseMessage(text: string): Node[] {
  let pos = 0;
  const parseNodes = (inPlural: boolean): Node[] => {
    const out: Node[] = [];
    let lit = "";
    while (pos < text.length) {
      const c = text[pos]!;
      if (c === "}") break;
      if (c === "{") {
        if (lit) out.push(lit);
        lit = "";
        pos++;
        out.push(parseArg());
        continue;
      }
      if (c === "#" && inPlural) {
        if (lit) out.push(lit);
        lit = "";
        out.push({ arg: "#", type: "number" });
        pos++;
        continue;
      }
      lit += c;
      pos++;
    }
    if (lit) out.push(lit);
    return out;
  };
  const parseArg = (): Node => {
    const close = text.indexOf("}", pos);
    const comma = text.indexOf(",", pos);
    if (close < 0) throw new Error(`Unclosed placeholder in "${text}"`);
    if (comma < 0 || comma > close) {
      const arg = text.slice(pos, close).trim();
      pos = close + 1;
      return { arg, type: "plain" };
    }
    const arg = text.slice(pos, comma).trim();
    pos = comma + 1;
    const next = text.indexOf(",", pos);
    const end = text.indexOf("}", pos);
    const type = text.slice(pos, next < 0 || (end >= 0 && end < next) ? end : next).trim();
    if (type === "number") {
      pos = end + 1;
      return { arg, type: "number" };
    }
    if (type !== "plural" && type !== "select") throw new Error(`Unknown placeholder type "${type}" in "${text}"`);
    pos = next + 1;
    const options = new Map<string, Node[]>();
    for (;;) {
      while (/\s/.test(text[pos] ?? "")) pos++;
      if (text[pos] === "}") {
        pos++;
        break;
      }
      const open = text.indexOf("{", pos);
      if (open < 0) throw new Error(`Malformed ${type} in "${text}"`);
      const key = text.slice(pos, open).trim();
      pos = open + 1;
      options.set(key, parseNodes(type === "plural"));
      if (text[pos] !== "}") throw new Error(`Unclosed option "${key}" in "${text}"`);
      pos++;
    }
    if (!options.has("other")) throw new Error(`${type} without "other" in "${text}"`);
    return { arg, type, options };
  };
  const nodes = parseNodes(false);
  if (pos !== text.length) throw new Error(`Unbalanced "}" in "${text}"`);
  return nodes;
}

function render(nodes: Node[], params: Params, locale: Locale, hash: number | null): string {
  const num = (n: number) => new Intl.NumberFormat(locale).format(n);
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") out += n;
    else if (n.arg === "#") out += hash === null ? "#" : num(hash);
    else if (!("options" in n)) out += n.type === "number" ? num(Number(params[n.arg] ?? 0)) : String(params[n.arg] ?? "");
    else if (n.type === "select") out += render(n.options.get(String(params[n.arg])) ?? n.options.get("other")!, params, locale, hash);
    else {
      const value = Number(params[n.arg] ?? 0);
      const branch = n.options.get(`=${value}`) ?? n.options.get(new Intl.PluralRules(locale).select(value)) ?? n.options.get("other")!;
      out += render(branch, params, locale, value);
    }
  }
  return out;
}

/** The text of message `id` in `locale`, with `params` filled in. */
export function t(locale: Locale, id: MessageId, params: Params = {}): string {
  const loc = supportedLocale(locale);
  const text = CATALOGS[loc]![id] ?? EN[id];
  const key = `${loc}\u0000${id}`;
  let nodes = parsed.get(key);
  if (!nodes) parsed.set(key, (nodes = parseMessage(text)));
  return render(nodes, params, loc, null);
}

/** Dates as the locale writes them (UTC: digests and deadlines are UTC days). */
export function formatDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** Short form for tables ("30 Jun 2026" in English). */
export function formatShortDay(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function formatTime(locale: Locale, ms: number): string {
  return `${new Intl.DateTimeFormat(supportedLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(ms))} UTC`;
}

export function formatPercent(locale: Locale, share: number): string {
  return new Intl.NumberFormat(supportedLocale(locale), { style: "percent", maximumFractionDigits: 0 }).format(share);
}
