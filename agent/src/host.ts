// Who this endpoint is: hostname, OS and a hardware id. The hardware id is a SHA-256 of the OS's
// machine id (Linux /etc/machine-id, Windows MachineGuid, macOS IOPlatformUUID): stable across
// re-enrollments, and the raw id never leaves the machine.
import { readFileSync } from "node:fs";
import os from "node:os";
import { hashMachineId } from "../shared/machine-id";
import type { OsInfo, Platform } from "../shared/protocol";
import { LIMITS } from "../shared/protocol";
import type { CollectContext } from "./collectors/types";
import { dictString, parsePlistDict } from "./lib/plist";
import { parseRegQuery, regString } from "./lib/reg-query";
import { regQuery } from "./lib/windows";
import { underRoot } from "./lib/paths";

export function currentPlatform(): Platform {
  if (process.platform === "win32") return "windows";
  if (process.platform === "darwin") return "darwin";
  return "linux";
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** KEY=value lines of /etc/os-release, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return out;
}

export function getOsInfo(ctx: Pick<CollectContext, "platform" | "root" | "live">): OsInfo {
  const arch = os.arch();
  if (ctx.platform === "linux") {
    const rel = parseOsRelease(readText(underRoot(ctx.root, "/etc/os-release")) ?? readText(underRoot(ctx.root, "/usr/lib/os-release")) ?? "");
    return { platform: "linux", name: rel.PRETTY_NAME ?? rel.NAME ?? "Linux", version: rel.VERSION_ID ?? (ctx.live ? os.release() : ""), arch };
  }
  if (ctx.platform === "darwin") {
    let name = "macOS";
    let version = ctx.live ? os.release() : "";
    try {
      const d = parsePlistDict(readFileSync(underRoot(ctx.root, "/System/Library/CoreServices/SystemVersion.plist")));
      if (d) {
        name = dictString(d, "ProductName") ?? name;
        version = dictString(d, "ProductVersion") ?? version;
      }
    } catch {
      // not readable below this root: keep the defaults
    }
    return { platform: "darwin", name, version, arch };
  }
  const version = ctx.live ? os.release() : "";
  let name = ctx.live ? os.version() : "Windows";
  // Windows 11 still calls itself "Windows 10" in ProductName; build 22000 and later are 11.
  const build = Number(version.split(".")[2]);
  if (build >= 22000) name = name.replace(/Windows 10/, "Windows 11");
  return { platform: "windows", name, version, arch };
}

export function getHostname(ctx: Pick<CollectContext, "platform" | "root" | "live">): string {
  let name = os.hostname();
  if (!ctx.live && ctx.platform === "linux") name = readText(underRoot(ctx.root, "/etc/hostname"))?.trim() || name;
  return name.slice(0, LIMITS.hostnameLength);
}

/** The raw machine id, read fresh each time and never stored or sent. */
export async function readMachineId(ctx: CollectContext): Promise<string> {
  if (ctx.platform === "linux") {
    for (const f of ["/etc/machine-id", "/var/lib/dbus/machine-id"]) {
      const id = readText(underRoot(ctx.root, f))?.trim();
      if (id) return id;
    }
    throw new Error("no machine id: /etc/machine-id is missing or empty (run `systemd-machine-id-setup`)");
  }
  if (ctx.platform === "windows") {
    const text = await regQuery(ctx, "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "64", false);
    const key = text ? parseRegQuery(text)[0] : undefined;
    const id = key && regString(key, "MachineGuid");
    if (!id) throw new Error("no machine id: HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid is missing");
    return id;
  }
  const r = await ctx.exec("/usr/sbin/ioreg", ["-rd1", "-c", "IOPlatformExpertDevice"]);
  const m = /"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(r.stdout);
  if (!m) throw new Error("no machine id: ioreg did not report IOPlatformUUID");
  return m[1]!;
}

export async function getHardwareId(ctx: CollectContext): Promise<string> {
  return hashMachineId(await readMachineId(ctx));
}
