import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRegQuery } from "~/agent/src/lib/reg-query";
import { parseUninstallKeys, parseUserHives, uninstallEntries, windowsUninstallCollector } from "~/agent/src/collectors/windows-uninstall";
import { parseServices, resolveDisplayName, serviceEntries, windowsServicesCollector } from "~/agent/src/collectors/windows-services";
import type { CollectContext } from "~/agent/src/collectors/types";
import type { ExecFn } from "~/agent/src/lib/exec";

const dir = join(__dirname, "../../fixtures/agent/windows");
const fixture = (name: string) => readFileSync(join(dir, name), "utf8");

describe("reg query output", () => {
  it("fixtures are in Windows' own format: CRLF line endings, 4-space indents", () => {
    const raw = fixture("reg-uninstall-hklm-64.txt");
    expect(raw.startsWith("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE")).toBe(true);
    expect(raw.split("\n").every((l, i, a) => i === a.length - 1 || l.endsWith("\r"))).toBe(true);
    expect(raw).toContain("\r\n    NoModify    REG_DWORD    0x1\r\n");
  });

  it("parses keys, values, empty values and REG_DWORD hex", () => {
    const keys = parseRegQuery(fixture("reg-uninstall-hklm-64.txt"));
    const vc = keys.find((k) => k.path.endsWith("{5FCE6D76-F5DC-37AB-B2B8-22AB8CEDB1D4}"))!;
    expect(vc.values.get("Comments")).toEqual({ type: "REG_SZ", data: "" });
    expect(vc.values.get("VersionMinor")).toEqual({ type: "REG_DWORD", data: "0x26" });
    expect(vc.values.get("DisplayName")?.data).toBe("Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135");
    expect(keys.find((k) => k.path.endsWith("\\Dependents"))!.values.get("")).toEqual({ type: "REG_SZ", data: "" });
  });

  it("reads the 64-bit view's Uninstall entries, SystemComponent ones included, keys without DisplayName skipped", () => {
    const recs = parseUninstallKeys(fixture("reg-uninstall-hklm-64.txt"));
    expect(recs.map((r) => r.displayName)).toEqual(["Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135", "7-Zip 23.01 (x64)", "Malwarebytes version 4.6.8.311"]);
    expect(recs[0]).toMatchObject({ keyName: "{5FCE6D76-F5DC-37AB-B2B8-22AB8CEDB1D4}", systemComponent: true, publisher: "Microsoft Corporation" });
    expect(recs[1]).toMatchObject({ keyName: "7-Zip", displayVersion: "23.01", installLocation: "C:\\Program Files\\7-Zip\\" });
  });

  it("reads the 32-bit view with UTF-8 Cyrillic names intact", () => {
    const entries = uninstallEntries(parseUninstallKeys(fixture("reg-uninstall-hklm-32.txt")));
    expect(entries).toEqual([
      { source: "windows-uninstall", name: "Kaspersky Endpoint Security для Windows", version: "12.3.0.493", publisher: "AO Kaspersky Lab", identifier: "{7A4192A1-84C4-4E90-A31B-B4847CA8E23A}" },
      {
        source: "windows-uninstall",
        name: "Агент администрирования Kaspersky Security Center",
        version: "14.0.0.10902",
        publisher: "АО «Лаборатория Касперского»",
        identifier: "{2924BEDA-E0D7-4DAF-A224-50D2E0B12F5B}",
      },
      { source: "windows-uninstall", name: "Google Chrome", version: "121.0.6167.161", publisher: "Google LLC", identifier: "Google Chrome" },
    ]);
  });

  it("lists loaded user hives without their _Classes companions", () => {
    expect(parseUserHives(fixture("reg-hku.txt"))).toEqual([".DEFAULT", "S-1-5-19", "S-1-5-20", "S-1-5-21-3623811015-3361044348-30300820-1013", "S-1-5-18"]);
  });

  it("reads per-user installs from an HKU hive", () => {
    expect(parseUninstallKeys(fixture("reg-uninstall-hku.txt")).map((r) => [r.keyName, r.displayName, r.publisher])).toEqual([
      ["OneDriveSetup.exe", "Microsoft OneDrive", "Microsoft Corporation"],
      ["360TotalSecurity", "360 Total Security", "360 Security Center"],
    ]);
  });
});

describe("services and drivers", () => {
  const records = parseServices(fixture("reg-services.txt"));
  const byKey = new Map(records.map((r) => [r.keyName, r]));

  it("splits drivers (Type 0x1/0x2) from services (0x10/0x20, user-service templates 0x60), skips the rest", () => {
    expect(records.map((r) => `${r.keyName}:${r.kind}`)).toEqual([
      "1394ohci:driver",
      "AVP:service",
      "Dnscache:service",
      "CDPUserSvc:service",
      "klif:driver",
      "klnagent:service",
      "NdisTapi:driver",
      "WinDefend:service",
    ]);
    // Subkeys (Dnscache\Parameters has a Type value too) and adapters (NetBT, Type 0x4) are not services.
    expect(byKey.has("Parameters")).toBe(false);
    expect(byKey.has("NetBT")).toBe(false);
  });

  it("keeps display name, image path and start type", () => {
    expect(byKey.get("AVP")).toMatchObject({
      displayName: "Kaspersky Endpoint Security Service",
      imagePath: '"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\avp.exe" -r',
      start: "auto",
    });
    expect(byKey.get("klif")).toMatchObject({ displayName: "Kaspersky Lab Framework Driver", start: "boot", imagePath: "system32\\DRIVERS\\klif.sys" });
    expect(byKey.get("NdisTapi")?.start).toBe("demand");
  });

  it("falls back from resource-string display names to the inline default or the key name", () => {
    expect(byKey.get("Dnscache")?.displayName).toBe("Dnscache");
    expect(byKey.get("WinDefend")?.displayName).toBe("WinDefend");
    expect(byKey.get("1394ohci")?.displayName).toBe("1394 OHCI Compliant Host Controller");
    expect(resolveDisplayName(undefined, "klnagent")).toBe("klnagent");
  });

  it("produces windows-service and windows-driver entries named by key", () => {
    const entries = serviceEntries(records);
    expect(entries.find((e) => e.identifier === "klif")).toEqual({ source: "windows-driver", name: "Kaspersky Lab Framework Driver", identifier: "klif" });
    expect(entries.find((e) => e.identifier === "klnagent")).toEqual({ source: "windows-service", name: "Агент администрирования Kaspersky Security Center", identifier: "klnagent" });
  });
});

describe("Windows collector runners (reg.exe replaced by captured output)", () => {
  const UNINSTALL = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
  const NOT_FOUND = { code: 1, stdout: "", stderr: "ERROR: The system was unable to find the specified registry key or value.\r\n" };
  const fakeReg = (answers: Record<string, { code: number; stdout: string; stderr: string }>): { exec: ExecFn; calls: string[] } => {
    const calls: string[] = [];
    const exec: ExecFn = async (file, args) => {
      expect(file).toBe("cmd.exe");
      const line = args.at(-1)!;
      expect(line).toMatch(/^"chcp 65001>nul & reg query "/);
      calls.push(line);
      for (const [needle, answer] of Object.entries(answers)) if (line.includes(needle)) return answer;
      return NOT_FOUND;
    };
    return { exec, calls };
  };
  const ctx = (exec: ExecFn): CollectContext => ({ platform: "windows", root: "/", live: true, exec, which: () => null });
  const ok = (name: string) => ({ code: 0, stdout: fixture(name), stderr: "" });

  it("queries both HKLM views and every loaded user hive, and merges them", async () => {
    const { exec, calls } = fakeReg({
      [`"HKLM\\${UNINSTALL}" /s /reg:64`]: ok("reg-uninstall-hklm-64.txt"),
      [`"HKLM\\${UNINSTALL}" /s /reg:32`]: ok("reg-uninstall-hklm-32.txt"),
      '"HKU""': ok("reg-hku.txt"),
      [`S-1-5-21-3623811015-3361044348-30300820-1013\\${UNINSTALL}`]: ok("reg-uninstall-hku.txt"),
    });
    const out = await windowsUninstallCollector.collect(ctx(exec));
    expect(out.error).toBeUndefined();
    expect(out.entries.map((e) => e.name)).toContain("Kaspersky Endpoint Security для Windows");
    expect(out.entries.map((e) => e.name)).toContain("360 Total Security");
    expect(out.entries).toHaveLength(3 + 3 + 2);
    // five hives listed, _Classes skipped; a hive without an Uninstall key is not an error
    expect(calls.filter((c) => c.includes("HKU\\"))).toHaveLength(5);
  });

  it("reports a failed query as an error but keeps what the other queries found", async () => {
    const { exec } = fakeReg({
      "/reg:64": ok("reg-uninstall-hklm-64.txt"),
      "/reg:32": { code: 1, stdout: "", stderr: "ERROR: Access is denied.\r\n" },
      '"HKU""': ok("reg-hku.txt"),
    });
    const out = await windowsUninstallCollector.collect(ctx(exec));
    expect(out.error).toMatch(/reg:32 failed \(exit 1\): ERROR: Access is denied/);
    expect(out.entries).toHaveLength(3);
  });

  it("reads services and drivers from one query of the Services key", async () => {
    const { exec } = fakeReg({ "CurrentControlSet\\Services": ok("reg-services.txt") });
    const out = await windowsServicesCollector.collect(ctx(exec));
    expect(out.entries.filter((e) => e.source === "windows-driver").map((e) => e.identifier)).toEqual(["1394ohci", "klif", "NdisTapi"]);
  });

  it("applies only on a live Windows system", () => {
    expect(windowsUninstallCollector.applies({ ...ctx(async () => NOT_FOUND), live: false, root: "/mnt/image" })).toBe(false);
  });
});
