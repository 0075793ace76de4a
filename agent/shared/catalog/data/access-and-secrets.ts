// VPN and zero-trust access clients, and password managers, beyond the vendors in network.ts and
// privacy.ts. Sources: Installomator labels (fragments/labels/<label>.sh: the app `name=` and
// `packageID=`), winget-pkgs manifests, the Debian 12 package index, the vendors' download pages.
// macOS app names are matched whole (^...$): an app's CFBundleName is exact, and partial names would
// catch unrelated apps. Bundle-id prefixes that no source names are the vendor's reverse-DNS
// domain (unverified per product).
import type { CatalogVendor } from "../types";
import { app, bundle, client, named, pkg } from "./helpers";

// --- VPN and zero-trust access ---------------------------------------------------------------
// The receipt of ExpressVPN's installer package: com.pkg.express.vpn (autopkg/dataJAR-recipes @b7d5b774ba61
// ExpressVPN.pkg.recipe; tuning-16)
export const EXPRESSVPN = client("expressvpn", "ExpressVPN", "VG", "vpn", {
  publishers: "^Express ?VPN\\b",
  names: "^ExpressVPN\\b",
  apps: "ExpressVPN",
  bundles: "com\\.expressvpn\\.|com\\.pkg\\.express\\.vpn$",
});
export const PROTON: CatalogVendor = {
  slug: "proton",
  name: "Proton",
  country: "CH",
  publishers: ["^Proton (?:AG|Technologies)\\b"],
  products: [
    // Linux: the app's package proton-vpn-gnome-desktop, installed from Proton's repository (public setup
    // scripts: apt install proton-vpn-gnome-desktop, dnf install proton-vpn-gnome-desktop; the indexes
    // holding them do not record their repositories)
    {
      slug: "proton-vpn",
      name: "Proton VPN",
      category: "vpn",
      signatures: [named("^Proton ?VPN\\b"), app("ProtonVPN|Proton VPN"), bundle("ch\\.protonvpn\\.|ch\\.protonmail\\.vpn"), ...pkg("proton-vpn-gnome-desktop")],
    },
    { slug: "proton-pass", name: "Proton Pass", category: "password-manager", signatures: [named("^Proton Pass\\b"), app("Proton Pass"), bundle("me\\.proton\\.pass")] },
  ],
};
export const TAILSCALE = client("tailscale", "Tailscale", "CA", "vpn", {
  publishers: "^Tailscale\\b",
  names: "^Tailscale\\b",
  apps: "Tailscale",
  bundles: "io\\.tailscale\\.|com\\.tailscale\\.",
  pkgs: "tailscale",
  units: "tailscaled",
});
export const ZEROTIER = client("zerotier", "ZeroTier", "US", "vpn", {
  publishers: "^ZeroTier\\b",
  names: "^ZeroTier\\b",
  apps: "ZeroTier(?: One)?",
  bundles: "com\\.zerotier\\.",
  pkgs: "zerotier-one",
  units: "zerotier-one",
});
export const TWINGATE = client("twingate", "Twingate", "US", "vpn", { publishers: "^Twingate\\b", names: "^Twingate\\b", apps: "Twingate", bundles: "com\\.twingate\\." });
export const CLOUDFLARE = client("cloudflare", "Cloudflare", "US", "vpn", {
  publishers: "^Cloudflare\\b",
  // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): Cloudflare.Warp is now "Cloudflare One Client"
  names: "^Cloudflare (?:WARP|One (?:Agent|Client))",
  // Installomator cloudflarewarp.sh: name="Cloudflare_WARP", packageID="com.cloudflare.1dot1dot1dot1.macos"
  apps: "Cloudflare[ _]WARP",
  bundles: "com\\.cloudflare\\.1dot1dot1dot1",
  pkgs: "cloudflare-warp",
  product: "Cloudflare WARP / One Agent",
});
export const CATO = client("cato", "Cato Networks", "IL", "vpn", { publishers: "^Cato Networks\\b", names: "^Cato ?Client\\b", apps: "CatoClient|Cato Client" });
export const AVIATRIX = client("aviatrix", "Aviatrix", "US", "vpn", { publishers: "^Aviatrix\\b", names: "^Aviatrix VPN Client", apps: "Aviatrix VPN Client" });
export const AWSVPN = client("aws-vpn", "AWS Client VPN (Amazon)", "US", "vpn", { names: "^AWS VPN Client", apps: "AWS VPN Client", pkgs: "awsvpnclient" });
// winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): LANCOM.TrustedAccessClient "LANCOM Trusted Access Client" (its zero-trust client)
export const LANCOM = client("lancom", "LANCOM Systems", "DE", "vpn", {
  publishers: "^LANCOM Systems\\b",
  names: "^LANCOM (?:Advanced VPN|Trusted Access) Client",
  apps: "LANCOM (?:Advanced VPN|Trusted Access) Client",
});
export const NCP = client("ncp", "NCP engineering", "DE", "vpn", { publishers: "^NCP engineering\\b", names: "^NCP Secure (?:Entry|Enterprise) (?:Client|VPN)" });
// Bundle namespace com.vpntracker. (VPN Tracker 365's managed-preference domain com.vpntracker.365mac-config,
// ProfileManifests @e4b340f9a83f; batch 10's tuning half).
export const EQUINUX = client("equinux", "equinux (VPN Tracker)", "DE", "vpn", {
  publishers: "^equinux\\b",
  names: "^VPN Tracker",
  apps: "VPN Tracker(?: 365)?",
  bundles: "com\\.vpntracker\\.",
});
// Viscosity's package id as a repackaging recipe builds it: com.viscosity (autopkg/smithjw-recipes @ed32255111e9
// Viscosity; tuning-16)
export const SPARKLABS = client("sparklabs", "SparkLabs (Viscosity)", "AU", "vpn", {
  publishers: "^SparkLabs\\b",
  names: "^Viscosity\\b",
  apps: "Viscosity",
  bundles: "com\\.sparklabs\\.|com\\.viscosity$",
});
export const TUNNELBLICK = client("tunnelblick", "Tunnelblick", "US", "vpn", { apps: "Tunnelblick", bundles: "net\\.tunnelblick\\." });
export const TUNNELBEAR = client("tunnelbear", "TunnelBear", "CA", "vpn", { publishers: "^TunnelBear\\b", names: "^TunnelBear\\b", apps: "TunnelBear", bundles: "com\\.tunnelbear\\." });
export const PRITUNL = client("pritunl", "Pritunl", "US", "vpn", {
  publishers: "^Pritunl\\b",
  names: "^Pritunl\\b",
  apps: "Pritunl",
  bundles: "com\\.pritunl\\.",
  pkgs: "pritunl-client(?:-electron)?",
});
export const HMA = client("hma", "HMA (Privax)", "GB", "vpn", { publishers: "^Privax\\b", names: "^HMA[! ]?(?:Pro )?VPN\\b|^HMA VPN", apps: "HMA[- ]VPN|HMA! Pro VPN", bundles: "com\\.privax\\." });

// --- password managers -------------------------------------------------------------------------
export const LASTPASS = client("lastpass", "LastPass", "US", "password-manager", {
  publishers: "^LastPass\\b|^LogMeIn\\b.*LastPass",
  names: "^LastPass\\b",
  apps: "LastPass",
  bundles: "com\\.lastpass\\.",
});
export const KEEPER = client("keeper", "Keeper Security", "US", "password-manager", {
  publishers: "^Keeper Security\\b",
  names: "^Keeper (?:Password Manager|Desktop|Commander)",
  apps: "Keeper Password Manager",
  bundles: "com\\.keepersecurity\\.|com\\.callpod\\.keepermac",
});
// Keeper Forcefield (winget-pkgs index: KeeperSecurity.KeeperForcefield), Keeper's endpoint protection
// against memory-scraping of secrets: other security, matched before the password manager
KEEPER.products.unshift({ slug: "keeper-forcefield", name: "Keeper Forcefield", category: "other-security", signatures: [named("^Keeper Forcefield\\b")] });
export const ENPASS = client("enpass", "Enpass (Sinew Software)", "IN", "password-manager", {
  publishers: "^Sinew Software\\b|^Enpass\\b",
  names: "^Enpass\\b",
  apps: "Enpass",
  bundles: "in\\.sinew\\.enpass",
  pkgs: "enpass",
});
export const DASHLANE = client("dashlane", "Dashlane", "US", "password-manager", { publishers: "^Dashlane\\b", names: "^Dashlane\\b", apps: "Dashlane", bundles: "com\\.dashlane\\." });
export const JUMPCLOUD = client("jumpcloud", "JumpCloud", "US", "password-manager", {
  names: "^JumpCloud Password Manager",
  apps: "JumpCloud Password Manager",
  product: "JumpCloud Password Manager",
});
// homebrew-cask-versions encryptr.rb: app "Encryptr.app" (SpiderOak's zero-knowledge password manager;
// SpiderOak's backup app is ordinary software, so no publisher fallback)
export const SPIDEROAK = client("spideroak", "SpiderOak (Encryptr)", "US", "password-manager", { names: "^Encryptr\\b", apps: "Encryptr", product: "Encryptr" });
export const ROBOFORM = client("roboform", "RoboForm (Siber Systems)", "US", "password-manager", {
  publishers: "^Siber Systems\\b",
  names: "^RoboForm\\b",
  apps: "RoboForm",
  bundles: "com\\.SiberSystems\\.RoboForm",
}); // Fleet-maintained apps: com.SiberSystems.RoboForm
// Siber Systems also publishes GoodSync (file sync, ordinary software): the publisher fallback must not
// take it (tuning-7: Chocolatey's GoodSync package, authors "Siber Systems Inc")
ROBOFORM.exclude = [named("^GoodSync\\b"), app("GoodSync")];
// Fleet-maintained apps (fleetdm/fleet ee/maintained-apps/outputs/apps.json): "Swifty" (com.electron.swifty,
// an offline password manager) and "KeeWeb" (net.antelle.keeweb, a KeePass-compatible password manager)
export const SWIFTY = client("swifty", "Swifty", undefined, "password-manager", { apps: "Swifty", bundles: "com\\.electron\\.swifty" });
export const KEEWEB = client("keeweb", "KeeWeb", undefined, "password-manager", { names: "^KeeWeb\\b", apps: "KeeWeb", bundles: "net\\.antelle\\.keeweb" });

// Vendors of AutoPkg recipes' security apps (tuning-16), each by its app name only (the recipes give no publisher):
// IPSecuritas, Lobotomo Software's IPsec VPN client (autopkg/ahousseini-recipes @76807d246777 IPSecuritas:
// "IPSecuritas.app"); PasswordWallet, Selznick Scientific Software's password manager (autopkg/homebysix-recipes
// @690cbdf0e931 Selznick/PasswordWallet: "PasswordWallet.app", com.selznick.PasswordWallet); TinyShield,
// Proxyman's network firewall (homebysix-recipes TinyShield: "Tiny Shield.app", com.proxyman.ProxymanGuard; not
// Proxyman's debugging proxy, which is ordinary software)
export const LOBOTOMO = client("lobotomo", "Lobotomo Software (IPSecuritas)", undefined, "vpn", { apps: "IPSecuritas" });
export const SELZNICK = client("selznick", "Selznick Scientific Software (PasswordWallet)", undefined, "password-manager", {
  apps: "PasswordWallet",
  bundles: "com\\.selznick\\.PasswordWallet",
});
export const PROXYMAN = client("proxyman", "Proxyman (TinyShield)", undefined, "firewall", { apps: "Tiny ?Shield", bundles: "com\\.proxyman\\.ProxymanGuard" });

export const ACCESS_AND_SECRETS_VENDORS = [
  LOBOTOMO,
  SELZNICK,
  PROXYMAN,
  EXPRESSVPN,
  PROTON,
  TAILSCALE,
  ZEROTIER,
  TWINGATE,
  CLOUDFLARE,
  CATO,
  AVIATRIX,
  AWSVPN,
  LANCOM,
  NCP,
  EQUINUX,
  SPARKLABS,
  TUNNELBLICK,
  TUNNELBEAR,
  PRITUNL,
  HMA,
  LASTPASS,
  KEEPER,
  ENPASS,
  DASHLANE,
  JUMPCLOUD,
  SPIDEROAK,
  ROBOFORM,
  SWIFTY,
  KEEWEB,
];
