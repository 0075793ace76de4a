import { describe, expect, it } from "vitest";
import { parseDuration, type ServiceOptions } from "~/agent/src/service/plan";
import { linuxInstallPlan, linuxUninstallPlan } from "~/agent/src/service/linux";
import { isoDuration, scheduledTaskXml, windowsInstallPlan } from "~/agent/src/service/windows";
import { darwinInstallPlan } from "~/agent/src/service/darwin";
import { parsePlist } from "~/agent/src/lib/plist";

const opts = (platform: ServiceOptions["platform"], sea = false): ServiceOptions => ({
  platform,
  sea,
  nodePath: platform === "windows" ? "C:\\Program Files\\nodejs\\node.exe" : "/usr/bin/node",
  stateDir: platform === "windows" ? "C:\\ProgramData\\MusterAgent" : "/var/lib/muster-agent",
  intervalSeconds: 3600,
  splaySeconds: 600,
});

describe("durations", () => {
  it("parses 1h, 30m, 90s, 1h30m, 1d and plain seconds; rejects junk", () => {
    expect([parseDuration("1h"), parseDuration("30m"), parseDuration("90s"), parseDuration("1h30m"), parseDuration("1d"), parseDuration("600")]).toEqual([3600, 1800, 90, 5400, 86400, 600]);
    expect(() => parseDuration("soon")).toThrow(/invalid duration/);
    expect(() => parseDuration("1h junk")).toThrow(/invalid duration/);
    expect([isoDuration(3600), isoDuration(5400), isoDuration(90), isoDuration(0)]).toEqual(["PT1H", "PT1H30M", "PT1M30S", "PT0S"]);
  });
});

describe("systemd", () => {
  const plan = linuxInstallPlan(opts("linux"));
  const [service, timer] = plan.files.map((f) => String(f.content));

  it("a hardened oneshot service that can only write its state folder", () => {
    expect(plan.files.map((f) => f.path)).toEqual(["/etc/systemd/system/muster-agent.service", "/etc/systemd/system/muster-agent.timer"]);
    for (const line of ["Type=oneshot", "ProtectSystem=strict", "ReadWritePaths=/var/lib/muster-agent /usr/local/lib/muster-agent", "NoNewPrivileges=yes", "PrivateTmp=yes", "Nice=10"]) {
      expect(service).toContain(`\n${line}\n`);
    }
    expect(service).toContain("\nExecStart=/usr/bin/node /usr/local/lib/muster-agent/muster-agent.js run --state-dir /var/lib/muster-agent\n");
  });

  it("the single executable runs by itself from /opt/muster-agent, which it may replace when it updates", () => {
    const sea = String(linuxInstallPlan(opts("linux", true)).files[0]!.content);
    expect(sea).toContain("\nExecStart=/opt/muster-agent/muster-agent run --state-dir /var/lib/muster-agent\n");
    expect(sea).toContain("\nReadWritePaths=/var/lib/muster-agent /opt/muster-agent\n");
    expect(linuxUninstallPlan(true).remove).toContain("/opt/muster-agent");
  });

  it("a timer with the interval and a randomized delay", () => {
    expect(timer).toContain("\nOnBootSec=5min\n");
    expect(timer).toContain("\nOnUnitActiveSec=3600s\n");
    expect(timer).toContain("\nRandomizedDelaySec=600s\n");
    expect(plan.commands.map((c) => c.argv.join(" "))).toEqual(["systemctl daemon-reload", "systemctl enable --now muster-agent.timer"]);
  });

  it("uninstall disables the timer and removes units and the installed copy, not the state", () => {
    const u = linuxUninstallPlan();
    expect(u.remove).toEqual(["/etc/systemd/system/muster-agent.service", "/etc/systemd/system/muster-agent.timer", "/usr/local/lib/muster-agent"]);
    expect(u.remove).not.toContain("/var/lib/muster-agent");
  });
});

describe("Windows Scheduled Task", () => {
  it("runs as SYSTEM every interval with a random delay, from UTF-16 XML", () => {
    const xml = scheduledTaskXml(opts("windows"), "C:\\Program Files\\MusterAgent\\muster-agent.js");
    expect(xml).toContain("<UserId>S-1-5-18</UserId>");
    expect(xml).toContain("<Interval>PT1H</Interval>");
    expect(xml).toContain("<RandomDelay>PT10M</RandomDelay>");
    expect(xml).toContain("<Arguments>&quot;C:\\Program Files\\MusterAgent\\muster-agent.js&quot; run --state-dir &quot;C:\\ProgramData\\MusterAgent&quot;</Arguments>");
    const sea = scheduledTaskXml(opts("windows", true), "C:\\Program Files\\MusterAgent\\muster-agent.exe");
    expect(sea).toContain("<Command>C:\\Program Files\\MusterAgent\\muster-agent.exe</Command>");
    expect(sea).toContain("<Arguments>run --state-dir &quot;C:\\ProgramData\\MusterAgent&quot;</Arguments>");
    const plan = windowsInstallPlan(opts("windows"));
    const file = plan.files[0]!.content as Buffer;
    expect([file[0], file[1]]).toEqual([0xff, 0xfe]);
    expect(plan.commands.at(-1)!.argv).toEqual(["schtasks", "/Create", "/TN", "Muster Agent", "/XML", "C:\\ProgramData\\MusterAgent\\muster-agent-task.xml", "/F"]);
  });
});

describe("launchd", () => {
  it("a daemon plist our own reader parses back: label, arguments with the splay, interval", () => {
    const plan = darwinInstallPlan(opts("darwin"));
    expect(plan.files[0]!.path).toBe("/Library/LaunchDaemons/gov.muster.agent.plist");
    const d = parsePlist(String(plan.files[0]!.content)) as Record<string, unknown>;
    expect(d.Label).toBe("gov.muster.agent");
    expect(d.StartInterval).toBe(3600);
    expect(d.ProgramArguments).toEqual(["/usr/bin/node", "/usr/local/libexec/muster-agent/muster-agent.js", "run", "--state-dir", "/var/lib/muster-agent", "--splay", "600"]);
  });
});
