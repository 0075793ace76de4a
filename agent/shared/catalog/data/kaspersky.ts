// Kaspersky in all its forms: the products BOD 17-01 named, the 2022+ consumer names, the
// Security Center agent (a separate install that survives removal of the protection), server and
// embedded editions, the non-antivirus consumer apps, and the drivers/services/paths they leave.
//
// Decisions:
// - Kaspersky has NO `exclude`: vendor-wide bans (NDAA FY2018 s.1634: "any hardware, software, or
//   services") must see every Kaspersky item, including utilities such as Software Updater.
// - Components (drivers, services, receipts, launch daemons, /opt paths) that several products
//   share map to `kaspersky-components` (category antivirus: they are the protection engine), so
//   an antivirus-only policy (the Dutch 2018 letter) still flags them as remnants.
// - Anything else Kaspersky-published or Kaspersky-named is `kaspersky-other` (fallback).
import type { CatalogVendor, RemovalGuide } from "../types";
import { anyPkg, bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

const PUBLISHER = "^(?:AO |ZAO |JSC )?Kaspersky(?: Lab)?\\b|Лаборатория Касперского|卡巴斯基";
/** "Kaspersky" or its Cyrillic/Chinese forms somewhere in a display name. */
// カスペルスキー: the brand in Japanese (kaspersky.co.jp: its product names and user guides,
// "カスペルスキー インターネット セキュリティ", "カスペルスキー アンチウイルス", "カスペルスキー セキュリティ",
// and since 2024 the product 「カスペルスキー」 with the plans スタンダード / プラス / プレミアム)
const BRAND = "Kaspersky|Касперск|卡巴斯基|カスペルスキー";
/** Network Agent's localised names: en, de, fr, es, it, ru, zh. */
const NETWORK_AGENT = "Network ?Agent|Netzwerkagent|Administrationsagent|Agent d.administration|Agente de (?:red|administraci[oó]n)|Agente di rete|Агент администрирования|网络代理|網路代理";

const WINDOWS_UNINSTALL: RemovalGuide = {
  platform: "windows",
  steps: [
    "If the endpoint is managed by Kaspersky Security Center, prefer the 'Remote uninstallation of application' task there; it delivers the vendor's uninstall utility.",
    "If the product is password-protected, obtain the uninstall password from the Security Center administrator (or switch off password protection in the policy) before starting.",
    "Locally: Settings > Apps (or Programs and Features) > the Kaspersky product > Uninstall.",
    "Silently: msiexec /x {ProductCode} /qn, adding KLLOGIN=<user> KLPASSWD=<password> when password-protected (older versions used KLUNINSTPASSWD=<password>; unverified per version). The product code is the Uninstall key name reported by the agent.",
    "If the uninstaller fails, run Kaspersky's cleanup tool kavremvr.exe (download from Kaspersky support), then reboot.",
    "Kaspersky Security Center Network Agent is a separate install: remove it as well (see its guide).",
    "Run the Muster agent again: drivers such as klif/klhk or the AVP service left behind are reported as remnants.",
  ],
};

const CONSUMER_WINDOWS: RemovalGuide = {
  platform: "windows",
  steps: [
    "Settings > Apps (or Programs and Features) > the Kaspersky product > Uninstall; enter the product password if one was set.",
    "If the uninstaller fails, run Kaspersky's cleanup tool kavremvr.exe (download from Kaspersky support), then reboot.",
    "Run the Muster agent again to confirm no driver or service is left behind.",
  ],
};

const MAC_UNINSTALL: RemovalGuide = {
  platform: "darwin",
  steps: [
    "Run the vendor uninstaller: the 'Uninstall <product>' application shipped in the product's installer disk image (name varies by product; unverified per version), or the Security Center remote uninstall task.",
    "Confirm that no com.kaspersky.* system extension, launch daemon or receipt remains (re-run the Muster agent).",
  ],
};

const KESL_LINUX: RemovalGuide = {
  platform: "linux",
  steps: [
    "Debian/Ubuntu/Astra: sudo apt-get purge kesl kesl-gui (and klnagent64 or klnagent for the Network Agent).",
    "RHEL/SUSE/ALT/RED OS: sudo rpm -e kesl kesl-gui (and klnagent64 or klnagent).",
    "Remove what the packages leave: /var/opt/kaspersky/kesl, /etc/opt/kaspersky/kesl and /opt/kaspersky if empty.",
    "Run the Muster agent again: kesl.service or klnagent64.service still listed means the removal is incomplete.",
  ],
};

export const KASPERSKY: CatalogVendor = {
  slug: "kaspersky",
  name: "Kaspersky",
  country: "RU",
  publishers: [PUBLISHER],
  fallbackProduct: "kaspersky-other",
  products: [
    {
      slug: "kaspersky-network-agent",
      name: "Kaspersky Security Center Network Agent",
      category: "management-agent",
      signatures: [
        named(`(?:${BRAND}).*(?:${NETWORK_AGENT})|(?:${NETWORK_AGENT}).*(?:${BRAND})`),
        named("^(?:Network Agent\\b|Агент администрирования)", PUBLISHER),
        named("Kaspersky Lab\\\\NetworkAgent"),
        service("klnagent"),
        ...pkg("klnagent|klnagent64|klnagent-astra|klnagent64-astra"),
        ...unit("klnagent|klnagent64"),
        ...path("/opt/kaspersky/klnagent(?:64)?|/var/opt/kaspersky/klnagent(?:64)?|/etc/opt/kaspersky/klnagent(?:64)?"),
        bundle("com\\.kaspersky\\.klnagent"), // macOS Network Agent (unverified id)
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Remove the protection product first (Kaspersky Endpoint Security), then the agent: removing one leaves the other.",
            "Settings > Apps > 'Kaspersky Security Center Network Agent' > Uninstall, or msiexec /x {ProductCode} /qn (add KLUNINSTPASSWD=<password> if the agent's uninstall is password-protected).",
            "Confirm the klnagent service and the folder ...\\Kaspersky Lab\\NetworkAgent are gone.",
          ],
        },
        {
          platform: "linux",
          steps: ["sudo apt-get purge klnagent64 (or klnagent), or sudo rpm -e klnagent64 (or klnagent).", "Remove /opt/kaspersky/klnagent64 and /var/opt/kaspersky/klnagent if they remain."],
        },
        MAC_UNINSTALL,
      ],
    },
    {
      slug: "kaspersky-security-center",
      name: "Kaspersky Security Center (Administration Server)",
      category: "management-agent",
      signatures: [
        named(`(?:${BRAND}).*(?:Administration Server|Administrationsserver|Serveur d.administration|Servidor de administraci[oó]n|Сервер администрирования|Web Console|Веб-консоль)`),
        named("^Kaspersky Security Center(?: \\d+(?:\\.\\d+)*)?$"),
        service("CSAdminServer|kladminserver|klwebsrv|ksnproxy|klactprx"),
        ...pkg("ksc64|ksc|ksc-web-console|kladminserver"),
        ...unit("kladminserver_srv|klwebsrv_srv|klactprx_srv|ksnproxy_srv|KSC64_web_console"),
        ...path("/opt/kaspersky/ksc64|/var/opt/kaspersky/ksc64|/var/opt/kaspersky/klnagent_srv"),
      ],
    },
    {
      slug: "kaspersky-anti-targeted-attack",
      name: "Kaspersky Anti Targeted Attack / Endpoint Agent",
      category: "edr",
      signatures: [
        named(`(?:${BRAND}).*(?:Anti[ -]Targeted Attack|Endpoint Agent|Sandbox)`),
        named("^Kaspersky (?:Endpoint Detection and Response|EDR)\\b"),
        service("EndpointAgent|kesagent"), // Endpoint Agent service names: unverified
        ...pkg("kata-agent|kea|kess-agent"), // unverified Linux package names
      ],
      removal: [WINDOWS_UNINSTALL],
    },
    {
      slug: "kaspersky-windows-server",
      name: "Kaspersky Security for Windows Server",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}).*(?:for Windows Servers?|für Windows Server|pour Windows Server|para Windows Server|для Windows Server)`), service("kavfs|kavfsslp|KAVFSGT|kavfsscs")],
      removal: [WINDOWS_UNINSTALL],
    },
    {
      slug: "kaspersky-embedded-systems-security",
      name: "Kaspersky Embedded Systems Security",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}).*Embedded Systems Security|^Kaspersky Industrial CyberSecurity`)],
      removal: [WINDOWS_UNINSTALL],
    },
    {
      slug: "kaspersky-server-security",
      name: "Kaspersky Security for mail, collaboration, storage and virtualization",
      category: "antivirus",
      signatures: [
        named(`(?:${BRAND}).*(?:for (?:Microsoft )?Exchange|for SharePoint|Mail Server|Linux Mail|for Storage|for Virtuali[sz]ation|Light Agent|Hybrid Cloud|Linux File Server|Internet Gateway)`),
        ...pkg("kav4fs|klms|kse|kwts|kics4l"),
      ],
      removal: [WINDOWS_UNINSTALL],
    },
    {
      slug: "kaspersky-endpoint-security",
      name: "Kaspersky Endpoint Security (Windows, Linux, macOS)",
      category: "antivirus",
      signatures: [
        named(`(?:${BRAND}) Endpoint Security|^KESL\\b|^Kaspersky Endpoint Security`),
        named("^Kaspersky Security для Linux|^Kaspersky Endpoint Security.*(?:für|pour|para|для)"),
        wsc("Kaspersky Endpoint Security"),
        service("KES|kesl|klkesl"), // unverified: KES 11+ keeps "AVP" (mapped to components)
        // kesl/kesl-gui (KESL 10+), kesl-astra; predecessors kes4lwks (workstations), kav4ws.
        ...pkg("kesl|kesl-gui|kesl-astra|kesl-elbrus|kes4lwks|kav4ws|kesl-gui-astra"),
        ...unit("kesl|kesl-supervisor|kesl-gui"),
        ...path("/opt/kaspersky/kesl|/var/opt/kaspersky/kesl|/etc/opt/kaspersky/kesl|/opt/kaspersky/kes4lwks|/var/log/kaspersky/kesl"),
        bundle("com\\.kaspersky\\.kes\\b|com\\.kaspersky\\.endpointsecurity", ["macos-app", "macos-receipt"]), // unverified ids
      ],
      removal: [WINDOWS_UNINSTALL, KESL_LINUX, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-small-office-security",
      name: "Kaspersky Small Office Security",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}) Small Office Security`)],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-total-security",
      name: "Kaspersky Total Security",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}) (?:Total Security|PURE)\\b`)],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-internet-security",
      name: "Kaspersky Internet Security",
      category: "antivirus",
      // OEM editions carry the partner's name first: "Parallels Internet Security Powered by Kaspersky"
      // (glpi-agent resources/macos/system_profiler samples).
      signatures: [named(`(?:${BRAND}) Internet Security|Kaspersky Интернет Безопасность|Internet Security (?:Powered )?by Kaspersky|^カスペルスキー ?(?:インターネット ?)?セキュリティ`)],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-security-cloud",
      name: "Kaspersky Security Cloud",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}) Security Cloud`)],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-standard-plus-premium",
      name: "Kaspersky Standard / Plus / Premium",
      category: "antivirus",
      // Since 2024 the consumer app is named just "Kaspersky" (winget Kaspersky.Kaspersky: PackageName
      // "Kaspersky"), with or without a version.
      signatures: [
        named(
          "^Kaspersky (?:Standard|Plus|Premium)\\b|^Kaspersky (?:Стандартный|Плюс|Премиум)|^Kaspersky(?: \\d+(?:\\.\\d+)*)?$|^カスペルスキー(?: ?(?:スタンダード|プラス|プレミアム))?(?: \\d+(?:\\.\\d+)*)?$",
        ),
      ],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-free",
      name: "Kaspersky Free",
      category: "antivirus",
      signatures: [named("^Kaspersky Free\\b|^Kaspersky Basic\\b")],
      removal: [CONSUMER_WINDOWS],
    },
    {
      slug: "kaspersky-anti-virus",
      name: "Kaspersky Anti-Virus",
      category: "antivirus",
      signatures: [
        named(`(?:${BRAND}) Anti-?Virus|Антивирус Касперского|卡巴斯基反病毒|卡巴斯基安全|^カスペルスキー ?アンチウイルス`),
        wsc(BRAND), // any other Security Center registration by Kaspersky is its antivirus
      ],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-password-manager",
      name: "Kaspersky Password Manager",
      category: "password-manager",
      signatures: [
        named(`(?:${BRAND}) Password Manager|Kaspersky Менеджер паролей`),
        bundle("com\\.kaspersky\\.passwordmanager|com\\.kaspersky\\.kpm", ["macos-app", "macos-receipt"]), // unverified
      ],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-safe-kids",
      name: "Kaspersky Safe Kids",
      category: "parental-control",
      signatures: [
        named(`(?:${BRAND}) Safe Kids|Kaspersky Детская`),
        bundle("com\\.kaspersky\\.safekids", ["macos-app", "macos-receipt"]), // unverified
      ],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-vpn",
      name: "Kaspersky VPN Secure Connection",
      category: "vpn",
      signatures: [
        named(`(?:${BRAND}) (?:VPN|Secure Connection)|Kaspersky Безопасное соединение`),
        service("KSDE[0-9.]*|ksde"), // Secure Connection service key (KSDE<version>); unverified
        driver("kltap"), // TAP adapter used by Secure Connection (unverified attribution)
        bundle("com\\.kaspersky\\.(?:vpn|secureconnection|ksde)", ["macos-app", "macos-receipt", "macos-system-extension"]),
      ],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-components",
      name: "Kaspersky protection components (drivers, services, daemons)",
      category: "antivirus",
      signatures: [
        // AVP is the protection service: "AVP" (KES) or "AVP<version>" such as AVP21.3 (consumer).
        service("AVP(?:\\d+(?:\\.\\d+)*)?|klvssbridge64"),
        // Kaspersky Endpoint Security 11+'s service key carries the product and its version, "AVP.KES.<version>":
        // an RMM antivirus-detection script ("Security-DetectInstalledAntivirus.ps1" v3.0 of 2026-02-10, Windows Automation Framework, github.com/Xore/waf; the index does not record its path): RelevantServices "AVP.KES*"
        service("AVP\\.KES(?:\\.\\d+)*"),
        // Minifilters klif/klam/klbg/kldback/klboot are on Microsoft's allocated-altitudes list.
        // The rest are commonly reported Kaspersky drivers; unverified individually: klpd, klwtp,
        // kldisk, klgse, klpnpflt, klelam, klsec, kltdi, klupd_* (anti-rootkit update drivers).
        driver(
          "klif|klam|klbg|kldback|klboot|klflt|klhk|klim\\d*|klkbdflt|klkbdflt2|klmouflt|kneps|klpd|klwfp|klwtp|kldisk|klgse|klpnpflt|klelam|klsec|kltdi|klbackupdisk|klbackupflt|klupd_[a-z0-9_]+",
        ),
        { source: "windows-driver", name: "^Kaspersky" },
        bundle("com\\.kaspersky\\.", ["macos-receipt", "macos-system-extension", "macos-launchd"]),
        ...unit("kaspersky[\\w@.-]*|kav\\w*"),
        ...path("/opt/kaspersky|/var/opt/kaspersky|/etc/opt/kaspersky|/Library/Application Support/Kaspersky Lab"),
      ],
      removal: [WINDOWS_UNINSTALL, KESL_LINUX, MAC_UNINSTALL],
    },
    {
      slug: "kaspersky-software-updater",
      name: "Kaspersky Software Updater",
      category: "utility",
      signatures: [named(`(?:${BRAND}) Software Updater`)],
      removal: [CONSUMER_WINDOWS],
    },
    {
      // Fallback: Kaspersky-published or Kaspersky-named items matching nothing above. Its own
      // signatures are tried after every other product's (see matcher).
      slug: "kaspersky-other",
      name: "Kaspersky software (unrecognised product)",
      category: "other-security",
      signatures: [named(BRAND), bundle("com\\.kaspersky\\.", "macos-app"), ...anyPkg("kaspersky[\\w.+-]*")],
      removal: [CONSUMER_WINDOWS, MAC_UNINSTALL],
    },
  ],
};
