// EDR/XDR vendors whose products are sensors rather than classic antivirus: CrowdStrike,
// SentinelOne, Palo Alto Networks (Cortex XDR, GlobalProtect), VMware Carbon Black, Elastic,
// Wazuh. Wazuh is classed `other-security` (a HIDS / log agent: it detects, it does not block),
// so it never counts as protection on its own.
import type { CatalogVendor } from "../types";
import { bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

export const CROWDSTRIKE: CatalogVendor = {
  slug: "crowdstrike",
  name: "CrowdStrike",
  country: "US",
  publishers: ["^CrowdStrike\\b"],
  fallbackProduct: "crowdstrike-other",
  products: [
    {
      slug: "crowdstrike-falcon",
      name: "CrowdStrike Falcon Sensor",
      category: "edr",
      signatures: [
        named("^CrowdStrike (?:Windows Sensor|Falcon|Sensor Platform|Device Control|Firmware Analysis)|^Falcon Sensor"),
        wsc("^CrowdStrike"),
        service("CSFalconService|CSAgent"),
        driver("CSAgent|CSDeviceControl|CSBoot|CSFirmwareAnalysis"),
        ...pkg("falcon-sensor"),
        ...unit("falcon-sensor"),
        ...path("/opt/CrowdStrike"),
        bundle("com\\.crowdstrike\\.falcon"),
        { source: "macos-app", name: "^Falcon$", identifier: "^com\\.crowdstrike\\." },
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Uninstall needs the host's maintenance token (Falcon console > Host management) when uninstall protection is on.",
            "Programs and Features > CrowdStrike Windows Sensor, or CsUninstallTool.exe MAINTENANCE_TOKEN=<token> /quiet.",
          ],
        },
        { platform: "linux", steps: ["sudo apt-get purge falcon-sensor or sudo rpm -e falcon-sensor (maintenance token if uninstall protection is on)."] },
        { platform: "darwin", steps: ["sudo /Applications/Falcon.app/Contents/Resources/falconctl uninstall --maintenance-token"] },
      ],
    },
    { slug: "crowdstrike-other", name: "CrowdStrike software (unrecognised product)", category: "other-security", signatures: [named("^CrowdStrike")] },
  ],
};

export const SENTINELONE: CatalogVendor = {
  slug: "sentinelone",
  name: "SentinelOne",
  country: "US",
  publishers: ["^SentinelOne\\b|^Sentinel Labs"],
  fallbackProduct: "sentinelone-other",
  products: [
    {
      slug: "sentinelone-agent",
      name: "SentinelOne Agent",
      category: "edr",
      signatures: [
        named("^Sentinel ?(?:One )?Agent\\b|^SentinelOne"),
        wsc("^Sentinel ?(?:One|Agent)"),
        service("SentinelAgent|SentinelHelperService|SentinelStaticEngine|LogProcessorService|SentinelStaticEngineScanner"),
        driver("SentinelMonitor|SentinelELAM|SentinelDeviceControl"),
        driver("SentinelNetworkMonitor"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        ...pkg("sentinelagent|SentinelAgent"),
        ...unit("sentinelone|sentinelagent"),
        ...unit("sentineld"), // the agent's daemon on RHEL 6 (tuning-13): BongoEADGC6/ansible-role-sentinelone @8796e4ae1450 vars/RedHat-6.yml s1_daemon
        ...path("/opt/sentinelone"),
        bundle("com\\.sentinelone\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: ["Get the agent passphrase from the SentinelOne console (or approve the uninstall there).", "Programs and Features > Sentinel Agent > Uninstall, entering the passphrase."],
        },
        { platform: "linux", steps: ["Approve in the console, then sudo apt-get purge sentinelagent or sudo rpm -e SentinelAgent."] },
        { platform: "darwin", steps: ["sudo sentinelctl uninstall --passphrase <passphrase> (unverified flags; console-approved uninstall also works)."] },
      ],
    },
    { slug: "sentinelone-other", name: "SentinelOne software (unrecognised product)", category: "other-security", signatures: [named("^SentinelOne")] },
  ],
};

export const PALOALTO: CatalogVendor = {
  slug: "paloalto",
  name: "Palo Alto Networks",
  country: "US",
  publishers: ["^Palo Alto Networks"],
  fallbackProduct: "paloalto-other",
  products: [
    // The vendor's uninstaller apps are tools (batch 2's rule: McAfee's MCPR): tuning-11, the Cortex XDR
    // Uninstaller a university fleet's uninstall script removes (eth-its/autopkg-mac-recipes-yaml). Listed
    // first so the products' own name patterns do not take them.
    { slug: "paloalto-tools", name: "Palo Alto Networks uninstallers", category: "utility", signatures: [named("^(?:Cortex XDR|Traps|GlobalProtect) Uninstaller\\b")] },
    {
      slug: "paloalto-globalprotect",
      name: "GlobalProtect",
      category: "vpn",
      signatures: [
        named("^GlobalProtect\\b"),
        service("PanGPS"),
        driver("PanGpd"),
        ...pkg("globalprotect|GlobalProtect_UI|globalprotect_ui"),
        // the RPM's package names as public install and removal scripts give them (yum localinstall
        // GlobalProtect_rpm-5.3.0.0-32.rpm; dnf -y remove GlobalProtect_rpm_aarch64; the indexes holding
        // them do not record their repositories)
        ...pkg("GlobalProtect_rpm|GlobalProtect_rpm_aarch64|GlobalProtect_focal_rpm"),
        // macOS launchd labels com.paloaltonetworks.gp.pangpa, .pangps, .pangpsd (public Mac scripts that
        // load and unload /Library/LaunchAgents/com.paloaltonetworks.gp.pangps.plist and the others; the
        // indexes holding them do not record their repositories)
        bundle("com\\.paloaltonetworks\\.gp\\."),
        ...path("/opt/paloaltonetworks/globalprotect"),
        ...unit("gpd"),
        bundle("com\\.paloaltonetworks\\.GlobalProtect"),
      ],
    },
    {
      slug: "paloalto-cortex-xdr",
      name: "Cortex XDR Agent (formerly Traps)",
      category: "edr",
      signatures: [
        named("^Cortex XDR\\b|^Cortex Agent|^Traps\\b", "^Palo Alto Networks"),
        named("^Cortex XDR\\b"),
        wsc("^Cortex XDR|^Traps"),
        service("cyserver|CyveraService|tlaservice"),
        service("xdrhealth|trapssvc|cyverasvc|tladriver"), // VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        service("twdservice"), // "PaloAlto Traps Watchdog Service": netwrix/pingcastle @19a3890b214b Scanners/AntivirusScanner.cs
        driver("cyvrfsfd|cyvrmtgn|tedrdrv|tedrpers|tdevflt|cyverak|cyvrlpc"),
        ...pkg("cortex-agent|cortex-xdr"),
        ...unit("traps_pmd|cortex-xdr"),
        ...path("/opt/traps|/etc/panw"),
        bundle("com\\.paloaltonetworks\\.(?:traps|cortex)"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Uninstall needs the uninstall password set in the Cortex XDR console (Agent Settings profile).",
            "Programs and Features > Cortex XDR > Uninstall, or msiexec /x {ProductCode} UNINSTALL_PASSWORD=<password> /qn.",
          ],
        },
        { platform: "linux", steps: ["sudo /opt/traps/bin/cytool uninstall (or remove the cortex-agent package); password required when set."] },
      ],
    },
    { slug: "paloalto-other", name: "Palo Alto Networks software (unrecognised product)", category: "other-security", signatures: [named("^Palo Alto Networks")] },
  ],
};

/** Carbon Black (VMware, now Broadcom). No fallback: VMware publishes hypervisors and tools. */
export const VMWARE: CatalogVendor = {
  slug: "vmware",
  name: "VMware Carbon Black",
  country: "US",
  publishers: ["^VMware\\b|^Carbon Black\\b"],
  exclude: [
    named("^VMware (?:Tools|Workstation|Player|Horizon|Remote Console|vSphere|OVF Tool|Fusion|Remote MKS|USB Arbitration|Virtual Machine Communication)"),
    ...pkg("open-vm-tools|open-vm-tools-desktop|vmware-.*"),
  ],
  products: [
    {
      slug: "carbonblack-app-control",
      name: "Carbon Black App Control (formerly Protection / Bit9)",
      category: "other-security",
      signatures: [named("Carbon Black (?:App Control|Protection) Agent|^Bit9|^Cb Protection\\b"), service("Parity"), driver("parity")],
    },
    {
      slug: "carbonblack-cloud",
      name: "Carbon Black Cloud / EDR sensor",
      category: "edr",
      signatures: [
        named("Carbon ?Black (?:Cloud |EDR )?Sensor|^CB (?:Defense|Response|Predictive Security Cloud)|^Carbon Black"),
        // its Mac app, "VMware Carbon Black Cloud.app": a public macOS security-control inventory's catalogue of products (app bundle, system extension, process; the index holding it does not record its repository)
        { source: "macos-app", name: "^(?:VMware )?Carbon ?Black(?: Cloud)?$" },
        wsc("Carbon Black|^CB Defense"),
        // cbcomms, cbstream: fadefa88/threat-hunting @5ae14e8aa2fe find_secucontrol.ps1
        service("CbDefense|CbDefenseWSC|CarbonBlack|cbcomms|cbstream"),
        // the sensor's reputation manager, among the services a compliance agent checks for Carbon Black
        // (ParetoSecurity/agent @72876894e468 checks/windows/defender.go, getEDRProducts)
        service("RepMgr"),
        driver("ctifile|ctinet|carbonblackk|cbk7"),
        ...pkg("cb-psc-sensor|cb-linux-sensor|cbsensor"),
        ...unit("cbagentd|cbdaemon"),
        ...path("/opt/carbonblack|/var/opt/carbonblack"),
        bundle("com\\.(?:vmware\\.)?carbonblack\\.|com\\.carbonblack\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Needs the deregistration/uninstall code from the Carbon Black console.",
            "Programs and Features > Carbon Black Cloud Sensor > Uninstall, or msiexec /x {ProductCode} /qn COMPANY_CODE=<code> (unverified property).",
          ],
        },
      ],
    },
  ],
};

/** Elastic: Elastic Defend (endpoint) and the Fleet agent. No fallback (Elastic ships databases). */
export const ELASTIC: CatalogVendor = {
  slug: "elastic",
  name: "Elastic",
  country: "US",
  publishers: ["^Elastic(?:search)?\\b"],
  products: [
    {
      slug: "elastic-defend",
      name: "Elastic Defend (Elastic Endpoint)",
      category: "edr",
      signatures: [
        named("^Elastic (?:Endpoint|Defend)\\b|^ElasticEndpoint$"),
        wsc("^Elastic (?:Endpoint|Security|Defend)"),
        service("ElasticEndpoint"),
        driver("ElasticEndpoint|elastic-endpoint-driver"),
        driver("esensor"), // Endgame's sensor driver (Endgame became Elastic Endpoint): VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna
        ...unit("ElasticEndpoint|elastic-endpoint"),
        ...path("/opt/Elastic/Endpoint"),
        bundle("co\\.elastic\\.endpoint|co\\.elastic\\.systemextension"),
      ],
    },
    {
      slug: "elastic-agent",
      name: "Elastic Agent (Fleet)",
      category: "management-agent",
      signatures: [
        named("^Elastic[ -]Agent\\b"),
        service("Elastic Agent|elastic-agent"),
        ...pkg("elastic-agent"),
        ...unit("elastic-agent|ElasticAgent"),
        ...path("/opt/Elastic/Agent"),
        bundle("co\\.elastic\\.elastic-agent|co\\.elastic\\.agent"),
      ],
      removal: [{ platform: "linux", steps: ["sudo elastic-agent uninstall (also removes Elastic Defend when installed through Fleet)."] }],
    },
  ],
};

export const WAZUH: CatalogVendor = {
  slug: "wazuh",
  name: "Wazuh",
  country: "US",
  publishers: ["^Wazuh\\b"],
  products: [
    {
      slug: "wazuh-agent",
      name: "Wazuh Agent",
      category: "other-security",
      signatures: [named("^Wazuh Agent"), service("WazuhSvc|OssecSvc"), ...pkg("wazuh-agent"), ...unit("wazuh-agent"), ...path("/var/ossec"), bundle("com\\.wazuh\\.")],
      removal: [{ platform: "linux", steps: ["sudo apt-get purge wazuh-agent or sudo rpm -e wazuh-agent; remove /var/ossec if it remains."] }],
    },
    {
      slug: "wazuh-manager",
      name: "Wazuh Manager / Indexer / Dashboard",
      category: "management-agent",
      signatures: [...pkg("wazuh-manager|wazuh-indexer|wazuh-dashboard"), ...unit("wazuh-manager|wazuh-indexer|wazuh-dashboard")],
    },
  ],
};
