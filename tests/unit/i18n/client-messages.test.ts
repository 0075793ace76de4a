// The messages the browser gets (server/i18n/client-messages.ts) cover what client code translates:
// every module reachable from a "use client" file is read, and each namespace it asks for
// (useTranslations("…"), or the keys a namespace-free translator is called with) must lie under a
// path of CLIENT_MESSAGES. A missing one shows as a raw key in the browser, in Dutch and English.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, clientMessages } from "~/server/i18n/client-messages";
import { loadMessages } from "~/server/i18n/messages";
import { importsOf, listSourceFiles } from "~/tests/support/import-graph";
import { ROOT } from "~/tests/support/server";

const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");
const isClient = (f: string) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use client["']/.test(read(f));

/** Every source file a "use client" file reaches through its imports (type-only ones included: harmless). */
function clientReachable(): string[] {
  const seen = new Set<string>();
  const queue = listSourceFiles(["app", "server", "agent/shared"]).filter(isClient);
  while (queue.length) {
    const f = queue.pop()!;
    if (seen.has(f) || !/\.(ts|tsx)$/.test(f)) continue;
    seen.add(f);
    for (const i of importsOf(f)) if (i.kind === "file") queue.push(i.file);
  }
  return [...seen].sort();
}

/**
 * The message keys (or key prefixes) a file translates in the browser: the namespace of each
 * useTranslations("ns"); in a file with a namespace-free useTranslations(), the literal keys and
 * the literal prefixes of template keys its `t(…)` calls pass. A computed namespace is returned
 * as itself, and fails the test.
 */
function keysOf(file: string): string[] {
  const src = read(file);
  const out: string[] = [];
  let rootTranslator = false;
  for (const m of src.matchAll(/useTranslations\(([^)]*)\)/g)) {
    const arg = m[1]!.trim();
    if (arg === "") rootTranslator = true;
    else out.push(/^["'][\w.]+["']$/.test(arg) ? arg.slice(1, -1) : `(computed: ${arg})`);
  }
  if (!rootTranslator) return out;
  // The namespace-free translator's names: `const tAll = useTranslations()`, else `t` (passed on, as labels.ts does).
  const names = [...src.matchAll(/const (\w+) = useTranslations\(\)/g)].map((m) => m[1]!);
  for (const name of names.length ? names : ["t"]) {
    for (const m of src.matchAll(new RegExp(`\\b${name}\\(\\s*(?:"([\\w.]+)"|\`([\\w.]+)\\.\\$\\{)`, "g"))) out.push(m[1] ?? m[2]!);
  }
  return out;
}

const covered = (key: string) => CLIENT_MESSAGES.some((p) => key === p || key.startsWith(`${p}.`) || p.startsWith(`${key}.`));

describe("the messages client components get", () => {
  const files = clientReachable();

  it("reads a client tree of some size (the walk works)", () => {
    expect(files).toContain("app/_trpc/client.tsx");
    expect(files).toContain("app/_components/labels.ts");
    expect(files.length).toBeGreaterThan(50);
  });

  it("cover every namespace and key client code translates", () => {
    const missing = files.flatMap((f) =>
      keysOf(f)
        .filter((k) => !covered(k))
        .map((k) => `${f}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it("finds the namespaces the labels use through a namespace-free translator", () => {
    expect(keysOf("app/_components/labels.ts")).toEqual(expect.arrayContaining(["states.label", "roles", "categories", "evidence.agent"]));
  });

  it("name only paths the catalog has", () => {
    const en = loadMessages("en") as unknown as Record<string, unknown>;
    const missing = CLIENT_MESSAGES.filter((p) => p.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], en) === undefined);
    expect(missing).toEqual([]);
  });

  it("keep the catalog's shape and leave the server's namespaces out", () => {
    for (const locale of ["en", "nl"] as const) {
      const all = loadMessages(locale);
      const picked = clientMessages(all) as unknown as Record<string, Record<string, unknown>>;
      expect(picked.enrollment?.form).toEqual((all as unknown as Record<string, Record<string, unknown>>).enrollment!.form);
      expect(picked.report).toBeUndefined();
      expect(picked.enrollment?.title).toBeUndefined();
      expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(all).length / 2);
    }
  });
});
