// PostgreSQL behind the part of better-sqlite3's API that Muster's stores use (prepare → run / get
// / all / iterate / pluck / raw, exec, transaction, pragma), over one synchronous connection
// (pg-sync.ts). Drizzle's better-sqlite3 driver and the statement cache (sql.ts) take it as they
// take a SQLite handle, so every store runs unchanged on either engine; statements whose SQLite
// text PostgreSQL does not accept choose their text by engine (`isPostgres`, sql.ts).
//
// What it translates: `?` and `@name` / `:name` placeholders to `$n`; camelCase aliases quoted
// (PostgreSQL would fold them); SQLite's index hints, `unixepoch()`, `collate nocase`, scalar min/max, Drizzle's
// `null` for an omitted column and its table-qualified conflict targets; U+0000 in a string parameter
// to U+FFFD (PostgreSQL's text refuses it: a software name holding one failed its whole check-in); booleans to 1 and 0,
// 64-bit integers and numerics to numbers (pg-sync.ts). A transaction is BEGIN … COMMIT, a nested one a
// savepoint, as better-sqlite3 does. What it cannot give: SQLite's pragmas (answered with the
// values the callers expect, or refused), user-defined SQL functions and the online backup.
import { createHash } from "node:crypto";
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
  // SQLite's NOCASE: ASCII letters folded (lower() under "C" folds those only), then bytes compared;
  // what drizzle/pg's hostname indexes hold. Values compared with it are folded by the caller (asciiLower).
  // A column only: `? collate nocase` would fold one side of a comparison (spell it `x collate nocase = ?`).
  [/(?<![\w$])((?:[A-Za-z_]\w*\.)?"?[A-Za-z_]\w*"?)\s+collate\s+nocase\b/gi, 'lower($1 collate "C")'],
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
  out = scalarMinMax(drizzleDefaults(out)).replace(/\bon conflict\s*\(([^)]*)\)/gi, (_m, target: string) => `on conflict (${target.replace(/"[^"]+"\./g, "")})`);
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

// Drizzle's SQLite upserts name the conflict target's columns with their table ("t"."key"), which
// PostgreSQL refuses there: the qualifier is dropped (in translatePlaceholders).

/** SQLite's scalar `min(a, b, …)` / `max(a, b, …)` (more than one argument) are PostgreSQL's `least` / `greatest`. */
export function scalarMinMax(text: string): string {
  let out = text;
  const re = /\b(min|max)\s*\(/gi;
  for (let m = re.exec(out); m; m = re.exec(out)) {
    let depth = 0;
    let commas = 0;
    for (let i = m.index + m[0].length - 1; i < out.length; i++) {
      const c = out[i];
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) break;
      else if (c === "," && depth === 1) commas++;
      else if (c === "'") i = closing(out, i, "'");
    }
    if (commas > 0) {
      const name = (m[1] as string).toLowerCase() === "min" ? "least" : "greatest";
      out = out.slice(0, m.index) + name + out.slice(m.index + (m[1] as string).length);
    }
  }
  return out;
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

/** PostgreSQL's text cannot hold U+0000 (SQLite's can): it is bound as U+FFFD, the character that stands for one not representable. */
const NUL = /\u0000/g;

function bindValue(v: unknown): unknown {
  if (v === undefined) throw new TypeError("Missing named parameter or undefined value");
  if (typeof v === "string" && v.includes("\u0000")) return v.replace(NUL, "\ufffd");
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
  /** Set by keepPrepared(): the name the statement is prepared under on the connection. */
  private name: string | undefined;
  readonly reader: boolean;
  private readonly t: Translated;

  constructor(
    private readonly db: PgCompatDatabase,
    readonly source: string,
  ) {
    this.t = translatePlaceholders(source);
    this.reader = this.t.returnsRows;
  }

  /**
   * Keeps the statement prepared on the connection (PostgreSQL parses and plans it once, then
   * executes it by name; after five executions it may keep one generic plan). For the hot path's
   * look-ups and writes by key, whose best plan never depends on the values.
   */
  keepPrepared(): this {
    this.name = `muster_${createHash("sha1").update(this.t.text).digest("hex").slice(0, 20)}`;
    return this;
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
    let r: ReturnType<SyncPgConnection["query"]>;
    try {
      r = this.db.connection.query(this.t.text, bind(this.t, args), this.asArrays || this.pluckFirst, this.name);
    } catch (err) {
      // The statement's text (never its values) goes with the error, for the log.
      if (err instanceof PgSyncError) err.sql = this.t.text;
      throw err;
    }
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

/**
 * The advisory lock immediate transactions take (beginWrite): "MUSTER" in ASCII followed by
 * 0002 (0001 is the migration lock, db/pg.ts).
 */
export const WRITE_LOCK_KEY = "5572451735346216962";

type TxFn = ((...args: unknown[]) => unknown) & { deferred: TxFn; immediate: TxFn; exclusive: TxFn };

/** The pragmas callers read or set on SQLite, answered on PostgreSQL without effect. */
const PRAGMA_VALUES: Record<string, unknown> = {
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
  /** SQLite's busy_timeout, kept for the write lock (beginWrite). */
  private busyTimeoutMs = 5000;

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
    const name = /^\s*(\w+)/.exec(source)?.[1]?.toLowerCase() ?? "";
    if (name === "busy_timeout") {
      const set = /=\s*(\d+)/.exec(source);
      if (set) this.busyTimeoutMs = Number(set[1]);
      return options?.simple ? this.busyTimeoutMs : [{ timeout: this.busyTimeoutMs }];
    }
    if (source.includes("=")) return options?.simple ? undefined : [];
    if (name === "integrity_check" || name === "quick_check") return options?.simple ? "ok" : [{ [name]: "ok" }];
    if (name in PRAGMA_VALUES) return options?.simple ? PRAGMA_VALUES[name] : [{ [name]: PRAGMA_VALUES[name] }];
    if (/^wal_checkpoint/.test(name)) return options?.simple ? 0 : [{ busy: 0, log: 0, checkpointed: 0 }];
    throw new PgSyncError(`PRAGMA ${name} is SQLite's; there is no PostgreSQL equivalent here`, "EPGPRAGMA");
  }

  transaction(fn: (...args: unknown[]) => unknown): TxFn {
    const deferred = ((...args: unknown[]) => this.runTransaction(fn, args, false)) as TxFn;
    const immediate = ((...args: unknown[]) => this.runTransaction(fn, args, true)) as TxFn;
    for (const tx of [deferred, immediate]) {
      tx.deferred = deferred;
      tx.immediate = immediate;
      tx.exclusive = immediate;
    }
    return deferred;
  }

  /**
   * BEGIN, and SQLite's BEGIN IMMEDIATE: the deployment's one write lock, a transaction-level advisory lock
   * (WRITE_LOCK_KEY) that every immediate transaction of every node and thread takes first, so they
   * run one after the other as on SQLite, and the services' read-then-write steps stay correct
   * (a throttle count, a claim, a group commit's counters; and no two group commits that lock the
   * same counter rows in different orders, which PostgreSQL would end as a deadlock). It waits as
   * long as busy_timeout says (then 55P03, a 503 for the caller); with busy_timeout 0 it does not
   * wait at all (withoutLockWait: the group commit tries again later). Reads, and deferred
   * transactions, take no lock.
   */
  private beginWrite(): void {
    if (this.busyTimeoutMs === 0) {
      const got = (this.connection.query(`begin; select pg_try_advisory_xact_lock(${WRITE_LOCK_KEY}) as got`).rows[0] as PgRow).got;
      if (got !== 1) throw new PgSyncError("database is locked: another node or thread holds the write lock", "55P03");
      return;
    }
    const prev = (this.connection.query(`begin; select current_setting('lock_timeout') as v, set_config('lock_timeout', '${this.busyTimeoutMs}ms', true)`).rows[0] as PgRow).v;
    this.connection.query(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
    this.connection.query("select set_config('lock_timeout', $1, true)", [String(prev)]);
  }

  private runTransaction(fn: (...args: unknown[]) => unknown, args: unknown[], write: boolean): unknown {
    const savepoint = this.depth > 0 ? `muster_sp_${this.depth}` : null;
    // BEGIN and the write lock go in one round trip (several statements in one text).
    if (write && !savepoint) {
      try {
        this.beginWrite();
      } catch (err) {
        try {
          this.connection.query("rollback"); // the lock was not taken: end the transaction BEGIN opened
        } catch {
          // the connection is gone: its transaction went with it
        }
        throw err;
      }
    } else this.connection.query(savepoint ? `savepoint ${savepoint}` : "begin");
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
