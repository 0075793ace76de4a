import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBinaryPlist } from "~/agent/src/lib/bplist";
import { PlistError, PlistUid, parsePlist, parseXmlPlist } from "~/agent/src/lib/plist";
import { parseInfoPlist } from "~/agent/src/collectors/macos-apps";
import { parseReceipt } from "~/agent/src/collectors/macos-receipts";
import { isPresent, parseSystemExtensionsDb } from "~/agent/src/collectors/macos-system-extensions";
import { parseLaunchdLabel } from "~/agent/src/collectors/macos-launchd";

const fixtures = join(__dirname, "../../fixtures/agent");
const mac = join(fixtures, "roots/macos-kaspersky");
const read = (p: string) => readFileSync(join(mac, p));

describe("binary plist reader", () => {
  const sink = readFileSync(join(fixtures, "macos/kitchen-sink.bplist"));

  it("the fixture is a genuine bplist00 file", () => {
    expect(sink.subarray(0, 8).toString("latin1")).toBe("bplist00");
  });

  it("reads every object type plistlib writes", () => {
    const v = parseBinaryPlist(sink) as Record<string, unknown>;
    expect(v.ascii).toBe("Kaspersky Endpoint Security");
    expect(v.utf16).toBe("Лаборатория Касперского — 卡巴斯基");
    expect(v.empty).toBe("");
    expect([v.int8, v.int16, v.int32, v.int64, v.negative]).toEqual([7, 1000, 70000, 2 ** 40 + 3, -42]);
    expect(v.real).toBe(3.25);
    expect([v.true, v.false]).toEqual([true, false]);
    expect((v.date as Date).toISOString()).toBe("2024-02-12T09:30:00.000Z");
    expect(Buffer.from(v.data as Uint8Array).equals(Buffer.from("\x00\x01\x02muster\xff", "latin1"))).toBe(true);
    expect(v.uid).toEqual(new PlistUid(12));
    expect(v.array).toEqual([1, "two", [3.5, { four: 4 }], false]);
    expect(v.dict).toEqual({ nested: { deeper: { deepest: "yes" } } });
    expect(v.long).toBe("x".repeat(300));
    expect(v.many).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("rejects truncated and corrupted files with an error, never a hang", () => {
    expect(() => parseBinaryPlist(sink.subarray(0, 20))).toThrow(/too short|inconsistent/);
    const bad = Buffer.from(sink);
    bad.writeBigUInt64BE(10_000_000n, bad.length - 8); // offset table beyond the file
    expect(() => parseBinaryPlist(bad)).toThrow(/inconsistent/);
    expect(() => parsePlist(Buffer.from("bplist00garbage"))).toThrow(PlistError);
  });
});

describe("XML plist reader", () => {
  it("reads Apple's XML format with entities, arrays, booleans", () => {
    const d = parsePlist(read("Applications/Safari.app/Contents/Info.plist")) as Record<string, unknown>;
    expect(d.CFBundleIdentifier).toBe("com.apple.Safari");
    expect(d.NSHumanReadableCopyright).toBe("Copyright © 2003-2024 Apple Inc. & its licensors.");
    expect(d.CFBundleSupportedPlatforms).toEqual(["MacOSX"]);
    expect(d.NSSupportsAutomaticTermination).toBe(true);
  });

  it("reads integers, reals, dates, data and empty containers", () => {
    const v = parseXmlPlist(`<?xml version="1.0"?><plist version="1.0"><dict><key>i</key><integer>-5</integer><key>r</key><real>1.5</real>
      <key>d</key><date>2024-02-12T09:30:00Z</date><key>b</key><data>
      AAEC
      </data><key>a</key><array/><key>e</key><dict/><key>s</key><string/></dict></plist>`) as Record<string, unknown>;
    expect(v).toMatchObject({ i: -5, r: 1.5, a: [], e: {}, s: "" });
    expect((v.d as Date).toISOString()).toBe("2024-02-12T09:30:00.000Z");
    expect(Array.from(v.b as Uint8Array)).toEqual([0, 1, 2]);
  });

  it("refuses what is not a plist", () => {
    expect(() => parsePlist("<html></html>")).toThrow(PlistError);
    expect(() => parsePlist('<plist version="1.0"><dict><key>a</key>')).toThrow(PlistError);
  });
});

describe("macOS parsers on the fixture tree", () => {
  it("Info.plist, binary, with a UTF-16 name", () => {
    expect(parseInfoPlist(read("Users/alice/Applications/Яндекс Музыка.app/Contents/Info.plist"))).toEqual({
      name: "Яндекс Музыка",
      bundleId: "ru.yandex.desktop.music",
      version: "5.0.8",
    });
    expect(parseInfoPlist(read("Applications/Kaspersky Endpoint Security for Mac.app/Contents/Info.plist"))).toEqual({
      name: "Kaspersky Endpoint Security for Mac",
      bundleId: "com.kaspersky.kes.gui",
      version: "11.3.0.245",
    });
  });

  it("Info.plist, XML, prefers CFBundleDisplayName", () => {
    expect(parseInfoPlist(read("Applications/Safari.app/Contents/Info.plist"))).toEqual({ name: "Safari", bundleId: "com.apple.Safari", version: "17.3" });
  });

  it("installer receipts (binary)", () => {
    expect(parseReceipt(read("private/var/db/receipts/com.kaspersky.kes.pkg.plist"))).toEqual({ packageId: "com.kaspersky.kes.pkg", version: "11.3.0.245" });
  });

  it("system extensions db.plist: identifier, team, state, version, containing app, Endpoint Security category; uninstalled ones are gone", () => {
    const exts = parseSystemExtensionsDb(read("Library/SystemExtensions/db.plist"));
    const es = { endpointSecurity: true };
    expect(exts).toEqual([
      { identifier: "com.kaspersky.kes.esext", teamId: "2Y8XE5CQ94", state: "activated_enabled", version: "11.3.0.245", app: "Kaspersky Endpoint Security for Mac", ...es },
      { identifier: "com.kaspersky.kes.esext", teamId: "2Y8XE5CQ94", state: "terminated_waiting_to_uninstall_on_reboot", version: "11.2.1.120", app: undefined, ...es },
      { identifier: "com.logi.cp-dev-mgr.extension", teamId: "QED4VVPZWA", state: "activated_enabled", version: "1.8.0", app: undefined, endpointSecurity: false },
      { identifier: "com.example.removed.extension", teamId: "ABCDE12345", state: "uninstalled", version: "1.0", app: undefined, endpointSecurity: false },
    ]);
    expect(exts.filter(isPresent).map((e) => e.state)).not.toContain("uninstalled");
  });

  it("launchd labels, binary and XML", () => {
    expect(parseLaunchdLabel(read("Library/LaunchDaemons/com.kaspersky.kes.daemon.plist"))).toBe("com.kaspersky.kes.daemon");
    expect(parseLaunchdLabel(read("Library/LaunchDaemons/com.microsoft.autoupdate.helper.plist"))).toBe("com.microsoft.autoupdate.helper");
  });
});
