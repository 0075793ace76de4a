// Reports not yet accepted by the server, one file per report named by its zero-padded seq, so a
// directory listing sorted by name is delivery order. A report is in the spool before any attempt
// to send it, and leaves it only when the server accepted it (or rejected it for good). Bounded:
// past maxReports or maxBytes the oldest are dropped, and the caller logs each drop.
import { readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CheckinRequest } from "../../shared/protocol";
import { TEMP_PREFIX, writeFileAtomic } from "../lib/atomic-fs";

export const SPOOL_LIMITS = { maxReports: 500, maxBytes: 50 * 1024 * 1024 };

export type SpoolItem = { seq: number; file: string; bytes: number };

const NAME = /^(\d{12})\.json$/;

export function spoolFileName(seq: number): string {
  return `${String(seq).padStart(12, "0")}.json`;
}

export class Spool {
  constructor(
    readonly dir: string,
    readonly limits = SPOOL_LIMITS,
  ) {}

  /** Spooled reports in seq order (oldest first). Leftover temp files from a crash are removed. */
  list(): SpoolItem[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const items: SpoolItem[] = [];
    for (const name of names) {
      const file = join(this.dir, name);
      if (name.startsWith(TEMP_PREFIX)) {
        rmSync(file, { force: true });
        continue;
      }
      const m = NAME.exec(name);
      if (!m) continue;
      items.push({ seq: Number(m[1]), file, bytes: statSync(file).size });
    }
    return items.sort((a, b) => a.seq - b.seq);
  }

  add(report: CheckinRequest): SpoolItem {
    const file = join(this.dir, spoolFileName(report.seq));
    const data = JSON.stringify(report);
    writeFileAtomic(file, data, 0o600);
    return { seq: report.seq, file, bytes: Buffer.byteLength(data) };
  }

  read(item: SpoolItem): CheckinRequest {
    return JSON.parse(readFileSync(item.file, "utf8")) as CheckinRequest;
  }

  remove(item: SpoolItem): void {
    rmSync(item.file, { force: true });
  }

  /** Drops the oldest reports until the spool is within its bounds; returns what was dropped. */
  enforceLimits(): SpoolItem[] {
    const items = this.list();
    let bytes = items.reduce((n, i) => n + i.bytes, 0);
    const dropped: SpoolItem[] = [];
    // The newest report always stays, even if it alone exceeds the byte bound.
    while (items.length > 1 && (items.length > this.limits.maxReports || bytes > this.limits.maxBytes)) {
      const oldest = items.shift()!;
      this.remove(oldest);
      bytes -= oldest.bytes;
      dropped.push(oldest);
    }
    return dropped;
  }

  clear(): number {
    const items = this.list();
    for (const i of items) this.remove(i);
    return items.length;
  }

  totals(): { count: number; bytes: number; oldestSeq?: number; newestSeq?: number } {
    const items = this.list();
    return {
      count: items.length,
      bytes: items.reduce((n, i) => n + i.bytes, 0),
      oldestSeq: items[0]?.seq,
      newestSeq: items.at(-1)?.seq,
    };
  }
}
