// Where SQL lives (issue 15, step 1): in the named data-access modules only, `server/db/` and each
// domain's `store.ts` / `store-<topic>.ts`, through the one statement cache (server/db/sql.ts prep)
// or Drizzle's query builder. Services call their functions. A file that must keep SQL of its own
// for a while goes in DEBTS (empty since every service moved): the test fails on any other, and
// on a listed one that no longer needs to be listed, so the list only shrinks.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Prepared or executed SQL text, Drizzle's builder and relational queries, raw `sql` fragments. */
const SQL = [
  /\bprep\(/,
  /\$client\s*\.\s*prepare\(/,
  /\.prepare\(\s*[`"']/,
  /\$client\s*\.\s*(exec|pragma)\(/,
  /\bsql`/,
  /\b(db|tx)\s*\.\s*(select|insert|update|delete)\s*\(/,
  /\.query\.\w+\.find(First|Many)\(/,
];

const isDataAccess = (file: string) => file.startsWith("server/db/") || /\/store(-[a-z0-9-]+)?\.ts$/.test(file);

/** Files outside the data-access modules that still write SQL themselves (to be moved, domain by domain). */
const DEBTS = new Set<string>([]);

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return files(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

function writesSql(file: string): boolean {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return SQL.some((re) => re.test(text));
}

it("SQL is written only in the data-access modules (server/db/, <domain>/store*.ts), apart from the listed debts", () => {
  const withSql = files("server").filter((f) => !isDataAccess(f) && writesSql(f));
  expect(withSql.filter((f) => !DEBTS.has(f))).toEqual([]);
  expect([...DEBTS].filter((f) => !withSql.includes(f))).toEqual([]);
});

it("app/ writes no SQL: pages and routes call server/", () => {
  expect(files("app").filter(writesSql)).toEqual([]);
});
