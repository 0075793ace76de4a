// Gen Digital: one company (one vendor, slug "gendigital") selling the Norton, Avast, AVG, Avira
// and CCleaner brands. Brands are products, so a policy can target the company while reports
// still name the brand. Publishers seen: "NortonLifeLock Inc", "Gen Digital Inc.", "Avast
// Software", "AVG Technologies", "Avira Operations GmbH"; older Norton used "Symantec
// Corporation" (matched by product name, never by that publisher).
//
// `exclude`: browsers, cleaners, tune-up and driver-update utilities (Avast/AVG Secure Browser,
// Avast Cleanup, AVG TuneUp, CCleaner, Norton Utilities, Avira System Speedup ...) are not
// protection and are never classified. Anything else from these publishers falls back to
// `gendigital-other` (other-security, never counted as protection). CCleaner's publisher
// (Piriform) is not a Gen Digital publisher here: it ships no security software.
import type { CatalogVendor } from "../types";
import { bundle, driver, named, pkg, service, wsc } from "./helpers";

const BRAND = "Norton|Avast|AVG|Avira";
const ASW = "SP|ArPot|Mon[Ff]lt|Snx|Elam|Rdr|Rvrt|Stm|Vmm|Kbd|NetHub|bidsdriver|bidsh|blog|buniv|HdsKe|HwBid|Rdr2|Hypervisor|Vmm";

export const GENDIGITAL: CatalogVendor = {
  slug: "gendigital",
  name: "Gen Digital (Norton, Avast, AVG, Avira)",
  country: "US",
  publishers: ["^(?:NortonLifeLock|Gen Digital|Norton|Avast|AVAST Software|AVG Technologies|Avira)\\b"],
  fallbackProduct: "gendigital-other",
  exclude: [
    named(
      `^(?:${BRAND})\\b.*(?:Browser|Cleanup|Clean ?Up|TuneUp|Tune ?Up|Driver Updater|Utilities|System Speedup|Speedup|Optimi[sz]er|Battery Saver|PC Cleaner|Registry|Game Booster|Defrag|Software Updater|Photo|PDF|Update Helper)`,
    ),
    named("^CCleaner|^Piriform|^Recuva|^Defraggler|^Speccy"),
    { source: ["macos-app", "macos-receipt"], identifier: "^com\\.(?:avast|avg|avira|norton)\\.(?:browser|cleanup|cleaner|tuneup)|^com\\.piriform\\." },
    service("AvastSecureBrowserElevationService|AVGSecureBrowserElevationService|AvastCleanupService|AVGTuneUp|CCleanerPerformanceOptimizerService|AviraOptimizerHost"),
  ],
  products: [
    {
      slug: "norton-secure-vpn",
      name: "Norton Secure VPN",
      category: "vpn",
      signatures: [named("^Norton (?:Secure )?VPN\\b|^Norton WiFi Privacy")],
    },
    {
      slug: "norton-password-manager",
      name: "Norton Password Manager",
      category: "password-manager",
      signatures: [named("^Norton (?:Password Manager|Identity Safe)")],
    },
    {
      slug: "norton-family",
      name: "Norton Family",
      category: "parental-control",
      signatures: [named("^Norton (?:Online )?Family|^Norton Parental Control")],
    },
    {
      slug: "norton-360",
      name: "Norton 360 / Norton Security / Norton AntiVirus",
      category: "antivirus",
      signatures: [
        named("^(?:Symantec |NortonLifeLock |Gen Digital )?Norton (?:360|Security|AntiVirus|Antivirus|Internet Security|Small Business|Deluxe|Premium|Standard|WSC Service)"), // "Symantec Norton Security": Norton after the name of its owner at the time (tuning-12)
        // in Japanese (Norton's Japanese product manuals: "ノートン™ インターネット セキュリティ", "ノートン 360",
        // "ノートン アルティメット"); ノートン ユーティリティ (a tune-up tool) is not protection
        named("^ノートン(?:™)? ?(?:360|セキュリティ|アンチウイルス|インターネット ?セキュリティ|アルティメット|AntiVirus)"),
        wsc("^Norton"),
        service("NortonSecurity|nsWscSvc|NortonFirewall"),
        bundle("com\\.symantec\\.(?:nortonsecurity|norton|nis|nav)|com\\.norton\\.|com\\.nortonlifelock\\."),
      ],
      removal: [
        {
          platform: "windows",
          steps: ["Programs and Features > Norton 360 (or Norton Security) > Uninstall; Norton Remove and Reinstall tool (choose 'Advanced options > Remove only') if it fails."],
        },
      ],
    },
    {
      slug: "avast-secureline-vpn",
      name: "Avast SecureLine VPN",
      category: "vpn",
      signatures: [named("^Avast!? SecureLine|^Avast VPN"), bundle("com\\.avast\\.secureline", ["macos-app", "macos-receipt"])],
    },
    {
      slug: "avast-antivirus",
      name: "Avast Antivirus (Free, Premium Security, One, Business)",
      category: "antivirus",
      signatures: [
        named("^Avast!? (?:Free Antivirus|Premium Security|Pro Antivirus|Internet Security|Ultimate|One|Business|Endpoint Protection|Antivirus|Security|Mac Security|Premier)"), // "avast! Free Antivirus 7": the brand as Avast wrote it until 2015 (tuning-12)
        wsc("^Avast"),
        // "avast! Tools" runs aswToolsSvc.exe from the Avast Antivirus folder and is installed with it
        // (Antivirus-Artifacts "Registry Data/Avast/HKLM.txt"), whether or not Cleanup is.
        service("avast! Antivirus|avast! Tools|AvastWscReporter|aswbIDSAgent|avast! Firewall|AvastSvc"),
        service("aswBcc|Avast Business Console Client Antivirus Service"), // SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288
        driver(`asw(?:${ASW})`),
        ...pkg("avast|avast-fss"), // Avast for Linux packages (unverified)
        bundle("com\\.avast\\.(?:AAFM|hub|pkg\\.hub|av|antivirus|proxy|daemon|helper|fileshield|mail|webshield|securityextension)"),
      ],
      removal: [
        { platform: "windows", steps: ["Programs and Features > Avast Antivirus > Uninstall (confirm the self-defense prompt); avastclear.exe (Avast Uninstall Utility, Safe Mode) if it fails."] },
      ],
    },
    {
      slug: "avg-secure-vpn",
      name: "AVG Secure VPN",
      category: "vpn",
      signatures: [named("^AVG (?:Secure )?VPN")],
    },
    {
      slug: "avg-antivirus",
      name: "AVG AntiVirus / Internet Security",
      category: "antivirus",
      signatures: [
        named("^AVG (?:AntiVirus|Antivirus|Internet Security|Ultimate|Business|Protection|File Server|Email Server|Zen)"),
        wsc("^AVG"),
        service("AVG Antivirus|AVGWscReporter|avgbIDSAgent|AVG Firewall|AVGSvc"),
        service("avgAdminClient|AvgAdminServer"), // AVG business edition's agent and admin server (SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288)
        // AVG Business Security's cloud-console client services (Avast Business' aswBcc counterpart): an RMM antivirus-detection script ("Security-DetectInstalledAntivirus.ps1" v3.0 of 2026-02-10, Windows Automation Framework, github.com/Xore/waf; the index does not record its path),
        // "AVG Antivirus Business Edition": RelevantServices "avgBcc", processes "bcc", "bccavsvc"
        service("avgBcc|bccavsvc"),
        driver(`avg(?:${ASW})`),
        bundle("com\\.avg\\.(?:hub|pkg\\.hub|antivirus|av|daemon|helper|fileshield)"),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > AVG AntiVirus > Uninstall; AVG Clear (avgclear.exe, Safe Mode) if it fails."] }],
    },
    {
      slug: "avira-phantom-vpn",
      name: "Avira Phantom VPN",
      category: "vpn",
      signatures: [named("^Avira (?:Phantom )?VPN"), service("AviraPhantomVPN|Avira\\.VpnService")],
    },
    {
      slug: "avira-password-manager",
      name: "Avira Password Manager",
      category: "password-manager",
      signatures: [named("^Avira Password Manager")],
    },
    {
      slug: "avira-antivirus",
      name: "Avira Antivirus / Avira Security / Prime",
      category: "antivirus",
      signatures: [
        named("^Avira (?:Product Family|Antivirus|Free Security|Security|Prime|Internet Security|Total Security|Free Antivirus|Professional Security|Endpoint Security|Server Security)"),
        wsc("^Avira"),
        // Every other Avira service (ServiceHost, UpdaterService, OE.ServiceHost, Security ...) is the
        // protection's: the VPN's services match the VPN product first, the optimizer's are excluded.
        service("Avira[\\w. ]*|AntiVir\\w*"),
        // ... and by display name (Antivirus Artifacts III: "Avira Mail Protection", "Avira Scheduler").
        { source: "windows-service", name: "^Avira (?!Phantom VPN|VPN|Password Manager)" },
        driver("avgntflt|avipbb|avkmgr|avnetflt|avdevprot"),
        bundle("com\\.avira\\."),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > Avira Security > Uninstall (also remove Avira Launcher/Connect if listed), then reboot."] }],
    },
    {
      slug: "gendigital-other",
      name: "Norton / Avast / AVG / Avira software (unrecognised product)",
      category: "other-security",
      signatures: [named(`^(?:${BRAND})\\b`)],
    },
  ],
};
