// The simulated fleet of the ingest benchmarks: per device a realistic set of security entries
// (5 to 30) built from the fleet templates, and reports that change a little over time (upgrades,
// removals and reinstalls of Kaspersky, Security Center state flips).
import type { CheckinRequest, Platform, SoftwareEntry } from "~/agent/shared/protocol";
import { COLLECTORS, TEMPLATES, type ProductKey } from "~/server/fleet/templates";

export type BenchDevice = { deviceId: string; secret: string; platform: Platform };

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Other security-relevant entries an agent sends (VPN, firewall, management tools, unknowns). */
function filler(platform: Platform, n: number, r: () => number): SoftwareEntry[] {
  const out: SoftwareEntry[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(r() * 40);
    if (platform === "windows") {
      out.push(
        i % 2
          ? { source: "windows-service", name: `Security Agent Service ${k}`, identifier: `SecAgent${k}` }
          : { source: "windows-uninstall", name: `Endpoint VPN Client ${k}`, version: `5.${k}.1`, publisher: `Vendor ${k} Inc.`, identifier: `{0000${k}-VPN}` },
      );
    } else if (platform === "darwin") {
      out.push({ source: "macos-launchd", name: `com.vendor${k}.security.agent`, identifier: `com.vendor${k}.security.agent` });
    } else {
      out.push(
        i % 2
          ? { source: "linux-systemd", name: `security-agent-${k}.service`, identifier: `security-agent-${k}.service` }
          : { source: "dpkg", name: `vpn-client-${k}`, version: `2.${k}`, identifier: `vpn-client-${k}` },
      );
    }
  }
  return out;
}

export type FleetDevice = { device: BenchDevice; next(collectedAt: string): CheckinRequest; rollback(): void };

export function buildFleetReports(devices: BenchDevice[], seed: number): FleetDevice[] {
  const r = rng(seed);
  return devices.map((device) => {
    const t = TEMPLATES[device.platform];
    const keys = Object.keys(t) as ProductKey[];
    const has = new Set<ProductKey>();
    if (r() < 0.35 && t.kes) has.add("kes");
    if (r() < 0.2 && t.klnagent) has.add("klnagent");
    for (const k of keys) if (!has.size || r() < 0.25) if (k !== "kes" && k !== "klnagent" && r() < 0.5) has.add(k);
    const extra = filler(device.platform, 2 + Math.floor(r() * 20), r);
    let seq = 0;
    let kesState: "installed" | "remnants" | "gone" = has.has("kes") ? "installed" : "gone";
    let version = 0;
    const build = (): SoftwareEntry[] => {
      const list: SoftwareEntry[] = [];
      for (const k of has) {
        if (k === "kes") continue;
        list.push(...t[k]!.product, ...t[k]!.components);
      }
      if (t.kes && kesState === "installed") list.push(...t.kes.product, ...t.kes.components);
      if (t.kes && kesState === "remnants") list.push(...t.kes.components);
      list.push(...extra.map((e) => (e.version ? { ...e, version: `${e.version}.${version}` } : e)));
      return list.slice(0, 30);
    };
    return {
      device,
      next(collectedAt) {
        const x = r();
        if (x < 0.01)
          version++; // upgrades
        else if (x < 0.02 && t.kes) kesState = kesState === "installed" ? "remnants" : kesState === "remnants" ? "gone" : "installed"; // removal, reinstall
        seq++;
        const software = build();
        while (software.length < 5) software.push(...filler(device.platform, 5 - software.length, r));
        return {
          deviceId: device.deviceId,
          seq,
          collectedAt,
          agentVersion: "1.0.0",
          hostname: `host-${device.deviceId.slice(4, 10)}`,
          os: { platform: device.platform, name: device.platform, version: "1", arch: "x64" },
          catalogVersion: "bench",
          collectors: COLLECTORS[device.platform].map((name) => ({ name, ok: true })),
          software,
        };
      },
      rollback() {
        // A rejected report (429/503) is resent later with a new seq: nothing to undo but the gap.
      },
    };
  });
}
