import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFENDER_NAME,
  decodeProductState,
  parseConvertToJson,
  parseMpComputerStatus,
  parseSecurityCenterOutput,
  parseSecurityCenterProducts,
  windowsSecurityCenterCollector,
} from "~/agent/src/collectors/windows-security-center";
import type { ExecFn } from "~/agent/src/lib/exec";

const dir = join(__dirname, "../../fixtures/agent/windows");
const fixture = (name: string) => readFileSync(join(dir, name), "utf8");

describe("productState decoding (DOMAIN.md examples)", () => {
  it.each([
    [397568, 0x61100, { enabled: true, upToDate: true }], // Defender on, up to date
    [393472, 0x60100, { enabled: false, upToDate: true }], // off, up to date
    [397584, 0x61110, { enabled: true, upToDate: false }], // on, signatures out of date
    [266240, 0x41000, { enabled: true, upToDate: true }], // third-party antivirus on, up to date
  ])("%i (0x%s)", (state, hex, expected) => {
    expect(state).toBe(hex);
    expect(decodeProductState(state)).toEqual(expected);
  });

  it("the rule, beyond the examples: scanner byte 0x1x is on, any non-zero signature byte is out of date", () => {
    expect(decodeProductState(0x041100)).toEqual({ enabled: true, upToDate: true });
    expect(decodeProductState(0x040000)).toEqual({ enabled: false, upToDate: true });
    expect(decodeProductState(0x061120)).toEqual({ enabled: true, upToDate: false });
    expect(decodeProductState(0x062000)).toEqual({ enabled: false, upToDate: true });
  });
});

describe("ConvertTo-Json shapes", () => {
  it("an array (PowerShell 5.1 layout)", () => {
    const entries = parseSecurityCenterProducts(fixture("wsc-antivirus-ps51-array.json"), "AntiVirusProduct");
    expect(entries).toEqual([
      { source: "windows-security-center", name: "Windows Defender", identifier: "AntiVirusProduct", state: { enabled: false, upToDate: true } },
      // The vendor's folder in pathToSignedProductExe is the only vendor string Security Center gives.
      { source: "windows-security-center", name: "Kaspersky Endpoint Security для Windows", publisher: "Kaspersky Lab", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } },
    ]);
  });

  it("a bare object when there is exactly one result (PowerShell 7 and 5.1 layouts)", () => {
    expect(parseSecurityCenterProducts(fixture("wsc-antivirus-ps7-object.json"), "AntiVirusProduct")).toEqual([
      { source: "windows-security-center", name: "Windows Defender", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } },
    ]);
    expect(parseSecurityCenterProducts(fixture("wsc-antispyware-ps51-object.json"), "AntiSpywareProduct")[0]?.state).toEqual({ enabled: true, upToDate: false });
  });

  it("nothing at all when there is no result", () => {
    expect(fixture("wsc-firewall-empty.txt")).toBe("");
    expect(parseConvertToJson(fixture("wsc-firewall-empty.txt"))).toEqual([]);
    expect(parseConvertToJson("\r\n")).toEqual([]);
  });
});

describe("the Security Center script's output", () => {
  it("workstation: every class parsed, an empty class is not an error", () => {
    const out = parseSecurityCenterOutput(fixture("wsc-script-workstation.txt"));
    expect(out.server).toBe(false);
    expect(out.errors).toEqual([]);
    expect(out.entries.map((e) => [e.identifier, e.name, e.state?.enabled])).toEqual([
      ["AntiVirusProduct", "Windows Defender", false],
      ["AntiVirusProduct", "Kaspersky Endpoint Security для Windows", true],
      ["AntiSpywareProduct", "Windows Defender", false],
    ]);
  });

  it("Windows Server: no SecurityCenter2 is expected, Defender's status stands in", () => {
    const out = parseSecurityCenterOutput(fixture("wsc-script-server.txt"));
    expect(out.server).toBe(true);
    expect(out.errors).toEqual([]);
    expect(out.entries).toEqual([{ source: "windows-security-center", name: DEFENDER_NAME, version: "4.18.24010.12", identifier: "MpComputerStatus", state: { enabled: true, upToDate: true } }]);
  });

  it("a workstation whose Security Center query fails reports the failure", () => {
    const out = parseSecurityCenterOutput("##muster class AntiVirusProduct\r\n##muster error Access denied \r\n##muster class FirewallProduct\r\n");
    expect(out.errors).toEqual(["AntiVirusProduct: Access denied"]);
  });

  it("Get-MpComputerStatus: signatures 12 days old are out of date; real-time protection off means disabled", () => {
    expect(parseMpComputerStatus(fixture("mpcomputerstatus.json"))?.state).toEqual({ enabled: true, upToDate: false });
    const off = fixture("mpcomputerstatus.json").replace('"RealTimeProtectionEnabled":  true', '"RealTimeProtectionEnabled":  false');
    expect(parseMpComputerStatus(off)?.state?.enabled).toBe(false);
    expect(parseMpComputerStatus("")).toBeNull();
  });

  it("the collector runs one UTF-8 PowerShell and marks a failed class as a failed collector", async () => {
    let script = "";
    const exec: ExecFn = async (file, args) => {
      expect(file).toBe("powershell.exe");
      script = Buffer.from(args.at(-1)!, "base64").toString("utf16le");
      return { code: 0, stdout: "##muster class AntiVirusProduct\r\n##muster error Invalid class \r\n", stderr: "" };
    };
    const out = await windowsSecurityCenterCollector.collect({ platform: "windows", root: "/", live: true, exec, which: () => null });
    expect(script).toContain("[Console]::OutputEncoding=[Text.Encoding]::UTF8");
    expect(script).toContain("Get-CimInstance -Namespace root/SecurityCenter2 -ClassName $c");
    expect(script).toContain("ConvertTo-Json");
    expect(out.error).toBe("AntiVirusProduct: Invalid class");
  });
});
