// What every benchmark hands back: tables of figures (printed, and collected by run-all.ts into
// tests/bench/results.md) and targets met or missed. Figures are reported, never asserted.
import fs from "node:fs";

export type Table = { title: string; columns: string[]; rows: (string | number)[][] };
export type Target = { what: string; target: string; measured: string; met: boolean; note?: string };
export type BenchResult = { name: string; title: string; seconds?: number; tables: Table[]; targets: Target[]; notes: string[] };

export function newResult(name: string, title: string): BenchResult {
  return { name, title, tables: [], targets: [], notes: [] };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), p99: percentile(s, 0.99), max: s[s.length - 1] ?? NaN };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : "–");
export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
export const int = (v: number) => Math.round(v).toLocaleString("en-GB");

/** Plain-text rendering for the console. */
export function printTable(t: Table): void {
  const cells = [t.columns, ...t.rows.map((r) => r.map(String))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  console.log(`\n${t.title}`);
  cells.forEach((r, k) => {
    console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}`);
    if (k === 0) console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  });
}

export function targetsTable(targets: Target[]): Table {
  return { title: "Targets", columns: ["what", "target", "measured", "result"], rows: targets.map((t) => [t.what, t.target, t.measured, t.met ? "met" : "MISSED"]) };
}

export function markdownTable(t: Table): string {
  const esc = (c: string | number) => String(c).replace(/\|/g, "\\|");
  return [`| ${t.columns.map(esc).join(" | ")} |`, `|${t.columns.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`, ...t.rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

/** Prints the result and, under run-all.ts (BENCH_RESULT_FILE), writes it for results.md. */
export function finish(result: BenchResult): void {
  for (const t of result.tables) printTable(t);
  if (result.targets.length) printTable(targetsTable(result.targets));
  for (const n of result.notes) console.log(`  note: ${n}`);
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result, null, 2));
}
