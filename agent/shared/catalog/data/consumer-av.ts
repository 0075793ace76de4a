// Antivirus vendors selling to both consumers and businesses: Malwarebytes (ThreatDown),
// Webroot (OpenText), G DATA, WithSecure (F-Secure's business arm since 2022), F-Secure
// (consumer), WatchGuard (Panda Security). All security-only: each has a fallback product.
import type { CatalogVendor } from "../types";
import { bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

export const MALWAREBYTES: CatalogVendor = {
  slug: "malwarebytes",
  name: "Malwarebytes (ThreatDown)",
  country: "US",
  publishers: ["^Malwarebytes\\b|^ThreatDown\\b"],
  fallbackProduct: "malwarebytes-other",
  products: [
    {
      // Windows Firewall Control (BiniSoft's, Malwarebytes' since 2018): a front-end to Windows'
      // firewall, so a firewall, not Malwarebytes' unrecognised software (tuning-7: Chocolatey's
      // windowsfirewallcontrol package looks it up as "Malwarebytes Windows Firewall Control")
      slug: "malwarebytes-windows-firewall-control",
      name: "Windows Firewall Control",
      category: "firewall",
      signatures: [named("^(?:Malwarebytes )?Windows Firewall Control\\b")],
    },
    {
      slug: "malwarebytes-privacy-vpn",
      name: "Malwarebytes Privacy VPN",
      category: "vpn",
      signatures: [named("^Malwarebytes (?:Privacy|VPN)"), service("MBVpnTunnelService|MalwarebytesVPNService")],
    },
    {
      slug: "malwarebytes-endpoint",
      name: "ThreatDown / Malwarebytes Endpoint Agent (Nebula, EDR)",
      category: "edr",
      signatures: [
        named("^(?:Malwarebytes|ThreatDown) (?:Endpoint|Nebula|EDR|Management Console|Agent)"),
        service("MBEndpointAgent|MBCloudEA"),
        ...pkg("mblinux|malwarebytes-endpoint-agent"), // Linux agent package names: unverified
        ...path("/opt/malwarebytes"),
      ],
    },
    {
      slug: "malwarebytes",
      name: "Malwarebytes (Anti-Malware, Premium)",
      category: "antivirus",
      signatures: [
        named("^Malwarebytes(?: version [\\d.]+| Anti-Malware| Premium| Free| Anti-Exploit| Anti-Ransomware|$)"),
        wsc("^Malwarebytes"),
        service("MBAMService|MBAMScheduler|MBAMProtector"),
        driver("mbam|mbamchameleon|mbamswissarmy|MBAMFarflt|mbamelam|mwac|mbae64|mbae|farft"),
        driver("farflt"), // "File System Monitor": VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        bundle("com\\.malwarebytes\\."),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > Malwarebytes > Uninstall; Malwarebytes Support Tool (mb-support) > Advanced > Clean if it fails."] }],
    },
    { slug: "malwarebytes-other", name: "Malwarebytes software (unrecognised product)", category: "other-security", signatures: [named("^Malwarebytes\\b|^AdwCleaner")] },
  ],
};

export const WEBROOT: CatalogVendor = {
  slug: "webroot",
  name: "Webroot (OpenText)",
  country: "US",
  publishers: ["^Webroot\\b"],
  fallbackProduct: "webroot-other",
  products: [
    {
      slug: "webroot-secureanywhere",
      name: "Webroot SecureAnywhere",
      category: "antivirus",
      signatures: [
        named("^Webroot (?:SecureAnywhere|Business Endpoint Protection|Antivirus|Internet Security)"),
        wsc("^Webroot"),
        service("WRSVC|WRCoreService|WRSkyClient"),
        service("WRSA"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        driver("WRkrn|WRBoot|wrUrlFlt|WRCore"),
        bundle("com\\.webroot\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Deactivate agent self-protection in the Webroot console if managed.",
            'Programs and Features > Webroot SecureAnywhere > Uninstall, or "C:\\Program Files\\Webroot\\WRSA.exe" -uninstall.',
          ],
        },
      ],
    },
    {
      slug: "webroot-dns-protection",
      name: "Webroot DNS Protection",
      category: "other-security",
      signatures: [named("^Webroot DNS Protection|^DNS Protection Agent"), service("WRDNSProtection|WebrootDnsProtection")],
    },
    { slug: "webroot-other", name: "Webroot software (unrecognised product)", category: "other-security", signatures: [named("^Webroot\\b")] },
  ],
};

export const GDATA: CatalogVendor = {
  slug: "gdata",
  name: "G DATA CyberDefense",
  country: "DE",
  publishers: ["^G ?DATA\\b"],
  fallbackProduct: "gdata-other",
  products: [
    {
      slug: "gdata-management-server",
      name: "G DATA ManagementServer",
      category: "management-agent",
      signatures: [named("^G ?DATA (?:Management ?Server|Administrator)"), service("GDMMS|GdMms")],
    },
    {
      slug: "gdata-antivirus",
      name: "G DATA Total Security / Internet Security / Antivirus / Security Client",
      category: "antivirus",
      signatures: [
        named("^G ?DATA (?:Total Security|Internet ?Security|Anti-?Virus|Security Client|Endpoint Protection|Client Security|AntiVirus Business|Linux Client|Mobile Security)"),
        wsc("^G ?DATA"),
        service("AVKProxy|GDScan|AVKWCtl|AVKWCtlx64|GDFwSvc|GDBackupSvc|AVKService"),
        service("GDSC|GDFSvc|gddisk|gdkbflt64"), // Security Client, File Server Security and two drivers: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        driver("GDBehave|GDKBFlt|GDMnIcpt|HookCentre|MiniIcpt|PktIcpt|gdwfpcd"),
        ...pkg("gdata-(?:security-client|avclient|antivirus)|gdavclient"),
        ...path("/opt/gdata|/etc/gdata"),
        bundle("com\\.gdata\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Managed clients: uninstall from G DATA Administrator (client > Uninstall G DATA Security Client).",
            "Otherwise Programs and Features > the G DATA product > Uninstall; the G DATA AVCleaner tool if it fails.",
          ],
        },
      ],
    },
    { slug: "gdata-other", name: "G DATA software (unrecognised product)", category: "other-security", signatures: [named("^G ?DATA\\b")] },
  ],
};

export const WITHSECURE: CatalogVendor = {
  slug: "withsecure",
  name: "WithSecure (F-Secure business)",
  country: "FI",
  publishers: ["^WithSecure\\b"],
  fallbackProduct: "withsecure-other",
  products: [
    {
      slug: "withsecure-elements",
      name: "WithSecure Elements Agent / Client Security / Server Security",
      category: "edr",
      signatures: [
        named(
          "^(?:Uninstall )?(?:WithSecure|F-Secure)[™®]? (?:Elements|Client Security|Server Security|Computer Protection|Business Suite|Policy Manager|Email and Server Security|PSB|Protection Service for Business|Rapid Detection|Linux Security|Linux Protection|Endpoint)",
        ),
        wsc("^WithSecure|^F-Secure (?:Client Security|Server Security|Computer Protection|Elements)"),
        service("fshoster|FSMA|fsdevcon|fsulprothoster|fsorsp|FSAUA|fsnethoster"),
        service("FSDFWD|FSORSPClient"), // splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
        // Driver names as reported by public detection rule sets; individually unverified.
        driver("fsbts|fses|fsatp|fsgk|fsvista|fsni|fsulgk|fselms|fsdfw|fshs|fsrndsrv"),
        ...pkg("f-secure-linuxsecurity|f-secure-linuxprotection|withsecure-linuxprotection|f-secure-policy-manager-server|f-secure-policy-manager-proxy|fspms|fsaua"),
        ...unit("fsbg|fsaua|fsupdated|fspms|f-secure-linuxprotection|withsecure-linuxprotection"),
        ...path("/opt/f-secure|/var/opt/f-secure|/etc/opt/f-secure|/opt/withsecure"),
        bundle("com\\.withsecure\\.|com\\.f-secure\\.(?:elements|psb|fsb|computerprotection)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Programs and Features > WithSecure Elements Agent (or F-Secure Client Security) > Uninstall; uninstall may be locked by policy in Elements Security Center.",
            "Vendor uninstallation tool (fsuninstall) if it fails (unverified name).",
          ],
        },
      ],
    },
    // XFENCE: the macOS application firewall (seen as "WithSecure™ XFENCE" on real Macs, glpi-agent
    // resources/macos/system_profiler samples)
    { slug: "withsecure-xfence", name: "WithSecure XFENCE", category: "firewall", signatures: [named("^(?:WithSecure|F-Secure)[™®]? XFENCE")] },
    { slug: "withsecure-other", name: "WithSecure software (unrecognised product)", category: "other-security", signatures: [named("^WithSecure\\b")] },
  ],
};

export const FSECURE: CatalogVendor = {
  slug: "fsecure",
  name: "F-Secure (consumer)",
  country: "FI",
  publishers: ["^F-Secure\\b"],
  fallbackProduct: "fsecure-other",
  products: [
    {
      slug: "fsecure-vpn",
      name: "F-Secure VPN / FREEDOME",
      category: "vpn",
      signatures: [named("^F-Secure (?:VPN|FREEDOME)|^FREEDOME\\b"), bundle("com\\.f-secure\\.freedome", ["macos-app", "macos-receipt"])],
    },
    {
      slug: "fsecure-id-protection",
      name: "F-Secure ID PROTECTION / KEY",
      category: "password-manager",
      signatures: [named("^F-Secure (?:ID PROTECTION|KEY)\\b")],
    },
    {
      slug: "fsecure-total",
      name: "F-Secure Total / SAFE / Internet Security / Anti-Virus",
      category: "antivirus",
      signatures: [named("^F-Secure (?:Total|SAFE|Internet Security|Anti-?Virus|Antivirus|Essential|Security)"), wsc("^F-Secure"), bundle("com\\.f-secure\\.")],
    },
    { slug: "fsecure-other", name: "F-Secure software (unrecognised product)", category: "other-security", signatures: [named("^F-Secure\\b")] },
  ],
};

export const WATCHGUARD: CatalogVendor = {
  slug: "watchguard",
  name: "WatchGuard (Panda Security)",
  country: "US",
  publishers: ["^WatchGuard\\b|^Panda Security\\b"],
  fallbackProduct: "watchguard-other",
  products: [
    {
      slug: "watchguard-vpn",
      name: "WatchGuard Mobile VPN with SSL / IPSec",
      category: "vpn",
      signatures: [named("^WatchGuard (?:Mobile VPN|IPSec|SSL VPN)|^Panda (?:Dome )?VPN"), service("WGSslVpnSrc|wgsslvpnsrc")],
    },
    {
      slug: "watchguard-agent",
      // the Aether platform agent of Panda/WatchGuard's protection (EPP, EDR, EPDR), not a separate
      // management product: the protection's category (Mondoo's EDR check takes PandaAetherAgent as EPDR's)
      name: "WatchGuard / Panda Endpoint Agent",
      category: "edr",
      signatures: [named("^(?:Panda|WatchGuard) (?:Endpoint )?Agent\\b|^Panda Management Agent"), service("PandaAetherAgent|WatchGuardAgent")],
    },
    {
      slug: "watchguard-epdr",
      name: "WatchGuard EPDR / Panda Adaptive Defense 360 / Endpoint Protection",
      category: "edr",
      signatures: [
        named("^(?:WatchGuard (?:EPDR|EDR|EPP|Endpoint Security|Advanced EPDR)|Panda (?:Adaptive Defense|Endpoint Protection|Fusion|EDR|EPDR))"),
        wsc("^(?:WatchGuard|Panda Endpoint|Panda Adaptive)"),
        service("PSUAService|PSANHost|NanoServiceMain|PandaCloudSvc"),
        // Panda drivers (PSIN*, NNS*) as reported by public detection rule sets; individually unverified.
        driver("PSINProt|PSINFile|PSINAflt|PSINKNC|PSINProc|PSINReg|PSKMAD|NNSAlpc|NNSHttp|NNSPop3|NNSSmtp|NNSStrm|NNSPrv|NNSIds"),
        ...pkg("panda-endpoint|wg-endpoint"), // Linux agent packages: unverified
        ...path("/opt/PCOP|/opt/panda"),
        bundle("com\\.pandasecurity\\.|com\\.watchguard\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: ["Uninstall from the WatchGuard Cloud / Aether console, or Programs and Features with the uninstall password set in the security settings profile; remove the agent last."],
        },
      ],
    },
    {
      slug: "panda-dome",
      name: "Panda Dome (consumer)",
      category: "antivirus",
      // "Panda Small Business Protection": Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_panda_prdts_detect
      signatures: [
        named("^Panda (?:Dome|Free Antivirus|Protection|Antivirus|Internet Security|Global Protection|Gold Protection|Cloud Cleaner|Small Business Protection)"),
        wsc("^Panda (?:Dome|Free|Protection|Antivirus)"),
      ],
    },
    { slug: "watchguard-other", name: "WatchGuard / Panda software (unrecognised product)", category: "other-security", signatures: [named("^(?:WatchGuard|Panda Security)\\b")] },
  ],
};
