// Network-security vendors with endpoint software: Cisco (Secure Endpoint/AMP, Secure Client /
// AnyConnect VPN, Umbrella), Fortinet (FortiClient, FortiEDR), Check Point (Harmony Endpoint,
// Endpoint Security VPN, ZoneAlarm), Zscaler (Client Connector) and Netskope (Client).
// Cisco has no fallback and excludes its collaboration software (Webex, Jabber).
import type { CatalogVendor } from "../types";
import { bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

export const CISCO: CatalogVendor = {
  slug: "cisco",
  name: "Cisco",
  country: "US",
  publishers: ["^Cisco\\b"],
  exclude: [
    named("^(?:Cisco )?Webex\\b|^Cisco (?:Jabber|Packet Tracer|IP Communicator|Spark|Proximity|Meeting)|^Webex"),
    bundle("com\\.cisco\\.(?:webex|webexmeetings|jabber|spark)|com\\.webex\\.", ["macos-app", "macos-receipt", "macos-launchd"]),
    ...pkg("webex|cisco-webex"),
  ],
  products: [
    {
      slug: "cisco-secure-endpoint",
      name: "Cisco Secure Endpoint (AMP for Endpoints, Immunet)",
      category: "edr",
      signatures: [
        named("^Cisco (?:Secure Endpoint|AMP for Endpoints|Advanced Malware Protection)|^Immunet\\b|^Cisco Secure Client - Secure Endpoint"),
        wsc("^Cisco (?:Secure Endpoint|AMP)|^Immunet"),
        service("CiscoAMP(?:_[\\d.]+)?|CiscoSAM|ImmunetProtect|immunetprotect"),
        service("CiscoAMPSvc"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        service("CiscoOrbital|CiscoSCMS"), // Secure Endpoint's Orbital and Security Connector Monitoring: splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
        driver("ImmunetProtect|ImmunetSelfProtect|ImmunetNetworkMonitor|CiscoAMPCEFWDriver|CiscoAMPHeurDriver|CiscoSAM|CiscoAMPELAM"),
        ...pkg("ciscoampconnector|cisco-secure-endpoint|ciscoampcli"),
        ...unit("cisco-amp|cisco-secure-endpoint|ampdaemon"),
        ...path("/opt/cisco/amp"),
        bundle("com\\.cisco\\.amp|com\\.cisco\\.endpoint\\.svc|com\\.sourcefire\\.amp"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Connector protection may require the password set in the Secure Endpoint policy.",
            'Programs and Features > Cisco Secure Endpoint > Uninstall, or "C:\\Program Files\\Cisco\\AMP\\<version>\\uninstall.exe" /S /password <password> (unverified flags).',
          ],
        },
      ],
    },
    {
      slug: "cisco-umbrella",
      name: "Cisco Umbrella Roaming Client / Secure Client Umbrella module",
      category: "other-security",
      signatures: [
        named("^(?:Cisco )?Umbrella Roaming|^Cisco Secure Client - Umbrella|^Cisco AnyConnect Umbrella"),
        service("Umbrella_RC|csc_umbrellaagent|acumbrellaagent"),
        // Secure Client's Umbrella SWG, Network Visibility and ISE Posture modules: splunk/security_content lookups/csv/security_services_lookup.csv @0780ff81a8 (security products' Windows services)
        service("csc_swgagent|csc_nvmagent|csc_iseagent"),
      ],
    },
    {
      // AnyConnect's Diagnostic And Reporting Tool (DART), a troubleshooting tool installed with the VPN
      // client: its Mac receipt (tuning-9: uber/client-platform-engineering @679ea51b64dd
      // cpe_anyconnect, dart_receipt)
      slug: "cisco-dart",
      name: "Cisco AnyConnect / Secure Client Diagnostics and Reporting Tool",
      category: "utility",
      signatures: [bundle("com\\.cisco\\.pkg\\.anyconnect\\.dart", ["macos-receipt"])],
    },
    {
      slug: "cisco-secure-client",
      name: "Cisco Secure Client / AnyConnect VPN",
      category: "vpn",
      signatures: [
        named("^Cisco (?:Secure Client|AnyConnect)(?: - AnyConnect VPN| Secure Mobility Client| VPN)?"),
        // The AnyConnect uninstaller and downloader apps (glpi-agent resources/macos/system_profiler samples)
        { source: "macos-app", name: "^(?:Uninstall AnyConnect|Uninstall Cisco Secure Client|vpndownloader)$" },
        service("vpnagent|csc_vpnagent|acwebsecagent"),
        driver("acsock|vpnva|acsock64"),
        ...pkg("cisco-secure-client-vpn|anyconnect|cisco-anyconnect"),
        ...unit("vpnagentd|csc_vpnagentd"),
        ...path("/opt/cisco/anyconnect|/opt/cisco/secureclient"),
        bundle("com\\.cisco\\.(?:anyconnect|secureclient)"),
        // An organisation's package of AnyConnect, its id ending in the product's name: ch.ethz.id.pkg.CiscoAnyConnect
        // (autopkg/grahampugh-recipes @9aaff449dc95 CiscoAnyConnect.pkg.recipe.yaml; tuning-16)
        { source: "macos-receipt", identifier: "\\.CiscoAnyConnect$" },
      ],
    },
  ],
};

export const FORTINET: CatalogVendor = {
  slug: "fortinet",
  name: "Fortinet",
  country: "US",
  publishers: ["^Fortinet\\b"],
  fallbackProduct: "fortinet-other",
  products: [
    {
      slug: "fortinet-forticlient-vpn",
      name: "FortiClient VPN (VPN-only edition)",
      category: "vpn",
      signatures: [
        named("^(?:Fortinet )?FortiClient (?:SSL)?VPN\\b|^(?:Fortinet )?FortiClient VPN"),
        ...pkg("forticlient-sslvpn|forticlient-vpn"),
        bundle("com\\.fortinet\\.forticlient\\.vpn|com\\.fortinet\\.FortiClientVPN|com\\.fortinet\\.forticlient\\.macos\\.vpn"),
      ],
    },
    {
      slug: "fortinet-fortiedr",
      name: "FortiEDR Collector",
      category: "edr",
      signatures: [named("^FortiEDR\\b|^Fortinet EDR"), service("FortiEDRCollectorService|FortiEDR Collector Service"), ...pkg("fortiedrcollector|FortiEDRCollector"), ...path("/opt/FortiEDR")],
    },
    {
      slug: "fortinet-forticlient",
      name: "FortiClient (EMS-managed endpoint protection)",
      category: "antivirus",
      signatures: [
        named("^(?:Fortinet )?FortiClient\\b"), // "Fortinet FortiClient (with FortiGate)": test labs name the company first (tuning-12)
        wsc("^FortiClient"),
        service("FA_Scheduler|FCT_SecSvr|fortishield|FortiSslvpnDaemon"),
        driver("FortiShield|FortiAptFilter|FortiRdr|FortiFilter|FortiTransCtrl|fortimon3"),
        ...pkg("forticlient"),
        ...unit("forticlient|fctsched|forticlient-scheduler"),
        ...path("/opt/forticlient"),
        bundle("com\\.fortinet\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Managed by FortiClient EMS: unregister/allow uninstall in EMS first (or supply the configured password).",
            "Programs and Features > FortiClient > Uninstall; FCRemove.exe (vendor removal tool) if it fails.",
          ],
        },
      ],
    },
    {
      slug: "fortinet-other",
      name: "Fortinet software (unrecognised product)",
      category: "other-security", // not "Fortify" (winget-pkgs index: PeculiarVentures.Fortify, a WebCrypto bridge; OpenText's Fortify
      // code scanners): Fortinet's product names are Forti + a capitalised word
      signatures: [named("^Forti(?!fy\\b)[A-Z]\\w+")],
    },
  ],
};

export const CHECKPOINT: CatalogVendor = {
  slug: "checkpoint",
  name: "Check Point Software",
  country: "IL",
  publishers: ["^Check ?Point\\b"],
  fallbackProduct: "checkpoint-other",
  products: [
    {
      slug: "checkpoint-endpoint-vpn",
      name: "Check Point Endpoint Security VPN / Remote Access VPN",
      category: "vpn",
      signatures: [
        named("^Check Point (?:Endpoint Security VPN|Remote Access VPN|VPN|Mobile|Capsule)|^Endpoint Security VPN$|^Harmony SASE\\b|^Perimeter 81\\b"),
        service("TracSrvWrapper"),
        driver("vna_ap|vna_lwf"),
        bundle("com\\.checkpoint\\.(?:vpn|epc)"),
        // Harmony SASE's launchd jobs under Perimeter 81's name, as a munki recipe's uninstall script removes them
        // (autopkg/dataJAR-recipes @b7d5b774ba61 Harmony SASE: com.perimeter81.Perimeter81, com.perimeter81.osx.HelperTool;
        // tuning-16): Perimeter 81's namespace
        bundle("com\\.perimeter81"),
      ],
    },
    {
      slug: "zonealarm-firewall",
      name: "ZoneAlarm Free Firewall",
      category: "firewall",
      signatures: [named("^ZoneAlarm (?:Free )?Firewall")],
    },
    {
      slug: "zonealarm-antivirus",
      name: "ZoneAlarm Antivirus / Extreme Security / Pro",
      category: "antivirus",
      signatures: [named("^ZoneAlarm\\b"), wsc("^ZoneAlarm")],
    },
    {
      slug: "checkpoint-harmony-endpoint",
      name: "Check Point Harmony Endpoint (Endpoint Security)",
      category: "edr",
      signatures: [
        named("^Check Point (?:Endpoint Security|Harmony|SandBlast)|^Harmony Endpoint"),
        wsc("^Check Point|^Harmony Endpoint"),
        // vsdatant is the TrueVector firewall driver (also in ZoneAlarm); the rest are unverified.
        service("CPDA|EFRService|Check Point Endpoint Agent"),
        driver("vsdatant|epregflt|EPKlib|cpepmon"),
        driver("cpprotect"), // "SandBlast Protection Driver": VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        bundle("com\\.checkpoint\\."),
      ],
      removal: [
        { platform: "windows", steps: ["Needs the uninstall password from the Harmony Endpoint / SmartEndpoint policy.", "Programs and Features > Check Point Endpoint Security > Uninstall."] },
      ],
    },
    { slug: "checkpoint-other", name: "Check Point software (unrecognised product)", category: "other-security", signatures: [named("^Check Point\\b")] },
  ],
};

/** Zscaler Client Connector tunnels user traffic to Zscaler's cloud: classed as a VPN. */
export const ZSCALER: CatalogVendor = {
  slug: "zscaler",
  name: "Zscaler",
  country: "US",
  publishers: ["^Zscaler\\b"],
  fallbackProduct: "zscaler-client-connector",
  products: [
    {
      slug: "zscaler-client-connector",
      name: "Zscaler Client Connector",
      category: "vpn",
      signatures: [
        named("^Zscaler\\b"),
        service("ZSAService|ZSATunnel|ZSATrayManager|ZSAUpm"),
        driver("zsaflt|ZSANDIS|zscalerapp"),
        ...pkg("zscaler-client|zscaler"),
        ...path("/opt/zscaler"),
        bundle("com\\.zscaler\\."),
      ],
    },
  ],
};

/** Netskope Client steers traffic to Netskope's cloud proxy (SWG/CASB): `other-security`. */
export const NETSKOPE: CatalogVendor = {
  slug: "netskope",
  name: "Netskope",
  country: "US",
  publishers: ["^Netskope\\b"],
  fallbackProduct: "netskope-client",
  products: [
    {
      slug: "netskope-client",
      name: "Netskope Client",
      category: "other-security",
      signatures: [
        named("^Netskope\\b"),
        service("stAgentSvc|stAgentSvcMon"),
        driver("stadrv|stadrv6|epdlpdrv"),
        ...pkg("netskope-client|stagentapp"),
        ...unit("stagentd"),
        ...path("/opt/netskope"),
        bundle("com\\.netskope\\."),
      ],
    },
  ],
};
