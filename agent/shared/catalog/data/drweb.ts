// Doctor Web (Dr.Web), sanctioned by Ukraine's decree 133/2017 together with Kaspersky.
// Like Kaspersky, no `exclude`: everything Doctor Web ships is reported (fallback `drweb-other`).
import type { CatalogVendor, RemovalGuide } from "../types";
import { bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

const PUBLISHER = "^Doctor ?Web\\b|Доктор Веб|^Dr\\.? ?Web\\b";
const BRAND = "Dr\\.? ?Web|Доктор Веб";

const WINDOWS: RemovalGuide = {
  platform: "windows",
  steps: [
    "Settings > Apps (or Programs and Features) > the Dr.Web product > Uninstall; self-protection may ask for a confirmation code or the product password.",
    "Managed by Dr.Web Enterprise Security Suite: remove the agent from the Dr.Web Control Center (uninstall task) or allow local removal in the agent's policy first.",
    "If the uninstaller fails, run Doctor Web's removal utility (drw_remover.exe, from Doctor Web support; unverified name), then reboot.",
    "Run the Muster agent again: drivers such as dwprot or spiderg3 still present are remnants.",
  ],
};

const LINUX: RemovalGuide = {
  platform: "linux",
  steps: [
    "Run the vendor's remover: /opt/drweb.com/bin/uninst.sh (installed from the .run distribution; unverified path), or",
    "from packages: sudo apt-get purge 'drweb-*' or sudo rpm -e $(rpm -qa 'drweb-*').",
    "Remove /opt/drweb.com, /etc/opt/drweb.com and /var/opt/drweb.com if they remain.",
  ],
};

const MAC: RemovalGuide = {
  platform: "darwin",
  steps: ["Run the Dr.Web uninstaller from the product's disk image or the app's menu (unverified), then re-run the Muster agent to check for com.drweb.* leftovers."],
};

export const DRWEB: CatalogVendor = {
  slug: "drweb",
  name: "Doctor Web (Dr.Web)",
  country: "RU",
  publishers: [PUBLISHER],
  fallbackProduct: "drweb-other",
  products: [
    {
      slug: "drweb-enterprise-server",
      name: "Dr.Web Enterprise Security Suite Server / Control Center",
      category: "management-agent",
      signatures: [
        named(`^(?:${BRAND}) (?:Enterprise )?(?:Server\\b|Сервер)|(?:${BRAND}).*(?:Control Center|Центр управления)`),
        ...pkg("drweb-esuite|drweb-esuite-proxy"),
        ...unit("drwcsd|drweb-esuite"),
        ...path("/opt/drwcs|/var/opt/drwcs"),
      ],
    },
    {
      slug: "drweb-agent",
      name: "Dr.Web Agent (Enterprise Security Suite / Desktop Security Suite)",
      category: "antivirus",
      signatures: [
        named(`(?:${BRAND}).*(?:Agent|Агент|Desktop Security Suite|Enterprise Security Suite|Endpoint Security)`),
        service("DrWebEsAgent|es-service"), // agent service key: unverified
        ...pkg("drweb-esagent"),
      ],
      removal: [WINDOWS, LINUX],
    },
    {
      slug: "drweb-security-space",
      name: "Dr.Web Security Space",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}) Security Space|Dr\\.Web Антивирус.*Security Space`)],
      removal: [WINDOWS, MAC],
    },
    {
      slug: "drweb-katana",
      name: "Dr.Web Katana",
      category: "antivirus",
      signatures: [named(`(?:${BRAND}) Katana`)],
      removal: [WINDOWS],
    },
    {
      // Documentation packages (Doctor Web's repositories: drweb-industrial-documentation, ...)
      // are the vendor's, but not protection.
      slug: "drweb-documentation",
      name: "Dr.Web documentation packages",
      category: "utility",
      signatures: [...pkg("drweb-[a-z0-9.+-]*(?:documentation|-doc)")],
    },
    {
      slug: "drweb-anti-virus",
      name: "Dr.Web Anti-virus (Windows, macOS, Linux, servers)",
      category: "antivirus",
      signatures: [
        named(`(?:${BRAND}).*(?:Anti-?virus|Антивирус|for Linux|для Linux|for Windows|для Windows|for macOS|File Servers?|Файловых серверов|Mail Security|Gateway Security|Internet Security)`),
        wsc(BRAND),
        // Windows services: DrWebAVService (protection service) and DrWebEngine (scanning engine);
        // drwebsvc / DrWebUpdate / DrWebNetFilter are unverified.
        service("DrWebAVService|DrWebEngine|drwebsvc|DrWebUpdate|DrWebNetFilter|DrWeb\\w+"), // every DrWeb* key (Antivirus-Artifacts: DrWebFwSvc, DrWebLwf)
        // Drivers: dwprot (self-protection) and spiderg3 (SpIDer Guard file monitor); dwdg,
        // drwebsp, dwnetfilter, dwflt are unverified.
        driver("DrWeb\\w+|dwprot|spiderg3|dwdg|drwebsp|dwnetfilter|dwflt|dwvfs|dwarkdaemon"),
        // Linux packages: drweb-workstations / drweb-file-servers (meta) and their parts.
        ...pkg("drweb-[a-z0-9.+-]+|drweb"),
        ...unit("drweb-[\\w@.-]+|drweb"),
        ...path("/opt/drweb\\.com|/etc/opt/drweb\\.com|/var/opt/drweb\\.com|/opt/drweb"),
        bundle("com\\.drweb\\.", ["macos-receipt", "macos-system-extension", "macos-launchd"]),
      ],
      removal: [WINDOWS, LINUX, MAC],
    },
    {
      slug: "drweb-other",
      name: "Doctor Web software (unrecognised product)",
      category: "other-security",
      signatures: [named(BRAND), bundle("com\\.drweb\\.", "macos-app")],
      removal: [WINDOWS],
    },
  ],
};
