// The layout of ARCHITECTURE.md, checked on the import graph of the source: what the agent
// program, the code it shares with the server, the packager, the server and the app may import,
// and that the server's domain folders import each other without cycles.
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";
import { findCycles, type Import, importGraph, importsOf } from "~/tests/support/import-graph";

const graph = importGraph(["agent", "server", "app"]);
const under = (f: string, ...dirs: string[]) => dirs.some((d) => f === d || f.startsWith(`${d}/`));
const show = (i: Import) => `${i.from}: ${i.specifier}`;
const from = (...dirs: string[]) => graph.filter((i) => under(i.from, ...dirs));

/** Node built-ins the agent's Node 20 has, named with the node: prefix (the bundle keeps them external). */
const NODE_BUILTIN = (s: string) => s.startsWith("node:") && builtinModules.includes(s.slice(5)) && !["node:sqlite", "node:test"].includes(s);
/** Shared code is also compiled into the server and, through app/, possibly into a browser bundle: one pure built-in only. */
const SHARED_BUILTINS = ["node:crypto"];

/**
 * Imports between server domain folders that close a cycle, each a known debt with its reason
 * ("server/a -> server/b": "why"). Empty: the domain folders have no cycles (ARCHITECTURE.md,
 * "No folder cycles"). The test fails on any cycle not listed here, and on an entry here that is
 * no longer needed; a new entry is a debt to pay back, not a way out.
 */
const ALLOWED_BACK_EDGES: Record<string, string> = {};

describe("the agent", () => {
  it("the agent program imports only itself, agent/shared and Node 20 built-ins", () => {
    const bad = from("agent/src").filter((i) => (i.kind === "file" ? !under(i.file, "agent/src", "agent/shared") : !NODE_BUILTIN(i.specifier)));
    expect(bad.map(show)).toEqual([]);
  });

  it("agent/shared imports only itself and node:crypto: no agent program, server, app or npm package", () => {
    const bad = from("agent/shared").filter((i) => (i.kind === "file" ? !under(i.file, "agent/shared") : !SHARED_BUILTINS.includes(i.specifier)));
    expect(bad.map(show)).toEqual([]);
  });

  it("the packager and the bundler import no server or app code", () => {
    const bad = from("agent/packaging", "agent/build.mjs").filter((i) => i.kind === "unresolved" || (i.kind === "file" && !under(i.file, "agent")));
    expect(bad.map(show)).toEqual([]);
  });
});

describe("the server and the app", () => {
  it("import from agent/ only agent/shared (the agent's bundle and packages are files they serve, not imports)", () => {
    const bad = from("server", "app").filter((i) => i.kind === "file" && under(i.file, "agent") && !under(i.file, "agent/shared"));
    expect(bad.map(show)).toEqual([]);
  });

  it("what the app imports from agent/shared reaches no Node built-in (it may end up in the browser)", () => {
    const seen = new Set<string>();
    const visit = (f: string): string[] => {
      if (seen.has(f)) return [];
      seen.add(f);
      return importsOf(f).flatMap((i) => (i.kind === "file" ? visit(i.file) : [show(i)]));
    };
    const shared = from("app").flatMap((i) => (i.kind === "file" && under(i.file, "agent/shared") ? [i.file] : []));
    expect(shared.flatMap(visit)).toEqual([]);
  });

  it("the server never imports the app", () => {
    expect(
      from("server")
        .filter((i) => i.kind === "file" && under(i.file, "app"))
        .map(show),
    ).toEqual([]);
  });

  it("every relative and ~/ import resolves to a file", () => {
    expect(graph.filter((i) => i.kind === "unresolved").map(show)).toEqual([]);
  });
});

describe("server domain folders", () => {
  const domain = (f: string) => f.split("/").slice(0, 2).join("/").replace(/\.ts$/, "");
  const edges = new Map<string, [string, string]>();
  for (const i of from("server")) {
    if (i.kind !== "file" || !under(i.file, "server") || domain(i.from) === domain(i.file)) continue;
    edges.set(`${domain(i.from)} -> ${domain(i.file)}`, [domain(i.from), domain(i.file)]);
  }

  it("have no cycles apart from the listed debts", () => {
    const kept = [...edges].filter(([k]) => !(k in ALLOWED_BACK_EDGES)).map(([, e]) => e);
    expect(findCycles(kept)).toEqual([]);
  });

  it("list no debt that is gone: each allowed edge still exists and still closes a cycle", () => {
    const cyclic = findCycles([...edges.values()]);
    const stale = Object.keys(ALLOWED_BACK_EDGES).filter((k) => {
      const [a, b] = k.split(" -> ");
      return !edges.has(k) || !cyclic.some((c) => c.includes(a!) && c.includes(b!));
    });
    expect(stale).toEqual([]);
    console.info(`folder cycles still allowed (ARCHITECTURE.md): ${Object.keys(ALLOWED_BACK_EDGES).length} import edges`);
  });
});
