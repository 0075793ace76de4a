// Security vendors known to the catalog only by their Windows minifilter drivers in the groups
// other than Anti-Virus (FSFilter Activity Monitor, Security Enhancer, Content Screener) of
// Microsoft's "Allocated filter altitudes" (MicrosoftDocs/windows-driver-docs
// windows-driver-docs-pr/ifs/allocated-altitudes.md, snapshot of 2025-10-28), by the company each
// altitude is allocated to (in the comment). Every company of those groups was read; taken are the
// security vendors (EDR and anti-malware, data-leak prevention, device and privilege control,
// allow-listing, cloud workload sensors), with every driver of theirs in those groups. Left out: drivers with names other software uses too
// (e.g. "filemon", "oneagent", "ct", "vast", "AgentComm"), bank plug-ins (Trusteer Rapport), DRM and
// encryption drivers, and companies whose business the list does not make clear. Drivers of catalogued vendors are in minifilters.ts.
import type { CatalogProduct, CatalogVendor } from "../types";
import { av } from "./av-minifilters";
import { named } from "./helpers";

// Absolute Secure Access (formerly NetMotion Mobility), a VPN and zero-trust client, by its names: a public
// VPN-conflict checker's signature ("NetMotion Mobility Client" / "Absolute Secure Access" services), a
// public deployment script ("Install NetMotion/Absolute Secure Access Client"); the indexes holding them do
// not record their repositories
function withSecureAccess(vendor: CatalogVendor): CatalogVendor {
  const vpn: CatalogProduct = {
    slug: "absolute-secure-access",
    name: "Absolute Secure Access (NetMotion Mobility)",
    category: "vpn",
    signatures: [named("^Absolute Secure Access\\b|^NetMotion Mobility\\b")],
  };
  return { ...vendor, products: [vpn, ...vendor.products] };
}

export const MONITOR_MINIFILTER_VENDORS = [
  av("aria", "ARIA Cybersecurity", "edr", "aztagent"), // ARIA Cybersecurity
  av("antispyware", "AntiSpyware LLC", "antivirus", "adwarebot|antispyware"), // AntiSpyware LLC
  av("armorav", "Armor Antivirus", "antivirus", "ArmFlt"), // Armor Antivirus
  av("barkly", "Barkly", "antivirus", "BOsCmFlt|BOsFsFltr"), // Barkly Protects Inc.
  av("bizone", "BI.ZONE", "edr", "bzsenedrsysdrv|bzsenspdrv|bzsenth|bzsenyaradrv"), // BiZone LLC
  av("blackpoint", "Blackpoint Cyber", "edr", "ZtacFltr"), // Blackpoint Cyber
  av("bromium", "Bromium", "other-security", "BemK|brfilter|BrCow_x_x_x_x"), // Bromium Inc (isolation)
  av("cybercrucible", "Cyber Crucible", "antivirus", "CCRRSecMon"), // Cyber Crucible Inc.
  av("cyberark", "CyberArk", "other-security", "CybKernelTracker|vfpd|vfdrv"), // CyberArk Software; Viewfinity (acquired by CyberArk)
  av("cyberbit", "Cyberbit", "edr", "apdFSF"), // Cyberbit Ltd
  // Cybereason; the sensor's service keys (Active Probe, Anti-Ransomware, Execution Prevention): Pennyw0rth/NetExec @06e107dd10dd nxc/modules/enum_av.py;
  // its sensor service and kernel drivers (CrsSvc, PsychedDriver, PsychedFilterDriver): VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
  av("cybereason", "Cybereason", "edr", "CRExecPrev|CybereasonActiveProbe|CybereasonCRS|CybereasonBlocki|CrsSvc|PsychedDriver|PsychedFilterDriver"),
  av("cyberhaven", "Cyberhaven", "other-security", "CyberhavenSystemMonitor"), // Cyberhaven Inc
  av("darktrace", "Darktrace", "edr", "csfsflt"), // Darktrace Holdings Ltd.
  av("devicelock", "DeviceLock", "other-security", "DLDriverNetMini"), // DeviceLock Inc
  av("egosecure", "EgoSecure", "other-security", "esaccctl|EsAccCtlFE"), // EgoSecure GmbH
  av("elphasecure", "Elpha Secure", "edr", "EsArtemis"), // Elpha Secure Technology Inc.
  av("forcepoint", "Forcepoint (Websense)", "other-security", "fpepflt|cwnep"), // ForcePoint LLC.; Websense Inc.
  av("groupib", "Group-IB", "edr", "gibepcore|gibepdevflt"), // Group-IB LTD
  av("heilig", "Heilig Defense", "antivirus", "HDCorrelateFDrv|HDFileMon|HDRansomOffDrv"), // Heilig Defense LLC
  av("heimdal", "Heimdal Security", "antivirus", "HeimdalInsights"), // Heimdal Security A/S
  av("hexis", "Hexis Cyber Solutions", "edr", "HexisFSMonitor"), // Hexis Cyber Solutions
  av("infowatch", "InfoWatch", "other-security", "iwdmfs|iwhlp|iwhlp2|iwhlpxp"), // InfoWatch
  av("invincea", "Invincea", "edr", "InvProtectDrv|InvProtectDrv64"), // Invincea
  av("matisoft", "Matisoft Cyber Security", "other-security", "MtUsbBlockerFlt"), // Matisoft Cyber Security
  av("netgate", "NETGATE Technologies", "antivirus", "netgateav_access|spyemrg_access"), // NETGATE Tech. s.r.o.
  av("neushield", "NeuShield", "antivirus", "neucloak"), // NeuShield, Inc.
  av("nightfall", "Nightfall AI", "other-security", "NightfallAi|nffilemon"), // Nightfall AI
  av("nurilab", "NURILAB", "antivirus", "bhkavka|bhkavki|docvmonk|docvmonk64|nravwka|nrcomgrdka|nrcomgrdki|nrpmonka|nrpmonki|pfracdrv"), // NURILAB
  av("opswat", "OPSWAT", "other-security", "libwaacd|libwamf"), // OPSWAT Inc.
  av("revbits", "RevBits", "edr", "RevBitsESMF"), // RevBits LLC
  av("safecyberdefense", "SAFE-Cyberdefense", "edr", "SAFE-Agent"), // SAFE-Cyberdefense
  av("safend", "Safend", "other-security", "Sahara|Santa"), // Safend (device control)
  av("safetica", "Safetica", "other-security", "FMonitor"), // Safetica
  av("stairwell", "Stairwell", "edr", "SWAgent"), // Stairwell Inc
  av("stormshield", "Stormshield", "edr", "EsProbe"), // Stormshield
  av("threatstack", "Threat Stack", "other-security", "ThreatStackFIM"), // Threat Stack
  av("uptycs", "Uptycs", "edr", "UptCtlDrv"), // Uptycs Inc.
  av("varonis", "Varonis", "other-security", "VrnsFilter"), // Varonis Ltd
  av("veramine", "Veramine", "edr", "phantomd"), // Veramine Inc
  av("zecurion", "Zecurion", "other-security", "zd_mon"), // Zecurion
  av("beyondtrust", "BeyondTrust (Avecto)", "other-security", "privman|BlackbirdFSA|PGDriver"), // BeyondTrust; BeyondTrust Inc.; Avecto Ltd (acquired by BeyondTrust)
  av("faronics", "Faronics", "other-security", "AeFilter"), // Faronics Corporation (Anti-Executable: allow-listing)
  withSecureAccess(av("absolute", "Absolute Software", "other-security", "AbtFileSystemBlocker|psepfilter")), // Absolute Software
  av("secureislands", "Secure Islands", "other-security", "iqpk|sifsp"), // Secure Islands Technologies LTD
  av("unit221b", "Unit 221B (RansomRX)", "antivirus", "RansomRX"), // Unit 221B, LLC
  av("securitysnares", "SecuritySnares", "antivirus", "RsFltScanner"), // SecuritySnares
  // Second pass over the same groups: the data-leak prevention, device-control, allow-listing and
  // workload-security vendors of the Japanese, Korean, Russian and Chinese markets and the cloud
  // security sensors.
  av("hummingheads", "Humming Heads (Defense Platform)", "other-security", "SePnet|SePuld|SePpld|SePfsd|SePwld|SePprd|InPFlter"), // Humming Heads, Inc. (Security Enhancer)
  av("jiransoft", "Jiransoft / JiranData", "other-security", "offsm|xkfsfd|JKPPOB|JKPPXK|JKPPPF|JKPPOK|JRPPOK|pcpifd|JKMCPF|JDEDRPF|JDPPWF|JDPPSF"), // Jiransoft Co., Ltd; JiranData Co. Ltd
  av("skinfosec", "SK Infosec", "other-security", "PLPOffDrv|ISFPDrv|ionmonwdrv"), // SK Infosec Co
  // Soliton: with its other allocations (SDVFilter, FSFilter Activity Monitor; it2prtc, SolRegFilter, SolSecBr,
  // SolFCLLi, SolFCL "Soliton Systems K.K." / "Soliton Smart Sec", FSFilter Undelete), added after batch 9
  av("soliton", "Soliton Systems (InfoTrace)", "other-security", "it2reg|it2drv|solitkm|SDVFilter|it2prtc|SolRegFilter|SolSecBr|SolFCLLi|SolFCL"), // Soliton Systems
  // Encourage Technologies (Japan; ESS REC operation logging): asiofms (FSFilter Activity Monitor) and asioeg
  // (FSFilter Security Enhancer), "Encourage Technologies"; by its drivers only (the list names no product)
  av("encourage", "Encourage Technologies (operation logging)", "other-security", "asiofms|asioeg"), // after batch 9
  av("pnpsecure", "PNP SECURE", "other-security", "flflt|pfcflt"), // PNP SECURE INC (Security Enhancer)
  av("nec-infocage", "NEC InfoCage", "other-security", "IccFilterSc|ICFClientFlt|IccFileIoAd|IccFilterAudit|IccFilter"), // InfoCage; NEC System Technologies
  av("igloo", "IGLOO Security", "other-security", "kmNWCH"), // IGLOO SECURITY, Inc.
  av("secuve", "Secuve", "other-security", "ScvFLT50"), // Secuve Ltd (Security Enhancer)
  av("winicssec", "Winicssec (industrial allow-listing)", "other-security", "wlminisecmod|WntGPDrv"), // Winicssec Ltd
  av("ais", "Assured Information Security", "other-security", "arm_minifilter|pegasus"), // Assured Info Security (Security Enhancer)
  av("atlansys", "Atlansys Software", "other-security", "atflt|amfd"), // Atlansys Software, LLC
  av("securityvision", "Security Vision", "other-security", "SecurityVision\\.FileSystemMinifilterDriver"), // Intellektualnaya Bezopasnost, OOO
  av("taasera", "TaaSera", "edr", "AwareCore"), // TaaSera Inc.
  av("pradeo", "Pradeo", "other-security", "hpradeo"), // Pradeo (Security Enhancer)
  av("zshield", "Zshield", "other-security", "zsusbstorfilt"), // Zshield Inc (Top)
  av("snoopwall", "SnoopWall", "other-security", "SWCommFltr"), // SnoopWall LLC
  av("trustwave", "Trustwave", "other-security", "TWBDCFilter"), // Trustwave
  av("logrhythm", "LogRhythm", "other-security", "LRAgentMF"), // LogRhythm Inc.
  av("delinea", "Delinea (Centrify)", "other-security", "CentrifyFSF|DPEACDrv"), // Centrify Corp; Delinea Inc. (Centrify's successor; Security Monitor)
  av("lacework", "Lacework", "edr", "lwdcs"), // Lacework Inc
  av("orca", "Orca Security", "edr", "ossmon"), // Orca Security Inc.
  av("wiz", "Wiz", "edr", "wizsense"), // Wiz Inc.
  av("aqua", "Aqua Security", "edr", "ContainerMonitor"), // Aqua Security
];
