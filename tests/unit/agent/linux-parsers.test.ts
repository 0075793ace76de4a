import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dpkgEntries, isInstalledStatus, maintainerName, parseDpkgStatus } from "~/agent/src/collectors/dpkg";
import { RPM_QUERY_FORMAT, parseRpmQuery, rpmCollector, rpmEntries } from "~/agent/src/collectors/rpm";
import { parseSnapList } from "~/agent/src/collectors/snap";
import { parseFlatpakList } from "~/agent/src/collectors/flatpak";
import { parseUnitDescription } from "~/agent/src/collectors/linux-systemd";
import { listVendorPaths } from "~/agent/src/collectors/linux-path";
import type { CollectContext } from "~/agent/src/collectors/types";

const fixtures = join(__dirname, "../../fixtures/agent");
const linuxRoot = join(fixtures, "roots/linux-kaspersky");
const fixture = (p: string) => readFileSync(join(fixtures, p), "utf8");

describe("dpkg status", () => {
  const pkgs = parseDpkgStatus(readFileSync(join(linuxRoot, "var/lib/dpkg/status"), "utf8"));

  it("reads every stanza, with the fields it needs", () => {
    expect(pkgs.map((p) => p.package)).toEqual([
      "adduser",
      "apparmor",
      "bash",
      "ca-certificates",
      "google-chrome-stable",
      "kesl",
      "kesl-gui",
      "klnagent64",
      "libssl3",
      "openssh-server",
      "kav4fs",
      "zlib1g",
    ]);
    expect(pkgs.find((p) => p.package === "kesl")).toEqual({
      package: "kesl",
      status: "install ok installed",
      version: "12.1.0-1297",
      maintainer: "AO Kaspersky Lab <support@kaspersky.com>",
      description: "Kaspersky Endpoint Security 12.1 for Linux",
      installed: true,
    });
  });

  it("continuation lines never start a field (Conffiles, multi-line Description)", () => {
    const text = "Package: a\nStatus: install ok installed\nDescription: first\n Status: deinstall ok config-files\n .\n Package: b\nVersion: 1\n\nPackage: c\nStatus: install ok installed\n";
    expect(parseDpkgStatus(text).map((p) => [p.package, p.status, p.version])).toEqual([
      ["a", "install ok installed", "1"],
      ["c", "install ok installed", undefined],
    ]);
  });

  it("handles CRLF and a missing final newline", () => {
    expect(parseDpkgStatus("Package: x\r\nStatus: install ok installed\r\n\r\nPackage: y\r\nStatus: install ok installed").map((p) => p.package)).toEqual(["x", "y"]);
  });

  it("only installed packages count: deinstall/config-files and purge/not-installed do not, held ones do", () => {
    expect(isInstalledStatus("install ok installed")).toBe(true);
    expect(isInstalledStatus("hold ok installed")).toBe(true);
    expect(isInstalledStatus("deinstall ok config-files")).toBe(false);
    expect(isInstalledStatus("purge ok not-installed")).toBe(false);
    expect(isInstalledStatus("install reinstreq half-installed")).toBe(false);
    expect(isInstalledStatus("install ok unpacked")).toBe(false);
    expect(isInstalledStatus("install ok half-configured")).toBe(false);
    const entries = dpkgEntries(pkgs);
    expect(entries.map((e) => e.name)).not.toContain("kesl-gui");
    expect(entries.map((e) => e.name)).not.toContain("kav4fs");
    expect(entries.find((e) => e.name === "klnagent64")).toEqual({
      source: "dpkg",
      name: "klnagent64",
      version: "14.0.0-4646",
      publisher: "Kaspersky Lab JSC",
      identifier: "klnagent64",
    });
  });

  it("keeps the maintainer's name, not the address", () => {
    expect(maintainerName("Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>")).toBe("Ubuntu Developers");
    expect(maintainerName(undefined)).toBeUndefined();
  });
});

describe("rpm -qa", () => {
  it("parses name, version-release, vendor; drops gpg-pubkey and (none)", () => {
    const pkgs = parseRpmQuery(fixture("linux/rpm-qa.txt"));
    expect(pkgs.map((p) => p.name)).toEqual(["bash", "kesl", "klnagent64", "falcon-sensor", "openssl-libs", "local-tool"]);
    expect(pkgs[1]).toEqual({ name: "kesl", version: "12.1.0-1297", vendor: "AO Kaspersky Lab" });
    expect(pkgs[5]).toEqual({ name: "local-tool", version: "1.0-1", vendor: undefined });
    expect(rpmEntries(pkgs)[3]).toEqual({ source: "rpm", name: "falcon-sensor", version: "7.10.0-16303.el9", publisher: "CrowdStrike, Inc.", identifier: "falcon-sensor" });
  });

  it("queries below --root with rpm's own --root", async () => {
    let seen: string[] = [];
    const ctx: CollectContext = {
      platform: "linux",
      root: "/mnt/image",
      live: false,
      which: () => "/usr/bin/rpm",
      exec: async (_file, args) => {
        seen = args;
        return { code: 0, stdout: "kesl\t12.1.0-1297\tAO Kaspersky Lab\n", stderr: "" };
      },
    };
    const out = await rpmCollector.collect(ctx);
    expect(seen).toEqual(["--root", "/mnt/image", "-qa", "--queryformat", RPM_QUERY_FORMAT]);
    expect(out.entries).toHaveLength(1);
  });

  it("does not apply where there is no rpm database (a Debian root)", () => {
    expect(rpmCollector.applies({ platform: "linux", root: linuxRoot, live: false, which: () => "/usr/bin/rpm", exec: async () => ({ code: 0, stdout: "", stderr: "" }) })).toBe(false);
  });

  it("applies where a database file of some rpm backend exists, not for the empty folder Debian's rpm package ships", () => {
    const root = mkdtempSync(join(tmpdir(), "muster-rpm-root-"));
    const ctx = (): CollectContext => ({ platform: "linux", root, live: false, which: () => "/usr/bin/rpm", exec: async () => ({ code: 0, stdout: "", stderr: "" }) });
    try {
      mkdirSync(join(root, "var/lib/rpm"), { recursive: true });
      expect(rpmCollector.applies(ctx())).toBe(false);
      for (const [dir, file] of [
        ["var/lib/rpm", "Packages"],
        ["var/lib/rpm", "rpmdb.sqlite"],
        ["usr/lib/sysimage/rpm", "rpmdb.sqlite"],
        ["usr/lib/sysimage/rpm", "Packages.db"],
      ]) {
        mkdirSync(join(root, dir!), { recursive: true });
        writeFileSync(join(root, dir!, file!), "");
        expect(rpmCollector.applies(ctx()), `${dir}/${file}`).toBe(true);
        rmSync(join(root, dir!, file!));
      }
      expect(rpmCollector.applies(ctx())).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("snap list", () => {
  it("parses columns and strips the verified-publisher marks", () => {
    const snaps = parseSnapList(fixture("linux/snap-list.txt"));
    expect(snaps.map((s) => s.name)).toEqual(["bare", "bitwarden", "core22", "firefox", "snapd", "clamtk"]);
    expect(snaps[1]).toEqual({ name: "bitwarden", version: "2024.1.0", publisher: "bitwarden" });
    expect(snaps[5]).toEqual({ name: "clamtk", version: "6.14", publisher: "jonmagon" });
  });

  it("no snaps installed", () => {
    expect(parseSnapList(fixture("linux/snap-list-empty.txt"))).toEqual([]);
  });
});

describe("flatpak list", () => {
  it("tab-separated application, version, origin", () => {
    expect(parseFlatpakList(fixture("linux/flatpak-list.txt"))).toEqual([
      { application: "com.bitwarden.desktop", version: "2024.1.0", origin: "flathub" },
      { application: "com.gitlab.davem.ClamTk", version: "6.17", origin: "flathub" },
      { application: "org.mozilla.firefox", version: "122.0", origin: "flathub" },
      { application: "org.gnome.Calculator", version: "45.0.2", origin: "flathub" },
    ]);
  });

  it("skips the header printed on a terminal", () => {
    expect(parseFlatpakList(fixture("linux/flatpak-list-header.txt")).map((a) => a.application)).toEqual(["com.bitwarden.desktop", "org.mozilla.firefox"]);
  });
});

describe("systemd units and vendor folders", () => {
  it("Description= of the [Unit] section only", () => {
    expect(parseUnitDescription(readFileSync(join(linuxRoot, "lib/systemd/system/kesl.service"), "utf8"))).toBe("Kaspersky Endpoint Security for Linux");
    expect(parseUnitDescription("[Service]\nDescription=not this\n")).toBeUndefined();
    expect(parseUnitDescription("# comment\n[Unit]\nDescription=\n")).toBeUndefined();
  });

  it("lists /opt and /var/opt two levels deep, as endpoint paths", () => {
    expect(listVendorPaths(linuxRoot).sort()).toEqual([
      "/opt/google",
      "/opt/google/chrome",
      "/opt/kaspersky",
      "/opt/kaspersky/kesl",
      "/opt/kaspersky/klnagent64",
      "/var/opt/kaspersky",
      "/var/opt/kaspersky/kesl",
    ]);
  });
});

describe("unit Description edge cases", () => {
  it("a [Unit] section after [Service], CRLF, and the last Description wins", () => {
    expect(parseUnitDescription("[Service]\nExecStart=/bin/x\n\n[Unit]\nDescription=late unit\n")).toBe("late unit");
    expect(parseUnitDescription("[Unit]\r\nDescription=first\r\nDescription=second\r\n[Service]\r\nDescription=no\r\n")).toBe("second");
    expect(parseUnitDescription("[Unit]\nDescription=a\n[Install]\nWantedBy=x\n[Unit]\nDescription=b\n")).toBe("b");
  });
});
