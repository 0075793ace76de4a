// Endpoint protection suites sold to organisations and consumers: Sophos, ESET, Bitdefender,
// Trend Micro. All four are security-only companies, so each has a fallback product for
// anything else they publish.
import type { CatalogVendor } from "../types";
import { app, bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

export const SOPHOS: CatalogVendor = {
  slug: "sophos",
  name: "Sophos",
  country: "GB",
  publishers: ["^Sophos\\b|^SurfRight\\b"],
  fallbackProduct: "sophos-other",
  products: [
    {
      slug: "sophos-connect",
      name: "Sophos Connect (VPN client)",
      category: "vpn",
      signatures: [named("^Sophos (?:Connect|SSL VPN Client|VPN)"), service("scvpn")],
    },
    {
      slug: "sophos-management",
      name: "Sophos management servers (Enterprise Console, Update Manager)",
      category: "management-agent",
      signatures: [named("^Sophos (?:Update Manager|Enterprise Console)")],
    },
    // Sophos endpoint's firewall and support tools (accuracy corpus batch 5: tuning-5's Sophos
    // removal-script entries)
    {
      slug: "sophos-firewall",
      name: "Sophos Client Firewall",
      category: "firewall",
      signatures: [named("^Sophos Client Firewall"), service("Sophos Client Firewall|Sophos Client Firewall Manager")],
    },
    { slug: "sophos-tools", name: "Sophos support tools (Diagnostic Utility, Endpoint Self Help)", category: "utility", signatures: [named("^Sophos (?:Diagnostic Utility|Endpoint Self Help)")] },
    {
      slug: "sophos-home",
      name: "Sophos Home",
      category: "antivirus",
      signatures: [named("^Sophos Home\\b"), bundle("com\\.sophos\\.home", ["macos-app", "macos-receipt"])],
    },
    {
      slug: "sophos-intercept-x",
      name: "Sophos Endpoint / Intercept X / Protection for Linux",
      category: "edr",
      signatures: [
        named("^Sophos (?:Endpoint|Intercept ?X|Server Protection|Protection for Linux|Network Threat Protection|Exploit Prevention|File Scanner|Standalone Engine)|^HitmanPro\\.Alert"),
        // the endpoint's own components, installed and removed with it, take its category: its
        // updater, management communication, health and remote management (no longer a separate
        // management agent), anti-virus, patch, compliance and device-control components
        named("^Sophos (?:Anti-?Virus|AutoUpdate|Management Communications? System|Remote Management System|Health|Patch Agent|Compliance Agent|Device Control)"),
        service("Sophos MCS Agent|Sophos MCS Client|Sophos AutoUpdate Service|Sophos Health Service|SophosHealth|Sophos Anti-Virus|Sophos Device Control Service"),
        wsc("^Sophos"),
        service("Sophos Endpoint Defense Service|SntpService|hmpalertsvc|Sophos File Scanner Service|SophosNtpService|Sophos System Protection Service|SAVService|SAVAdminService"),
        driver("SafeStoreFilter|SDCFilter|SophosNtpFlt"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        service("sophosssp|sophossps"), // netwrix/pingcastle @19a3890b214b Scanners/AntivirusScanner.cs
        service("swc_service|swi_filter|swi_service|swi_update"), // web control and intelligence (SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288)
        driver("SophosED|SophosEL|hmpalert|SAVOnAccess|sntp|SophosBootDriver"),
        ...pkg("sophos-spl|sophos-av|savdi"),
        ...unit("sophos-spl|sav-protect|sav-rms|savd"),
        ...path("/opt/sophos-spl|/opt/sophos-av"),
        bundle("com\\.sophos\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Turn off Tamper Protection for the device in Sophos Central (or use the tamper-protection password).",
            "Run C:\\Program Files\\Sophos\\Sophos Endpoint Agent\\SophosUninstall.exe (or uninstallcli.exe), then reboot.",
          ],
        },
        { platform: "linux", steps: ["sudo /opt/sophos-spl/bin/uninstall.sh (Sophos Protection for Linux) or /opt/sophos-av/uninstall.sh (legacy)."] },
        {
          platform: "darwin",
          steps: ["Run 'Remove Sophos Endpoint' from /Library/Application Support/Sophos/saas/Installer.app/Contents/MacOS/tools (tamper protection off first; unverified path)."],
        },
      ],
    },
    // HitmanPro (SurfRight, bought by Sophos): the on-demand scanner; HitmanPro.Alert is Intercept X's
    { slug: "sophos-hitmanpro", name: "Sophos HitmanPro (on-demand scanner)", category: "other-security", signatures: [named("^HitmanPro\\b(?!\\.Alert)")] },
    { slug: "sophos-other", name: "Sophos software (unrecognised product)", category: "other-security", signatures: [named("^Sophos\\b")] },
  ],
};

export const ESET: CatalogVendor = {
  slug: "eset",
  name: "ESET",
  country: "SK",
  publishers: ["^ESET\\b"],
  fallbackProduct: "eset-other",
  products: [
    {
      slug: "eset-management-agent",
      name: "ESET Management Agent (ESET PROTECT / Remote Administrator)",
      category: "management-agent",
      signatures: [
        named("^ESET (?:Management|Remote Administrator) Agent|^ESET PROTECT (?:Server|Agent)"),
        service("EraAgentSvc|ERAAgent"),
        service("efwd|ehttpsrv"), // ESET PROTECT's forwarding and HTTP proxy services: splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
        ...pkg("eraagent|eset-management-agent"),
        ...unit("eraagent"),
        ...path("/opt/eset/RemoteAdministrator"),
        bundle("com\\.eset\\.remoteadministrator"),
      ],
    },
    {
      slug: "eset-inspect",
      name: "ESET Inspect Connector",
      category: "edr",
      signatures: [
        named("^ESET (?:Inspect|Enterprise Inspector)"),
        service("EIConnector|EnterpriseInspectorAgent|eei_agent") /* eei_agent: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna */,
      ],
    },
    {
      slug: "eset-endpoint",
      name: "ESET Endpoint Security / Endpoint Antivirus / Server Security",
      category: "antivirus",
      signatures: [
        named("^ESET (?:Endpoint (?:Security|Antivirus)|Server Security|File Security|Mail Security|Security for|NOD32 Antivirus Business)"),
        ...pkg("eea|efs|ees|eset-endpoint-antivirus|eset-server-security"),
        ...unit("eea|efs|ees"),
        ...path("/opt/eset/eea|/opt/eset/efs|/var/opt/eset|/etc/opt/eset"),
        bundle("com\\.eset\\.(?:ees|eea|endpoint)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Remove the ESET password protection in the ESET PROTECT policy (or enter the settings password).",
            "Programs and Features > ESET Endpoint Security > Uninstall (then ESET Management Agent separately); ESET Uninstaller (esetuninstaller.exe, Safe Mode) if that fails.",
          ],
        },
        { platform: "linux", steps: ["sudo apt-get purge eea (or efs) / sudo rpm -e eea; then remove the ESET Management Agent (eraagent)."] },
      ],
    },
    {
      slug: "eset-home",
      name: "ESET HOME Security / NOD32 / Internet Security / Smart Security",
      category: "antivirus",
      signatures: [
        named("^ESET (?:NOD32|Internet Security|Smart Security|HOME Security|Security(?: Ultimate)?$|Cyber Security|Antivirus)"),
        wsc("^ESET"),
        // fadefa88/threat-hunting @5ae14e8aa2fe find_secucontrol.ps1: eguiproxy, egui
        service("ekrn|ESETService|eguiProxy|egui"),
        service("essvc"), // "ESET | Security Service": VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        service("ekm"), // listed as ESET's: Pennyw0rth/NetExec @06e107dd10dd nxc/modules/enum_av.py
        driver("ehdrv|eamonm|edevmon|eelam|ekbdflt|eset_\\w+"),
        bundle("com\\.eset\\."),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > the ESET product > Uninstall; ESET Uninstaller in Safe Mode if that fails."] }],
    },
    {
      slug: "eset-firewall",
      name: "ESET firewall (of ESET Internet Security, Smart Security, Endpoint Security)",
      category: "firewall",
      // the personal-firewall drivers (epfw, epfwwfp, epfwlwf; ekrnepfw in fadefa88/threat-hunting
      // @5ae14e8aa2fe find_secucontrol.ps1), classed like Sophos's client firewall: a firewall
      signatures: [driver("epfw|epfwwfp|epfwlwf|ekrnepfw")],
    },
    // winget manifests/e/ESET/AVRemover: "ESET AV Remover" (removes other antivirus); SysInspector and
    // SysRescue are ESET's diagnostic and rescue-media tools (ESET documentation).
    { slug: "eset-tools", name: "ESET AV Remover, SysInspector, SysRescue", category: "utility", signatures: [named("^ESET (?:AV Remover|SysInspector|SysRescue|Uninstaller)")] },
    { slug: "eset-other", name: "ESET software (unrecognised product)", category: "other-security", signatures: [named("^ESET\\b")] },
  ],
};

export const BITDEFENDER: CatalogVendor = {
  slug: "bitdefender",
  name: "Bitdefender",
  country: "RO",
  publishers: ["^Bitdefender\\b"],
  fallbackProduct: "bitdefender-other",
  products: [
    {
      slug: "bitdefender-vpn",
      name: "Bitdefender VPN",
      category: "vpn",
      signatures: [named("^Bitdefender (?:Premium )?VPN"), bundle("com\\.bitdefender\\.vpn", ["macos-app", "macos-receipt"])],
    },
    {
      slug: "bitdefender-gravityzone",
      name: "Bitdefender Endpoint Security Tools (GravityZone)",
      category: "edr",
      signatures: [
        named("^Bitdefender Endpoint Security Tools|^Endpoint Security for Mac|^Bitdefender GravityZone|^Bitdefender Security Tools"),
        wsc("^Bitdefender Endpoint Security"),
        service("EPSecurityService|EPIntegrationService|EPProtectedService|EPUpdateService|EPRedline"),
        ...pkg("bitdefender-security-tools|bdsec"),
        ...unit("bdsec|bitdefender-security-tools"),
        ...path("/opt/bitdefender-security-tools|/opt/BitDefender"),
        bundle("com\\.bitdefender\\.(?:epsecurity|endpointsecurity|gravityzone|EndpointSecurityforMac)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Needs the uninstall password set in the GravityZone policy.",
            "Programs and Features > Bitdefender Endpoint Security Tools > Uninstall, or the GravityZone 'Uninstall client' task; BEST Uninstall Tool if it fails.",
          ],
        },
        { platform: "linux", steps: ["sudo /opt/bitdefender-security-tools/bin/uninstall (unverified path) or remove the bitdefender-security-tools package."] },
      ],
    },
    {
      slug: "bitdefender-consumer",
      name: "Bitdefender Total Security / Internet Security / Antivirus",
      category: "antivirus",
      signatures: [
        named("^Bitdefender (?:Total Security|Internet Security|Antivirus|Family Pack|Small Office Security|Ultimate Security|Premium Security|Agent)"),
        wsc("^Bitdefender"),
        service("VSSERV|bdredline|ProductAgentService|updatesrv"),
        service("BDAppSrv|BDAuxSrv"),
        driver("bdselfpr|bdfndisf"), // self-protection and network filter drivers: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        service("bdredline_agent"), // "Bitdefender Agent RedLine Service": Pennyw0rth/NetExec @06e107dd10dd nxc/modules/enum_av.py
        driver("Ignisv2"), // a real machine's FRST log (NamelessWeb/test FRST.txt; accuracy corpus tuning-5)
        driver("trufos|gzflt|avc3|avckf|bdelam|bddevflt|bdvedisk|bdsandbox"),
        bundle("com\\.bitdefender\\."),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > the Bitdefender product > Uninstall; Bitdefender Uninstall Tool if it fails."] }],
    },
    {
      // On-demand scanners without resident protection: Adware Removal Tool (Mac; Homebrew cask
      // adware-removal-tool, app "Adware Removal Tool.app"), Virus Scanner (Mac App Store).
      slug: "bitdefender-scanners",
      name: "Bitdefender Adware Removal Tool / Virus Scanner",
      category: "other-security",
      // Linux: Bitdefender Antivirus Scanner for Unices' folder /opt/BitDefender-scanner (saferwall/saferwall
      // @e6fe62cf8f0e build/docker/Dockerfile.gobitdefender; tuning-16)
      signatures: [
        named("^(?:Bitdefender )?Adware Removal Tool\\b|^Bitdefender Virus Scanner\\b"),
        bundle("com\\.bitdefender\\.(?:adwareremovaltool|virusscanner)", ["macos-app", "macos-receipt"]),
        ...path("/opt/BitDefender-scanner"),
      ],
    },
    { slug: "bitdefender-other", name: "Bitdefender software (unrecognised product)", category: "other-security", signatures: [named("^Bitdefender\\b")] },
  ],
};

export const TRENDMICRO: CatalogVendor = {
  slug: "trendmicro",
  name: "Trend Micro",
  country: "JP",
  publishers: ["^Trend ?Micro\\b|^トレンドマイクロ"],
  fallbackProduct: "trendmicro-other",
  products: [
    {
      slug: "trendmicro-vision-one",
      name: "Trend Vision One Endpoint Sensor / Endpoint Basecamp",
      category: "edr",
      signatures: [named("^Trend Micro Endpoint Basecamp|^Trend Vision One|^Trend Micro XDR|^Trend Micro Endpoint Sensor"), service("Endpoint Basecamp|EndpointBasecamp")],
    },
    {
      slug: "trendmicro-deep-security",
      name: "Trend Micro Deep Security Agent / Cloud One Workload Security",
      category: "antivirus",
      signatures: [
        named("^Trend Micro (?:Deep Security|Cloud One|Server Protect|ServerProtect)"),
        service("ds_agent|ds_monitor|ds_notifier"),
        ...pkg("ds_agent|ds-agent"),
        ...unit("ds_agent"),
        ...path("/opt/ds_agent|/var/opt/ds_agent"),
      ],
      removal: [{ platform: "linux", steps: ["Deactivate the agent in the console (agent self-protection), then sudo apt-get purge ds-agent or sudo rpm -e ds_agent."] }],
    },
    {
      slug: "trendmicro-apex-one",
      name: "Trend Micro Apex One / OfficeScan / Worry-Free Business Security Agent",
      category: "antivirus",
      signatures: [
        named("^Trend Micro (?:Apex One|OfficeScan|Worry-Free|Security Agent)"),
        // the Japanese editions (trendmicro.com/ja_jp): ウイルスバスター Corp. (OfficeScan), ウイルスバスター ビジネスセキュリティ (Worry-Free)
        named("^ウイルスバスター ?(?:Corp|コーポレート|ビジネスセキュリティ)"),
        // the Chinese edition's client, "趋势科技防毒墙网络版客户端" (OfficeScan), as a public software-distribution
        // tool checks for it among installed programs (its process PccNTMon); the index holding it does not
        // record its repository. Added after batch 9.
        named("^趋势科技防毒墙网络版"),
        // the product's name without the maker's, as a network-access-control product lists it ("OfficeScan",
        // Trend Micro: yongtaek-lim/genian-nac-admin-guide @217d4e5c40c8 source/endpoints/windows-antivirus-info.rst)
        named("^OfficeScan\\b"),
        // the OfficeScan agent's older service display names, "OfficeScanNT Listener" (tmlisten) and "OfficeScanNT
        // RealTime Scan" (ntrtscan), written without a space (tuning-14: hed0x/malwares-collection @ad9af4b8a8d7
        // Script/BAT/Trojan/Trojan.BAT.KillAV.by.bat, an old AV-stopping batch trojan)
        named("^OfficeScan ?NT (?:Listener|RealTime Scan)$"),
        // the Mac agent's UI app (Trend Micro Security for Mac, the agent of OfficeScan/Worry-Free), installed as
        // /Library/Application Support/TrendMicro/TmccMac/UIMgmt.app (tuning-13): jhbush/extension-attributes
        // @129964cc7264 Anti-Virus/trend_app_version.sh
        app("UIMgmt"),
        wsc("^Trend Micro (?:Apex One|OfficeScan|Worry-Free|Security Agent)"),
        service("ntrtscan|tmlisten|TmCCSF|TMBMServer|tmwscsvc"),
        // the agent's application control, cloud endpoint telemetry and vulnerability protection services: Pennyw0rth/NetExec @06e107dd10dd nxc/modules/enum_av.py
        service("TMiACAgentSvc|CETASvc|iVPAgent"),
        // Worry-Free Business Security agent removal tool (TrendMicroUninstall/AgentRemoval/AgentRemoval.bat,
        // as in TheAutisticTechie/Intune-Deployment @4bdb2960cd97): the services it deletes besides the above,
        // application control (acagentservice, acdriver*), data-loss prevention (dsasvc, dlpnetfltr) and
        // the behaviour-monitoring kernel services (sak*)
        service("svcGenericHost|acagentservice|acdriverhelper|acdriver|dsasvc|dlpnetfltr|sakcd|sakfile|saknet"),
        // agent, scan and relay services of OfficeScan / Apex One / Worry-Free (SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288)
        service("ofcservice|PccNTUpd|TmFilter|TmPreFilter|TmProxy|VSApiNt|TMiCRCScanService|TMSmartRelayService|TMLWCSService"),
        driver("tmcomm|tmactmon|tmevtmgr|tmumh|tmeevw|tmusa|tmxpflt|tmebc|tmeext|tmwfp|tmnciesc|tmpreflt"),
        bundle("com\\.trendmicro\\.(?:icore|tmsm|iTIS|apexone)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Needs the agent uninstall password set on the Apex One server (or uninstall from the server console).",
            "Programs and Features > Trend Micro Apex One Security Agent > Uninstall; SCUT (the vendor's removal tool) if it fails.",
          ],
        },
      ],
    },
    {
      slug: "trendmicro-consumer",
      name: "Trend Micro Maximum Security / Internet Security / Antivirus+",
      category: "antivirus",
      signatures: [
        named("^Trend Micro (?:Maximum Security|Internet Security|Antivirus|Titanium|Premium Security)"),
        named("^ウイルスバスター"), // Trend Micro's consumer antivirus in Japan (ウイルスバスター クラウド, trendmicro.com/ja_jp)
        { source: "macos-app", name: "^TrendMicroSecurity$" }, // its Mac app: a public macOS security-control inventory's catalogue of products (app bundle, system extension, process; the index holding it does not record its repository)
        wsc("^Trend Micro"),
        service("Amsp"),
        bundle("com\\.trendmicro\\."),
      ],
    },
    {
      slug: "trendmicro-agent-firewall",
      name: "Trend Micro Security Agent firewall (Apex One / OfficeScan / Worry-Free)",
      category: "firewall",
      // the agent's personal-firewall service (TmPfw), which the WFBS removal tool deletes with the
      // agent (TheAutisticTechie/Intune-Deployment @4bdb2960cd97 TrendMicroUninstall/AgentRemoval/AgentRemoval.bat)
      signatures: [service("TmPfw")],
    },
    { slug: "trendmicro-other", name: "Trend Micro software (unrecognised product)", category: "other-security", signatures: [named("^Trend ?Micro\\b")] },
  ],
};
