// WAL checkpoints happen on the checkpointer's thread, never inside a commit on the event loop:
// the server's connection has SQLite's automatic checkpoint off, the checkpointer copies what
// other connections write (the work thread's re-evaluation), also after the WAL was restarted and
// is rewritten from its start at the same size, and restarts a fully copied WAL so it stays small.
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { startCheckpointer } from "~/server/ingest/checkpointer";
import { freshDb, type TestDb } from "../ingest/helpers";

let t: TestDb | undefined;
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  t?.close();
});

const FILL = "with recursive s(i) as (select 1 union all select i + 1 from s where i < 30) insert into filler (data) select randomblob(3000) from s";

/** The WAL header's checkpoint sequence number: it goes up each time the WAL is restarted. */
function walSequence(file: string): number {
  const fd = fs.openSync(`${file}-wal`, "r");
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    fs.closeSync(fd);
  }
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it("copies other connections' pages into the database file off the event loop, round after round, and keeps the WAL small", async () => {
  t = freshDb();
  stop = startCheckpointer(t.db, { intervalMs: 20, minBytes: 0, restartPages: 200 });
  expect(t.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
  // Another writer that checkpoints nothing itself either: only the checkpointer can copy.
  const other = new Database(t.file);
  other.pragma("wal_autocheckpoint = 0");
  other.exec("create table filler (id integer primary key, data blob)");
  const size = (f: string) => fs.statSync(f).size;
  const walSizes: number[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      const before = size(t.file);
      // About 300 pages of new data (one ~3 KB row a page), in 10 transactions.
      for (let tx = 0; tx < 10; tx++) other.transaction(() => other.prepare(FILL).run())();
      walSizes.push(size(`${t.file}-wal`));
      await until(`round ${round}'s pages in the database file`, () => size(t!.file) >= before + 300 * 3000);
      // A fully copied WAL is restarted (a new checkpoint sequence in its header) by the next commit.
      const seq = walSequence(t.file);
      await until(`round ${round}'s WAL restart`, () => {
        other.prepare("insert into filler (data) values (x'00')").run();
        return walSequence(t!.file) > seq;
      });
    }
  } finally {
    other.close();
  }
  // Rewritten from its start each round, not appended to: the file stays at one round's size.
  expect(walSizes[2]).toBeLessThanOrEqual(walSizes[0]! * 1.2);
  expect((t.db.$client.prepare("select count(*) as n from filler").get() as { n: number }).n).toBeGreaterThan(900);
}, 90_000);
