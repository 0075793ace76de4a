// PostgreSQL behind the part of better-sqlite3's API that Muster's stores use (prepare → run / get
// / all / iterate / pluck / raw, exec, transaction, pragma), over one synchronous connection
// (pg-sync.ts). Drizzle's better-sqlite3 driver and the statement cache (sql.ts) take it as they
// take a SQLite handle, so every store runs unchanged on either engine; statements whose SQLite
// text PostgreSQL does not accept choose their text by engine (`isPostgres`, sql.ts).
//
// What it translates: `?` and `@name` / `:name` placeholders to `$n`; camelCase aliases quoted
// (PostgreSQL would fold them); booleans to 1 and 0, 64-bit integers and numerics to numbers
// (pg-sync.ts). A transaction is BEGIN … COMMIT, a nested one a
// savepoint, as better-sqlite3 does. What it cannot give: SQLite's pragmas (answered with the
// values the callers expect, or refused), user-defined SQL functions and the online backup.
import { PgSyncError, type PgRow, SyncPgConnection } from "./pg-sync";

type Param = { index: number } | { name: string };
type Translated = { text: string; params: Param[]; returnsRows: boolean };

const translations = new Map<string, Translated>();

/**
 * SQLite functions with one PostgreSQL spelling, wherever they appear (drizzle inlines the schema's
 * defaults); SQLite's index hints (`indexed by x`, `not indexed`) dropped: PostgreSQL has none, its
 * planner chooses.
 */
const REWRITES: [RegExp, string][] = [
  [/\bunixepoch\(\)/gi, "floor(extract(epoch from clock_timestamp()))::bigint"],
  [/\s+(indexed\s+by\s+\w+|not\s+indexed)\b/gi, ""],
];

/**
 * A camelCase word: the stores' column aliases (`superseded_at as supersededAt`) and the places
 * that name them again (`order by lastSeen`). SQLite keeps an alias's case, PostgreSQL folds it
 * to lower case unless it is quoted, so the row's key would be `supersededat`. Columns and tables
 * are snake_case and SQL keywords are not camelCase, so quoting every such word is safe.
 */
const CAMEL = /^[a-z_][a-z0-9_]*[A-Z]\w*$/;

/** SQLite's statement text with its placeholders as PostgreSQL's `$1`, `$2` …; quoted text and comments untouched. */
export function translatePlaceholders(sql: string): Translated {
  const cached = translations.get(sql);
  if (cached) return cached;
  const params: Param[] = [];
  const byName = new Map<string, number>();
  let out = "";
  let positional = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === "?") {
      params.push({ index: positional++ });
      out += `$${params.length}`;
    } else if ((c === "@" || (c === ":" && sql[i - 1] !== ":" && sql[i + 1] !== ":")) && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))?.[0] as string;
      let n = byName.get(name);
      if (n === undefined) {
        params.push({ name });
        n = params.length;
        byName.set(name, n);
      }
      out += `$${n}`;
      i += name.length;
    } else if (/[a-z_]/.test(c) && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const word = /^\w+/.exec(sql.slice(i))?.[0] as string;
      out += CAMEL.test(word) ? `"${word}"` : word;
      i += word.length - 1;
    } else out += c;
  }
  for (const [from, to] of REWRITES) out = out.replace(from, to);
  out = drizzleDefaults(out);
  const head = out.trimStart().slice(0, 12).toLowerCase();
  const returnsRows = /^(select|with|values|pragma|explain)/.test(head) || /\breturning\b/i.test(out);
  const t = { text: out, params, returnsRows };
  if (translations.size > 5000) translations.clear();
  translations.set(sql, t);
  return t;
}

/**
 * Drizzle's SQLite inserts (identifiers quoted) write `null` for a column the values leave out,
 * which SQLite turns into the next rowid for an integer primary key; PostgreSQL's `default` is
 * what that null means (the identity, the column default, or null where there is none).
 */
function drizzleDefaults(text: string): string {
  if (!/^\s*insert into "/i.test(text)) return text;
  const start = text.search(/\)\s+values\s*\(/i);
  if (start < 0) return text;
  const rest = text.slice(start);
  const end = rest.search(/\s(on conflict|returning)\b/i);
  const values = end < 0 ? rest : rest.slice(0, end);
  return text.slice(0, start) + values.replace(/\bnull\b/g, "default") + (end < 0 ? "" : rest.slice(end));
}

function closing(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++;
      else return i;
    }
  }
  return sql.length - 1;
}

function bindValue(v: unknown): unknown {
  if (v === undefined) throw new TypeError("Missing named parameter or undefined value");
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") throw new TypeError("SQLite3 can only bind numbers, strings, bigints, buffers, and null");
  return v;
}

function bind(t: Translated, args: unknown[]): unknown[] {
  const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const named = flat.find((a) => a !== null && typeof a === "object" && !Array.isArray(a) && !Buffer.isBuffer(a) && !(a instanceof Uint8Array)) as Record<string, unknown> | undefined;
  const positional = flat.filter((a) => a !== named);
  return t.params.map((p) => bindValue("index" in p ? positional[p.index] : named?.[p.name]));
}

export type RunResult = { changes: number; lastInsertRowid: number };

export class PgCompatStatement {
  private pluckFirst = false;
  private asArrays = false;
  readonly reader: boolean;
  private readonly t: Translated;

  constructor(
    private readonly db: PgCompatDatabase,
    readonly source: string,
  ) {
    this.t = translatePlaceholders(source);
    this.reader = this.t.returnsRows;
  }

  pluck(on = true): this {
    this.pluckFirst = on;
    if (on) this.asArrays = false;
    return this;
  }

  raw(on = true): this {
    this.asArrays = on;
    if (on) this.pluckFirst = false;
    return this;
  }

  private exec(args: unknown[]): { rows: unknown[]; rowCount: number } {
    const r = this.db.connection.query(this.t.text, bind(this.t, args), this.asArrays || this.pluckFirst);
    const rows = r.rows as unknown[];
    return { rows: this.pluckFirst ? (rows as unknown[][]).map((row) => row[0]) : rows.map(fromWire), rowCount: r.rowCount };
  }

  run(...args: unknown[]): RunResult {
    const { rowCount } = this.exec(args);
    const db = this.db;
    const isInsert = /^\s*insert\b/i.test(this.source);
    let id: number | undefined;
    return {
      changes: rowCount,
      get lastInsertRowid() {
        id ??= isInsert ? db.lastValue() : 0;
        return id;
      },
    };
  }

  get(...args: unknown[]): unknown {
    return this.exec(args).rows[0];
  }

  all(...args: unknown[]): unknown[] {
    return this.exec(args).rows;
  }

  *iterate(...args: unknown[]): IterableIterator<unknown> {
    yield* this.exec(args).rows;
  }
}

/** bytea arrives from the worker as a Uint8Array; better-sqlite3 gives Buffers. */
function fromWire(row: unknown): unknown {
  if (Array.isArray(row)) return row.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
  const r = row as PgRow;
  for (const k in r) {
    const v = r[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) r[k] = Buffer.from(v);
  }
  return r;
}

type TxFn = ((...args: unknown[]) => unknown) & { deferred: TxFn; immediate: TxFn; exclusive: TxFn };

/** The pragmas callers read or set on SQLite, answered on PostgreSQL without effect. */
const PRAGMA_VALUES: Record<string, unknown> = {
  busy_timeout: 5000,
  mmap_size: 0,
  cache_size: 0,
  foreign_keys: 1,
  journal_mode: "postgresql",
  synchronous: 2,
  page_size: 8192,
  page_count: 0,
  freelist_count: 0,
  wal_autocheckpoint: 0,
};

export class PgCompatDatabase {
  readonly connection: SyncPgConnection;
  /** What SQLite calls the file: here the URL without its password (never printed with it). */
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  readonly isPostgres = true;
  open = true;
  private depth = 0;

  constructor(
    readonly url: string,
    described: string,
  ) {
    this.connection = new SyncPgConnection(url);
    this.name = `postgres:${described}`;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): PgCompatStatement {
    if (!this.open) throw new TypeError("The database connection is not open");
    return new PgCompatStatement(this, sql);
  }

  exec(sql: string): this {
    this.connection.query(sql, []);
    return this;
  }

  /** `select lastval()`: the id the last insert of this connection took from a sequence; 0 if none. */
  lastValue(): number {
    try {
      return Number((this.connection.query("select lastval() as id").rows[0] as PgRow).id);
    } catch (err) {
      if (err instanceof PgSyncError && err.code === "55000") return 0;
      throw err;
    }
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    const m = /^\s*(\w+)\s*(?:=\s*(.+?))?\s*$/.exec(source);
    const name = m?.[1]?.toLowerCase() ?? "";
    if (m?.[2] !== undefined) return options?.simple ? undefined : [];
    if (name === "integrity_check" || name === "quick_check") return options?.simple ? "ok" : [{ [name]: "ok" }];
    if (name in PRAGMA_VALUES) return options?.simple ? PRAGMA_VALUES[name] : [{ [name]: PRAGMA_VALUES[name] }];
    if (/^wal_checkpoint/.test(name)) return options?.simple ? 0 : [{ busy: 0, log: 0, checkpointed: 0 }];
    throw new PgSyncError(`PRAGMA ${name} is SQLite's; there is no PostgreSQL equivalent here`, "EPGPRAGMA");
  }

  transaction(fn: (...args: unknown[]) => unknown): TxFn {
    const run = (...args: unknown[]) => this.runTransaction(fn, args);
    const tx = run as TxFn;
    tx.deferred = tx;
    tx.immediate = tx;
    tx.exclusive = tx;
    return tx;
  }

  private runTransaction(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const savepoint = this.depth > 0 ? `muster_sp_${this.depth}` : null;
    this.connection.query(savepoint ? `savepoint ${savepoint}` : "begin");
    this.depth++;
    try {
      const result = fn(...args);
      if (result && typeof (result as Promise<unknown>).then === "function") throw new TypeError("Transaction function cannot return a promise");
      this.connection.query(savepoint ? `release savepoint ${savepoint}` : "commit");
      return result;
    } catch (err) {
      try {
        if (savepoint) {
          this.connection.query(`rollback to savepoint ${savepoint}`);
          this.connection.query(`release savepoint ${savepoint}`);
        } else this.connection.query("rollback");
      } catch {
        // the connection is gone: its transaction went with it
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  function(): this {
    throw new PgSyncError("user-defined SQL functions are SQLite's; not available on PostgreSQL", "EPGFUNCTION");
  }

  backup(): Promise<never> {
    return Promise.reject(new PgSyncError("the online backup is SQLite's: on PostgreSQL use pg_dump or point-in-time recovery (README)", "EPGBACKUP"));
  }

  close(): this {
    this.open = false;
    this.connection.close();
    return this;
  }
}
