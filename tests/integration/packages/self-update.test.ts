// Signed self-update end to end on this machine: a 0.1.9 single executable (built with the test
// release key) reports to a real server that ships 0.2.0, downloads it, verifies it, swaps it in
// and runs it; the server then sees 0.2.0. Offers that must change nothing (a signature from
// another key, a wrong hash, a truncated download) leave the executable as it was and are reported
// with the next check-in; a new version that fails its first run is rolled back and reported.
// Each case is one endpoint in its own agency, with its own copy of the executable.
import { sign } from "node:crypto";
import { createPrivateKey, createPublicKey } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReleaseIndex } from "~/agent/shared/release";
import type { ReleaseManifest } from "~/agent/shared/protocol";
import { manifestText } from "~/agent/shared/release";
import { currentBuild, olderBuild, type TestBuild } from "../../support/packages";
import { type Muster, run, sha256, startMuster } from "./helpers";

// Installs, 119 MB downloads and first runs: minutes on a busy two-core machine, not the default minute.
vi.setConfig({ testTimeout: 300_000 });

let v1: TestBuild;
let v2: TestBuild;
let muster: Muster;
let packages: string;
let mtime = Math.floor(Date.now() / 1000);

/** Writes the release the server ships: `file` in the packages folder, offered as `version`, signed with `keyFile`. */
function ship(o: { version: string; file: string; keyFile: string; manifest?: Partial<ReleaseManifest> }): void {
  const st = fs.statSync(path.join(packages, o.file));
  const m: ReleaseManifest = { product: "muster-agent", version: o.version, target: "linux-x64", file: o.file, size: st.size, sha256: sha256(path.join(packages, o.file)), ...o.manifest };
  const key = createPrivateKey(fs.readFileSync(o.keyFile));
  const text = manifestText(m);
  const index: ReleaseIndex = {
    product: "muster-agent",
    version: o.version,
    node: "22.23.2",
    builtAt: new Date().toISOString(),
    signing: { authenticode: false, gpg: null, releaseKey: createPublicKey(key).export({ type: "spki", format: "pem" }).toString() },
    files: [{ file: o.file, format: "sea", target: "linux-x64", size: st.size, sha256: m.sha256, signature: "none" }],
    updates: [{ manifest: text, signature: sign(null, Buffer.from(text), key).toString("base64") }],
  };
  const file = path.join(packages, "release.json");
  fs.writeFileSync(file, JSON.stringify(index));
  fs.utimesSync(file, ++mtime, mtime); // the server re-reads release.json when its mtime changes,
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100); // looking at most once a second
}

type Endpoint = { exe: string; state: string; deviceId: string };

/** A fresh copy of the 0.1.9 executable, enrolled in its own agency. */
function endpoint(agency: string): Endpoint {
  const dir = path.join(muster.dir, agency);
  fs.mkdirSync(dir);
  const exe = path.join(dir, "muster-agent");
  fs.copyFileSync(v1.file("muster-agent-0.1.9-linux-x64"), exe);
  fs.chmodSync(exe, 0o755);
  const state = path.join(dir, "state");
  const r = run(exe, ["enroll", "--server", muster.server.url, "--token", muster.token(agency), "--state-dir", state]);
  expect(r.code, r.stderr).toBe(0);
  return { exe, state, deviceId: JSON.parse(fs.readFileSync(path.join(state, "credential.json"), "utf8")).deviceId };
}

const agentRun = (e: Endpoint) => run(e.exe, ["run", "--state-dir", e.state]);
const version = (e: Endpoint) => run(e.exe, ["--version"]).stdout.split(" ")[1];
const events = (e: Endpoint) =>
  muster.query<{ fromVersion: string; toVersion: string; outcome: string; reason: string | null }>(
    "select u.from_version as fromVersion, u.to_version as toVersion, u.outcome, u.reason from agent_update_events u join endpoints e on e.id = u.endpoint_id where e.device_id = ? order by u.id",
    e.deviceId,
  );
const reported = (e: Endpoint) => muster.query<{ v: string }>("select agent_version as v from endpoints where device_id = ?", e.deviceId)[0]!.v;

beforeAll(async () => {
  v2 = currentBuild();
  v1 = olderBuild();
  packages = fs.mkdtempSync(path.join(path.dirname(v2.dir), "update-test-"));
  for (const f of ["muster-agent-0.2.0-linux-x64"]) fs.copyFileSync(v2.file(f), path.join(packages, f));
  muster = await startMuster({ MUSTER_AGENT_PACKAGES: packages });
}, 15 * 60_000);

afterAll(async () => {
  await muster?.stop();
  if (packages) fs.rmSync(packages, { recursive: true, force: true });
});

describe("self-update of the single executable", () => {
  it("a 0.1.9 agent updates itself to the 0.2.0 the server ships, verified, and reports as 0.2.0", () => {
    ship({ version: "0.2.0", file: "muster-agent-0.2.0-linux-x64", keyFile: v2.keys.releaseKey });
    const e = endpoint("UPD-OK");
    const r = agentRun(e);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("updated to 0.2.0");
    expect(version(e)).toBe("0.2.0");
    expect(sha256(e.exe)).toBe(sha256(v2.file("muster-agent-0.2.0-linux-x64")));
    // The new version's first run delivered its own report.
    expect(reported(e)).toBe("0.2.0");
    expect(events(e)).toEqual([{ fromVersion: "0.1.9", toVersion: "0.2.0", outcome: "updated", reason: null }]);
    expect(fs.readdirSync(path.dirname(e.exe)).sort()).toEqual(["muster-agent", "state"]); // no leftovers
    // Up to date now: the next run is offered nothing and changes nothing.
    expect(agentRun(e).code).toBe(0);
    expect(sha256(e.exe)).toBe(sha256(v2.file("muster-agent-0.2.0-linux-x64")));
  });

  it("a staged rollout at 0% offers nothing; at 100% the endpoint updates", async () => {
    const e = endpoint("UPD-STAGED");
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(muster.dbFile);
    const agency = (db.prepare("select id from agencies where code = 'UPD-STAGED'").get() as { id: number }).id;
    db.prepare("insert into agent_rollouts (agency_id, version, percent, updated_at) values (?, '0.2.0', 0, 0)").run(agency);
    expect(agentRun(e).code).toBe(0);
    expect(version(e)).toBe("0.1.9");
    db.prepare("update agent_rollouts set percent = 100 where agency_id = ?").run(agency);
    db.close();
    expect(agentRun(e).code).toBe(0);
    expect(version(e)).toBe("0.2.0");
  });

  const refused = (agency: string, setup: () => void, outcome: string, reason: RegExp) => {
    setup();
    const e = endpoint(agency);
    const before = sha256(e.exe);
    expect(agentRun(e).code).toBe(0);
    expect(sha256(e.exe)).toBe(before);
    expect(version(e)).toBe("0.1.9");
    expect(events(e)).toEqual([]); // not yet: it goes out with the next report
    expect(agentRun(e).code).toBe(0);
    expect(sha256(e.exe)).toBe(before);
    const got = events(e);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ fromVersion: "0.1.9", outcome });
    expect(got[0]!.reason).toMatch(reason);
    expect(fs.readdirSync(path.dirname(e.exe)).sort()).toEqual(["muster-agent", "state"]);
    return e;
  };

  it("a release signed with another key is refused and reported", () => {
    refused("UPD-BADSIG", () => ship({ version: "0.2.0", file: "muster-agent-0.2.0-linux-x64", keyFile: v2.keys.otherReleaseKey }), "refused", /bad signature/);
  });

  it("a download whose hash differs from the signed one is discarded and reported, and not tried again", () => {
    const e = refused("UPD-HASH", () => ship({ version: "0.2.0", file: "muster-agent-0.2.0-linux-x64", keyFile: v2.keys.releaseKey, manifest: { sha256: "ab".repeat(32) } }), "failed", /wrong hash/);
    expect(agentRun(e).code).toBe(0);
    expect(events(e)).toHaveLength(1);
  });

  it("a truncated download changes nothing and is reported", () => {
    const size = fs.statSync(path.join(packages, "muster-agent-0.2.0-linux-x64")).size;
    refused("UPD-SHORT", () => ship({ version: "0.2.0", file: "muster-agent-0.2.0-linux-x64", keyFile: v2.keys.releaseKey, manifest: { size: size + 4096 } }), "failed", /truncated download/);
  });

  it("a new version that fails its first run is rolled back, and the next report says so", () => {
    // A build that starts (answers --version) but whose runs fail.
    fs.writeFileSync(path.join(packages, "broken-0.3.0"), '#!/bin/sh\nif [ "$1" = --version ]; then echo "muster-agent 0.3.0 (protocol v1)"; exit 0; fi\necho "cannot start" >&2\nexit 1\n', {
      mode: 0o755,
    });
    ship({ version: "0.3.0", file: "broken-0.3.0", keyFile: v2.keys.releaseKey });
    const e = endpoint("UPD-ROLLBACK");
    const before = sha256(e.exe);
    const r = agentRun(e);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("first run failed");
    expect(sha256(e.exe)).toBe(before);
    expect(version(e)).toBe("0.1.9");
    expect(agentRun(e).code).toBe(0);
    expect(events(e)).toEqual([{ fromVersion: "0.1.9", toVersion: "0.3.0", outcome: "rolled-back", reason: "first run failed: it exited 1" }]);
    expect(reported(e)).toBe("0.1.9");
  });
});
