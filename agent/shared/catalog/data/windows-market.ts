// Windows security vendors absent from the altitude list and earlier sources, each with the strings
// a source gives for its uninstall entry (DisplayName, Publisher) and services:
// - ThreatLocker: service keys from SigmaHQ/sigma rules/windows/process_creation/
//   proc_creation_win_susp_service_tamper.yml (@088c288: ThreatLockerService, HealthTLService) and
//   ThreatLocker's knowledge base (threatlocker.kb.help, "ThreatLocker Health Service": HealthTLService).
// - VIPRE: product and company names of the VIPRE Business administration guides (ThreatTrack
//   Security, 2014-2016) and the VIPRE Antivirus user guide (Sunbelt Software, installed under
//   C:\Program Files\Sunbelt Software\VIPRE); VIPRE Security Group is the company's current name.
// - SUPERAntiSpyware: microsoft/winget-pkgs manifests/s/SUPERAntiSpyware/SUPERAntiSpyware/10.0.1278
//   (PackageName SUPERAntiSpyware, Publisher SUPERAntiSpyware.com).
// - TotalAV: the vendor's terms (totalav.com/terms; protected.net/terms-of-service): Total Security
//   Limited, formerly SS Protect Limited, trading as TotalAV, Scanguard, PC Protect and Protected.net.
// - NANO Antivirus: nano-av.com privacy policy (E-Style Software Corp., "NANO Antivirus family").
// - Zillya!: zillya.com privacy policy (ALLIT Service LLC, trademark "Zillya!").
// - The vendors' own product and company names (their websites) for FFRI yarai (ffri.jp), Jiangmin
//   (江民杀毒, jiangmin.com), Antiy (安天智甲, antiy.cn), AsiaInfo Security (亚信安全, the Chinese edition of
//   OfficeScan), VirusBlokAda (Vba32, anti-virus.by), Net Protector (NPAV, npav.net) and Unistal's
//   Protegent (protegent360.com); Total Defense, Intego, PC Matic (PC Pitstop), Spybot - Search &
//   Destroy (Safer-Networking), Zemana, Cynet, Arctic Wolf and Morphisec likewise.
import type { CatalogVendor } from "../types";
import { bundle, driver, named, service, wsc } from "./helpers";

export const THREATLOCKER: CatalogVendor = {
  slug: "threatlocker",
  name: "ThreatLocker",
  country: "US",
  publishers: ["^ThreatLocker\\b"],
  fallbackProduct: "threatlocker-agent",
  products: [
    {
      slug: "threatlocker-agent",
      name: "ThreatLocker agent (application allow-listing, ring-fencing)",
      category: "other-security",
      // macOS: system extension com.threatlocker.app.agent and launchd jobs com.threatlocker.* (public Mac
      // deployment and removal scripts: systemextensionsctl list | grep com.threatlocker.app.agent; launchctl
      // bootout system /Library/LaunchDaemons/com.threatlocker.*; the indexes holding them do not record
      // their repositories)
      signatures: [named("^ThreatLocker\\b"), service("ThreatLockerService|HealthTLService"), bundle("com\\.threatlocker\\.")],
    },
  ],
};

export const VIPRE: CatalogVendor = {
  slug: "vipre",
  name: "VIPRE Security (ThreatTrack, Sunbelt Software)",
  country: "US",
  publishers: ["^VIPRE\\b|^ThreatTrack Security\\b|^Sunbelt Software\\b|^GFI Software\\b.*VIPRE"],
  fallbackProduct: "vipre-antivirus",
  products: [
    {
      slug: "vipre-antivirus",
      name: "VIPRE Antivirus / Endpoint Security / Business agent",
      category: "antivirus",
      signatures: [
        named("^VIPRE\\b"),
        wsc("^VIPRE"),
        driver("sbapifs"), // allocated filter altitudes (Sunbelt Software), formerly in monitor-minifilters.ts
        driver("sbredrv"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        // the agent's service (Sunbelt AntiMalware's heritage): an RMM antivirus-detection script ("Security-DetectInstalledAntivirus.ps1" v3.0 of 2026-02-10, Windows Automation Framework, github.com/Xore/waf; the index does not record its path), "VIPRE Business Agent": RelevantServices "SBAMSvc"
        service("SBAMSvc"),
      ],
    },
  ],
};

export const SUPERANTISPYWARE: CatalogVendor = {
  slug: "superantispyware",
  name: "SUPERAntiSpyware (RealDefense)",
  country: "US",
  publishers: ["^SUPERAntiSpyware\\b"],
  fallbackProduct: "superantispyware-antivirus",
  // "SAS Core Service" (its service's display name): stangh/Get-AVInfo @8bad9964a6 Get-AVInfo.ps1 (the
  // services an MSP's AV check looks for: '*SAS Core*')
  products: [{ slug: "superantispyware-antivirus", name: "SUPERAntiSpyware", category: "antivirus", signatures: [named("^SUPERAntiSpyware\\b|^SAS Core Service$"), wsc("^SUPERAntiSpyware")] }],
};

/** A consumer antivirus sold under its brand names (`names`), with its company's publisher names. */
function brand(slug: string, name: string, country: string, publishers: string | null, names: string, category: "antivirus" | "edr" = "antivirus"): CatalogVendor {
  const product = `${slug}-${category}`;
  return {
    slug,
    name,
    country,
    publishers: publishers ? [publishers] : [],
    ...(publishers ? { fallbackProduct: product } : {}),
    products: [{ slug: product, name, category, signatures: [named(names), wsc(names)] }],
  };
}

export const TOTALAV = brand(
  "totalav",
  "TotalAV (Total Security Limited)",
  "GB",
  "^Total Security (?:Limited|Ltd)\\b|^SS Protect\\b|^Protected\\.net\\b|^TotalAV\\b",
  "^Total ?AV\\b|^Scanguard\\b|^PC Protect\\b",
);
export const NANO = brand("nano", "NANO Antivirus (E-Style Software)", "RU", "^NANO Security\\b|^E-Style Software\\b", "^NANO (?:Antivirus|Антивирус)");
export const ZILLYA = brand("zillya", "Zillya! (ALLIT Service)", "UA", "^ALLIT Service\\b|^Zillya\\b", "^Zillya!?(?: |$)");

export const FFRI = brand("ffri", "FFRI Security (yarai)", "JP", "^FFRI\\b", "^FFRI\\b|^yarai\\b");
// Jiangmin's legal name as its drivers are signed, "Beijing Jiangmin New Sci.&Tec. Co. Ltd." (with "Beijing Rising
// Network Security Technology Co., Ltd." and "Beijing Kingsoft Security software Co.,Ltd"): a public tool's allowlist
// of driver signers (IsAllowedDriverPublisher; the index holding it does not record its repository).
export const JIANGMIN = brand("jiangmin", "Jiangmin (江民)", "CN", "江民|^(?:Beijing )?Jiangmin\\b", "^江民|^Jiangmin\\b");
export const ANTIY = brand("antiy", "Antiy (安天)", "CN", "安天|^Antiy\\b", "^安天|^Antiy\\b");
export const ASIAINFO = brand("asiainfo", "AsiaInfo Security (亚信安全)", "CN", "^亚信安全|^AsiaInfo Security\\b", "^亚信安全|^AsiaInfo (?:Security|OfficeScan)");
export const VBA32 = brand("virusblokada", "VirusBlokAda (Vba32)", "BY", "^VirusBlokAda\\b", "^Vba32\\b|^VirusBlokAda\\b");
export const NPAV = brand("npav", "Net Protector (NPAV)", "IN", "^Net ?Protector\\b|^NPAV\\b", "^Net ?Protector\\b|^NPAV\\b");
export const PROTEGENT = brand("protegent", "Protegent (Unistal Systems)", "IN", "^Unistal\\b|^Protegent\\b", "^Protegent\\b");

// Thirtyseven4 (US), antivirus on Quick Heal's engine: its guides ("Thirtyseven4 Endpoint Security 7.0")
// are listed with Quick Heal's, its sample address (virus@thirtyseven4.com) with the AV vendors' in
// public sample-submission lists
export const THIRTYSEVEN4 = brand("thirtyseven4", "Thirtyseven4", "US", "^Thirtyseven4\\b", "^Thirtyseven4\\b");
export const TOTALDEFENSE = brand("totaldefense", "Total Defense", "US", "^Total Defense\\b", "^Total Defense\\b");
// VirusBarrier's Mac ids (launchd jobs and apps com.intego.virusbarrier.*, com.intego.commonservices.*,
// com.intego.NetUpdate: a public Mac app's list of the apps it leaves alone, TextWarden's tests; its kernel extension
// com.intego.iokit.VirusBarrierX6Service: a public list of AV kexts; the indexes holding them do not record
// their repositories)
const INTEGO_BRAND = brand("intego", "Intego", "US", "^Intego\\b", "^Intego\\b");
export const INTEGO: CatalogVendor = {
  ...INTEGO_BRAND,
  products: INTEGO_BRAND.products.map((p) => ({ ...p, signatures: [...p.signatures, bundle("com\\.intego\\.(?:virusbarrier|commonservices|netupdate|iokit\\.VirusBarrier)")] })),
};
// PC Pitstop also publishes tune-up tools: the antivirus by name only
export const PCMATIC = brand("pcmatic", "PC Matic (PC Pitstop)", "US", null, "^PC Matic\\b");
// Safer-Networking also publishes RegAlyzer and Spybot Anti-Beacon (a telemetry blocker): by name only
export const SPYBOT = brand("spybot", "Spybot - Search & Destroy (Safer-Networking)", "DE", null, "^Spybot\\b(?!.*Anti-?Beacon)");
export const ZEMANA = brand("zemana", "Zemana", "TR", "^Zemana\\b", "^Zemana\\b");
const CYNET_BRAND = brand("cynet", "Cynet", "IL", "^Cynet\\b", "^Cynet\\b", "edr");
// CynetLauncher (Cynet Launcher Service): splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
export const CYNET: CatalogVendor = { ...CYNET_BRAND, products: CYNET_BRAND.products.map((p) => ({ ...p, signatures: [...p.signatures, service("CynetLauncher")] })) };
// Segurazo's SAntivirus (a consumer antivirus): the services an MSP's AV check looks for ('*santivirus*',
// '*segurazo*': stangh/Get-AVInfo @8bad9964a6 Get-AVInfo.ps1)
// (no country: no source at hand says where the company is)
export const SEGURAZO: CatalogVendor = {
  slug: "segurazo",
  name: "Segurazo (SAntivirus)",
  publishers: ["^Segurazo\\b"],
  fallbackProduct: "segurazo-antivirus",
  products: [{ slug: "segurazo-antivirus", name: "SAntivirus", category: "antivirus", signatures: [named("^SAntivirus\\b|^Segurazo\\b"), wsc("^SAntivirus\\b")] }],
};
// HP Wolf Security (HP's endpoint protection: Sure Sense's malware prevention and Sure Click's isolation),
// by its names only (HP publishes far more than security software): the uninstall entries of its
// removal order (stangh/Get-AVInfo @8bad9964a6 Get-AVInfo.ps1, after HP's "How to uninstall HP Wolf Pro
// Security") and the services its AV check looks for ('*HP Sure*' narrowed to Sure Sense and Sure Click:
// HP Sure Start, Run and Recover are firmware features).
export const HPWOLF: CatalogVendor = {
  slug: "hp",
  name: "HP Inc. (HP Wolf Security)",
  country: "US",
  publishers: [],
  products: [
    {
      slug: "hp-wolf-security",
      name: "HP Wolf Security",
      category: "antivirus",
      signatures: [named("^HP Wolf (?:Pro )?Security\\b|^HP Security Update Service$|^HP Sure (?:Sense|Click)\\b"), wsc("^HP Wolf\\b|^HP Sure Sense\\b")],
    },
  ],
};
// Datto (Kaseya) endpoint security, by its names and service keys only (Datto also publishes its RMM agent
// and backup): Datto's own "Datto EDR Maintenance" RMM component (Version 2, 22 October 2024; a public copy,
// the index holding it does not record its repository): the EDR agent's service HUNTAgent ("Datto EDR
// Agent", Infocyte HUNT's heritage), Datto AV's services EndpointProtectionService and
// EndpointProtectionService2, the ransomware rollback service dattorollbackservice
export const DATTO: CatalogVendor = {
  slug: "datto",
  name: "Datto (Kaseya)",
  country: "US",
  publishers: [],
  products: [
    { slug: "datto-edr", name: "Datto EDR", category: "edr", signatures: [named("^Datto EDR\\b"), service("HUNTAgent")] },
    { slug: "datto-av", name: "Datto AV", category: "antivirus", signatures: [named("^Datto (?:AV|Antivirus)\\b"), service("EndpointProtectionService|EndpointProtectionService2")] },
    { slug: "datto-rollback", name: "Datto Ransomware Rollback", category: "other-security", signatures: [named("^Datto (?:Ransomware )?Rollback\\b"), service("dattorollbackservice")] },
  ],
};
// Smadav (Indonesia's consumer antivirus): its service keys as a public script that stops antivirus
// services lists them ("SmadavService", "Smadav"; the index holding it does not record its repository)
export const SMADAV: CatalogVendor = {
  slug: "smadav",
  name: "Smadav",
  country: "ID",
  publishers: ["^Smadav\\b"],
  fallbackProduct: "smadav-antivirus",
  products: [{ slug: "smadav-antivirus", name: "Smadav Antivirus", category: "antivirus", signatures: [named("^Smadav\\b"), wsc("^Smadav\\b"), service("SmadavService|Smadav")] }],
};
export const ARCTICWOLF = brand("arcticwolf", "Arctic Wolf", "US", "^Arctic Wolf\\b", "^Arctic Wolf\\b", "edr");
export const MORPHISEC = brand("morphisec", "Morphisec", "IL", "^Morphisec\\b", "^Morphisec\\b", "edr");

export const WINDOWS_MARKET_VENDORS: CatalogVendor[] = [
  THREATLOCKER,
  VIPRE,
  SUPERANTISPYWARE,
  TOTALAV,
  NANO,
  ZILLYA,
  FFRI,
  JIANGMIN,
  ANTIY,
  ASIAINFO,
  VBA32,
  NPAV,
  PROTEGENT,
  THIRTYSEVEN4,
  TOTALDEFENSE,
  INTEGO,
  PCMATIC,
  SPYBOT,
  ZEMANA,
  SEGURAZO,
  HPWOLF,
  DATTO,
  SMADAV,
  CYNET,
  ARCTICWOLF,
  MORPHISEC,
];
