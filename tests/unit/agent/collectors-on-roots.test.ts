import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollectors, type Collector } from "~/agent/src/collectors/index";
import type { CollectContext } from "~/agent/src/collectors/types";
import { execCommand } from "~/agent/src/lib/exec";

const roots = join(__dirname, "../../fixtures/agent/roots");
const ctx = (root: string, platform: CollectContext["platform"]): CollectContext => ({ platform, root: join(roots, root), live: false, exec: execCommand, which: () => null });

describe("collectors on fixture trees", () => {
  it("Linux: dpkg, systemd units and vendor folders; command collectors are left out under --root", async () => {
    const c = await runCollectors(ctx("linux-kaspersky", "linux"));
    expect(c.collectors).toEqual([
      { name: "dpkg", ok: true },
      { name: "linux-systemd", ok: true },
      { name: "linux-path", ok: true },
    ]);
    const units = c.entries.filter((e) => e.source === "linux-systemd");
    expect(units.map((e) => e.identifier).sort()).toEqual([
      "apparmor.service",
      "cron.service",
      "getty@.service",
      "kesl-supervisor.service",
      "kesl.service",
      "klnagent64.service",
      "ssh.service",
      "sshd.service",
    ]);
    // a masked unit (symlink to /dev/null) is not installed software
    expect(units.map((e) => e.identifier)).not.toContain("kav4fs.service");
    // an alias symlink is read below the root, not on the host
    expect(units.find((e) => e.identifier === "sshd.service")?.name).toBe("OpenBSD Secure Shell server");
  });

  it("macOS: apps (incl. Utilities and ~/Applications), receipts, system extensions, launchd", async () => {
    const c = await runCollectors(ctx("macos-kaspersky", "darwin"));
    expect(c.collectors.every((r) => r.ok)).toBe(true);
    expect(c.collectors.map((r) => r.name)).toEqual(["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"]);
    const ids = (source: string) =>
      c.entries
        .filter((e) => e.source === source)
        .map((e) => e.identifier)
        .sort();
    expect(ids("macos-app")).toEqual(["com.apple.Safari", "com.apple.Terminal", "com.kaspersky.kes.gui", "com.microsoft.Word", "ru.yandex.desktop.music"]);
    expect(ids("macos-receipt")).toEqual(["com.apple.pkg.XProtectPlistConfigData_10_15.16U4316", "com.kaspersky.kes.pkg", "com.microsoft.package.Microsoft_Word.app"]);
    expect(ids("macos-system-extension")).toEqual(["com.kaspersky.kes.esext", "com.kaspersky.kes.esext", "com.logi.cp-dev-mgr.extension"]);
    expect(ids("macos-launchd")).toEqual(["com.kaspersky.kes.daemon", "com.microsoft.autoupdate.helper", "com.microsoft.update.agent"]);
  });

  it("a collector that throws is reported failed for each source it produces, and the others still run", async () => {
    const boom: Collector = {
      sources: ["windows-service", "windows-driver"],
      platforms: ["linux"],
      applies: () => true,
      collect: async () => {
        throw new Error("reg.exe exploded");
      },
    };
    const fine: Collector = { sources: ["dpkg"], platforms: ["linux"], applies: () => true, collect: async () => ({ entries: [{ source: "dpkg", name: "kesl" }] }) };
    const absent: Collector = { sources: ["snap"], platforms: ["linux"], applies: () => false, collect: async () => ({ entries: [] }) };
    const other: Collector = { sources: ["macos-app"], platforms: ["darwin"], applies: () => true, collect: async () => ({ entries: [] }) };
    const c = await runCollectors(ctx("linux-kaspersky", "linux"), [boom, fine, absent, other]);
    expect(c.collectors).toEqual([
      { name: "windows-service", ok: false, error: "reg.exe exploded" },
      { name: "windows-driver", ok: false, error: "reg.exe exploded" },
      { name: "dpkg", ok: true },
    ]);
    expect(c.entries).toEqual([{ source: "dpkg", name: "kesl" }]);
  });
});
