// Growth after batch 11 (held-out-11's entries and misses not read): Windows driver and service keys of
// protection products from sources no batch and no earlier round used, each line naming its source:
//   [APC]  ur0n2/Powershell_Test_Practice @39d5181ce217 shieldTC.ps1: a self-protection test of AhnLab's
//          Policy Center / MyPC agents, which deletes the service keys of AhnLab's common self-protection
//          drivers (HKLM\SYSTEM\CurrentControlSet\Services\AhnFlt2k, AhnRec2k, AhnRghNt, CdmDrvNt,
//          ATamptNt_APCShield, APCShield) and their files (AMonCDW7/8, AmonHKnt), C:\Program Files\Common
//          Files\AhnLab\APCShield.
//   [EDRP] BankSecurity/Red_Team Discovery/Check_EDR_Presence.ps1 (as copied with its source address into
//          r1cksec/cheatsheets @10da66336ab5 windows/edrcheck.md): security drivers by company.
//   [DFIR] the batch script of the threat actor's toolkit The DFIR Report described on 2024-08-12 ("Threat
//          Actors' Toolkit Leveraging Sliver, PoshC2 & Batch Scripts"), which deletes security products'
//          services section by section ("AV: Kaspersky", "AV: Quick Heal", "AV: ESET" ...): a public copy of
//          it (the index holding it does not record its repository), its Kaspersky, ESET and Trend Micro
//          keys also quoted by mthcht/ThreatHunting-Keywords' YARA rule `sc` (detection content), which adds
//          Malwarebytes' MBAMProtection (from a DFIR Report screenshot of a "stop AV" script, 2023-12).
//   [ELDOC] Elastic's documentation, "Allowlist Elastic Endpoint in third-party antivirus apps"
//          (elastic/security-docs docs/management/admin/allowlist-endpoint-3rd-party-av.asciidoc, as corrected by
//          pull request #6085, 2024-11): the ELAM driver ElasticElam.sys and the driver elastic-endpoint-driver.sys.
//   [CNA]  harleyQu1nn/AggressorScripts @570a7d798319 EDR.cna: EDR drivers, each tested under its vendor's name
//          (a superset of [EDRP]'s list).
// AhnLab's drivers are matched as a family (Ahn* filter, recovery and rootkit-guard drivers, AMon* monitors,
// ATamptNt's named instances): every AhnLab product installs them, so they take V3, the line that carries
// AhnLab's other drivers. Not taken from [EDRP] and [CNA]: drivers of products that are not protection (Symantec's
// encryption, PGP, Workspace Virtualization and Altiris drivers, McAfee's and Trend Micro's encryption drivers,
// Check Point's disk- and media-encryption drivers, Absolute's `cve`), the CBFS filter SDK other software ships
// too, McAfee's `mfprom` (batch 9's rule for McAfee/Trellix drivers), F-Secure's (batch 1's rule: WithSecure's
// cannot be told apart), a three-letter key (`eaw`).
// Tuning after batch 14 (tuning-14's misses only; held-out-14's entries and misses not read):
//   [CONTI] TheParmak/conti-leaks-englished @45d49307f347 anonfile_dumps/31.txt: the Conti ransomware group's
//          forum post (2021-02-11) with the services it stops before encryption, among them EnigmaSoft SpyHunter's
//          service (ESHASRV) and kernel driver (EsgShKernel).
import type { Signature } from "../types";
import { driver, service } from "./helpers";

export const DRIVER_KEY_FORMS: Record<string, Record<string, Signature[]>> = {
  // [APC] AhnFlt2k, AhnRec2k, AhnRghNt, CdmDrvNt, ATamptNt_APCShield, APCShield, AMonCDW7, AMonCDW8, AmonHKnt
  ahnlab: { "ahnlab-v3": [driver("Ahn(?:Flt|Rec|Rgh|Md|Sd)\\w*|AMon(?:CDW|HK)\\w*|CdmDrvNt|ATamptNt\\w*|APCShield")] },
  // [DFIR] "AV: Quick Heal": ScSecSvc, Core Mail Protection, Core Scanning Server, Core Scanning ServerEx,
  // Online Protection System, Core Browsing Protection, Quick Update Service (its generic RepairService left out)
  quickheal: { "quickheal-antivirus": [service("ScSecSvc|Core Mail Protection|Core Scanning Server(?:Ex)?|Online Protection System|Core Browsing Protection|Quick Update Service")] },
  // [DFIR] "AV: ESET": ekrn (already catalogued), ekrnEpsw
  eset: { "eset-home": [service("ekrnEpsw")] },
  // [DFIR] (YARA `sc`, DFIR Report 2023-12 screenshot): MBAMProtection, Malwarebytes' protection driver service
  malwarebytes: { malwarebytes: [service("MBAMProtection")] },
  // [ELDOC] ElasticElam (elastic-endpoint-driver was already catalogued); [CNA] "Elastic": ElasticEndpointDriver
  elastic: { "elastic-defend": [driver("ElasticElam|ElasticEndpointDriver")] },
  // [CNA] "CrowdStrike": cspcm2 (with im, CSAgent, CSBoot, CSDeviceControl, already catalogued)
  crowdstrike: { "crowdstrike-falcon": [driver("cspcm2")] },
  // [CNA] "Palo Alto Cortex": telam (Cortex XDR's early-launch anti-malware driver)
  paloalto: { "paloalto-cortex-xdr": [driver("telam")] },
  // [DFIR] the Sophos section: SophosFIM (Sophos' file integrity monitoring, a component of its endpoint and server
  // protection); [CNA] "Sophos": swi_callout (the web-intelligence network callout, with SophosED, sntp, hmpalert ...)
  sophos: { "sophos-intercept-x": [service("SophosFIM"), driver("swi_callout")] },
  // [EDRP] Avast; naswSP.sys
  gendigital: { "avast-antivirus": [driver("naswSP")] },
  // [EDRP] Bitdefender; bddci.sys
  bitdefender: { "bitdefender-consumer": [driver("bddci")] },
  // [EDRP] Comodo Security; CmdMnEfs.sys
  comodo: { "comodo-internet-security": [driver("CmdMnEfs")] },
  // [EDRP] CJSC Returnil Software; rvsavd.sys
  returnil: { "returnil-antivirus": [driver("rvsavd")] },
  // [EDRP] Verdasys Inc; ndgdmk.sys (Digital Guardian's agent)
  digitalguardian: { "digitalguardian-other-security": [driver("ndgdmk")] },
  // [CONTI] ESHASRV (SpyHunter's service), EsgShKernel (SpyHunter 5's kernel driver); the vendor was known only by
  // its altitude-list minifilter (EnigmaFileMonDriver) and its product name
  enigmasoft: { "enigmasoft-antivirus": [service("ESHASRV"), driver("EsgShKernel")] },
};
