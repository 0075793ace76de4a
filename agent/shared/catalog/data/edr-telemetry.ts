// EDR, endpoint telemetry, application allow-listing and host intrusion detection beyond the large
// suites. Sources: drivers from Microsoft's allocated filter altitudes list; macOS package ids and
// app names from Installomator labels (fragments/labels/<label>.sh: name=, packageID=); Debian
// package names from the Debian 12 (bookworm) package index; vendors' documentation for the rest.
// Bundle-id prefixes that no source names are the vendor's reverse-DNS domain (unverified).
import type { CatalogVendor, CatalogProduct } from "../types";
import { app, bundle, driver, named, pkg, service, unit } from "./helpers";

function single(slug: string, name: string, country: string, publishers: string, product: Omit<CatalogProduct, "slug"> & { slug?: string }): CatalogVendor {
  const p = { ...product, slug: product.slug ?? slug };
  return { slug, name, country, publishers: publishers ? [publishers] : [], ...(publishers ? { fallbackProduct: p.slug } : {}), products: [p] };
}

export const DEEPINSTINCT = single("deepinstinct", "Deep Instinct", "US", "^Deep Instinct\\b", {
  name: "Deep Instinct Prevention Platform agent",
  category: "edr",
  signatures: [named("^Deep Instinct\\b"), driver("DeepInsFS"), service("deepinstinctsvc|deepinstinctdrv") /* VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna */],
});
export const BLACKBERRY = single("blackberry", "BlackBerry (Cylance)", "CA", "^Cylance\\b|^BlackBerry Cylance\\b", {
  slug: "blackberry-cylance",
  name: "CylancePROTECT / CylanceOPTICS",
  category: "edr",
  signatures: [
    named("^Cylance ?(?:PROTECT|OPTICS|Smart Antivirus|Unified Agent|GATEWAY)|^BlackBerry (?:Protect|Optics|Cylance)"),
    driver("CyOptics|CyProtectDrv32|CyProtectDrv64"),
    driver("cylancedrv"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
    service("CylanceSvc"), // netwrix/pingcastle @19a3890b214b Scanners/AntivirusScanner.cs
    // The Mac agent's ids are com.cylance.* (com.cylance.cylancees, com.cylance.agent_service) except the
    // CylancePROTECT job's own launchd label, the product name run on without a dot: `launchctl list` of a real
    // Mac in tr3kl0v/stop-sauron issue 18 (https://github.com/tr3kl0v/stop-sauron/issues/18)
    bundle("com\\.cylance(?:\\.|PROTECT$)"),
  ],
});
export const SECUREWORKS = single("secureworks", "Secureworks (Taegis)", "US", "^(?:Dell )?SecureWorks\\b", {
  name: "Secureworks Taegis agent / Red Cloak",
  category: "edr",
  signatures: [named("^(?:Secureworks )?Taegis|^Red Cloak|^Dell SecureWorks"), driver("groundling32|groundling64|TaegisKM\\.x64|TaegisKM\\.x86")],
});
export const HARFANGLAB = single("harfanglab", "HarfangLab", "FR", "^HarfangLab\\b", {
  name: "HarfangLab EDR agent",
  category: "edr",
  signatures: [named("^HarfangLab\\b"), driver("hlprotect"), service("hurukai") /* the agent's service: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna */],
});
// TEHTRIS (formerly TEHTRI-Security): its EDR installs as "TEHTRIS EDR" (a public uninstaller automation
// script finds the uninstall entry whose DisplayName contains "tehtris edr" and drives the "TEHTRIS EDR
// Setup" window; the index holding it does not record its repository), which "^TEHTRI\b" missed.
export const TEHTRI = single("tehtri", "TEHTRIS (TEHTRI-Security)", "FR", "^TEHTRIS?\\b", { name: "TEHTRIS EDR / XDR agent", category: "edr", signatures: [named("^TEHTRIS?\\b"), driver("egambit")] });
export const LIMACHARLIE = single("limacharlie", "LimaCharlie (refractionPOINT)", "US", "^refractionPOINT\\b|^LimaCharlie\\b", {
  name: "LimaCharlie sensor",
  category: "edr",
  signatures: [named("^LimaCharlie\\b"), driver("hcp_kernel_acq")],
});
export const HUNTRESS = single("huntress", "Huntress", "US", "^Huntress\\b", {
  name: "Huntress Agent",
  category: "edr",
  signatures: [
    named("^Huntress (?:Agent|EDR)"),
    driver("HuntMon"),
    service("HuntressAgent|huntressdrv") /* VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna */,
    service(
      "Huntress\\w*",
    ) /* every service whose key starts "Huntress" is the agent's (its updater, Rio): stangh/Get-AVInfo @8bad9964a6 Get-AVInfo.ps1 stops and restarts Huntress* as Huntress' services */,
    bundle("com\\.huntress\\."),
  ],
});
export const REDCANARY = single("redcanary", "Red Canary", "US", "^Red Canary\\b", {
  name: "Red Canary Mac Monitor / Linux EDR",
  category: "edr",
  // Installomator redcanarymacmonitor.sh: name="Red Canary Mac Monitor", packageID="com.redcanary.agent"
  signatures: [named("^Red Canary\\b"), bundle("com\\.redcanary\\.")],
});
export const AIRLOCK = single("airlock", "Airlock Digital", "AU", "^Airlock Digital\\b", {
  name: "Airlock Digital allow-listing agent",
  category: "other-security",
  signatures: [named("^Airlock (?:Digital|Enforcement)"), driver("alcapture")],
});
export const APPGUARD = single("appguard", "AppGuard", "US", "^AppGuard\\b|^Blue Ridge Networks\\b", {
  name: "AppGuard endpoint protection",
  category: "other-security",
  signatures: [named("^AppGuard\\b"), driver("AGSysLock|AGSecLock|BrnFileLock|BrnSecLock")],
});
export const NORTHPOLE = single("santa", "Santa (North Pole Security / Google)", "US", "^North Pole Security\\b", {
  name: "Santa binary authorization",
  category: "other-security",
  // Installomator santa.sh / nps-santa.sh: packageID="com.google.santa" / "com.northpolesec.santa"
  signatures: [bundle("com\\.google\\.santa|com\\.northpolesec\\.santa"), { source: "macos-app", name: "^Santa$" }],
});
export const OSQUERY = single("osquery", "osquery (Linux Foundation)", "US", "", {
  name: "osquery",
  category: "other-security",
  // Installomator osquery.sh: packageID="io.osquery.agent"; Linux packages and unit from the osquery docs.
  // Before 5.0 (Facebook): package id com.facebook.osquery, LaunchDaemon com.facebook.osqueryd.
  signatures: [bundle("io\\.osquery\\.|com\\.facebook\\.osquery"), ...pkg("osquery"), ...unit("osqueryd"), named("^osquery\\b")],
});
export const OBJECTIVESEE: CatalogVendor = {
  slug: "objective-see",
  name: "Objective-See",
  country: "US",
  publishers: [],
  // Installomator lulu.sh / knockknock.sh: name="LuLu", "KnockKnock" (team VBG97UB4TA)
  products: [
    // The installer and uninstaller apps its tools ship, as AutoPkg recipes check them (autopkg/dataJAR-recipes
    // @b7d5b774ba61 BlockBlock, OverSight: "BlockBlock Installer.app", "OverSight Installer.app"; tuning-16): the
    // tool's name before " Installer" or " Uninstaller", the vendor's utility (batch 11's rule for uninstallers)
    {
      slug: "objective-see-installers",
      name: "Objective-See installers and uninstallers",
      category: "utility",
      signatures: [app("(?:BlockBlock|KnockKnock|LuLu|OverSight|ReiKey|RansomWhere\\?|DNSMonitor|DoNotDisturb) (?:Installer|Uninstaller)")],
    },
    { slug: "objective-see-lulu", name: "LuLu firewall", category: "firewall", signatures: [{ source: "macos-app", name: "^LuLu$" }, bundle("com\\.objective-see\\.lulu")] },
    // DNSMonitor: autopkg/peetinc-recipes @5c76c54f2925 DNSMonitor ("DNSMonitor.app"; tuning-16)
    {
      slug: "objective-see-tools",
      name: "Objective-See tools (BlockBlock, KnockKnock, OverSight, RansomWhere?)",
      category: "other-security",
      signatures: [{ source: "macos-app", name: "^(?:BlockBlock(?: Helper)?|KnockKnock|OverSight|RansomWhere\\?|DoNotDisturb|DNSMonitor)$" }, bundle("com\\.objective-?see\\.")], // homebrew-cask-versions blockblock.rb: launchctl "com.objectiveSee.blockblock.daemon",
    },
  ],
};
export const CISOFY = single("cisofy", "CISOfy (Lynis)", "NL", "", { name: "Lynis", category: "other-security", signatures: [...pkg("lynis")] });
export const TRIPWIRE = single("tripwire", "Tripwire", "US", "^Tripwire\\b", {
  name: "Tripwire (open source and Enterprise agent)",
  category: "other-security",
  signatures: [...pkg("tripwire|twagent"), named("^Tripwire (?:Enterprise|Axon)")],
});
export const OISF = single("oisf", "Open Information Security Foundation (Suricata)", "US", "", {
  name: "Suricata",
  category: "other-security",
  signatures: [...pkg("suricata|suricata-update|suricata-oinkmaster"), ...unit("suricata")],
});
export const CROWDSEC: CatalogVendor = {
  slug: "crowdsec",
  name: "CrowdSec",
  country: "FR",
  publishers: [],
  products: [
    {
      slug: "crowdsec-bouncer",
      name: "CrowdSec firewall bouncer",
      category: "firewall",
      signatures: [...pkg("crowdsec-(?:firewall|iptables|nftables)-bouncer(?:-iptables|-nftables)?"), ...unit("crowdsec-firewall-bouncer")],
    },
    { slug: "crowdsec", name: "CrowdSec security engine", category: "other-security", signatures: [...pkg("crowdsec"), ...unit("crowdsec"), named("^CrowdSec\\b")] },
  ],
};
export const OSSEC = single("ossec", "OSSEC (Atomicorp)", "US", "^Atomicorp\\b|^OSSEC\\b", {
  name: "OSSEC HIDS",
  category: "other-security",
  signatures: [named("^OSSEC\\b"), ...pkg("ossec-hids|ossec-hids-agent|ossec-hids-server"), ...unit("ossec")],
});

export const SQWARQ = single("sqwarq", "Sqwarq (DetectX)", "GB", "^Sqwarq\\b", {
  name: "DetectX Swift",
  category: "antivirus",
  // Installomator detectxswift.sh: name="DetectX Swift". Ids: DetectX's own (com.sqwarq.DetectX, -Swift), not the
  // whole namespace: Sqwarq's Critical Updates (receipt com.sqwarq.Critical-Updates, autopkg/rtrouton-recipes; a
  // false positive on tuning-16) is not protection
  signatures: [{ source: "macos-app", name: "^DetectX(?: Swift)?$" }, bundle("com\\.sqwarq\\.DetectX")],
});

export const PARETO = single("pareto", "Pareto Security", "SI", "^Niteo\\b", {
  name: "Pareto Security",
  category: "other-security",
  // Installomator paretosecurity.sh: name="Pareto Security"; Linux package from the project's releases
  signatures: [{ source: "macos-app", name: "^Pareto Security$" }, named("^Pareto ?Security\\b") /* winget index v2: "ParetoSecurity" (NiteoGmbH.ParetoSecurity) */, ...pkg("paretosecurity")],
});

// Jamf Protect, the macOS endpoint protection and EDR of Jamf: app "JamfProtect.app" and system
// extension com.jamf.protect.security-extension (a public macOS security-control inventory's catalogue of products (app bundle, system extension, process; the index holding it does not record its repository)). Jamf Pro's
// management agent (com.jamf.management.*, jamf) is a Mac management tool, not security software: only
// Protect's namespace is matched, and Jamf's publisher classifies nothing.
export const JAMF = single("jamf", "Jamf (Jamf Protect)", "US", "", {
  slug: "jamf-protect",
  name: "Jamf Protect",
  category: "edr",
  signatures: [{ source: "macos-app", name: "^Jamf ?Protect$" }, named("^Jamf Protect\\b"), bundle("com\\.jamf\\.protect")],
});
export const EDR_TELEMETRY_VENDORS = [
  JAMF,
  SQWARQ,
  PARETO,
  DEEPINSTINCT,
  BLACKBERRY,
  SECUREWORKS,
  HARFANGLAB,
  TEHTRI,
  LIMACHARLIE,
  HUNTRESS,
  REDCANARY,
  AIRLOCK,
  APPGUARD,
  NORTHPOLE,
  OSQUERY,
  OBJECTIVESEE,
  CISOFY,
  TRIPWIRE,
  OISF,
  CROWDSEC,
  OSSEC,
];
