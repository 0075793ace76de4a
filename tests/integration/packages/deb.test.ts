// The single executable and the Debian package on this machine, for real (as root, like CI): the
// executable scans with no `node` on PATH exactly like the bundle; the deb installs with dpkg,
// enrolls against a test server from /etc/muster-agent/enroll.conf in its post-install step, ships
// units that `systemd-analyze verify` accepts, reports a check-in when its ExecStart runs (systemd
// is not PID 1 here, so the test runs the unit's ExecStart line as the timer would), keeps the
// device id across an upgrade, and purge removes it. The package is purged at the end even when a
// step fails: nothing (files, timer links) is left on the machine.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROOT } from "../../support/server";
import { currentBuild, olderBuild, type TestBuild } from "../../support/packages";
import { type Muster, pathWithoutNode, run, startMuster } from "./helpers";

// Installs, 119 MB downloads and first runs: minutes on a busy two-core machine, not the default minute.
vi.setConfig({ testTimeout: 300_000 });

const STATE = "/var/lib/muster-agent";
const CONF = "/etc/muster-agent/enroll.conf";
const TIMER_LINK = "/etc/systemd/system/timers.target.wants/muster-agent.timer";

function purge(): void {
  spawnSync("dpkg", ["--purge", "muster-agent"], { stdio: "ignore" });
  fs.rmSync("/etc/muster-agent", { recursive: true, force: true });
}

/** dpkg with the normal PATH (node lives in /usr/bin here, beside dpkg; the agent never looks for it). */
const dpkg = (args: string[]) => run("dpkg", args, { PATH: process.env.PATH });
const installed = () => spawnSync("dpkg-query", ["-W", "-f=${Status} ${Version}", "muster-agent"], { encoding: "utf8" }).stdout;

let current: TestBuild;
let older: TestBuild;
let muster: Muster;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("the package tests install a .deb for real: run them as root (CI does)");
  if (installed().includes("installed")) throw new Error("muster-agent is already installed on this machine: remove it first (dpkg --purge muster-agent)");
  current = currentBuild();
  older = olderBuild();
  muster = await startMuster();
}, 15 * 60_000);

afterAll(async () => {
  purge();
  await muster?.stop();
});

describe("the Linux single executable", () => {
  it("runs scan --json with no node on PATH, and reports what `node muster-agent.js` reports", () => {
    expect(spawnSync("sh", ["-c", "command -v node"], { env: { ...process.env, PATH: pathWithoutNode() } }).status).not.toBe(0);
    const exe = current.file("muster-agent-0.2.0-linux-x64");
    const root = path.join(ROOT, "tests", "fixtures", "agent", "roots", "linux-kaspersky");
    const sea = run(exe, ["scan", "--json", "--root", root]);
    expect(sea.code, sea.stderr).toBe(0);
    const js = spawnSync(process.execPath, [current.file("muster-agent-0.2.0.js"), "scan", "--json", "--root", root], { encoding: "utf8" });
    const strip = (t: string) => ({ ...JSON.parse(t), collectedAt: "-" });
    expect(strip(sea.stdout)).toEqual(strip(js.stdout));
    expect(strip(sea.stdout).software.length).toBeGreaterThan(0);
    // Same exit codes as the bundle: usage error 2, not enrolled 3.
    expect(run(exe, ["no-such-command"]).code).toBe(2);
    expect(run(exe, ["run", "--state-dir", path.join(muster.dir, "nowhere")]).code).toBe(3);
    expect(run(exe, ["--version"]).stdout).toMatch(/^muster-agent 0\.2\.0 \(protocol v1\)/);
  });
});

describe("the deb on this machine", () => {
  it("is lintian-clean (the few overrides are shipped with their reasons)", () => {
    const r = spawnSync("lintian", ["--tag-display-limit", "0", current.file("muster-agent_0.2.0_amd64.deb")], { encoding: "utf8" });
    expect(`${r.stdout}${r.stderr}`.split("\n").filter((l) => /^[EW]: /.test(l))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("installs, enrolls from enroll.conf, has valid units, and its timer's command delivers a check-in", () => {
    const token = muster.token("DEB-TEST");
    fs.mkdirSync(path.dirname(CONF), { recursive: true, mode: 0o700 });
    fs.writeFileSync(CONF, `# written by the test\nserver=${muster.server.url}\ntoken=${token}\n`, { mode: 0o600 });
    const r = dpkg(["-i", older.file("muster-agent_0.1.9_amd64.deb")]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(installed()).toBe("install ok installed 0.1.9");
    expect(fs.statSync("/opt/muster-agent/muster-agent").mode & 0o777).toBe(0o755);
    expect(fs.existsSync(TIMER_LINK)).toBe(true); // enabled for the next boot

    const cred = JSON.parse(fs.readFileSync(path.join(STATE, "credential.json"), "utf8"));
    expect(fs.statSync(path.join(STATE, "credential.json")).mode & 0o777).toBe(0o600);
    const [ep] = muster.query<{ deviceId: string; agency: string; agentVersion: string }>(
      "select e.device_id as deviceId, a.code as agency, e.agent_version as agentVersion from endpoints e join agencies a on a.id = e.agency_id",
    );
    expect(ep).toEqual({ deviceId: cred.deviceId, agency: "DEB-TEST", agentVersion: "0.1.9" });

    const verify = spawnSync("systemd-analyze", ["verify", "/lib/systemd/system/muster-agent.service", "/lib/systemd/system/muster-agent.timer"], { encoding: "utf8" });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr.trim()).toBe("");

    const unit = fs.readFileSync("/lib/systemd/system/muster-agent.service", "utf8");
    const execStart = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(" ");
    expect(execStart).toEqual(["/opt/muster-agent/muster-agent", "run", "--state-dir", STATE]);
    const ran = run(execStart[0]!, execStart.slice(1));
    expect(ran.code, ran.stderr).toBe(0);
    expect(muster.query("select seq from checkins c join endpoints e on e.id = c.endpoint_id where e.device_id = ?", cred.deviceId)).toEqual([{ seq: 1 }]);
  });

  it("an upgrade keeps the device id and the state; the new version reports itself", () => {
    const before = JSON.parse(fs.readFileSync(path.join(STATE, "credential.json"), "utf8"));
    const r = dpkg(["-i", current.file("muster-agent_0.2.0_amd64.deb")]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(installed()).toBe("install ok installed 0.2.0");
    expect(r.stdout + r.stderr).not.toMatch(/enrollment .* failed/);
    const after = JSON.parse(fs.readFileSync(path.join(STATE, "credential.json"), "utf8"));
    expect(after.deviceId).toBe(before.deviceId);
    expect(after.deviceSecret).toBe(before.deviceSecret);
    expect(run("/opt/muster-agent/muster-agent", ["run", "--state-dir", STATE]).code).toBe(0);
    expect(muster.query("select count(*) as n from endpoints")).toEqual([{ n: 1 }]);
    expect(muster.query("select agent_version as v, last_seq as seq from endpoints")).toEqual([{ v: "0.2.0", seq: 2 }]);
    expect(muster.query("select from_version as f, to_version as t, outcome from agent_update_events")).toEqual([{ f: "0.1.9", t: "0.2.0", outcome: "updated" }]);
  });

  it("purge removes the program, the units, the timer link, the state and the configuration", () => {
    const r = dpkg(["--purge", "muster-agent"]);
    expect(r.code, r.stderr).toBe(0);
    for (const p of ["/opt/muster-agent", "/lib/systemd/system/muster-agent.service", "/lib/systemd/system/muster-agent.timer", TIMER_LINK, STATE, "/etc/muster-agent"]) {
      expect(fs.existsSync(p), p).toBe(false);
    }
    expect(installed()).not.toContain("installed");
    expect(execFileSync("sh", ["-c", "ls /etc/systemd/system | grep -c muster || true"], { encoding: "utf8" }).trim()).toBe("0");
  });
});
