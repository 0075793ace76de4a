// What security products look like on real endpoints, per platform, in the agent's wire
// format: used to simulate fleets for the demo, the load simulator and the benchmarks.
// Every entry here must classify to the intended catalog product (tests/unit/fleet checks it).
import type { Platform, SoftwareEntry } from "~/agent/shared/protocol";

export type ProductKey = "kes" | "klnagent" | "kis" | "defender" | "crowdstrike" | "sentinelone" | "eset" | "sophos" | "clamav" | "drweb";

/** Entries of a product; `components` are what an incomplete uninstall leaves behind. */
export type ProductTemplate = { product: SoftwareEntry[]; components: SoftwareEntry[]; protects: boolean };

type Templates = Partial<Record<ProductKey, ProductTemplate>>;

const uninstall = (name: string, version: string, publisher: string, identifier: string): SoftwareEntry => ({
  source: "windows-uninstall",
  name,
  version,
  publisher,
  identifier,
});
const wsc = (name: string): SoftwareEntry => ({ source: "windows-security-center", name, state: { enabled: true, upToDate: true } });
const svc = (identifier: string, name: string): SoftwareEntry => ({ source: "windows-service", name, identifier });
const drv = (identifier: string, name: string): SoftwareEntry => ({ source: "windows-driver", name, identifier });
const deb = (name: string, version: string): SoftwareEntry => ({ source: "dpkg", name, version, identifier: name });
const unit = (name: string): SoftwareEntry => ({ source: "linux-systemd", name, identifier: name });
const dir = (p: string): SoftwareEntry => ({ source: "linux-path", name: p, identifier: p });

export const TEMPLATES: Record<Platform, Templates> = {
  windows: {
    kes: {
      protects: true,
      product: [
        uninstall("Kaspersky Endpoint Security for Windows", "11.11.0.452", "AO Kaspersky Lab", "{7A4192A1-84C4-4E90-A31B-B4847CA8E23A}"),
        wsc("Kaspersky Endpoint Security for Windows"),
        svc("AVP.KES.11.11.0", "Kaspersky Endpoint Security Service"),
      ],
      components: [svc("AVP", "Kaspersky Anti-Virus Service"), drv("klif", "Kaspersky Lab KLIF Klif Mini-Filter"), drv("klhk", "klhk"), drv("klflt", "Kaspersky Lab klflt"), drv("kneps", "kneps")],
    },
    kis: {
      protects: true,
      product: [uninstall("Kaspersky Internet Security", "21.3.10.391", "Kaspersky", "AVP21.3"), wsc("Kaspersky Internet Security")],
      components: [drv("klif", "Kaspersky Lab KLIF Klif Mini-Filter"), drv("klhk", "klhk")],
    },
    klnagent: {
      protects: false,
      product: [
        uninstall("Kaspersky Security Center Network Agent", "14.0.0.10902", "AO Kaspersky Lab", "{2924BEDA-E0D7-4DAF-A224-50D2E0B12F5B}"),
        svc("klnagent", "Kaspersky Security Center Network Agent"),
      ],
      components: [],
    },
    defender: {
      protects: true,
      product: [wsc("Windows Defender"), svc("WinDefend", "Microsoft Defender Antivirus Service")],
      components: [drv("WdFilter", "Microsoft Defender Antivirus Mini-Filter Driver")],
    },
    crowdstrike: {
      protects: true,
      product: [
        uninstall("CrowdStrike Windows Sensor", "7.16.18605.0", "CrowdStrike, Inc.", "{6E2D4A2B-1C43-4F0C-9A5D-3F0D3E1E7B11}"),
        wsc("CrowdStrike Falcon Sensor"),
        svc("CSFalconService", "CrowdStrike Falcon Sensor Service"),
      ],
      components: [drv("CSAgent", "CrowdStrike Falcon")],
    },
    sentinelone: {
      protects: true,
      product: [uninstall("Sentinel Agent", "23.4.2.216", "SentinelOne", "{B1E2C3D4-0000-4A5B-9C8D-123456789ABC}"), wsc("Sentinel Agent"), svc("SentinelAgent", "Sentinel Agent")],
      components: [],
    },
    eset: {
      protects: true,
      product: [uninstall("ESET Endpoint Security", "11.0.2044.0", "ESET, spol. s r.o.", "{3E3B8F6C-2A8B-4C6A-9B9E-1E2F3A4B5C6D}"), wsc("ESET Endpoint Security")],
      components: [],
    },
    sophos: {
      protects: true,
      product: [uninstall("Sophos Endpoint Agent", "2023.2.1.8", "Sophos Limited", "Sophos Endpoint Agent"), wsc("Sophos Intercept X")],
      components: [],
    },
    drweb: {
      protects: true,
      product: [uninstall("Dr.Web Security Space", "12.0.4.12160", "Doctor Web", "{C3D5A2D1-5E9A-4A4F-9E6B-1D2F0E6C7B80}"), wsc("Dr.Web Security Space")],
      components: [],
    },
  },
  darwin: {
    kes: {
      protects: true,
      product: [{ source: "macos-app", name: "Kaspersky Endpoint Security for Mac", version: "11.3.0.225", identifier: "com.kaspersky.kes" }],
      components: [
        { source: "macos-launchd", name: "com.kaspersky.kav", identifier: "com.kaspersky.kav" },
        { source: "macos-receipt", name: "com.kaspersky.kes.pkg", version: "11.3.0.225", identifier: "com.kaspersky.kes.pkg" },
      ],
    },
    defender: {
      protects: true,
      product: [{ source: "macos-app", name: "Microsoft Defender", version: "101.24092.1", identifier: "com.microsoft.wdav" }],
      components: [],
    },
    crowdstrike: {
      protects: true,
      product: [{ source: "macos-app", name: "Falcon", version: "7.16.18605", identifier: "com.crowdstrike.falcon.App" }],
      components: [{ source: "macos-system-extension", name: "com.crowdstrike.falcon.Agent", identifier: "com.crowdstrike.falcon.Agent" }],
    },
    sentinelone: {
      protects: true,
      product: [{ source: "macos-app", name: "SentinelOne Extensions", version: "23.3.2.7053", identifier: "com.sentinelone.extensions-wrapper" }],
      components: [],
    },
  },
  linux: {
    kes: {
      protects: true,
      product: [deb("kesl", "12.1.0.1297"), unit("kesl.service")],
      components: [dir("/opt/kaspersky/kesl"), dir("/var/opt/kaspersky/kesl")],
    },
    klnagent: {
      protects: false,
      product: [deb("klnagent64", "14.2.0.35148"), unit("klnagent64.service")],
      components: [dir("/opt/kaspersky/klnagent64")],
    },
    defender: {
      protects: true,
      product: [deb("mdatp", "101.24092.0002"), unit("mdatp.service")],
      components: [dir("/opt/microsoft/mdatp")],
    },
    crowdstrike: {
      protects: true,
      product: [deb("falcon-sensor", "7.17.0-17005"), unit("falcon-sensor.service")],
      components: [dir("/opt/CrowdStrike")],
    },
    clamav: {
      protects: true,
      product: [deb("clamav", "1.0.7+dfsg-1~deb12u1"), deb("clamav-daemon", "1.0.7+dfsg-1~deb12u1"), unit("clamav-daemon.service")],
      components: [],
    },
  },
};

/** The catalog product each template stands for (the ingest side's product slug). */
export const EXPECTED_PRODUCT: Record<ProductKey, string[]> = {
  kes: ["kaspersky-endpoint-security"],
  kis: ["kaspersky-internet-security"],
  klnagent: ["kaspersky-network-agent"],
  defender: ["microsoft-defender-antivirus", "microsoft-defender-endpoint"],
  crowdstrike: ["crowdstrike-falcon"],
  sentinelone: ["sentinelone-agent"],
  eset: ["eset-endpoint"],
  sophos: ["sophos-intercept-x"],
  clamav: ["clamav"],
  drweb: ["drweb-security-space"],
};

/** Which collectors run on each platform (every source the fleet's entries use, all ok). */
export const COLLECTORS: Record<Platform, SoftwareEntry["source"][]> = {
  windows: ["windows-uninstall", "windows-security-center", "windows-service", "windows-driver"],
  darwin: ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"],
  linux: ["dpkg", "linux-systemd", "linux-path"],
};

export const OS_VERSIONS: Record<Platform, { name: string; version: string; arch: string; weight: number }[]> = {
  windows: [
    { name: "Windows 11 Enterprise", version: "10.0.22631", arch: "x64", weight: 50 },
    { name: "Windows 10 Enterprise", version: "10.0.19045", arch: "x64", weight: 38 },
    { name: "Windows Server 2022 Standard", version: "10.0.20348", arch: "x64", weight: 9 },
    { name: "Windows Server 2019 Standard", version: "10.0.17763", arch: "x64", weight: 3 },
  ],
  darwin: [
    { name: "macOS Sequoia", version: "15.6", arch: "arm64", weight: 70 },
    { name: "macOS Sonoma", version: "14.7", arch: "arm64", weight: 20 },
    { name: "macOS Sonoma", version: "14.7", arch: "x64", weight: 10 },
  ],
  linux: [
    { name: "Ubuntu 24.04 LTS", version: "24.04", arch: "x64", weight: 45 },
    { name: "Debian GNU/Linux 12", version: "12", arch: "x64", weight: 30 },
    { name: "Red Hat Enterprise Linux 9", version: "9.4", arch: "x64", weight: 25 },
  ],
};
