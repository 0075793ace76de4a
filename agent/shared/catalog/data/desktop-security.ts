// Host firewalls and network filters for macOS and Windows beyond the suites' own, ClamXAV, and
// the password managers not covered elsewhere. Sources: Homebrew casks (homebrew-cask and the
// homebrew-cask-versions history, named per vendor below), winget-pkgs manifests, the vendors'
// download pages. Bundle-id prefixes no source names are the vendor's reverse-DNS domain.
import type { CatalogVendor } from "../types";
import { app, bundle, client, named } from "./helpers";

// --- firewalls -----------------------------------------------------------------------------------
// homebrew-cask little-snitch.rb: app "Little Snitch.app"; homebrew-cask-versions little-snitch4.rb:
// launchctl "at.obdev.littlesnitchd", "at.obdev.LittleSnitchHelper", "at.obdev.LittleSnitchUIAgent";
// micro-snitch.rb: app "Micro Snitch.app" (camera and microphone monitor)
export const OBDEV: CatalogVendor = {
  slug: "obdev",
  name: "Objective Development (Little Snitch)",
  country: "AT",
  publishers: [],
  products: [
    // autopkg/smithjw-recipes @ed32255111e9 Little Snitch: "Little Snitch Installer.app", "Little Snitch
    // Uninstaller.app" (tuning-16): the installer and uninstaller, a utility, tried before the firewall's name
    { slug: "obdev-little-snitch-tools", name: "Little Snitch installer and uninstaller", category: "utility", signatures: [app("Little Snitch (?:Installer|Uninstaller)")] },
    { slug: "obdev-micro-snitch", name: "Micro Snitch", category: "other-security", signatures: [app("Micro Snitch"), bundle("at\\.obdev\\.MicroSnitch")] },
    { slug: "obdev-little-snitch", name: "Little Snitch", category: "firewall", signatures: [named("^Little Snitch\\b"), bundle("at\\.obdev\\.(?:LittleSnitch|littlesnitch)")] },
  ],
};
// homebrew-cask radio-silence.rb: launchctl "com.radiosilenceapp.agent", ".nke", ".trial"
export const RADIOSILENCE = client("radiosilence", "Radio Silence", "NL", "firewall", { apps: "Radio Silence", bundles: "com\\.radiosilenceapp\\." });
// homebrew-cask murus.rb: app "Murus.app", launchctl "it.murus.murusfirewallrules"; Vallum is the
// same team's application firewall
export const MURUS = client("murus", "Murus / Vallum firewalls", "IT", "firewall", { apps: "Murus(?: Lite| Pro)?|Vallum", bundles: "it\\.murus\\." });
// homebrew-cask-versions hands-off.rb: app "Hands Off!.app" (Metakine)
export const METAKINE = client("metakine", "Hands Off! (Metakine)", "CA", "firewall", { apps: "Hands Off!", bundles: "com\\.metakine\\.handsoff", product: "Hands Off!" });
// winget-pkgs GlassWire.GlassWire: PackageName "GlassWire", Publisher "SecureMix LLC". Service keys
// here (GlassWire, PortmasterCore, TinyWall) are the vendors' documented names, unverified per version.
export const GLASSWIRE = client("glasswire", "GlassWire (SecureMix)", "US", "firewall", {
  publishers: "^SecureMix\\b|^GlassWire\\b",
  names: "^GlassWire\\b",
  apps: "GlassWire",
  services: "GlassWire",
  product: "GlassWire",
});
export const SAFING = client("safing", "Safing (Portmaster)", "AT", "firewall", {
  publishers: "^Safing\\b",
  names: "^Portmaster\\b",
  services: "PortmasterCore",
  pkgs: "portmaster",
  units: "portmaster",
  product: "Portmaster",
});
export const SIMPLEWALL = client("henrypp", "simplewall (Henry++)", "RU", "firewall", { publishers: "^Henry\\+\\+", names: "^simplewall\\b", product: "simplewall" });
export const TINYWALL = client("tinywall", "TinyWall", "HU", "firewall", { names: "^TinyWall\\b", services: "TinyWall" });
// PeerBlock (an IP-list blocker: a network filter) and ComboFix (an on-demand malware remover,
// other security): tuning-7 (dtgm/chocolatey-packages peerblock and combofix packages' titles)
export const PEERBLOCK = client("peerblock", "PeerBlock", undefined, "firewall", { names: "^PeerBlock\\b", product: "PeerBlock" });
export const COMBOFIX = client("combofix", "ComboFix", undefined, "other-security", { names: "^ComboFix\\b", product: "ComboFix" });

// --- antivirus -----------------------------------------------------------------------------------
// homebrew-cask clamxav.rb: launchctl "uk.co.canimaansoftware.ClamXAV.Engine" and siblings;
// homebrew-cask-versions clamxav.rb (2016): app "ClamXav.app", zap "uk.co.markallan.clamxav"
export const CLAMXAV = client("clamxav", "ClamXAV (Canimaan Software)", "GB", "antivirus", {
  publishers: "^Canimaan\\b",
  names: "^ClamX[Aa][Vv]\\b",
  apps: "ClamX[Aa][Vv]",
  bundles: "uk\\.co\\.canimaansoftware\\.|uk\\.co\\.markallan\\.clamxav",
  product: "ClamXAV",
});

// --- password managers ---------------------------------------------------------------------------
// homebrew-cask-versions locko.rb: app "Locko.app"; safe-in-cloud.rb: app "Safe In Cloud.app"
export const LOCKO = client("locko", "Locko", "SK", "password-manager", { apps: "Locko", bundles: "com\\.binarynights\\.locko|com\\.locko\\." });
export const SAFEINCLOUD = client("safeincloud", "SafeInCloud", "HK", "password-manager", {
  names: "^SafeInCloud\\b|^Safe In Cloud\\b",
  apps: "SafeInCloud|Safe In Cloud",
  bundles: "com\\.safe-in-cloud\\.",
});
export const STRONGBOX = client("strongbox", "Strongbox", "IE", "password-manager", { apps: "Strongbox", bundles: "com\\.markmcguill\\.strongbox" });
export const STICKYPASSWORD = client("stickypassword", "Sticky Password", "US", "password-manager", {
  publishers: "^Lamantine\\b",
  names: "^Sticky Password\\b",
  apps: "Sticky Password",
  bundles: "com\\.stickypassword\\.",
});
export const ZOHOVAULT = client("zohovault", "Zoho Vault", "IN", "password-manager", { names: "^Zoho Vault\\b", apps: "Zoho Vault", bundles: "com\\.zoho\\.vault" });

export const DESKTOP_SECURITY_VENDORS = [
  OBDEV,
  RADIOSILENCE,
  MURUS,
  METAKINE,
  GLASSWIRE,
  SAFING,
  SIMPLEWALL,
  TINYWALL,
  PEERBLOCK,
  COMBOFIX,
  CLAMXAV,
  LOCKO,
  SAFEINCLOUD,
  STRONGBOX,
  STICKYPASSWORD,
  ZOHOVAULT,
];
