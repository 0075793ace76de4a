// McAfee and Symantec, each split in two since their enterprise businesses were sold:
// - Trellix: McAfee Enterprise (McAfee Agent, ENS, VirusScan Enterprise, MVISION EDR, DLP).
//   Enterprise products still carry "McAfee" names and the "McAfee, LLC" publisher, so they are
//   matched by name; the McAfee publisher fallback goes to the consumer vendor.
// - McAfee: the consumer business (Total Protection, LiveSafe, WebAdvisor, Safe Connect, True Key).
// - Broadcom: Symantec Enterprise (SEP, DLP, Altiris agent). Norton consumer products are Gen
//   Digital's (see gendigital.ts), matched by name even when the publisher is "Symantec".
//   No fallback for Broadcom: the same publisher ships network and storage drivers.
import type { CatalogVendor } from "../types";
import { bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

export const TRELLIX: CatalogVendor = {
  slug: "trellix",
  name: "Trellix (McAfee Enterprise)",
  country: "US",
  publishers: ["^Trellix\\b|^Musarubra"],
  fallbackProduct: "trellix-other",
  products: [
    {
      slug: "trellix-agent",
      name: "Trellix Agent / McAfee Agent",
      category: "management-agent",
      signatures: [
        named("^(?:McAfee|Trellix) Agent\\b|^McAfee Common Management Agent"),
        service("masvc|macmnsvc|McAfeeFramework|macompatsvc"),
        service("mfemactl"), // Trellix Management Service: splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
        ...pkg("MFEcma|MFErt|mcafeeagent|mfecma|mferuntime"),
        ...unit("mcafee-agent|mfeagent"),
        ...path("/opt/McAfee/agent|/opt/McAfee/cma|/var/McAfee/agent"),
        bundle("com\\.mcafee\\.(?:agent|cma|ma)\\b"),
      ],
      removal: [
        { platform: "windows", steps: ["Remove the protection products first, then: \"C:\\Program Files\\McAfee\\Agent\\x86\\FrmInst.exe\" /forceuninstall (or the ePO 'Remove agent' action)."] },
        { platform: "linux", steps: ["sudo /opt/McAfee/agent/scripts/uninstall.sh, or sudo rpm -e MFEcma MFErt / sudo dpkg --purge mcafeeagent."] },
      ],
    },
    {
      slug: "trellix-edr",
      name: "Trellix EDR / MVISION EDR / Active Response",
      category: "edr",
      signatures: [
        named("^(?:McAfee|Trellix) (?:MVISION EDR|EDR|Endpoint Detection and Response|Active Response)|^Trellix Endpoint Security \\(HX\\)|^FireEye Endpoint Agent|^xagt$"),
        service("mvedr|xagt"),
        // FireEye Endpoint Agent (HX) notifier, WSC and kernel components: fadefa88/threat-hunting
        // @5ae14e8aa2fe find_secucontrol.ps1
        service("xagtnotif|fewscservice"),
        driver("fe_avk|fekern|feelam"),
        service("firesvc|hxdriver"), // the HX agent's service and kernel driver: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        ...pkg("xagt"),
        ...unit("xagt"),
        // the HX agent's Linux packages, units and folders as an Ansible removal role lists them (tuning-13):
        // SpiritDingo/ansdoc @396414f5f4ca ans_role_remove_trellix.md (packages fireeye, xagt, fe_av,
        // fe_kernel, feam, fetp; the same names as services; /opt, /var/opt, /etc/opt, /usr/lib(64) fireeye)
        ...pkg("fireeye|fe_av|fe_kernel|feam|fetp"),
        ...unit("fe_av|fe_kernel|feam|fetp"),
        ...path("/var/opt/fireeye|/etc/opt/fireeye|/usr/lib(?:64)?/fireeye"),
      ],
    },
    {
      slug: "trellix-dlp",
      name: "Trellix DLP Endpoint",
      category: "other-security",
      signatures: [named("^(?:McAfee|Trellix) (?:DLP|Data Loss Prevention|Device Control)"), service("fcags|fcagte|fcagswd|McAfeeDLPAgentService")],
    },
    {
      slug: "trellix-endpoint-firewall",
      name: "Trellix / McAfee Endpoint Security Firewall",
      category: "firewall",
      signatures: [
        named("^(?:McAfee|Trellix) (?:Endpoint Security Firewall|Host Intrusion Prevention)"),
        service("mfefire"),
        driver("mfefirek|mfewfpk"),
        // Entercept, the Host Intrusion Prevention agent's origin: netwrix/pingcastle @19a3890b214b Scanners/AntivirusScanner.cs
        service("enterceptagent"),
      ],
    },
    {
      slug: "trellix-endpoint-security",
      name: "Trellix Endpoint Security (ENS) / McAfee VirusScan Enterprise",
      category: "antivirus",
      signatures: [
        named("^(?:McAfee|Trellix) (?:Endpoint Security|VirusScan Enterprise|Threat Prevention|Adaptive Threat Protection|Move AntiVirus|Endpoint Protection for Mac|Application Control|Solidifier)"),
        wsc("^(?:McAfee|Trellix) Endpoint Security|^McAfee VirusScan Enterprise"),
        service("mfemms|mfevtp|McShield|mfetp|mfeesp|McAfeeEndpointSecurityPlatform"),
        service("McAfeeEngineService|McTaskManager|mfewc"), // SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288
        driver("mfehidk|mfeavfk|mfeaack|mfencbdc|mfeelamk|mfeplk|mfencfilter|mfedisk|mfeclnk"),
        ...pkg("McAfeeESP|McAfeeTP|mcafeeesp|mcafeetp|mcafeeespaac|McAfeeVSEForLinux|isectp"),
        ...pkg("ISecGRt"), // VirusScan Enterprise for Linux's runtime package (tuning-13): gabstopper/chef-mcafee @0bcef83a775f attributes/default.rb, install_key McAfeeVSEForLinux, ISecGRt
        ...unit("mfetpd|mfeespd|isectpd"),
        ...path("/opt/McAfee/ens|/var/McAfee/ens|/opt/isec|/opt/McAfee/vse"),
        bundle("com\\.mcafee\\.(?:ssm|endpointsecurity|ens|virusscan)|com\\.trellix\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Remove from ePolicy Orchestrator (product deployment task) or Programs and Features > McAfee/Trellix Endpoint Security Threat Prevention, Firewall, Web Control, then Platform.",
            "If that fails: the vendor's Endpoint Product Removal tool (EPR), then remove the agent.",
          ],
        },
        { platform: "linux", steps: ["sudo rpm -e McAfeeTP McAfeeESP (or sudo dpkg --purge mcafeetp mcafeeesp), then the agent."] },
      ],
    },
    { slug: "trellix-other", name: "Trellix software (unrecognised product)", category: "other-security", signatures: [named("^Trellix\\b")] },
  ],
};

export const MCAFEE: CatalogVendor = {
  slug: "mcafee",
  name: "McAfee (consumer)",
  country: "US",
  publishers: ["^McAfee\\b"],
  fallbackProduct: "mcafee-other",
  products: [
    {
      slug: "mcafee-safe-connect",
      name: "McAfee Safe Connect / Secure VPN",
      category: "vpn",
      signatures: [named("^McAfee (?:Safe Connect|Secure VPN|VPN)")],
    },
    {
      slug: "mcafee-true-key",
      name: "True Key by McAfee",
      category: "password-manager",
      // "Intel Security True Key" (Intel Security was McAfee's name 2014-2017): Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_mcafee_true_key_detect_win;
      // its scheduler and service-helper services besides TrueKey, as the Conti ransomware group's service-stop list names
      // them (TheParmak/conti-leaks-englished @45d49307f347 anonfile_dumps/31.txt, tuning-14)
      signatures: [
        named("^(?:McAfee |Intel Security )?True Key\\b"),
        service("TrueKey(?:Scheduler|ServiceHelper)?"),
        bundle("com\\.intelsecurity\\.truekey|com\\.mcafee\\.truekey", ["macos-app", "macos-receipt"]),
      ],
    },
    {
      slug: "mcafee-firewall",
      name: "McAfee Firewall (consumer)",
      category: "firewall",
      signatures: [wsc("^McAfee (?:Personal )?Firewall")],
    },
    {
      slug: "mcafee-webadvisor",
      name: "McAfee WebAdvisor",
      category: "other-security",
      signatures: [named("^McAfee WebAdvisor|^McAfee SiteAdvisor"), service("McAfee WebAdvisor|SiteAdvisor Service")],
    },
    {
      slug: "mcafee-total-protection",
      name: "McAfee Total Protection / LiveSafe / AntiVirus",
      category: "antivirus",
      signatures: [
        named("^McAfee(?:\\+| Total Protection| LiveSafe| AntiVirus| Internet Security| Security Center| Multi Access| Gamer Security|\\s*$)"),
        // in Japanese (Japanese guides and ISP manuals: "マカフィー リブセーフ", "マカフィー セキュリティサービス";
        // マカフィー is preinstalled on most Japanese PCs)
        named("^マカフィー(?:®)? ?(?:リブセーフ|トータル ?プロテクション|インターネット ?セキュリティ|アンチウイルス|セキュリティ ?(?:サービス|センター)|\\+)"),
        wsc("^McAfee"),
        service("McAPExe|mccspsvc|ModuleCoreService|PEFService|mcapexe|McAfee Module Core Service"),
        // "McAfee Scan Host" (service McComponentHostService), in a compliance agent's list of antivirus services by
        // display name (the Hygiene360 agent's antivirus module; the index does not record its repository)
        service("McComponentHostService"),
        bundle("com\\.mcafee\\."),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > McAfee Total Protection (or LiveSafe) > Uninstall; the McAfee Consumer Product Removal tool (MCPR.exe) if it fails."] }],
    },
    {
      // The download/installer package (ESD: electronic software delivery) and the Consumer Product
      // Removal tool install or remove the protection; they are not protection themselves.
      slug: "mcafee-tools",
      name: "McAfee installer and removal tools",
      category: "utility",
      // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): McAfee.MCPR "McAfee Software Removal"
      // The installer's clean-up service, a key of digits and "mcinstcleanup" (tuning-9: a real machine's FRST
      // scan, C:\\ProgramData\\McInstTemp<digits>\\McInst.exe)
      signatures: [named("^McAfee (?:ESD\\b|Consumer Product Removal|Software Removal|MCPR\\b|Download Manager|Installer\\b|Setup\\b)|^MCPR$"), service("\\d*mcinstcleanup")],
    },
    // "Intel Security McAfee Security Scan Plus" (an on-demand scanner): Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_mcafee_security_scan_plus_detect
    { slug: "mcafee-other", name: "McAfee software (unrecognised product)", category: "other-security", signatures: [named("^(?:Intel Security )?McAfee\\b")] },
  ],
};

export const BROADCOM: CatalogVendor = {
  slug: "broadcom",
  name: "Broadcom (Symantec Enterprise)",
  country: "US",
  publishers: ["^Symantec\\b|^Broadcom\\b"],
  exclude: [
    named("^Broadcom (?:NetXtreme|802\\.11|Bluetooth|Ethernet|Wireless|Management Programs|Advanced Control Suite|Drivers|BCM)"),
    named("^Emulex|^Brocade|^CA (?:Technologies|Workload|Automic)"),
  ],
  products: [
    {
      slug: "symantec-dlp",
      name: "Symantec Data Loss Prevention Endpoint Agent",
      category: "other-security",
      signatures: [named("^Symantec (?:DLP|Data Loss Prevention)"), service("EDPA|WDP")],
    },
    {
      slug: "symantec-management-agent",
      name: "Symantec Management Agent (Altiris)",
      category: "management-agent",
      signatures: [named("^(?:Symantec Management Agent|Altiris Agent)"), service("AeXNSClient")],
    },
    // Broadcom's product names (techdocs.broadcom.com): the EDR agent and the Web Security Service agent
    { slug: "symantec-edr", name: "Symantec Endpoint Detection and Response", category: "edr", signatures: [named("^Symantec (?:Endpoint Detection and Response|EDR)\\b")] },
    { slug: "symantec-wss-agent", name: "Symantec WSS Agent (Web Security Service)", category: "other-security", signatures: [named("^Symantec (?:WSS|Web Security Service) Agent\\b")] },
    {
      slug: "symantec-endpoint-protection",
      name: "Symantec Endpoint Protection / Endpoint Security",
      category: "antivirus",
      signatures: [
        named("^Symantec(?:\\.cloud)? (?:Endpoint Protection|Endpoint Security|AntiVirus|Agent|Critical System Protection|Data Center Security)"),
        wsc("^Symantec"),
        service("SepMasterService|SmcService|SNAC|sepWscSvc|Smcinst"), // Smcinst: SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288
        service("SepScanService"), // "Symantec Endpoint Protection Scan Services": Pennyw0rth/NetExec @06e107dd10dd nxc/modules/enum_av.py
        driver("SymEFASI|SymEvnt|SymEvent|SRTSP|SRTSPX|SymELAM|BHDrvx64|BHDrvx86|IDSVia64|IDSVix86|SymIRON|SymIRON6|eeCtrl|Teefer2|Teefer3|SysPlant|SymNetS|symefa|SymDS"),
        ...pkg("sdcss|sdcss-caf|sdcss-kmod|symcfgd|savap|savjlu|savui"),
        ...unit("symcfgd|rtvscand|smcd|sdcss-caf|sisamdagent|sisidsagent|sisipsagent"),
        // Symantec Agent for Linux (SEP for Linux, Cloud Workload Protection, Data Center Security): the
        // vendor's installer (installagent.sh 2.2.6.38, Broadcom; a public copy, the index holding it does
        // not record its repository): agent packages sdcss-agent, sdcss-sepagent, sdcss-scripts and the
        // older SYMCsdcss/symcsdcss; daemons cafagent and sisipsutil
        ...pkg("sdcss-agent|sdcss-sepagent|sdcss-scripts|SYMCsdcss"),
        ...unit("cafagent|sisipsutil"),
        ...path("/opt/Symantec|/etc/symantec|/opt/symantec"),
        bundle("com\\.symantec\\.(?:sep|sepsm|symdaemon|symsharedsettings|sep\\.)|com\\.broadcom\\.(?:sep|ses)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "If uninstall is password-protected, get the password from the SEP Manager (client policy).",
            "Programs and Features > Symantec Endpoint Protection > Uninstall; CleanWipe (Broadcom support tool) if it fails.",
          ],
        },
        { platform: "linux", steps: ["sudo /opt/Symantec/symantec_antivirus/uninstall.sh, or for the Linux agent sudo /usr/lib/symantec/uninstall.sh (unverified paths)."] },
      ],
    },
  ],
};
