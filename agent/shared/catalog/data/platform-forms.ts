// Linux and macOS forms of enterprise protection (issue 19: "cover every platform form of each
// product"), added before batch 8 from public lists of what each agent leaves on a host. Linux forms
// are systemd units (the agent's service) and vendor folders under /opt (what the agent's
// linux-path collector reports); macOS forms are launchd labels, system extension and package ids.
// Sources, named on each line:
//   [IOP] messede-degod/linux-edr-iop Readme.md @5d72e4ecbf79: "indicators of presence" of Linux EDRs,
//         AVs and monitoring tools (files, systemd service names, the vendor's documentation link)
//   [MSF] rapid7/metasploit-framework @5542d2b1ce modules/post/linux/gather/enum_protections.rb
//         (find_config: install folders of Linux security products)
//   [MACDB] a public macOS enumeration script's signature table of EDR/AV products (launchd labels,
//         system extension ids, package ids; the index holding it does not record its repository)
// Left out of those lists: log shippers and SIEM collectors (Splunk, Sumo Logic, NXLog, Filebeat,
// syslog-ng, Cribl), RMM and management agents (NinjaOne, N-able, Automox, JumpCloud, Azure Arc),
// privileged-access tools (CyberArk EPM, BeyondTrust, Centrify, Teleport, Okta ASA), forensic and
// response tools for analysts (Velociraptor, GRR, Binalyze), Intezer, ThreatConnect, Datadog;
// names other software uses too (Rapid7 NGAV's unit "armor", Lacework's "datacollector", WatchGuard's
// "management-agent"); the F-Secure/WithSecure split stays as it is (WithSecure's forms only).
import type { CatalogVendor, Signature } from "../types";
import { app, bundle, named, path, pkg, unit } from "./helpers";

/** Extra signatures for products already in the catalog, by vendor slug and product slug. */
export const PLATFORM_FORMS: Record<string, Record<string, Signature[]>> = {
  // Tuned on tuning-8's misses (held-out-8's not read), each form as batch 8's sources give it:
  // Carbon Black Defense's Mac app (Confer.app) and the PSC sensor's unit as an agent catalogue lists
  // it; Cortex XDR's legacy unit "traps"; ENS for Linux's "mfetp"; ENS for Mac's extensions host app
  // (rtrouton/rtrouton_scripts @cb81c3cb3f uninstallers/trellix_uninstall: TrellixSystemExtensions.app,
  // McAfeeSystemExtensions.app); FireEye HX's Mac app; Objective-See's ReiKey; Trend Micro's Mac app.
  microsoft: {
    // Defender for Endpoint's macOS daemon and its uninstall job: [MACDB]; MicrosoftDocs
    // (Defender for Endpoint on Mac troubleshooting: /Library/LaunchDaemons/com.microsoft.fresno.plist)
    "microsoft-defender-endpoint": [bundle("com\\.microsoft\\.fresno", ["macos-launchd"])],
    // Sysmon for Linux's unit and folder: [IOP], [MSF]
    "microsoft-sysmon": [...unit("sysmon"), ...path("/opt/sysmon")],
  },
  vmware: { "carbonblack-cloud": [...unit("cbsensor"), ...unit("cb-psc-sensor"), app("Confer")] }, // [IOP] CarbonBlack: cbsensor, cbagentd, cbdaemon; tuning-8
  paloalto: { "paloalto-cortex-xdr": [...unit("traps")] }, // tuning-8
  "objective-see": { "objective-see-tools": [app("ReiKey")] }, // tuning-8
  trellix: {
    // [IOP] Trellix Agent; [MSF] /opt/McAfee (the folder itself: /opt/McAfee/ens is Endpoint Security's)
    "trellix-agent": [...unit("MFEcma|cma"), ...path("/opt/Trellix/cma"), { source: "linux-path", identifier: "^/opt/McAfee$" }],
    "trellix-edr": [...path("/opt/fireeye"), bundle("com\\.fireeye\\."), named("^FireEye Endpoint Security\\b")], // [IOP] /opt/fireeye/bin/xagt; [MACDB] Trellix/FireEye HX: com.fireeye.xagt; tuning-8: the Mac app
    "trellix-endpoint-security": [...unit("mfetp"), app("(?:Trellix|McAfee)SystemExtensions")], // tuning-8
  },
  blackberry: {
    // [IOP] Aurora Endpoint Security (formerly CylancePROTECT): cylancesvc, /opt/cylance; Aurora Focus
    // (CylanceOPTICS): cyoptics. RPM names CylancePROTECT / CylancePROTECTUI from a public deployment
    // script installing CylancePROTECT.el7.rpm and CylancePROTECTUI.el7.rpm.
    "blackberry-cylance": [...unit("cylancesvc|cyoptics"), ...path("/opt/cylance"), ...pkg("CylancePROTECT|CylancePROTECTUI|CylancePROTECTOpenDriver|CylanceOPTICS")],
  },
  sophos: { "sophos-intercept-x": [...unit("sophoslinuxsensor")] }, // [IOP] Sophos Intercept X (Linux sensor)
  eset: {
    "eset-management-agent": [...unit("sraagent")], // [IOP] ESET Remote Administrator agent (ERA 6)
    "eset-endpoint": [...unit("eea-user-agent|esets"), ...path("/opt/eset/esets")], // [IOP] eea-user-agent; ESET NOD32 for Linux (esets daemon, /opt/eset/esets: public install and scan scripts)
  },
  kaspersky: {
    "kaspersky-endpoint-security": [...unit("kesl-supervisor")], // [IOP] KESL Elbrus edition
    "kaspersky-embedded-systems-security": [...unit("kics|kess"), ...path("/opt/kaspersky/kics|/opt/kaspersky/kess")], // [IOP] Industrial CyberSecurity for Linux nodes, Embedded Systems Security for Linux
  },
  trendmicro: {
    // [IOP] ServerProtect for Linux (/opt/TrendMicro/SProtectLinux); the vendor folder /opt/TrendMicro, which holds it
    // (saferwall/saferwall @e6fe62cf8f0e build/docker/Dockerfile.gotrendmicro; tuning-16)
    "trendmicro-deep-security": [...unit("splx"), ...path("/opt/TrendMicro")],
    // Vision One's Endpoint Basecamp on macOS: a public Trend Micro removal script (launchctl unload
    // /Library/LaunchDaemons/com.trendmicro.endpointbasecamp.plist) and Trend's Mac deployment
    // script (defaults write com.trendmicro.endpointbasecamp)
    "trendmicro-vision-one": [bundle("com\\.trendmicro\\.endpointbasecamp")],
    "trendmicro-consumer": [app("Trend Micro Security")], // tuning-8: the Mac app
  },
  secureworks: { secureworks: [...unit("redcloak|taegis-agent"), ...path("/opt/secureworks")] }, // [IOP] Taegis agent and Red Cloak; [MSF]
  fortinet: {
    // [IOP], [MSF] /opt/FortiEDRCollector; the Debian package fortiedrcollectorinstaller (a public test
    // of the collector's uninstallation); macOS label com.fortinet.fortiedr.macos.FortiEDRCollector (a
    // public Jamf uninstall script for FortiEDR)
    "fortinet-fortiedr": [...path("/opt/FortiEDRCollector"), ...pkg("fortiedrcollectorinstaller"), bundle("com\\.fortinet\\.fortiedr")],
  },
  broadcom: {
    // Symantec Endpoint Protection for Mac's system extension: a public munki/osquery condition
    // ('com.broadcom.mes.systemextension') and a public script that stops it. The older id
    // com.symantec.mes.systemextension is left out: Norton for Mac may use the same.
    "symantec-endpoint-protection": [bundle("com\\.broadcom\\.mes\\.")],
  },
  comodo: {
    // [IOP] Comodo Antivirus for Linux (/opt/COMODO), Xcitium Client Security (unit itsm); the Debian
    // package cav-linux (public install scripts: cav-linux_x64.deb)
    "comodo-internet-security": [...path("/opt/COMODO"), ...pkg("cav-linux"), ...unit("itsm")],
  },
  gendigital: { "avg-antivirus": [...path("/opt/avg"), ...unit("avgd")] }, // [IOP], [MSF] AVG for Linux
  watchguard: { "watchguard-epdr": [...path("/opt/panda-security")] }, // [IOP], [MSF] WatchGuard EDR / EPDR (Panda Adaptive Defense 360)
  malwarebytes: { "malwarebytes-endpoint": [...unit("mbdaemon")] }, // [IOP] ThreatDown Nebula EDR agent
  checkpoint: { "checkpoint-harmony-endpoint": [...unit("cpla")] }, // [IOP] Harmony Endpoint for Linux (cpla)
  cynet: { "cynet-edr": [...unit("cyservice")] }, // [IOP] Cynet 360
  digitalguardian: { "digitalguardian-other-security": [...unit("dgdaemon"), bundle("com\\.digitalguardian\\.")] }, // [IOP] dgdaemon; [MACDB] com.digitalguardian
  forcepoint: { "forcepoint-other-security": [bundle("com\\.forcepoint\\.|com\\.websense\\.")] }, // [MACDB] Forcepoint DLP Endpoint
  reaqta: { "reaqta-edr": [...unit("keeperx")] }, // [IOP] IBM QRadar EDR (formerly ReaQta): keeperx
  rsa: { "rsa-edr": [...path("/opt/rsa/nwe-agent")] }, // [IOP] NetWitness Endpoint (RSA) agent
  huntress: { huntress: [...unit("huntress-agent|huntress-updater")] }, // [IOP] Huntress Linux agent
  limacharlie: { limacharlie: [...unit("limacharlie")] }, // [IOP] LimaCharlie agent
  tripwire: { tripwire: [...unit("twdaemon")] }, // [IOP] Tripwire Enterprise agent
  osquery: { osquery: [...path("/opt/osquery")] }, // [IOP] (Uptycs' osquery build), [MSF]
  wazuh: { "wazuh-agent": [...path("/opt/wazuh")] }, // [MSF]
  tanium: { "tanium-client": [...path("/opt/Tanium")] }, // [IOP], [MSF]
  wiz: { "wiz-edr": [...unit("wiz-sensor"), ...path("/opt/wiz")] }, // [IOP], [MSF] Wiz runtime sensor
  aqua: { "aqua-edr": [...path("/opt/aquasec")] }, // [IOP], [MSF] Aqua Security Enforcer
  zscaler: { "zscaler-client-connector": [...unit("zsaservice|zstunnel")] }, // [IOP]
  netskope: { "netskope-client": [...unit("stagentapp")] }, // [IOP]
  cloudflare: { "cloudflare-client": [...unit("warp-svc")] }, // [IOP]
  tenable: { "tenable-nessus-agent": [...unit("nessusagent")] }, // [IOP]
  clamav: { clamav: [...unit("clamav-freshclam|clamd@scan|clamav-clamonacc")] }, // [IOP] ClamAV
  "linux-oss": { "linux-oss-hids": [...unit("aide")] }, // [IOP] AIDE's service and timer
  // After batch 8's measurement (held-out-8's misses not read). [CNSCAN] a public Linux security-software
  // scanner (security_scanner.sh, Chinese; the index holding it does not record its repository):
  // product, vendor, process, systemd service and path signatures of Chinese host-security agents.
  // Cybereason's Linux sensor: unit and package cybereason-sensor (a public mirror of Cybereason's "sensors
  // for Linux" guide: systemctl status cybereason-sensor; a public install script: rpm -i
  // cybereason-sensor-20.1.289.0-1.x86_64...rpm; THC hackshell's EDR check), its folder /opt/cybereason
  // (a public deployment note: /opt/cybereason/sensor/...); the indexes holding them do not record their
  // repositories
  cybereason: { "cybereason-edr": [...unit("cybereason-sensor"), ...pkg("cybereason-sensor"), ...path("/opt/cybereason")] },
  qihoo360: {
    // 360安全卫士 for Linux: an AUR PKGBUILD that installs the vendor's .deb (pkgdir/opt/360safeforlinux)
    "qihoo360-safe-guard": [...path("/opt/360safeforlinux")],
    // 360杀毒 for the Chinese national OSes (360sd for CNOS): its folder as a public Linux post-exploitation
    // shell's EDR check lists it (THC hackshell, _warn_edr: "/opt/360sdforcnos"; the index holding it does
    // not record its repository)
    "qihoo360-antivirus": [...path("/opt/360sdforcnos")],
    // Qihoo's browser for Linux (an AUR PKGBUILD: /opt/360/browser360-beta) and its Kylin/UOS packages,
    // which install under /opt/apps/<package> (a public launcher's candidates
    // /opt/apps/com.qihoo.browser/files/360browser; a packaging check of /opt/apps/com.qihoo.360zip):
    // the banned vendor's non-security tools, attributed to it
    "qihoo360-tools": [{ source: "linux-path", identifier: "^/opt/360(?:/browser360[\\w-]*)?$" }, ...path("/opt/apps/com\\.qihoo\\.[\\w.-]+"), ...pkg("com\\.qihoo\\.[\\w.+-]+")],
  },
  // [CNSCAN] QAX Safe at /opt/qaxsafe; a public write-up of stopping qaxsafed (mv /opt/qaxsafe)
  qianxin: { "qianxin-tianqing": [...path("/opt/qaxsafe")] },
  // After batch 9 (no held-out entry read): eScan (MicroWorld, India) for Linux and macOS, from eScan's own
  // cloud deployment script (the index holding it does not record its repository): it removes the
  // packages escan-antivirus and mwagent (dpkg -P / rpm -e), installs under /opt/MicroWorld, and on macOS
  // unloads the launchd jobs com.eScan.winclient and com.eScan.mwagent
  escan: { "escan-antivirus": [...pkg("escan-antivirus|mwagent"), ...path("/opt/MicroWorld"), bundle("com\\.eScan\\.", ["macos-launchd", "macos-receipt"])] },
  // Secret Net LSP (Security Code's Linux protection, certified for Russian public bodies): its folder
  // /opt/secretnet, as a public rsyslog guide for Russian security products reads its audit logs
  // (/opt/secretnet/var/log/audit; the index holding it does not record its repository), after batch 9
  securitycode: { "securitycode-secret-net": [...path("/opt/secretnet")] },
  withsecure: { "withsecure-elements": [...unit("f-secure-linuxsecurity-[a-z]+|emit_scand_service")] }, // [IOP] WithSecure Elements Agent for Linux
};

/** Linux security agents the catalog did not know, with the forms the sources give. */
export const PLATFORM_VENDORS: CatalogVendor[] = [
  // [IOP] falco, falco-bpf, falco-custom, falco-kmod (the Falco project's packages); runtime threat detection
  {
    slug: "falco",
    name: "Falco (CNCF runtime security)",
    publishers: [],
    products: [{ slug: "falco", name: "Falco", category: "other-security", signatures: [...pkg("falco"), ...unit("falco|falco-bpf|falco-custom|falco-kmod|falco-modern-bpf")] }],
  },
  // [IOP] Sysdig Secure agent: dragent, /opt/draios
  {
    slug: "sysdig",
    name: "Sysdig",
    country: "US",
    publishers: [],
    products: [{ slug: "sysdig-agent", name: "Sysdig Secure agent", category: "other-security", signatures: [...unit("dragent"), ...path("/opt/draios")] }],
  },
  // [IOP] Prisma Cloud Compute Defender (formerly Twistlock): unit twistlock, /opt/twistlock
  {
    slug: "twistlock",
    name: "Prisma Cloud Compute (Twistlock, Palo Alto Networks)",
    country: "US",
    publishers: [],
    products: [{ slug: "prisma-cloud-defender", name: "Prisma Cloud Compute Defender", category: "other-security", signatures: [...unit("twistlock"), ...path("/opt/twistlock")] }],
  },
  // [IOP] Tetragon (Isovalent/Cilium): unit tetragon
  { slug: "tetragon", name: "Tetragon (Isovalent, Cilium)", publishers: [], products: [{ slug: "tetragon", name: "Tetragon", category: "other-security", signatures: [...unit("tetragon")] }] },
  // [IOP], [MSF] ThreatBook OneAV (微步在线): /opt/threatbook/OneAV, unit oneavd
  {
    slug: "threatbook",
    name: "ThreatBook (微步在线)",
    country: "CN",
    publishers: [],
    // OneSec (微步), ThreatBook's Windows endpoint agent, by the name a public Chinese red-team toolkit's AV
    // list gives it ("OneSec(微步)": tbAgent.exe, tbAgentSrv.exe, tbGuard.exe; [CNAV] below), after batch 9
    products: [{ slug: "threatbook-oneav", name: "ThreatBook OneAV / OneSec", category: "antivirus", signatures: [...unit("oneavd"), ...path("/opt/threatbook"), named("^OneSec\\b|^微步")] }],
  },
  // [IOP] Kaseya RocketCyber agent: unit rocketcyber
  {
    slug: "rocketcyber",
    name: "RocketCyber (Kaseya)",
    country: "US",
    publishers: [],
    products: [{ slug: "rocketcyber-agent", name: "RocketCyber agent", category: "edr", signatures: [...unit("rocketcyber")] }],
  },
  // [CNSCAN] Alibaba Cloud Security Center's agent (AliYunDun, service aegis) and Huawei Cloud HSS's
  // agent (hostguard); cloud host-security agents, other security as Sysdig's and Wiz's
  {
    slug: "alibaba-cloud-security",
    name: "Alibaba Cloud Security Center (Aegis)",
    country: "CN",
    publishers: [],
    products: [
      { slug: "alibaba-aegis", name: "Alibaba Cloud Security Center agent (AliYunDun)", category: "other-security", signatures: [...unit("aegis"), named("^AliYunDun")] },
      // Alibaba Cloud SASE's Mac client (zero-trust access with DLP), added after batch 9: its uninstall
      // script (AnsCheng/csh-test-sase uninstall2.0.sh, "Copyright © 2023 alibaba cloud") unloads the
      // launchd jobs com.aliyun.security.sase.Daemon, .Helper, .SaseAppManager, .SaseUpdate, .main. The
      // app's name ("SASE") is too generic to match on its own.
      { slug: "alibaba-sase", name: "Alibaba Cloud SASE client", category: "vpn", signatures: [bundle("com\\.aliyun\\.security\\.sase\\.")] },
    ],
  },
  {
    slug: "huawei-cloud-hss",
    name: "Huawei Cloud Host Security Service",
    country: "CN",
    publishers: [],
    products: [{ slug: "huawei-hss-agent", name: "Huawei Cloud HSS agent (hostguard)", category: "other-security", signatures: [...unit("hostguard")] }],
  },
  // Titan agent (Qingteng's host security agent): the unit titanagent, named "Titanagent EDR" by a public
  // enumeration script's list of AV/EDR units
  {
    slug: "qingteng",
    name: "Qingteng (青藤云安全) Titan",
    country: "CN",
    publishers: [],
    products: [{ slug: "qingteng-titan", name: "Qingteng Titan agent", category: "edr", signatures: [...unit("titanagent")] }],
  },
];

/** Checks that every product PLATFORM_FORMS names exists (run when the catalog is assembled). */
export function withPlatformForms(vendor: CatalogVendor): CatalogVendor {
  const extra = PLATFORM_FORMS[vendor.slug];
  if (!extra) return vendor;
  for (const slug of Object.keys(extra)) if (!vendor.products.some((p) => p.slug === slug)) throw new Error(`platform-forms: ${vendor.slug} has no product ${slug}`);
  return { ...vendor, products: vendor.products.map((p) => (extra[p.slug]?.length ? { ...p, signatures: [...p.signatures, ...extra[p.slug]!] } : p)) };
}
