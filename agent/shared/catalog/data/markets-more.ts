// Antivirus of the Indian and Russian/CIS markets and other independent vendors. Drivers: Microsoft's
// allocated filter altitudes list (FSFilter Anti-Virus / Activity Monitor, by company); brand names
// and publishers: the vendors' product names.
import type { CatalogVendor } from "../types";
import { client, driver, named, service, wsc } from "./helpers";

/** A single-product antivirus vendor: brand names, publisher, Security Center name, drivers. */
/** A vendor whose product is its antivirus; `onDemand` names its on-demand scanners (no resident
 *  protection: other-security), matched before the antivirus. */
function antivirusVendor(v: {
  slug: string;
  name: string;
  country: string;
  publishers: string;
  product: string;
  names: string;
  drivers?: string;
  services?: string;
  category?: "antivirus" | "edr";
  onDemand?: string;
}): CatalogVendor {
  const product = `${v.slug}-antivirus`;
  const scanners = v.onDemand ? [{ slug: `${v.slug}-scanner`, name: `${v.name} on-demand scanners`, category: "other-security" as const, signatures: [named(v.onDemand)] }] : [];
  return {
    slug: v.slug,
    name: v.name,
    country: v.country,
    publishers: [v.publishers],
    fallbackProduct: product,
    products: [
      ...scanners,
      {
        slug: product,
        name: v.product,
        category: v.category ?? "antivirus",
        signatures: [named(v.names), wsc(v.names), ...(v.drivers ? [driver(v.drivers)] : []), ...(v.services ? [service(v.services)] : [])],
      },
    ],
  };
}

export const QUICKHEAL = antivirusVendor({
  slug: "quickheal",
  name: "Quick Heal (Seqrite)",
  country: "IN",
  publishers: "^Quick ?Heal\\b|^Seqrite\\b",
  product: "Quick Heal / Seqrite Endpoint Security",
  // Guardian: Quick Heal's second consumer brand in India (its user guides "Guardian Total Security",
  // "Guardian Internet Security", "Guardian NetSecure", published by Quick Heal Technologies)
  names: "^Quick ?Heal\\b|^Seqrite\\b|^Guardian (?:Total Security|Internet Security|NetSecure|Antivirus)\\b",
  drivers: "sieflt|cssdlp|fam|haggc|ggc|catflt|shhflt|snsrflt|ztflt|bdsflt|dartflt|arwflt",
});
// Arcabit (ArcaVir), Poland: Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_arcavir_av_prdts_detect ("ArcaVir", "Arcabit"
// products, "ArcaBit 2009 Home Protection", "ArcaVir 2009 System Protection"); a VirusTotal engine
// (yaronelh/False-Positive-Center's list of engines). Arcabit makes only security software.
export const ARCABIT = antivirusVendor({
  slug: "arcabit",
  name: "Arcabit (ArcaVir)",
  country: "PL",
  publishers: "^Arca(?:bit|Vir)\\b",
  product: "Arcabit / ArcaVir Antivirus, Internet Security",
  names: "^Arca(?:bit|Vir)\\b",
});
// TG Soft (Italy), Vir.IT eXplorer: Greenbone's product-detection scripts (Clivebi/nvtscript
// @65a8f0788, gb_virit_explorer_lite_detect: DisplayName "VirIT eXplorer Lite"); its engine "Vir.IT
// eXplorer" (yaronelh/False-Positive-Center README (the VirusTotal engines' vendors)). TG Soft makes only security software.
export const TGSOFT = antivirusVendor({
  slug: "tgsoft",
  name: "TG Soft (Vir.IT eXplorer)",
  country: "IT",
  publishers: "^TG ?Soft\\b",
  product: "Vir.IT eXplorer (Lite / PRO)",
  names: "^Vir\\.?IT eXplorer\\b",
});
// Agnitum (Russia; Outpost Firewall, Outpost Security Suite, Outpost Antivirus; discontinued in 2015
// after Yandex bought it, still on old machines): a public security-product enumeration script's
// table (r00t-3xp10it/redpill GetCounterMeasures.ps1: "Agnitum Outpost Firewall"), Metasploit's module
// name "Agnitum Outpost Internet Security", its engine "Agnitum" (yaronelh/False-Positive-Center README (the VirusTotal engines' vendors)). Agnitum made only
// security software; a bare Agnitum item is taken for the firewall, its best-known product.
export const AGNITUM: CatalogVendor = {
  slug: "agnitum",
  name: "Agnitum (Outpost)",
  country: "RU",
  publishers: ["^Agnitum\\b"],
  fallbackProduct: "agnitum-outpost-firewall",
  products: [
    {
      slug: "agnitum-outpost-suite",
      name: "Outpost Security Suite / Antivirus / Internet Security",
      category: "antivirus",
      signatures: [named("^(?:Agnitum )?Outpost (?:Security Suite|Antivirus|Anti-Virus|Internet Security)\\b")],
    },
    { slug: "agnitum-outpost-firewall", name: "Outpost Firewall", category: "firewall", signatures: [named("^(?:Agnitum )?Outpost (?:Firewall|Network Security)\\b")] },
  ],
};
// Systweak Antivirus (India; product_name "Systweak Antivirus", sysav.exe in a public Systweak product
// list; Systweak's engine in yaronelh/False-Positive-Center README (the VirusTotal engines' vendors)). Systweak's other software (Advanced System Optimizer,
// Software Updater, VPN) is not antivirus: no publisher fallback.
export const SYSTWEAK = client("systweak", "Systweak Antivirus", "IN", "antivirus", { names: "^Systweak Anti-?Virus\\b", product: "Systweak Antivirus" });
// Xvirus (Portugal), Xvirus Personal Guard / Anti-Malware: its engine "Xvirus Personal Guard" (a
// public VirusTotal client's engine list; yaronelh/False-Positive-Center README (the VirusTotal engines' vendors))
export const XVIRUS = antivirusVendor({
  slug: "xvirus",
  name: "Xvirus",
  country: "PT",
  publishers: "^Xvirus\\b",
  product: "Xvirus Personal Guard / Anti-Malware",
  names: "^Xvirus\\b",
});
// N-able Managed Antivirus (formerly SolarWinds MSP's): AV-TEST's 2021 test of products for service
// providers ("N-able (Managed Antivirus 6.6)", a prog.world write-up of it). N-able's RMM agents are
// management tools: names only.
export const NABLE = client("nable", "N-able (Managed Antivirus)", "US", "antivirus", { names: "^(?:N-able |SolarWinds (?:MSP )?)?Managed Antivirus\\b", product: "N-able Managed Antivirus" });
// Acronis Cyber Protect: its antimalware is a component installed only when a protection plan enables
// it ("Agent for Antimalware protection and URL filtering", "Acronis Cyber Protection Service", the
// Cyber Protect documentation, "Dynamic installation and uninstallation of components"); the backup
// agent alone is not protection, so Acronis' publisher and its backup names classify nothing.
// Acronis Cyber Protect Home Office (winget-pkgs Acronis.CyberProtectHomeOffice AppsAndFeaturesEntries
// DisplayName "Acronis Cyber Protect Home Office", formerly True Image): backup with anti-ransomware,
// other security.
export const ACRONIS: CatalogVendor = {
  slug: "acronis",
  name: "Acronis",
  country: "CH",
  publishers: [],
  products: [
    {
      slug: "acronis-cyber-protect-antimalware",
      name: "Acronis Cyber Protect (antimalware component)",
      category: "antivirus",
      signatures: [named("^Acronis Cyber Protection Service\\b|^(?:Acronis )?Agent for Antimalware protection\\b")],
    },
    { slug: "acronis-cyber-protect-home-office", name: "Acronis Cyber Protect Home Office", category: "other-security", signatures: [named("^Acronis Cyber Protect Home Office\\b")] },
    // Acronis Active Protection (anti-ransomware of Cyber Protect and True Image): its service,
    // AcronisActiveProtectionService (splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8)
    {
      slug: "acronis-active-protection",
      name: "Acronis Active Protection",
      category: "other-security",
      signatures: [named("^Acronis Active Protection\\b"), service("AcronisActiveProtectionService")],
    },
  ],
};
// Forescout SecureConnector, the network access control agent that reports an endpoint's posture to
// Forescout (like Cisco ISE's posture module): its services SecureConnector and fgprocsvc (Remote
// Inspection) (splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8)
export const FORESCOUT = client("forescout", "Forescout (SecureConnector)", "US", "other-security", {
  names: "^(?:Forescout |ForeScout )?SecureConnector\\b",
  services: "SecureConnector|fgprocsvc",
  product: "Forescout SecureConnector",
});
export const K7 = antivirusVendor({
  slug: "k7",
  name: "K7 Computing",
  country: "IN",
  publishers: "^K7 ?Computing\\b",
  product: "K7 Total Security / Endpoint Security",
  // without spaces too ("K7TotalSecurity", "K7 UltimateSecurity", "K7 AntiVirusPlus"): Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_k7_*_detect_win
  names: "^K7 ?(?:Total ?Security|Ultimate ?Security|Anti-?Virus|Endpoint ?Security|Enterprise ?Security|Security)",
  drivers: "K7SysMon|K7Sentry",
  // real-time scanner and its manager: the service names a public Windows clean-up tool's antivirus
  // table gives K7 (CORCleanup's AntivirusService.cs; the index holding it does not record its repository)
  services: "K7RTScan|K7TSMngr",
  // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): K7Security.DisinfectorTool "K7 Disinfector Tool" (on-demand)
  onDemand: "^K7 ?Disinfector\\b",
});
export const ESCAN = antivirusVendor({
  slug: "escan",
  name: "eScan (MicroWorld)",
  country: "IN",
  publishers: "^MicroWorld\\b|^eScan\\b",
  product: "eScan Antivirus / Internet Security / Corporate",
  names: "^eScan\\b",
  drivers: "mwfsmfltr",
});
export const MAXSECURE = antivirusVendor({
  slug: "maxsecure",
  name: "Max Secure Software",
  country: "IN",
  publishers: "^Max Secure Software\\b",
  product: "Max Secure Anti Virus / Max Total Security",
  names: "^Max ?Secure (?:Anti ?Virus|Total Security|Internet Security|Spyware Detector)",
  drivers: "MaxProc64|MaxProtector|maxcryptmon|SDActMon",
});
export const REVE = antivirusVendor({
  slug: "reve",
  name: "REVE Antivirus",
  country: "IN",
  publishers: "^REVE (?:Antivirus|Systems)\\b",
  product: "REVE Antivirus / Total Security",
  names: "^REVE (?:Antivirus|Total Security|Internet Security|Endpoint)",
  drivers: "ReveFltMgr|ReveProcProtection",
});
export const SECURITYCODE: CatalogVendor = {
  slug: "securitycode",
  name: "Security Code (Код Безопасности)",
  country: "RU",
  publishers: ["^Security Code\\b|Код Безопасности"],
  fallbackProduct: "securitycode-secret-net",
  products: [
    {
      slug: "securitycode-secret-net",
      name: "Secret Net Studio",
      category: "antivirus",
      signatures: [named("^Secret Net\\b|^Континент|^Security Code\\b"), driver("ScAuthFSFlt2|ScAuthFSFlt|ScAuthIoDrv|snpavdrv")],
    },
  ],
};
// Dallas Lock (Конфидент), a Russian certified host protection suite (access control, host intrusion
// detection, firewall: "СЗИ от НСД"), by its name: a public inventory script prints "Dallas Lock 8.0-C
// (сборка ...)"; a public table of Russian certified products lists it ('Dallas Lock', 'Конфидент', 'СЗИ от
// НСД'); the indexes holding them do not record their repositories
export const CONFIDENT: CatalogVendor = {
  slug: "confident",
  name: "Confident (Конфидент)",
  country: "RU",
  publishers: ["^Конфидент|^Confident\\b"],
  fallbackProduct: "confident-dallas-lock",
  products: [{ slug: "confident-dallas-lock", name: "Dallas Lock", category: "other-security", signatures: [named("^Dallas Lock\\b")] }],
};
export const POSITIVE = antivirusVendor({
  slug: "positive",
  name: "Positive Technologies",
  country: "RU",
  publishers: "^Positive Technologies\\b|Позитив Текнолоджиз",
  product: "PT Endpoint Detection and Response / MaxPatrol agent",
  names: "^PT (?:EDR|Endpoint|Sandbox)|^MaxPatrol",
  drivers: "mpxmon",
  category: "edr",
});
export const INFOTECS: CatalogVendor = {
  slug: "infotecs",
  name: "InfoTeCS (ViPNet)",
  country: "RU",
  publishers: ["^Info[Tt]e[Cc][Ss]\\b|ИнфоТеКС"],
  fallbackProduct: "infotecs-vipnet",
  products: [{ slug: "infotecs-vipnet", name: "ViPNet Client / Coordinator", category: "vpn", signatures: [named("^ViPNet\\b"), driver("filenamevalidator|KC3")] }],
};
export const EMSISOFT = antivirusVendor({
  slug: "emsisoft",
  name: "Emsisoft",
  country: "NZ",
  publishers: "^Emsisoft\\b|^Emsi Software\\b",
  product: "Emsisoft Anti-Malware / Enterprise Security",
  names: "^Emsisoft\\b",
  // Emergency Kit (winget Emsisoft.EmergencyKit) and the command-line scanner: portable, scan on demand
  onDemand: "^Emsisoft (?:Emergency Kit|Commandline Scanner)",
  // a2accx64, a2dskm: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna (driver list)
  drivers: "a2ertpx86|a2ertpx64|a2gffx86|a2gffx64|a2gffi64|a2acc|a2acc64|eppfilebackup|a2accx64|a2dskm",
  services: "epag", // Emsisoft Protection Service (SigmaHQ/sigma proc_creation_win_susp_service_tamper.yml @088c288)
});
export const COMODO: CatalogVendor = {
  slug: "comodo",
  name: "Comodo / Xcitium",
  country: "US",
  publishers: ["^COMODO\\b|^Comodo Security Solutions\\b|^Xcitium\\b"],
  fallbackProduct: "comodo-other",
  products: [
    { slug: "comodo-firewall", name: "Comodo Firewall", category: "firewall", signatures: [named("^COMODO (?:Firewall|Personal Firewall)")] },
    {
      slug: "comodo-internet-security",
      name: "Comodo Internet Security / Antivirus / Xcitium Client Security",
      category: "antivirus",
      signatures: [
        named("^COMODO (?:Internet Security|Antivirus|Client)|^Xcitium (?:Client|Endpoint)"),
        wsc("^COMODO|^Xcitium"),
        driver("CmdCwagt|cfrmd|cmdccav|cmdguard"),
        driver("cmdhlp") /* VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna */,
      ],
    },
    { slug: "comodo-other", name: "Comodo software (unrecognised product)", category: "other-security", signatures: [named("^COMODO\\b|^Xcitium\\b")] },
  ],
  exclude: [named("^COMODO (?:Dragon|IceDragon|Chromodo|Backup)|^Comodo (?:Dragon|IceDragon)")],
};
export const IKARUS = antivirusVendor({
  slug: "ikarus",
  name: "IKARUS Security Software",
  country: "AT",
  publishers: "^IKARUS\\b",
  product: "IKARUS anti.virus",
  names: "^IKARUS\\b",
  drivers: "Sonar|ntguard",
});
export const SEGURMATICA = antivirusVendor({
  slug: "segurmatica",
  name: "Segurmatica",
  country: "CU",
  publishers: "^Segurm[aá]tica\\b",
  product: "Segurmatica Antivirus",
  names: "^Segurm[aá]tica\\b",
  drivers: "SegMD|SegMP|SegF",
});
export const ADAWARE = antivirusVendor({
  slug: "adaware",
  name: "Adaware (Lavasoft)",
  country: "CA",
  publishers: "^Lavasoft\\b|^adaware\\b",
  product: "Adaware Antivirus / Ad-Aware",
  names: "^(?:Lavasoft )?Ad-?[Aa]ware\\b|^adaware (?:antivirus|Antivirus)", // "Lavasoft Ad-Aware Pro Security": the maker's name until 2018 first (tuning-12)
  drivers: "lbd",
});
export const IOBIT: CatalogVendor = {
  slug: "iobit",
  name: "IObit",
  country: "CN",
  publishers: [],
  // IObit mostly ships system utilities (Advanced SystemCare, Driver Booster): only its anti-malware is catalogued.
  products: [{ slug: "iobit-malware-fighter", name: "IObit Malware Fighter", category: "antivirus", signatures: [named("^IObit Malware Fighter"), driver("IMFFilter")] }],
};
export const GRIDINSOFT = antivirusVendor({
  slug: "gridinsoft",
  name: "GridinSoft",
  country: "UA",
  publishers: "^GridinSoft\\b",
  product: "GridinSoft Anti-Malware",
  names: "^GridinSoft Anti-Malware",
  drivers: "gtkdrv",
});

export const MORE_VENDORS = [
  CONFIDENT,
  QUICKHEAL,
  K7,
  ESCAN,
  MAXSECURE,
  REVE,
  SECURITYCODE,
  POSITIVE,
  INFOTECS,
  EMSISOFT,
  COMODO,
  IKARUS,
  SEGURMATICA,
  ADAWARE,
  IOBIT,
  GRIDINSOFT,
  ARCABIT,
  TGSOFT,
  AGNITUM,
  SYSTWEAK,
  XVIRUS,
  NABLE,
  ACRONIS,
  FORESCOUT,
];
