// The statements PostgreSQL reported as slow (log_min_duration_statement) while pages were timed:
// which query of a slow page to EXPLAIN, with the parameters it ran with.

/** Log line prefix that marks where each message starts (a statement's own text spans lines). */
export const LOG_PREFIX = "@@ ";

export type SlowStatement = { sql: string; count: number; maxMs: number; totalMs: number; params: string };

/** The slow statements in `log` (the server's log since the timing began), slowest first. */
export function slowStatements(log: string): SlowStatement[] {
  const messages = log.split(new RegExp(`^${LOG_PREFIX}`, "m")).filter(Boolean);
  const bySql = new Map<string, SlowStatement>();
  messages.forEach((m, i) => {
    const hit = /^LOG:\s+duration: ([\d.]+) ms\s+(?:execute [^:]*|statement): ([\s\S]*)$/.exec(m);
    if (!hit) return;
    const ms = Number(hit[1]);
    const sql = hit[2]!.replace(/\s+/g, " ").trim();
    const params = /^DETAIL:\s+parameters: ([\s\S]*)$/.exec(messages[i + 1] ?? "")?.[1]?.trim() ?? "";
    const s = bySql.get(sql) ?? { sql, count: 0, maxMs: 0, totalMs: 0, params: "" };
    s.count++;
    s.totalMs += ms;
    if (ms >= s.maxMs) {
      s.maxMs = ms;
      s.params = params;
    }
    bySql.set(sql, s);
  });
  return [...bySql.values()].sort((a, b) => b.maxMs - a.maxMs);
}

/** `sql` with the logged parameters (`$1 = '…', $2 = '…'`) put in: a statement psql or EXPLAIN can run as it is. */
export function withParams(sql: string, params: string): string {
  const values = new Map<string, string>();
  for (const m of params.matchAll(/\$(\d+) = ('(?:[^']|'')*'|NULL)/g)) values.set(m[1]!, m[2]!);
  return sql.replace(/\$(\d+)\b/g, (whole, n: string) => values.get(n) ?? whole);
}
