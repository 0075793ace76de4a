// Password managers, VPN clients and parental control from vendors outside the antivirus market:
// 1Password, Bitwarden, KeePass/KeePassXC, Nord Security (NordVPN, NordPass), OpenVPN, WireGuard,
// Qustodio. They exercise the `password-manager`, `vpn` and `parental-control` categories; none
// counts as protection.
import type { CatalogVendor } from "../types";
import { anyPkg, app, bundle, driver, named, path, pkg, service, unit } from "./helpers";

export const ONEPASSWORD: CatalogVendor = {
  slug: "1password",
  name: "1Password (AgileBits)",
  country: "CA",
  publishers: ["^AgileBits\\b|^1Password\\b"],
  fallbackProduct: "1password",
  products: [
    {
      slug: "1password",
      name: "1Password",
      category: "password-manager",
      signatures: [
        named("^1Password\\b"),
        ...anyPkg("1password|1password-cli|com\\.onepassword\\.OnePassword"),
        bundle("com\\.1password\\.|com\\.agilebits\\.onepassword", ["macos-app", "macos-receipt", "macos-launchd"]),
        ...path("/opt/1Password"),
      ],
    },
  ],
};

export const BITWARDEN: CatalogVendor = {
  slug: "bitwarden",
  name: "Bitwarden",
  country: "US",
  publishers: ["^Bitwarden\\b|^8bit Solutions"],
  fallbackProduct: "bitwarden",
  products: [
    {
      slug: "bitwarden",
      name: "Bitwarden",
      category: "password-manager",
      signatures: [named("^Bitwarden\\b"), ...anyPkg("bitwarden|com\\.bitwarden\\.desktop"), bundle("com\\.bitwarden\\.", ["macos-app", "macos-receipt"]), ...path("/opt/Bitwarden")],
    },
  ],
};

/** KeePass (Dominik Reichl) and its community fork KeePassXC: one open-source "vendor". */
export const KEEPASS: CatalogVendor = {
  slug: "keepass",
  name: "KeePass / KeePassXC (open source)",
  publishers: ["^Dominik Reichl\\b|^KeePassXC Team"],
  fallbackProduct: "keepass",
  products: [
    {
      slug: "keepass",
      name: "KeePass Password Safe / KeePassXC",
      category: "password-manager",
      signatures: [
        named("^KeePass(?:XC|X)?\\b") /* homebrew-cask-versions keepassx.rb: app "KeePassX.app" */,
        ...anyPkg("keepass2|keepassxc|keepassx|keepass|kpcli|org\\.keepassxc\\.KeePassXC|KeePassXC"),
        bundle("org\\.keepassxc\\.|com\\.keepassx\\.", ["macos-app", "macos-receipt"]),
      ],
    },
  ],
};

export const NORDSECURITY: CatalogVendor = {
  slug: "nordsecurity",
  name: "Nord Security (NordVPN, NordPass)",
  country: "LT",
  publishers: ["^Nord ?Security\\b|^nordvpn s\\.a\\.|^Tefincom\\b|^NordVPN\\b"],
  fallbackProduct: "nordvpn",
  products: [
    {
      slug: "nordpass",
      name: "NordPass",
      category: "password-manager",
      signatures: [named("^NordPass\\b"), ...anyPkg("nordpass"), bundle("com\\.nordsec\\.nordpass|com\\.nordpass\\.", ["macos-app", "macos-receipt"])],
    },
    {
      // Installomator nordlayer.sh: name="NordLayer" (Nord Security's business VPN / ZTNA)
      slug: "nordlayer",
      name: "NordLayer",
      category: "vpn",
      signatures: [named("^NordLayer\\b"), bundle("com\\.nordlayer\\.")],
    },
    {
      slug: "nordvpn",
      name: "NordVPN",
      category: "vpn",
      signatures: [
        named("^NordVPN\\b"),
        service("nordvpn-service|NordVPN Service|nordvpn"),
        // its Windows drivers (tuning-9: a real machine's FRST scan, signed "nordvpn s.a."): the traffic
        // divert driver, the LightWeight Firewall filter and the TAP adapter
        driver("NDivert|nordlwf|tapnordvpn"),
        ...anyPkg("nordvpn|nordvpn-release"),
        ...unit("nordvpnd|nordvpn"),
        bundle("com\\.nordvpn\\.", ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"]),
      ],
    },
  ],
};

export const OPENVPN: CatalogVendor = {
  slug: "openvpn",
  name: "OpenVPN",
  country: "US",
  publishers: ["^OpenVPN\\b"],
  fallbackProduct: "openvpn",
  products: [
    // OpenVPN Connect's uninstaller app, as a munki recipe checks it (autopkg/dataJAR-recipes @b7d5b774ba61 OpenVPN
    // Connect Client: "Uninstall OpenVPN Connect.app"; tuning-16): a utility
    { slug: "openvpn-uninstaller", name: "OpenVPN Connect uninstaller", category: "utility", signatures: [app("Uninstall OpenVPN Connect")] },
    {
      slug: "openvpn",
      name: "OpenVPN / OpenVPN Connect",
      category: "vpn",
      signatures: [
        named("^OpenVPN\\b"),
        service("OpenVPNService|OpenVPNServiceInteractive|OpenVPNServiceLegacy|ovpnconnect|agent_ovpnconnect"),
        driver("tap0901|ovpn-dco|tapoas"),
        // network-manager-openvpn (the NetworkManager plugin) is not listed: it is installed by
        // default on desktop distributions and carries no configuration by itself.
        ...pkg("openvpn|openvpn3|openvpn-connect|openvpn-as|openvpn-systemd-resolved|openvpn-dco-dkms|openvpn-auth-ldap|openvpn-auth-radius"),
        ...unit("openvpn|openvpn@[\\w.-]*|openvpn-client@[\\w.-]*|openvpn-server@[\\w.-]*|openvpnas|openvpn3-[\\w@.-]+"),
        ...path("/etc/openvpn|/usr/local/openvpn_as"),
        bundle("net\\.openvpn\\.|org\\.openvpn\\."),
      ],
    },
  ],
};

export const WIREGUARD: CatalogVendor = {
  slug: "wireguard",
  name: "WireGuard",
  country: "US",
  publishers: ["^WireGuard\\b"],
  fallbackProduct: "wireguard",
  products: [
    {
      slug: "wireguard",
      name: "WireGuard",
      category: "vpn",
      signatures: [
        named("^WireGuard\\b"),
        service("WireGuardManager|WireGuardTunnel\\$[\\w.-]+"),
        driver("wireguard|WireGuard|wintun"), // wintun: WireGuard LLC's layer-3 adapter driver, which other VPN clients bundle too
        ...pkg("wireguard|wireguard-tools|wireguard-dkms|wireguard-go"),
        ...unit("wg-quick@[\\w.-]+|wg-quick"),
        ...path("/etc/wireguard"),
        bundle("com\\.wireguard\\."),
      ],
    },
  ],
};

export const QUSTODIO: CatalogVendor = {
  slug: "qustodio",
  name: "Qustodio",
  country: "US",
  publishers: ["^Qustodio\\b"],
  fallbackProduct: "qustodio",
  products: [
    {
      slug: "qustodio",
      name: "Qustodio Parental Control",
      category: "parental-control",
      signatures: [named("^Qustodio\\b"), service("qengine|QustodioService"), bundle("com\\.qustodio\\.")],
    },
  ],
};
