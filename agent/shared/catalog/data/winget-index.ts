// Security clients the winget catalogue carries that the catalog did not know: a systematic pass
// over every package of the winget-pkgs index (svrooij/winget-pkgs-index index.v2.json
// @7ac59ed78fcb, 14,585 packages: PackageId, Name, Tags) whose tags or name say antivirus,
// anti-malware, firewall, VPN, zero trust, password manager or HIPS. Each package's Name is what
// winget matches against the Uninstall DisplayName. Left out by the corpus's rules: proxies and
// censorship-circumvention tools (Clash, v2ray, sing-box and their front-ends), ad blockers,
// password generators and recovery (cracking) tools, secrets managers for developers, tunnels for
// exposing services (cloudflared, devtunnel), encrypted USB drives' tools, and one-person projects
// with no installed base (Sera Antivirus, sFirewall, Nostr VPN). Where a product has a Mac app the
// same name is matched as the app's name; no bundle id is given where no source names it.
import type { CatalogVendor } from "../types";
import { client, named } from "./helpers";

// --- VPN and zero-trust clients --------------------------------------------------------------
// AmneziaVPN.AmneziaVPN "AmneziaVPN"
export const AMNEZIA = client("amnezia", "AmneziaVPN", undefined, "vpn", { names: "^Amnezia ?VPN\\b", apps: "Amnezia ?VPN" });
// CyberHive.Connect "CyberHive Connect"
export const CYBERHIVE = client("cyberhive", "CyberHive Connect", "GB", "vpn", { names: "^CyberHive Connect\\b", apps: "CyberHive Connect" });
// DefGuard.Defguard "Defguard" (WireGuard client with MFA)
export const DEFGUARD = client("defguard", "Defguard", "PL", "vpn", { names: "^Defguard(?: Client)?$", apps: "Defguard(?: Client)?" });
// DefinedNet.DNClient.Desktop / .Server "DNClient Desktop", "DNClient Server" (Defined Networking's
// managed Nebula mesh)
export const DEFINEDNET = client("definednet", "Defined Networking (Managed Nebula)", "US", "vpn", { publishers: "^Defined Networking\\b", names: "^DNClient\\b", apps: "DNClient(?: Desktop)?" });
// DrayTek.SmartVPN "DrayTek Smart VPN Client"
export const DRAYTEK = client("draytek", "DrayTek Smart VPN Client", "TW", "vpn", { names: "^DrayTek Smart VPN Client\\b|^Smart VPN Client$" });
// eduVPN.Client and SURF.eduVPNClient "eduVPN Client"; SURF.LetsConnectClient and LetsConnect.Client
// "Let's Connect! Client" (SURF's white-label build)
export const SURF = client("surf", "eduVPN / Let's Connect! (SURF)", "NL", "vpn", { publishers: "^SURF\\b|^eduVPN\\b", names: "^eduVPN\\b|^Let's Connect!", apps: "eduVPN|Let's Connect!" });
// Famatech.RadminVPN "Radmin VPN" (Radmin itself, remote administration, is not a VPN)
export const FAMATECH = client("famatech", "Radmin VPN (Famatech)", undefined, "vpn", { names: "^Radmin VPN\\b" });
// Firezone.Client.GUI "Firezone", Firezone.Client.Headless "Firezone Headless Client"
// Bundle namespace dev.firezone. (the Mac client's dev.firezone.firezone, ProfileManifests @e4b340f9a83f; batch 10's
// tuning half).
export const FIREZONE = client("firezone", "Firezone", "US", "vpn", { publishers: "^Firezone\\b", names: "^Firezone\\b", apps: "Firezone", bundles: "dev\\.firezone\\." });
// Geph.Geph "Geph"
export const GEPH = client("geph", "Geph", undefined, "vpn", { names: "^Geph(?:\\s*\\d|$)", apps: "Geph" });
// GoodAccess.GoodAccess "GoodAccess"
export const GOODACCESS = client("goodaccess", "GoodAccess", "CZ", "vpn", { publishers: "^GoodAccess\\b", names: "^GoodAccess\\b", apps: "GoodAccess" });
// Google.VPNByGoogleOne "VPN by Google One" (Google's other software is not security software: no publisher)
export const GOOGLE = client("google", "Google (VPN by Google One)", "US", "vpn", { names: "^VPN by Google(?: One)?\\b", product: "VPN by Google One" });
// KeepSolid.VPNUnlimited "VPN Unlimited" (KeepSolid's other apps are not security software: no publisher)
export const KEEPSOLID = client("keepsolid", "KeepSolid VPN Unlimited", "US", "vpn", { names: "^(?:KeepSolid )?VPN Unlimited\\b", apps: "VPN Unlimited" });
// Mozilla.VPN "Mozilla VPN"
// the Mac package's receipt and app id (Homebrew/homebrew-cask Casks/m/mozilla-vpn.rb: pkgutil
// "org.mozilla.macos.FirefoxVPN")
export const MOZILLA = client("mozilla", "Mozilla VPN", "US", "vpn", { names: "^Mozilla VPN\\b", apps: "Mozilla VPN", bundles: "org\\.mozilla\\.macos\\.FirefoxVPN\\b", product: "Mozilla VPN" });
// MysteriumNetwork.Mysterium "MysteriumVPN"
export const MYSTERIUM = client("mysterium", "Mysterium VPN", "CH", "vpn", { names: "^Mysterium ?VPN\\b", apps: "Mysterium ?VPN" });
// Netbird.Netbird "Netbird" (WireGuard mesh)
export const NETBIRD = client("netbird", "NetBird", "DE", "vpn", { publishers: "^NetBird\\b|^Wiretrustee\\b", names: "^NetBird\\b", apps: "NetBird(?: UI)?" });
// Netmaker.Netmaker "Netmaker" (WireGuard mesh; its client is netclient)
export const NETMAKER = client("netmaker", "Netmaker", "US", "vpn", { names: "^Netmaker\\b|^Netclient\\b" });
// NTKERNEL.WireSockVPNClient "WireSock Secure Connect", .WireSockVPNGateway "WireSock VPN Gateway"
export const NTKERNEL = client("ntkernel", "WireSock (NT KERNEL)", undefined, "vpn", { names: "^WireSock\\b" });
// NymTech.NymVPNClient "NymVPN"
export const NYM = client("nym", "NymVPN (Nym Technologies)", "CH", "vpn", { names: "^Nym ?VPN\\b", apps: "Nym ?VPN" });
// Omnissa.WorkspaceONE.Tunnel "Workspace ONE Tunnel" (VMware's end-user computing, Omnissa since 2024)
export const OMNISSA = client("omnissa", "Omnissa (Workspace ONE Tunnel)", "US", "vpn", {
  names: "^(?:VMware |Omnissa )?Workspace ONE Tunnel\\b",
  apps: "(?:VMware |Omnissa )?Workspace ONE Tunnel",
  product: "Workspace ONE Tunnel",
});
// PrivadoNetworksAG.PrivadoVPN "PrivadoVPN"
export const PRIVADO = client("privado", "PrivadoVPN (Privado Networks)", "CH", "vpn", { publishers: "^Privado Networks\\b", names: "^Privado ?VPN\\b", apps: "Privado ?VPN" });
// QNAP.QVPNClient "QNAP QVPN Client"
export const QNAP = client("qnap", "QNAP QVPN Client", "TW", "vpn", { names: "^(?:QNAP )?QVPN(?: Client)?\\b", apps: "QVPN(?: Client)?" });
// SecurepointGmbH.SecurepointSSLVPN "Securepoint SSL VPN"
export const SECUREPOINT = client("securepoint", "Securepoint", "DE", "vpn", { names: "^Securepoint SSL VPN\\b", product: "Securepoint SSL VPN" });
// XplicitTrust.Agent "XplicitTrust Network Access"
export const XPLICITTRUST = client("xplicittrust", "XplicitTrust Network Access", "DE", "vpn", { publishers: "^XplicitTrust\\b", names: "^XplicitTrust\\b" });
// iTop.iTopVPN "iTop VPN", iTop.DualSafePasswordManager "DualSafe Password Manager" (iTop's other
// software, screen recorders and PDF tools, is not security software: no publisher)
export const ITOP: CatalogVendor = {
  slug: "itop",
  name: "iTop Inc.",
  publishers: [],
  products: [
    { slug: "itop-vpn", name: "iTop VPN", category: "vpn", signatures: [named("^iTop VPN\\b")] },
    { slug: "itop-dualsafe", name: "DualSafe Password Manager", category: "password-manager", signatures: [named("^DualSafe Password Manager\\b")] },
  ],
};

// --- password managers -----------------------------------------------------------------------
// AceBIT.PasswordDepot.18/.19 (and Corporate Edition), PasswordDepotEnterpriseServer "Password Depot ..."
// Mac app name without the space: "PasswordDepot.app" (autopkg/rtrouton-recipes @17161a366c55 PasswordDepot; tuning-16)
export const ACEBIT = client("acebit", "Password Depot (AceBIT)", "DE", "password-manager", { names: "^Password Depot\\b", apps: "Password ?Depot", product: "Password Depot" });
// Authpass.Authpass "AuthPass" (KeePass-compatible)
export const AUTHPASS = client("authpass", "AuthPass", "AT", "password-manager", { names: "^AuthPass\\b", apps: "AuthPass" });
// ArtemChepurnyi.Keyguard "Keyguard" (Bitwarden client)
export const KEYGUARD = client("keyguard", "Keyguard", undefined, "password-manager", { names: "^Keyguard$", apps: "Keyguard" });
// RabbitCompany.Passky "Passky"
export const PASSKY = client("passky", "Passky (Rabbit Company)", "SI", "password-manager", { names: "^Passky\\b", apps: "Passky" });
// Devolutions.Workspace "Devolutions Password Manager" (formerly Devolutions Workspace; Devolutions'
// Remote Desktop Manager and Gateway are remote-access tools: no publisher)
export const DEVOLUTIONS = client("devolutions", "Devolutions Password Manager", "CA", "password-manager", {
  names: "^Devolutions (?:Password Manager|Workspace)\\b",
  apps: "Devolutions (?:Password Manager|Workspace)",
});

// --- firewalls, HIPS and allow-listing ---------------------------------------------------------
// NodirTemirkhodjaev.FortFirewall "Fort Firewall"
export const FORTFIREWALL = client("fortfirewall", "Fort Firewall", undefined, "firewall", { names: "^Fort ?Firewall\\b" });
// Deminimis.MinimalFirewall "Minimal Firewall"
export const MINIMALFIREWALL = client("minimalfirewall", "Minimal Firewall", undefined, "firewall", { names: "^Minimal Firewall\\b" });
// POQDavid.PotatoWall "PotatoWall"
export const POTATOWALL = client("potatowall", "PotatoWall", undefined, "firewall", { names: "^PotatoWall\\b" });
// VoodooSoft.VoodooShield "VoodooShield" (anti-executable lockdown with an antivirus engine; tagged
// antivirus); VoodooSoft's DefenderUI only configures Microsoft Defender
export const VOODOOSOFT = client("voodoosoft", "VoodooShield (VoodooSoft)", "US", "antivirus", { names: "^VoodooShield\\b", product: "VoodooShield" });
// TRUSTSING.iDefender.EN "iDefender" (a host intrusion prevention system, tagged hips)
// its Chinese name "冰盾主动防御系统" (svrooij/winget-pkgs-index @7ac59ed78f index.v2.csv: TRUSTSING.iDefender), after batch 9
export const TRUSTSING = client("trustsing", "iDefender (TRUSTSING)", "CN", "other-security", { names: "^iDefender\\b|^冰盾", product: "iDefender HIPS" });

export const WINGET_INDEX_VENDORS: CatalogVendor[] = [
  AMNEZIA,
  CYBERHIVE,
  DEFGUARD,
  DEFINEDNET,
  DRAYTEK,
  SURF,
  FAMATECH,
  FIREZONE,
  GEPH,
  GOODACCESS,
  GOOGLE,
  KEEPSOLID,
  MOZILLA,
  MYSTERIUM,
  NETBIRD,
  NETMAKER,
  NTKERNEL,
  NYM,
  OMNISSA,
  PRIVADO,
  QNAP,
  SECUREPOINT,
  XPLICITTRUST,
  ITOP,
  ACEBIT,
  AUTHPASS,
  KEYGUARD,
  PASSKY,
  DEVOLUTIONS,
  FORTFIREWALL,
  MINIMALFIREWALL,
  POTATOWALL,
  VOODOOSOFT,
  TRUSTSING,
];
