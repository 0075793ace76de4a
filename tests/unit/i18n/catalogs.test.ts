// The message catalogs: every language has exactly the keys English has, no message is empty,
// ICU placeholders agree between languages, and every key is used somewhere in the code.
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "~/server/i18n/locales";

const ROOT = path.resolve(__dirname, "../../..");
type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const catalogs = Object.fromEntries(LOCALES.map((l) => [l, leaves(JSON.parse(fs.readFileSync(path.join(ROOT, "messages", `${l}.json`), "utf8")) as Tree)]));
const english = catalogs.en!;

/** Every argument and rich-text tag name of an ICU message, nested ones included (`{count, plural, one {# x}}` gives `count`). Throws on invalid ICU syntax. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if ("value" in el && typeof el.value === "string" && el.type !== TYPE.literal) names.add(el.value);
      if (el.type === TYPE.tag) walk(el.children);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !p.includes(`${path.sep}tests${path.sep}`)) out.push(p);
  }
  return out;
}

describe("message catalogs", () => {
  it.each(LOCALES.filter((l) => l !== "en"))("%s has exactly the keys English has", (locale) => {
    const other = catalogs[locale]!;
    expect(
      [...other.keys()].filter((k) => !english.has(k)),
      "keys only in this language",
    ).toEqual([]);
    expect(
      [...english.keys()].filter((k) => !other.has(k)),
      "keys missing from this language",
    ).toEqual([]);
  });

  it.each(LOCALES)("%s has no empty message and its placeholders match English", (locale) => {
    for (const [key, message] of catalogs[locale]!) {
      expect(message.trim(), key).not.toBe("");
      expect(placeholders(message), `${locale}: ${key}`).toEqual(placeholders(english.get(key)!));
    }
  });

  it("uses every key somewhere in app/ or server/", () => {
    const sources = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "server"))].map((f) => fs.readFileSync(f, "utf8"));
    const all = sources.join("\n");
    const quoted = (s: string) => all.includes(`"${s}"`) || all.includes(`'${s}'`) || all.includes(`\`${s}\``);
    const dynamic = (s: string) => all.includes(`\`${s}.\${`);
    const used = (key: string) => {
      const parts = key.split(".");
      if (quoted(key)) return true;
      // What an import says (server/import/texts.ts): say("key", ...).
      if (parts[0] === "importText" && all.includes(`say("${parts[1]}"`)) return true;
      // A prefix used with a computed rest (`roles.${role}`), or a namespace (useTranslations("a.b"))
      // with the rest of the key in the same file.
      for (let i = 1; i < parts.length; i++) {
        const ns = parts.slice(0, i).join(".");
        const rest = parts.slice(i).join(".");
        if (dynamic(ns)) return true;
        for (const src of sources) {
          if (!(src.includes(`"${ns}"`) || src.includes(`\`${ns}\``))) continue;
          if (src.includes(`"${rest}"`) || src.includes(`'${rest}'`)) return true;
          for (let j = 1; j < parts.length - i; j++) if (src.includes(`\`${parts.slice(i, i + j).join(".")}.\${`)) return true;
        }
      }
      return false;
    };
    expect([...english.keys()].filter((k) => !used(k))).toEqual([]);
  });
});
