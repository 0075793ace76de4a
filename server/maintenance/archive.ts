// Check-ins older than the retention leave the database for an append-only archive beside it, never
// the void: `<data folder>/archive/checkins-YYYY-MM.ndjson.gz`, one line per check-in (device id,
// enrollment, seq, times, entries, changes), one gzip member appended per chunk (zcat reads the
// concatenation). A chunk is written and fsynced before its rows leave the database, so a crash
// between the two repeats rows in the archive (same device, enrollment and seq) and loses none.
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type Db, isPostgres } from "../db/client";
import { DAY_MS } from "../lib/time";
import { type ArchivedCheckin, checkinsBefore, deleteCheckins } from "./store";

export const CHECKIN_RETENTION_DAYS = 400;
const CHUNK = 10_000;

/**
 * The archive folder beside the database file, or null for an in-memory database (nothing archived)
 * and for PostgreSQL: it has no file to sit beside (its "name" is the URL's), and where several
 * nodes' archive goes (a table, a shared folder) is not decided yet; its check-ins stay in the database.
 */
export function archiveDir(db: Db): string | null {
  if (isPostgres(db)) return null;
  const file = db.$client.name;
  return !file || file === ":memory:" ? null : path.join(path.dirname(file), "archive");
}

function appendSynced(file: string, data: Buffer): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeChunk(dir: string, rows: ArchivedCheckin[]): void {
  const byMonth = new Map<string, string[]>();
  for (const { endpointId: _endpointId, ...r } of rows) {
    const month = new Date(r.receivedAt).toISOString().slice(0, 7);
    const lines = byMonth.get(month) ?? byMonth.set(month, []).get(month)!;
    lines.push(JSON.stringify(r));
  }
  for (const [month, lines] of byMonth) appendSynced(path.join(dir, `checkins-${month}.ndjson.gz`), gzipSync(`${lines.join("\n")}\n`));
  const dirFd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(dirFd); // the new files' names are durable too
  } finally {
    fs.closeSync(dirFd);
  }
}

/** Moves check-ins received before `now - retentionDays` into the archive; returns how many moved. */
export function archiveCheckins(db: Db, now: number, retentionDays = CHECKIN_RETENTION_DAYS): number {
  const dir = archiveDir(db);
  if (!dir) return 0;
  let total = 0;
  for (;;) {
    const rows = checkinsBefore(db, now - retentionDays * DAY_MS, CHUNK);
    if (rows.length === 0) return total;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeChunk(dir, rows);
    db.$client
      .transaction(() =>
        deleteCheckins(
          db,
          rows.map((r) => [r.endpointId, r.enrollment, r.seq] as const),
        ),
      )
      .immediate();
    total += rows.length;
    if (rows.length < CHUNK) return total;
  }
}
