// The bundled agent as a program: scan on fixture trees and on this machine, classify, --help,
// exit codes, install-service --dry-run. No network anywhere in this file.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE, ROOTS, buildAgentOnce, runAgent, tempDir, writeJson } from "./helpers";
import { CATALOG_DATA, catalogVersion } from "~/agent/shared/catalog/index";
import type { CheckinRequest, SoftwareEntry } from "~/agent/shared/protocol";

type ScanBody = Omit<CheckinRequest, "deviceId" | "seq">;
const key = (e: SoftwareEntry) => `${e.source} ${e.identifier ?? e.name}`;

beforeAll(async () => {
  await buildAgentOnce();
});

describe("the bundle", () => {
  it("is one self-contained file under 300 KB that starts with a shebang", () => {
    expect(statSync(BUNDLE).size).toBeLessThan(300 * 1024);
    const head = execFileSync("head", ["-c", "20", BUNDLE]).toString();
    expect(head.startsWith("#!/usr/bin/env node")).toBe(true);
  });

  it("--version, --help on every command, documented exit codes for usage errors", async () => {
    expect((await runAgent(["--version"])).stdout).toMatch(/^muster-agent \d+\.\d+\.\d+ \(protocol v1\)/);
    for (const cmd of ["enroll", "run", "scan", "classify", "status", "install-service", "uninstall-service"]) {
      const r = await runAgent([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`usage: muster-agent ${cmd}`);
    }
    const unknown = await runAgent(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badFlag = await runAgent(["scan", "--bogus"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("--bogus");
    const platformWithoutRoot = await runAgent(["scan", "--platform", "darwin"]);
    expect(platformWithoutRoot.code).toBe(2);
    expect(platformWithoutRoot.stderr).toContain("--platform is only allowed with --root");
  });
});

describe("scan --json on fixture trees finds exactly the security products", () => {
  it("Linux (Kaspersky Endpoint Security + Network Agent among ordinary packages)", async () => {
    const r = await runAgent(["scan", "--json", "--root", join(ROOTS, "linux-kaspersky"), "--state-dir", tempDir("scan")]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as ScanBody;
    expect(Object.keys(body)).toEqual(["collectedAt", "agentVersion", "hostname", "os", "catalogVersion", "collectors", "software"]);
    // The bundle carries the version agent/build.mjs computed; it must be the data's own.
    expect(body.catalogVersion).toBe(catalogVersion(CATALOG_DATA));
    expect(body.hostname).toBe("ws-0142");
    expect(body.os).toMatchObject({ platform: "linux", name: "Ubuntu 22.04.4 LTS", version: "22.04" });
    expect(body.collectors).toEqual([
      { name: "dpkg", ok: true },
      { name: "linux-systemd", ok: true },
      { name: "linux-path", ok: true },
    ]);
    expect(body.software.map(key).sort()).toEqual([
      "dpkg kesl",
      "dpkg klnagent64",
      "linux-path /opt/kaspersky",
      "linux-path /opt/kaspersky/kesl",
      "linux-path /opt/kaspersky/klnagent64",
      "linux-path /var/opt/kaspersky",
      "linux-path /var/opt/kaspersky/kesl",
      "linux-systemd kesl-supervisor.service",
      "linux-systemd kesl.service",
      "linux-systemd klnagent64.service",
    ]);
    expect(body.software.some((e) => e.unrecognized)).toBe(false);
  });

  it("macOS tree scanned on Linux with --platform darwin", async () => {
    const r = await runAgent(["scan", "--json", "--root", join(ROOTS, "macos-kaspersky"), "--platform", "darwin", "--state-dir", tempDir("scan")]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as ScanBody;
    expect(body.os).toMatchObject({ platform: "darwin", name: "macOS", version: "14.3" });
    expect(body.collectors.map((c) => `${c.name}:${c.ok}`)).toEqual(["macos-app:true", "macos-receipt:true", "macos-system-extension:true", "macos-launchd:true"]);
    expect(body.software.map(key).sort()).toEqual([
      "macos-app com.kaspersky.kes.gui",
      "macos-launchd com.kaspersky.kes.daemon",
      "macos-receipt com.kaspersky.kes.pkg",
      "macos-system-extension com.kaspersky.kes.esext",
      "macos-system-extension com.kaspersky.kes.esext",
    ]);
  });

  it("the readable table says what would be sent and that nothing was", async () => {
    const r = await runAgent(["scan", "--root", join(ROOTS, "linux-kaspersky"), "--state-dir", tempDir("scan")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SOURCE\s+NAME\s+VERSION\s+IDENTIFIER\s+CLASSIFICATION/);
    expect(r.stdout).toContain("kaspersky / kaspersky-endpoint-security (antivirus)");
    expect(r.stdout).toMatch(/10 of \d+ collected entries would be sent; nothing was sent\./);
  });
});

describe("scan on this machine", () => {
  it("runs on the real root and reports its collectors", async () => {
    const r = await runAgent(["scan", "--json", "--state-dir", tempDir("scan")]);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as ScanBody;
    expect(body.os.platform).toBe(process.platform === "darwin" ? "darwin" : process.platform === "win32" ? "windows" : "linux");
    expect(body.collectors.length).toBeGreaterThan(0);
    expect(body.collectors.every((c) => c.ok)).toBe(true);
    for (const e of body.software) expect(e.name.length).toBeGreaterThan(0);
  });

  // CI installs clamav (.ci/run); elsewhere this runs only where ClamAV is installed.
  const clamav = (() => {
    try {
      return /^ii\s/.test(execFileSync("dpkg-query", ["-W", "-f=${db:Status-Abbrev}", "clamav"]).toString());
    } catch {
      return false;
    }
  })();
  it.skipIf(!clamav && !process.env.CI)("reports ClamAV once it is installed", async () => {
    const r = await runAgent(["scan", "--json", "--state-dir", tempDir("scan")]);
    const body = JSON.parse(r.stdout) as ScanBody;
    const clam = body.software.filter((e) => e.source === "dpkg" && e.name === "clamav");
    expect(clam, "apt-get install -y clamav").toHaveLength(1);
    expect(body.software.some((e) => e.source === "linux-systemd" && e.identifier === "clamav-freshclam.service")).toBe(true);
  });
});

describe("classify FILE", () => {
  it("prints one verdict per entry, null for ordinary software", async () => {
    const file = writeJson(join(tempDir("classify"), "entries.json"), [
      { source: "windows-uninstall", name: "Kaspersky Endpoint Security for Windows", publisher: "AO Kaspersky Lab", identifier: "{7A4192A1-84C4-4E90-A31B-B4847CA8E23A}" },
      { source: "dpkg", name: "bash", identifier: "bash" },
      { source: "windows-driver", name: "Kaspersky Lab Framework Driver", identifier: "klif" },
    ]);
    const r = await runAgent(["classify", file, "--state-dir", tempDir("classify")]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as ({ vendor: string; product: string; category: string } | null)[];
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ vendor: "kaspersky", category: "antivirus" });
    expect(out[1]).toBeNull();
    expect(out[2]).toMatchObject({ vendor: "kaspersky" });
  });

  it("reads standard input with -, and names the bad entry on invalid input (exit 2)", async () => {
    const ok = await runAgent(["classify", "-", "--state-dir", tempDir("classify")], { input: '[{"source":"rpm","name":"kesl","identifier":"kesl"}]' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)[0]).toMatchObject({ vendor: "kaspersky" });
    const bad = await runAgent(["classify", "-", "--state-dir", tempDir("classify")], { input: '[{"source":"rpm","name":"a"},{"source":"floppy","name":"b"}]' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('entry 1: "source" must be one of');
  });
});

describe("install-service --dry-run", () => {
  it("prints the files and commands for each OS without touching the system", async () => {
    const linux = await runAgent(["install-service", "--dry-run", "--interval", "2h", "--splay", "15m"]);
    expect(linux.code).toBe(0);
    expect(linux.stdout).toContain("# write /etc/systemd/system/muster-agent.timer");
    expect(linux.stdout).toContain("OnUnitActiveSec=7200s");
    expect(linux.stdout).toContain("RandomizedDelaySec=900s");
    expect(linux.stdout).toContain("# run: systemctl enable --now muster-agent.timer");
    const win = await runAgent(["install-service", "--dry-run", "--platform", "windows"]);
    expect(win.stdout).toContain("<UserId>S-1-5-18</UserId>");
    expect(win.stdout).toContain('# run: schtasks /Create /TN "Muster Agent" /XML');
    const mac = await runAgent(["install-service", "--dry-run", "--platform", "darwin"]);
    expect(mac.stdout).toContain("# write /Library/LaunchDaemons/gov.muster.agent.plist");
    const un = await runAgent(["uninstall-service", "--dry-run"]);
    expect(un.stdout).toContain("# run: systemctl disable --now muster-agent.timer");
    const refused = await runAgent(["install-service", "--platform", "windows"]);
    expect(refused.code).toBe(2);
    const tooShort = await runAgent(["install-service", "--dry-run", "--interval", "1m"]);
    expect(tooShort.code).toBe(2);
    expect(tooShort.stderr).toContain("at least 5m");
  });
});
