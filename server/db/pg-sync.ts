// One PostgreSQL connection used synchronously: node-postgres runs in a worker thread, and the
// calling thread waits for each answer (Atomics.wait on a shared flag, then receiveMessageOnPort).
//
// Why synchronous: every store in Muster is written against better-sqlite3's synchronous API, and
// the services rely on it: a transaction is a block of code that no other request's statements can
// enter. Over this connection a node keeps exactly that behaviour on PostgreSQL (one statement at a
// time per connection, a transaction never interleaved with another request's work), and the
// several app nodes give the parallelism. The cost is the round trip per statement (about 0.1 ms
// more than node-postgres's own on this machine) during which the node's event loop waits, as it
// waits for SQLite's disk today. An asynchronous port of the stores can later replace this file's
// transport without changing the SQL (ARCHITECTURE.md, "PostgreSQL").
//
// A statement that takes longer than the wait limit fails with a PostgresError; the connection is
// then dropped (its state is unknown) and the next statement opens a new one. So does a connection
// the server closed (restart, failover) outside a transaction.
import { createRequire } from "node:module";
import path from "node:path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

export type PgRow = Record<string, unknown>;
export type PgResult = { rows: PgRow[] | unknown[][]; rowCount: number; fields: string[] };

/** A failure reported by PostgreSQL (SQLSTATE in `code`) or by the connection. */
export class PgSyncError extends Error {
  override name = "PgSyncError";
  code: string;
  detail?: string;
  constraint?: string;
  /** The statement's text (without its values), set by pg-compat.ts. */
  sql?: string;
  constructor(message: string, code: string, detail?: string, constraint?: string) {
    super(message);
    this.code = code;
    this.detail = detail;
    this.constraint = constraint;
  }
}

// The worker: plain JavaScript (no loader needed), node-postgres with the type parsers that give
// the rows better-sqlite3 would: 64-bit integers and numerics as numbers, booleans as 1 and 0.
const WORKER = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pg);
const { port, flag, url, applicationName } = workerData;
const types = {
  getTypeParser(oid, format) {
    if (oid === 20 || oid === 1700) return (v) => (v === null ? null : Number(v));
    if (oid === 16) return (v) => (v === null ? null : v === "t" ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
};
let client = null;
let broken = true;
function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
async function connection() {
  if (client && !broken) return client;
  if (client) client.end().catch(() => {});
  client = new pg.Client({ connectionString: url, types, application_name: applicationName, connectionTimeoutMillis: 10000 });
  client.on("error", () => { broken = true; });
  await client.connect();
  broken = false;
  return client;
}
port.on("message", async (m) => {
  if (m.close) {
    if (client) await client.end().catch(() => {});
    reply({ closed: true });
    return;
  }
  try {
    const c = await connection();
    const all = await c.query({ name: m.name, text: m.sql, values: m.params, rowMode: m.array ? "array" : undefined });
    // Several statements in one text (no parameters): the last one's rows.
    const r = Array.isArray(all) ? all[all.length - 1] : all;
    reply({ rows: r.rows, rowCount: r.rowCount ?? 0, fields: (r.fields || []).map((f) => f.name) });
  } catch (e) {
    if (!e || typeof e.code !== "string" || !/^[0-9A-Z]{5}$/.test(e.code) || /^(08|57P)/.test(e.code)) broken = true;
    const sqlstate = e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code);
    reply({ error: { message: String((e && e.message) || e), code: sqlstate ? e.code : "EPGCONN", detail: e && e.detail, constraint: e && e.constraint } });
  }
});
`;

/** Longest wait for one statement's answer before the connection is given up. */
const DEFAULT_WAIT_MS = 120_000;

export class SyncPgConnection {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

  constructor(
    private readonly url: string,
    private readonly waitMs = DEFAULT_WAIT_MS,
  ) {}

  private start(): MessagePort {
    if (this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    const pgPath = createRequire(path.join(process.cwd(), "package.json")).resolve("pg");
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { port: port2, flag: this.flag, url: this.url, pg: pgPath, applicationName: "muster" },
      transferList: [port2],
    });
    this.worker.unref();
    this.worker.on("error", () => this.drop());
    this.port = port1;
    return port1;
  }

  private drop(): void {
    this.port?.close();
    void this.worker?.terminate();
    this.worker = null;
    this.port = null;
  }

  /**
   * Runs one statement ($1… placeholders) and waits for its rows. `name`: the statement stays
   * prepared on the connection under that name (parsed and planned once, then only executed).
   */
  query(sql: string, params: readonly unknown[] = [], array = false, name?: string): PgResult {
    const port = this.start();
    Atomics.store(this.flag, 0, 0);
    port.postMessage({ sql, params, array, name });
    const deadline = Date.now() + this.waitMs;
    const waited = Atomics.wait(this.flag, 0, 0, this.waitMs);
    let message = receiveMessageOnPort(port)?.message as
      | { rows: PgRow[]; rowCount: number; fields: string[]; error?: undefined }
      | { error: { message: string; code: string; detail?: string; constraint?: string } }
      | undefined;
    // The flag is up, so the answer was posted: should it not be readable yet, give it a moment.
    while (!message && waited !== "timed-out" && Date.now() < deadline && this.worker) {
      Atomics.wait(this.flag, 0, 1, 2);
      message = receiveMessageOnPort(port)?.message as typeof message;
    }
    if (!message) {
      this.drop();
      throw new PgSyncError(waited === "timed-out" ? `PostgreSQL did not answer within ${this.waitMs / 1000} s; the connection was closed` : "the PostgreSQL connection thread stopped", "EPGTIMEOUT");
    }
    if (message.error) throw new PgSyncError(message.error.message, message.error.code, message.error.detail, message.error.constraint);
    return message;
  }

  close(): void {
    if (!this.port) return;
    try {
      Atomics.store(this.flag, 0, 0);
      this.port.postMessage({ close: true });
      Atomics.wait(this.flag, 0, 0, 5000);
    } finally {
      this.drop();
    }
  }
}
