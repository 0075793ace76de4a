// The consumer VPN market and the enterprise remote-access clients not covered elsewhere, so an
// endpoint's VPN is recognised whichever brand it is. Sources: Homebrew casks (homebrew-cask and
// the homebrew-cask-versions history: `app` names, `uninstall pkgutil:` / `launchctl:` ids, named
// per vendor below), winget-pkgs manifests, the vendors' download and deployment pages. Bundle-id
// prefixes no source names are the vendor's reverse-DNS domain (unverified per product).
import type { CatalogVendor } from "../types";
import { client, named, wsc } from "./helpers";

// --- consumer VPN brands ---------------------------------------------------------------------
// homebrew-cask-versions adguard-vpn-nightly.rb: pkgutil "com.adguard.mac.vpn-pkg", launchctl
// "com.adguard.mac.vpn.tun-helper"; AdGuard's ad blocker (com.adguard.mac.adguard) is not a VPN.
export const ADGUARD = client("adguard", "AdGuard VPN", "CY", "vpn", { names: "^AdGuard ?VPN\\b", apps: "AdGuard ?VPN", bundles: "com\\.adguard\\.(?:mac\\.)?vpn" });
// homebrew-cask-versions astrill.rb: pkgutil "com.Astrill.app"
export const ASTRILL = client("astrill", "Astrill VPN", "SC", "vpn", { publishers: "^Astrill\\b", names: "^Astrill\\b", apps: "Astrill(?: VPN)?", bundles: "com\\.astrill\\." });
// homebrew-cask-versions cyberghost.rb: app "CyberGhost 5.app"; publisher CyberGhost S.R.L. (Kape)
export const CYBERGHOST = client("cyberghost", "CyberGhost VPN", "RO", "vpn", {
  publishers: "^CyberGhost\\b",
  names: "^CyberGhost\\b",
  apps: "CyberGhost(?: VPN| \\d+)?",
  bundles: "com\\.cyberghost",
});
// homebrew-cask ivpn.rb: app "IVPN.app", launchctl "net.ivpn.client.Helper"; homebrew-cask-versions
// ivpn.rb (2016, MacServe): app "iVPN.app", launchctl "com.MacServe.ivpnHelper", "com.macserve.ivpn"
export const IVPN = client("ivpn", "IVPN", "GI", "vpn", { publishers: "^IVPN\\b|^Privatus\\b", names: "^IVPN\\b", apps: "IVPN", bundles: "net\\.ivpn\\.|com\\.macserve\\.(?:ivpn|ppp)" });
export const IPVANISH = client("ipvanish", "IPVanish", "US", "vpn", { publishers: "^IPVanish\\b|^Mudhook\\b", names: "^IPVanish\\b", apps: "IPVanish(?: VPN)?", bundles: "com\\.ipvanish\\." });
// homebrew-cask mullvad-vpn.rb: pkgutil "net.mullvad.vpn", launchctl "net.mullvad.daemon"
export const MULLVAD = client("mullvad", "Mullvad VPN", "SE", "vpn", {
  publishers: "^Mullvad\\b",
  names: "^Mullvad(?! Browser)(?: VPN)?\\b", // not Mullvad Browser (Fleet-maintained apps: net.mullvad.mullvadbrowser), a browser
  apps: "Mullvad(?: VPN)?",
  bundles: "net\\.mullvad\\.(?:vpn|daemon)",
  pkgs: "mullvad-vpn",
  units: "mullvad-daemon",
});
// homebrew-cask private-internet-access.rb: launchctl "com.privateinternetaccess.vpn.daemon"
export const PIA = client("pia", "Private Internet Access", "US", "vpn", {
  publishers: "^Private Internet Access\\b",
  names: "^Private Internet Access\\b",
  apps: "Private Internet Access",
  bundles: "com\\.privateinternetaccess\\.",
  pkgs: "pia|piavpn",
  units: "piavpn",
});
export const PUREVPN = client("purevpn", "PureVPN (GZ Systems)", "HK", "vpn", {
  publishers: "^GZ Systems\\b|^PureVPN\\b",
  names: "^PureVPN\\b",
  apps: "PureVPN",
  bundles: "com\\.purevpn\\.|com\\.gz\\.purevpn",
});
// homebrew-cask-versions strongvpn-client.rb: app "StrongVPN Client.app"
export const STRONGVPN = client("strongvpn", "StrongVPN", "US", "vpn", { publishers: "^StrongVPN\\b", names: "^StrongVPN\\b", apps: "StrongVPN(?: Client)?", bundles: "com\\.strongvpn\\." });
// homebrew-cask-versions vyprvpn.rb: app "VyprVPN.app"; Golden Frog GmbH
export const VYPRVPN = client("vyprvpn", "VyprVPN (Golden Frog)", "CH", "vpn", { publishers: "^Golden Frog\\b", names: "^VyprVPN\\b", apps: "VyprVPN", bundles: "com\\.goldenfrog\\." });
// homebrew-cask windscribe.rb: launchctl "com.windscribe.helper.macos", "com.windscribe.launcher.macos"
export const WINDSCRIBE = client("windscribe", "Windscribe", "CA", "vpn", {
  publishers: "^Windscribe\\b",
  names: "^Windscribe\\b",
  apps: "Windscribe",
  bundles: "com\\.windscribe\\.",
  pkgs: "windscribe(?:-cli)?",
  units: "windscribe-helper",
});
// homebrew-cask surfshark.rb: app "Surfshark.app" (zap: com.surfshark.vpnclient.macos)
export const SURFSHARK = client("surfshark", "Surfshark", "NL", "vpn", { publishers: "^Surfshark\\b", names: "^Surfshark\\b", apps: "Surfshark", bundles: "com\\.surfshark\\." });
// homebrew-cask-versions airvpn.rb: pkgutil "com.airvpn.client"; its client is called Eddie
export const AIRVPN = client("airvpn", "AirVPN (Eddie)", "IT", "vpn", {
  // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): AirVPN.Eddie "Eddie - VPN Tunnel"
  names: "^(?:AirVPN|Eddie - (?:AirVPN|VPN Tunnel))",
  apps: "Eddie|AirVPN",
  bundles: "com\\.airvpn\\.|org\\.airvpn\\.",
  pkgs: "eddie-ui|eddie-cli",
});
// Pango (formerly AnchorFree) publishes Hotspot Shield and, since 2024, the UltraAV antivirus
// (ultraav.com; where Kaspersky moved its US customers in September 2024): the VPN is the fallback.
const PANGO = client("pango", "Pango (Hotspot Shield, UltraAV)", "US", "vpn", {
  publishers: "^(?:Pango|AnchorFree)\\b",
  names: "^Hotspot Shield\\b",
  apps: "Hotspot Shield(?: VPN)?",
  bundles: "com\\.anchorfree\\.|com\\.pango\\.",
  product: "Hotspot Shield",
});
export const HOTSPOTSHIELD: CatalogVendor = {
  ...PANGO,
  products: [{ slug: "pango-ultraav", name: "UltraAV", category: "antivirus", signatures: [named("^UltraAV\\b"), wsc("^UltraAV\\b")] }, ...PANGO.products],
};
export const HIDEME = client("hideme", "hide.me VPN (eVenture)", "MY", "vpn", { publishers: "^eVenture\\b", names: "^hide\\.me\\b", apps: "hide\\.me(?: VPN)?", bundles: "me\\.hide\\." });
// winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): VPNetwork.TorGuard "VPNetwork LLC - TorGuard - Online Privacy Protection Services"
export const TORGUARD = client("torguard", "TorGuard", "US", "vpn", {
  publishers: "^VPNetworks?\\b|^TorGuard\\b",
  names: "^(?:VPNetwork LLC - )?TorGuard\\b",
  apps: "TorGuard",
  bundles: "net\\.torguard\\.",
});
// homebrew-cask-versions anonvpn.rb: app "AnonVPN.app"; easyvpn.rb / easy-vpn.rb: app "EasyVPN.app"
export const ANONVPN = client("anonvpn", "AnonVPN", undefined, "vpn", { names: "^AnonVPN\\b", apps: "AnonVPN" });
export const EASYVPN = client("easyvpn", "EasyVPN", undefined, "vpn", { names: "^EasyVPN\\b", apps: "EasyVPN|Easy VPN" });
// LogMeIn Hamachi only: LogMeIn's remote-access software is ordinary software, so no fallback.
// homebrew-cask-versions logmein-hamachi.rb: installer "LogMeInHamachiInstaller.app"
export const LOGMEIN = client("logmein", "LogMeIn Hamachi (GoTo)", "US", "vpn", {
  names: "^(?:LogMeIn )?Hamachi\\b",
  apps: "LogMeIn Hamachi",
  bundles: "com\\.logmein\\.hamachi",
  services: "Hamachi2Svc",
  product: "LogMeIn Hamachi",
});

// --- enterprise remote access ----------------------------------------------------------------
export const IVANTI = client("ivanti", "Ivanti (Pulse Secure)", "US", "vpn", {
  publishers: "^(?:Ivanti|Pulse Secure)\\b",
  names: "^(?:Pulse Secure|Ivanti Secure Access)\\b",
  apps: "Pulse Secure|Ivanti Secure Access",
  bundles: "net\\.pulsesecure\\.|com\\.ivanti\\.",
  // the Linux client's package: public setup scripts (dnf install pulsesecure; "Download and install
  // pulsesecure .deb package"; the indexes holding them do not record their repositories)
  pkgs: "pulsesecure",
  product: "Ivanti Secure Access Client (Pulse Secure)",
});
export const SONICWALL = client("sonicwall", "SonicWall", "US", "vpn", {
  publishers: "^SonicWall\\b|^SonicWALL\\b",
  // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): SonicWall.ConnectTunnel "Connect Tunnel" (SMA remote access; the bare name is generic, so with the SonicWall prefix or publisher)
  names: "^(?:SonicWall )?(?:NetExtender|Global VPN Client|Mobile Connect)\\b|^SonicWall Connect Tunnel\\b",
  apps: "SonicWall Mobile Connect|NetExtender",
  bundles: "com\\.sonicwall\\.",
  product: "SonicWall NetExtender / Global VPN Client",
});
export const F5 = client("f5", "F5 (BIG-IP Edge Client)", "US", "vpn", {
  names: "^BIG-IP Edge Client\\b|^F5 Access\\b",
  apps: "BIG-IP Edge Client|F5 Access",
  bundles: "com\\.f5\\.",
  product: "BIG-IP Edge Client",
});
export const THEGREENBOW = client("thegreenbow", "TheGreenBow", "FR", "vpn", { publishers: "^TheGreenBow\\b", names: "^TheGreenBow (?:VPN|Secure)", product: "TheGreenBow VPN Client" });
export const SHREWSOFT = client("shrewsoft", "Shrew Soft VPN Client", "US", "vpn", { publishers: "^Shrew Soft\\b", names: "^Shrew Soft VPN Client" });
export const BARRACUDA = client("barracuda", "Barracuda Networks", "US", "vpn", {
  publishers: "^Barracuda Networks\\b",
  // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): Barracuda.SecureEdgeAgent "Barracuda SecureEdge Agent"
  names: "^Barracuda (?:VPN Client|Network Access Client|SecureEdge (?:Access|Agent))",
  apps: "Barracuda VPN Client|Barracuda SecureEdge Access Agent",
  product: "Barracuda VPN / SecureEdge Access client",
});

export const VPN_MARKET_VENDORS = [
  ADGUARD,
  ASTRILL,
  CYBERGHOST,
  IVPN,
  IPVANISH,
  MULLVAD,
  PIA,
  PUREVPN,
  STRONGVPN,
  VYPRVPN,
  WINDSCRIBE,
  SURFSHARK,
  AIRVPN,
  HOTSPOTSHIELD,
  HIDEME,
  TORGUARD,
  ANONVPN,
  EASYVPN,
  LOGMEIN,
  IVANTI,
  SONICWALL,
  F5,
  THEGREENBOW,
  SHREWSOFT,
  BARRACUDA,
];
