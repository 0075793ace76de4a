// COPY … FROM STDIN with the `pg` package we already have (no pg-copy-streams): a Submittable that
// sends the COPY statement, and once the server answers CopyInResponse streams the chunks of a
// generator as CopyData messages, waiting for the socket to drain so a table of millions of rows is
// never buffered whole, then CopyDone. pg's Client hands the active query every message of the
// exchange; the ones a COPY does not get are ignored. csvChunks turns rows into the CSV it sends.
import { once } from "node:events";
import type pg from "pg";

type CopyConnection = pg.Connection & {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

class CopyIn implements pg.Submittable {
  private rows = 0;
  private failed = false;
  constructor(
    private readonly text: string,
    private readonly chunks: Iterable<string>,
    private readonly settle: (err: Error | null, rows: number) => void,
  ) {}

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for (const chunk of this.chunks) {
        if (this.failed) return; // the server refused a row: it drops whatever follows anyway
        connection.sendCopyFromChunk(Buffer.from(chunk));
        if (connection.stream.writableNeedDrain) await once(connection.stream, "drain");
      }
      connection.endCopyFrom();
    } catch (err) {
      // Reading the source failed: make the server abandon the COPY (it answers with an error).
      connection.sendCopyFail(String(err));
    }
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/^COPY (\d+)/.exec(msg.text ?? "")?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.failed = true;
    this.settle(err, 0);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.settle(null, this.rows);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs `copy` (a `COPY … FROM STDIN` statement) with `chunks` as its data; resolves to the rows the server stored. */
export function copyIn(client: pg.Client, copy: string, chunks: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(copy, chunks, (err, rows) => (err ? reject(err) : resolve(rows))));
  });
}

/** One value as a CSV field: NULL unquoted and empty, every text that could be misread quoted ('' is then the empty string). */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "string") return v === "" || /[",\r\n\\]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  throw new Error(`cannot copy a ${typeof v} value (${Buffer.isBuffer(v) ? "blob" : String(v)})`);
}

/** The rows as CSV text, about `size` characters a chunk (COPY streams them, nothing is held whole). */
export function* csvChunks(rows: Iterable<unknown[]>, size = 1 << 20): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) chunk += i === 0 ? csvField(row[i]) : `,${csvField(row[i])}`;
    chunk += "\n";
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}
