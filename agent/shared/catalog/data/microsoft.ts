// Microsoft's security components: Defender Antivirus (built into Windows), Defender for
// Endpoint (EDR on Windows, macOS, Linux), Windows Firewall, and the legacy Security Essentials /
// System Center Endpoint Protection client.
//
// No `fallbackProduct`: most Microsoft software is not security software, so a Microsoft
// publisher alone classifies nothing. The `exclude` list names common Microsoft software so that
// the unknown-security heuristic never reports it either.
import type { CatalogVendor } from "../types";
import { app, bundle, driver, named, path, pkg, service, unit, wsc } from "./helpers";

const MS = "^Microsoft";

export const MICROSOFT: CatalogVendor = {
  slug: "microsoft",
  name: "Microsoft",
  country: "US",
  publishers: ["^Microsoft(?: Corporation)?\\b"],
  exclude: [
    named(
      "^Microsoft (?:Edge|Office|365|Teams|OneDrive|OneNote|Visual (?:C\\+\\+|Studio|Basic|J#)|\\.NET|ASP\\.NET|Windows Desktop Runtime|Update Health Tools|Web ?View2|SQL Server|Silverlight|Access|Excel|Word|Outlook|PowerPoint|Project|Visio|Publisher|Skype|Azure|GameInput|Intune|Policy Platform|Search Bar|PC Manager|Windows Desktop Targeting|XNA|Report Viewer|ODBC|OLE DB|Analysis Services|System CLR|Help Viewer|MPI|Mouse and Keyboard|Command Line Utilities|Web Deploy|Sync Framework|Application Error Reporting)",
    ),
    named(
      "^(?:Teams Machine-Wide Installer|Windows SDK|Windows Software Development Kit|Windows PC Health Check|PowerShell \\d|Windows Subsystem for Linux|Windows Driver Kit|Office 16 Click-to-Run|Skype for Business|Update for Microsoft|Security Update for Microsoft|Hotfix for Microsoft|Windows App Certification Kit|Universal CRT)",
    ),
    ...pkg("code|code-insiders|microsoft-edge-(?:stable|beta|dev)|teams|powershell|dotnet-[\\w.-]+|aspnetcore-[\\w.-]+|msodbcsql\\d*|mssql-[\\w-]+|azure-cli|intune-portal|microsoft-identity-broker"),
    { source: "macos-app", identifier: "^com\\.microsoft\\.(?:edgemac|VSCode|Word|Excel|Powerpoint|Outlook|onenote|teams2?|OneDrive|rdc|autoupdate)" },
  ],
  products: [
    {
      slug: "windows-firewall",
      name: "Windows Defender Firewall",
      category: "firewall",
      signatures: [
        wsc("^(?:Windows|Microsoft Defender|Windows Defender) ?Firewall|^Windows-Firewall|^Брандмауэр (?:Windows|Защитника)|^Pare-feu Windows|^Firewall de Windows|Windows 防火墙"),
        service("MpsSvc"),
        driver("mpsdrv"),
      ],
    },
    {
      slug: "microsoft-defender-endpoint",
      name: "Microsoft Defender for Endpoint",
      category: "edr",
      signatures: [
        named("^Microsoft Defender (?:for Endpoint|ATP|Advanced Threat Protection)|^Windows Defender Advanced Threat Protection"),
        { source: "macos-app", name: "^Microsoft Defender(?: ATP)?$" }, // Installomator microsoftdefender.sh: name="Microsoft Defender"
        service("Sense|MsSense"),
        driver("mssecflt"), // the sensor's minifilter (SigmaHQ/sigma rules/windows/process_creation/proc_creation_win_susp_service_tamper.yml @088c288)
        ...pkg("mdatp"),
        ...unit("mdatp"),
        ...path("/opt/microsoft/mdatp|/etc/opt/microsoft/mdatp|/var/opt/microsoft/mdatp"),
        bundle("com\\.microsoft\\.wdav|com\\.microsoft\\.dlp"),
      ],
      removal: [
        { platform: "windows", steps: ["Offboard the device from the Defender portal (offboarding package), then the Sense service stops; the Windows component itself is part of the OS."] },
        { platform: "linux", steps: ["Offboard, then sudo apt-get purge mdatp or sudo yum remove mdatp."] },
        { platform: "darwin", steps: ["Offboard, then remove 'Microsoft Defender' from /Applications (the app's uninstaller removes its system extensions)."] },
      ],
    },
    {
      // Installomator microsoftglobalsecureaccessclient.sh: name="Global Secure Access Client",
      // packageID="com.microsoft.globalsecureaccess"
      slug: "microsoft-global-secure-access",
      name: "Microsoft Global Secure Access Client (Entra)",
      category: "vpn",
      signatures: [named("^Global Secure Access Client"), bundle("com\\.microsoft\\.globalsecureaccess")],
    },
    {
      slug: "microsoft-defender-antivirus",
      name: "Microsoft Defender Antivirus",
      category: "antivirus",
      signatures: [
        wsc("^(?:Windows|Microsoft) Defender(?: Antivirus)?$|^Защитник (?:Windows|Майкрософт)|^Microsoft Defender$|^Windows-Defender"),
        named("^(?:Windows|Microsoft) Defender(?: Antivirus)?$", MS),
        named("^Microsoft Windows Defender\\b"), // "Microsoft Windows Defender": the company's name makes the name Microsoft's, whatever the publisher (tuning-12)
        service("WinDefend|WdNisSvc|MsMpSvc|MDCoreSvc"), // MDCoreSvc: Microsoft Defender Core Service (a real machine's FRST log)
        driver("WdFilter|WdBoot|WdNisDrv|MpKsl[0-9a-f]+"),
      ],
      removal: [
        {
          platform: "windows",
          steps: [
            "Part of Windows: it is not uninstalled. It switches to passive mode when another registered antivirus is active (Security Center) and can be disabled by Group Policy.",
            "On Windows Server it is a feature: Uninstall-WindowsFeature Windows-Defender (only with another antivirus in place).",
          ],
        },
      ],
    },
    {
      // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb): Microsoft.Sysinternals.Sysmon
      // "Sysmon". Sysmon installs no uninstall entry: its service is Sysmon (Sysmon64 for the 64-bit
      // binary) and its driver SysmonDrv (Sysinternals' Sysmon page: "sysmon -u" removes both); on
      // Linux the sysmonforlinux package and its sysmon unit (Sysinternals/SysmonForLinux).
      slug: "microsoft-sysmon",
      name: "Sysmon (Sysinternals System Monitor)",
      category: "other-security",
      // The 32-bit binary's bare key "Sysmon" is left out: Symantec Endpoint Protection's driver
      // "sysMon" (altitude list) is the same key, case aside.
      signatures: [named("^Sysmon64$"), service("Sysmon64|SysmonDrv"), ...pkg("sysmonforlinux"), ...unit("sysmon")],
    },
    {
      // winget-pkgs index: Microsoft.MaliciousSoftwareRemovalTool "Malicious Software Removal Tool"
      // (on-demand, KB890830)
      slug: "microsoft-msrt",
      name: "Windows Malicious Software Removal Tool",
      category: "other-security",
      signatures: [named("^(?:Windows |Microsoft )?Malicious Software Removal Tool\\b")],
    },
    {
      // EMET, Microsoft's exploit-mitigation toolkit (2009-2018, on older Windows fleets): its uninstall
      // DisplayName is "EMET <version>" (saltstack/salt-winrepo-ng @83d4261cdde8 emet.sls: "EMET 5.1",
      // "EMET 5.2", "EMET 5.5"; tuning-17), and the full name the acronym stands for.
      slug: "microsoft-emet",
      name: "Enhanced Mitigation Experience Toolkit (EMET)",
      category: "other-security",
      signatures: [named("^EMET \\d"), named("^(?:Microsoft )?Enhanced Mitigation Experience Toolkit\\b")],
    },
    {
      // winget-pkgs index: Microsoft.AzureVPNClient "Azure VPN Client"
      slug: "microsoft-azure-vpn",
      name: "Azure VPN Client",
      category: "vpn",
      signatures: [named("^Azure VPN Client\\b"), app("Azure VPN Client")],
    },
    {
      slug: "microsoft-security-essentials",
      name: "Microsoft Security Essentials / System Center Endpoint Protection",
      category: "antivirus",
      signatures: [
        named("^Microsoft Security (?:Essentials|Client)|^System Center (?:\\d+ )?Endpoint Protection|^Microsoft Forefront Endpoint Protection|^Forefront Client Security"),
        // A network-access-control product's list of the antivirus its agent collects (yongtaek-lim/genian-nac-admin-guide
        // @217d4e5c40c8 source/endpoints/windows-antivirus-info.rst, Genian NAC): "MS Forefront", "MS Security Essentials",
        // "MS System Center" (Microsoft abbreviated). Microsoft's name, written out or as "MS", before Forefront Client
        // Security / Endpoint Protection, Security Essentials and System Center Endpoint Protection; the bare "MS Forefront"
        // as the list writes it. The bare "MS System Center" is not taken: System Center is also Microsoft's management suite.
        named("^(?:Microsoft|MS) Forefront (?:Client Security|Endpoint Protection)|^MS Forefront$|^MS Security Essentials|^MS System Center (?:\\d+ )?Endpoint Protection"),
        wsc("^Microsoft Security Essentials|^System Center Endpoint Protection"),
      ],
      removal: [{ platform: "windows", steps: ["Programs and Features > Microsoft Security Essentials (or Microsoft Security Client) > Uninstall, then reboot."] }],
    },
  ],
};
