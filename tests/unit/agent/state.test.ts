import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "~/agent/src/lib/atomic-fs";
import { createLogger } from "~/agent/src/state/log";
import { acquireLock } from "~/agent/src/state/lock";
import { readCredential, writeCredential } from "~/agent/src/state/credential";
import { readAgentState, writeAgentState } from "~/agent/src/state/agent-state";

const dir = () => mkdtempSync(join(tmpdir(), "muster-state-"));

describe("state folder", () => {
  it("atomic writes replace the file whole and leave no temporary files", () => {
    const d = dir();
    const f = join(d, "state.json");
    writeFileAtomic(f, "one");
    writeFileAtomic(f, "two");
    expect(readFileSync(f, "utf8")).toBe("two");
    expect(readdirSync(d)).toEqual(["state.json"]);
  });

  it("the credential is readable by its owner only; a missing one means not enrolled", () => {
    const d = dir();
    const f = join(d, "credential.json");
    expect(readCredential(f)).toBeNull();
    writeCredential(f, { server: "https://m.gov", deviceId: "d", deviceSecret: "s", enrolledAt: "2024-01-01T00:00:00Z" });
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readCredential(f)?.deviceSecret).toBe("s");
    writeFileSync(f, '{"server":"https://m.gov"}');
    expect(() => readCredential(f)).toThrow(/enroll again/);
  });

  it("state.json starts at seq 0 when absent or unreadable", () => {
    const d = dir();
    expect(readAgentState(join(d, "state.json"))).toEqual({ seq: 0 });
    writeAgentState(join(d, "state.json"), { seq: 41 });
    expect(readAgentState(join(d, "state.json")).seq).toBe(41);
    writeFileSync(join(d, "state.json"), "{garbage");
    expect(readAgentState(join(d, "state.json"))).toEqual({ seq: 0 });
  });

  it("the log rotates past its size into agent.log.1", () => {
    const d = dir();
    const f = join(d, "agent.log");
    const log = createLogger(f, { maxBytes: 200 });
    for (let i = 0; i < 10; i++) log.info(`line ${i} ${"x".repeat(40)}`);
    expect(existsSync(`${f}.1`)).toBe(true);
    expect(statSync(f).size).toBeLessThan(400);
    expect(readFileSync(f, "utf8")).toMatch(/INFO line 9/);
  });

  it("one run at a time: a live holder refuses, a dead one's lock is taken over", () => {
    const d = dir();
    const f = join(d, "run.lock");
    const release = acquireLock(f);
    writeFileSync(f, String(process.ppid)); // pretend another live process holds it
    expect(() => acquireLock(f)).toThrow(/another muster-agent run \(pid \d+\)/);
    writeFileSync(f, "999999999"); // no such process
    const again = acquireLock(f);
    expect(readFileSync(f, "utf8")).toBe(String(process.pid));
    again();
    release();
    expect(existsSync(f)).toBe(false);
  });
});
