// Validation of what agents send: bounds from LIMITS, strict enumerations, tolerated unknown keys,
// plausible collectedAt.
import { describe, expect, it } from "vitest";
import { LIMITS } from "~/agent/shared/protocol";
import { collectedAtMs, ZCheckinRequestSchema, ZEnrollRequestSchema } from "~/server/ingest/schemas";

const NOW = Date.UTC(2026, 0, 5);
const valid = () => ({
  deviceId: "dev_abcdefghijklmnopqrst",
  seq: 1,
  collectedAt: "2026-01-05T08:00:00.000Z",
  agentVersion: "0.1.0",
  hostname: "ws-1",
  os: { platform: "linux", name: "Debian", version: "12", arch: "x64" },
  catalogVersion: "abc",
  collectors: [{ name: "dpkg", ok: true }],
  software: [{ source: "dpkg", name: "kesl", version: "12", identifier: "kesl" }],
});
const issuesOf = (v: unknown) => {
  const r = ZCheckinRequestSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("check-in schema", () => {
  it("accepts a valid report and drops unknown keys", () => {
    const r = ZCheckinRequestSchema.parse({ ...valid(), future: 1, software: [{ ...valid().software[0], installDate: "x" }] });
    expect(r).not.toHaveProperty("future");
    expect(r.software[0]).not.toHaveProperty("installDate");
  });

  it("bounds seq to positive safe integers", () => {
    for (const seq of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, "1", null]) expect(issuesOf({ ...valid(), seq })).toContain("seq");
    expect(issuesOf({ ...valid(), seq: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it("bounds strings and arrays by LIMITS", () => {
    const long = "x".repeat(LIMITS.stringLength + 1);
    expect(issuesOf({ ...valid(), software: [{ source: "dpkg", name: long }] })).toContain("software.0.name");
    expect(issuesOf({ ...valid(), hostname: "h".repeat(LIMITS.hostnameLength + 1) })).toContain("hostname");
    expect(issuesOf({ ...valid(), software: Array.from({ length: LIMITS.softwareEntries + 1 }, () => ({ source: "dpkg", name: "a" })) })).toContain("software");
    expect(issuesOf({ ...valid(), collectors: Array.from({ length: LIMITS.collectors + 1 }, () => ({ name: "dpkg", ok: true })) })).toContain("collectors");
    expect(issuesOf({ ...valid(), software: Array.from({ length: LIMITS.softwareEntries }, () => ({ source: "dpkg", name: "a" })) })).toEqual([]);
  });

  it("rejects unknown sources, collector names and platforms, and wrongly typed state", () => {
    expect(issuesOf({ ...valid(), software: [{ source: "floppy", name: "a" }] })).toContain("software.0.source");
    expect(issuesOf({ ...valid(), collectors: [{ name: "floppy", ok: true }] })).toContain("collectors.0.name");
    expect(issuesOf({ ...valid(), os: { ...valid().os, platform: "beos" } })).toContain("os.platform");
    expect(issuesOf({ ...valid(), software: [{ source: "windows-security-center", name: "D", state: { enabled: "yes", upToDate: true } }] })).toContain("software.0.state.enabled");
    expect(issuesOf({ ...valid(), software: [{ source: "dpkg", name: "" }] })).toContain("software.0.name");
  });

  it("requires an ISO date for collectedAt, not absurdly far in the future", () => {
    expect(issuesOf({ ...valid(), collectedAt: "yesterday" })).toContain("collectedAt");
    expect(collectedAtMs("2026-01-05T08:00:00+02:00", NOW)).toBe(Date.UTC(2026, 0, 5, 6));
    expect(typeof collectedAtMs("2026-02-05T08:00:00Z", NOW)).toBe("string");
    expect(typeof collectedAtMs("1999-12-31T23:00:00Z", NOW)).toBe("string");
    expect(collectedAtMs("2026-01-08T00:00:00Z", NOW)).toBe(Date.UTC(2026, 0, 8)); // a few days of clock drift is fine
  });
});

describe("enroll schema", () => {
  it("requires the token, a hostname, a hardware id and the OS", () => {
    const ok = { enrollToken: "mst_enr_x", hostname: "h", hardwareId: "a".repeat(64), agentVersion: "1", os: { platform: "darwin", name: "macOS", version: "15", arch: "arm64" } };
    expect(ZEnrollRequestSchema.safeParse(ok).success).toBe(true);
    expect(ZEnrollRequestSchema.safeParse({ ...ok, hardwareId: "" }).success).toBe(false);
    expect(ZEnrollRequestSchema.safeParse({ ...ok, enrollToken: "t".repeat(257) }).success).toBe(false);
  });
});
