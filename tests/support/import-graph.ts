// The import graph of the source, for the architecture test: every import, export-from, dynamic
// import() and require() of every file, read with TypeScript's own pre-processor (no type check),
// resolved to a repository path, a Node built-in or an npm package.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "./server";

export type Import = { from: string; specifier: string; kind: "file"; file: string } | { from: string; specifier: string; kind: "builtin" | "package" | "unresolved" };

const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".cjs", ".js", ".json", "/index.ts", "/index.tsx", "/index.js"];

/** Repository-relative paths (forward slashes) of the source files under `dirs`, skipping build output. */
export function listSourceFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!fs.statSync(abs).isDirectory()) return void (SOURCE.test(rel) && !rel.endsWith(".d.ts") && out.push(rel));
    for (const e of fs.readdirSync(abs).sort()) if (!["node_modules", "dist", ".next"].includes(e)) walk(`${rel}/${e}`);
  };
  for (const d of dirs) walk(d);
  return out;
}

function resolveFile(base: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const f = base + ext;
    if (fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile()) return f;
  }
  return undefined;
}

export function resolveImport(from: string, specifier: string): Import {
  const bare = specifier.replace(/^node:/, "");
  if (specifier.startsWith("node:") || builtinModules.includes(bare)) return { from, specifier, kind: "builtin" };
  let base: string | undefined;
  if (specifier.startsWith("~/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  if (base === undefined) return { from, specifier, kind: "package" };
  const file = resolveFile(base);
  return file ? { from, specifier, kind: "file", file } : { from, specifier, kind: "unresolved" };
}

export function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), "utf8"), true, true);
  return info.importedFiles.map((f) => resolveImport(file, f.fileName));
}

/** Every import of every source file under `dirs`. */
export function importGraph(dirs: string[]): Import[] {
  return listSourceFiles(dirs).flatMap(importsOf);
}

/** The cycles of a directed graph given as edges, each as the list of its nodes (Tarjan's strongly connected components). */
export function findCycles(edges: [string, string][]): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      scc.push(w);
      if (w === v) break;
    }
    if (scc.length > 1) cycles.push(scc.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
