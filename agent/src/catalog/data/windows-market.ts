// Windows security vendors absent from the altitude list and earlier sources, each with the strings
// a source gives for its uninstall entry (DisplayName, Publisher) and services:
// - ThreatLocker: service keys from SigmaHQ/sigma rules/windows/process_creation/
//   proc_creation_win_susp_service_tamper.yml (@088c288: ThreatLockerService, HealthTLService) and
//   ThreatLocker's knowledge base (threatlocker.kb.help, "ThreatLocker Health Service": HealthTLService).
// - VIPRE: product and company names of the VIPRE Business administration guides (ThreatTrack
//   Security, 2014-2016) and the VIPRE Antivirus user guide (Sunbelt Software, installed under
//   C:\Program Files\Sunbelt Software\VIPRE); VIPRE Security Group is the company's current name.
// - SUPERAntiSpyware: microsoft/winget-pkgs manifests/s/SUPERAntiSpyware/SUPERAntiSpyware/10.0.1278
//   (PackageName SUPERAntiSpyware, Publisher SUPERAntiSpyware.com).
import type { CatalogVendor } from "../types";
import { driver, named, service, wsc } from "./helpers";

export const THREATLOCKER: CatalogVendor = {
  slug: "threatlocker",
  name: "ThreatLocker",
  country: "US",
  publishers: ["^ThreatLocker\\b"],
  fallbackProduct: "threatlocker-agent",
  products: [
    {
      slug: "threatlocker-agent",
      name: "ThreatLocker agent (application allow-listing, ring-fencing)",
      category: "other-security",
      signatures: [named("^ThreatLocker\\b"), service("ThreatLockerService|HealthTLService")],
    },
  ],
};

export const VIPRE: CatalogVendor = {
  slug: "vipre",
  name: "VIPRE Security (ThreatTrack, Sunbelt Software)",
  country: "US",
  publishers: ["^VIPRE\\b|^ThreatTrack Security\\b|^Sunbelt Software\\b|^GFI Software\\b.*VIPRE"],
  fallbackProduct: "vipre-antivirus",
  products: [
    {
      slug: "vipre-antivirus",
      name: "VIPRE Antivirus / Endpoint Security / Business agent",
      category: "antivirus",
      signatures: [named("^VIPRE\\b"), wsc("^VIPRE"), driver("sbapifs")], // sbapifs: allocated filter altitudes (Sunbelt Software), formerly in monitor-minifilters.ts
    },
  ],
};

export const SUPERANTISPYWARE: CatalogVendor = {
  slug: "superantispyware",
  name: "SUPERAntiSpyware (RealDefense)",
  country: "US",
  publishers: ["^SUPERAntiSpyware\\b"],
  fallbackProduct: "superantispyware-antivirus",
  products: [{ slug: "superantispyware-antivirus", name: "SUPERAntiSpyware", category: "antivirus", signatures: [named("^SUPERAntiSpyware\\b"), wsc("^SUPERAntiSpyware")] }],
};

export const WINDOWS_MARKET_VENDORS: CatalogVendor[] = [THREATLOCKER, VIPRE, SUPERANTISPYWARE];
