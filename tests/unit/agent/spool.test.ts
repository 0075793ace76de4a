import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Spool, spoolFileName } from "~/agent/src/state/spool";
import type { CheckinRequest } from "~/agent/shared/protocol";

const report = (seq: number, padding = 0): CheckinRequest => ({
  deviceId: "dev-1",
  seq,
  collectedAt: "2024-02-12T09:30:00.000Z",
  agentVersion: "0.1.0",
  hostname: "ws-0142",
  os: { platform: "linux", name: "Debian", version: "12", arch: "x64" },
  catalogVersion: "abc",
  collectors: [{ name: "dpkg", ok: true }],
  software: padding ? [{ source: "dpkg", name: "x".repeat(padding) }] : [],
});

const fresh = (limits?: { maxReports: number; maxBytes: number }) => new Spool(join(mkdtempSync(join(tmpdir(), "muster-spool-")), "spool"), limits);

describe("spool", () => {
  it("lists reports in seq order whatever order they were written in (numeric, not lexical)", () => {
    const s = fresh();
    for (const seq of [10, 2, 9, 1, 100]) s.add(report(seq));
    expect(s.list().map((i) => i.seq)).toEqual([1, 2, 9, 10, 100]);
    expect(s.read(s.list()[0]!)).toEqual(report(1));
    expect(spoolFileName(42)).toBe("000000000042.json");
  });

  it("drops the oldest reports first past the report bound", () => {
    const s = fresh({ maxReports: 3, maxBytes: 1e9 });
    for (let seq = 1; seq <= 5; seq++) s.add(report(seq));
    expect(s.enforceLimits().map((d) => d.seq)).toEqual([1, 2]);
    expect(s.list().map((i) => i.seq)).toEqual([3, 4, 5]);
  });

  it("drops the oldest reports first past the byte bound, but always keeps the newest", () => {
    const one = Buffer.byteLength(JSON.stringify(report(1, 1000)));
    const s = fresh({ maxReports: 100, maxBytes: one * 2 + 10 });
    for (let seq = 1; seq <= 4; seq++) s.add(report(seq, 1000));
    expect(s.enforceLimits().map((d) => d.seq)).toEqual([1, 2]);
    expect(s.totals()).toMatchObject({ count: 2, oldestSeq: 3, newestSeq: 4 });
    const tiny = fresh({ maxReports: 100, maxBytes: 10 });
    tiny.add(report(7, 1000));
    expect(tiny.enforceLimits()).toEqual([]);
    expect(tiny.totals().count).toBe(1);
  });

  it("removes temp files a crash left behind and ignores foreign files", () => {
    const s = fresh();
    s.add(report(1));
    writeFileSync(join(s.dir, ".tmp-000000000002.json-123-abcd"), "{half a rep");
    writeFileSync(join(s.dir, "notes.txt"), "hello");
    expect(s.list().map((i) => i.seq)).toEqual([1]);
    expect(readdirSync(s.dir).sort()).toEqual(["000000000001.json", "notes.txt"]);
  });

  it("clear() empties it and says how many were discarded", () => {
    const s = fresh();
    s.add(report(1));
    s.add(report(2));
    expect(s.clear()).toBe(2);
    expect(s.list()).toEqual([]);
    expect(fresh().list()).toEqual([]); // folder not created yet
  });
});
