// The built-in catalog: every vendor file assembled in match order. Order matters only between
// vendors whose signatures could overlap (first product match wins; fallback products' own
// signatures are tried last, see matcher.ts), so the banned vendors come first.
import type { CatalogData, CatalogVendor } from "../types";
import { ACCESS_AND_SECRETS_VENDORS } from "./access-and-secrets";
import { DESKTOP_SECURITY_VENDORS } from "./desktop-security";
import { EDR_TELEMETRY_VENDORS } from "./edr-telemetry";
import { driver } from "./helpers";
import { ASIA_VENDORS } from "./markets-asia";
import { AV_MINIFILTER_VENDORS } from "./av-minifilters";
import { MORE_VENDORS } from "./markets-more";
import { NATIONAL_VENDORS } from "./national-markets";
import { MINIFILTER_PRODUCTS, MINIFILTERS } from "./minifilters";
import { MONITOR_MINIFILTER_VENDORS } from "./monitor-minifilters";
import { CLAMAV, LINUX_OSS } from "./linux";
import { CISCO, CHECKPOINT, FORTINET, NETSKOPE, ZSCALER } from "./network";
import { DRWEB } from "./drweb";
import { CROWDSTRIKE, ELASTIC, PALOALTO, SENTINELONE, VMWARE, WAZUH } from "./edr";
import { BITDEFENDER, ESET, SOPHOS, TRENDMICRO } from "./endpoint-suites";
import { FSECURE, GDATA, MALWAREBYTES, WATCHGUARD, WEBROOT, WITHSECURE } from "./consumer-av";
import { GENDIGITAL } from "./gendigital";
import { KASPERSKY } from "./kaspersky";
import { QUALYS, RAPID7, TANIUM, TENABLE } from "./management";
import { BROADCOM, MCAFEE, TRELLIX } from "./mcafee-symantec";
import { MICROSOFT } from "./microsoft";
import { BITWARDEN, KEEPASS, NORDSECURITY, ONEPASSWORD, OPENVPN, QUSTODIO, WIREGUARD } from "./privacy";
import { QIHOO360 } from "./qihoo360";
import { VPN_MARKET_VENDORS } from "./vpn-market";
import { WINDOWS_MARKET_VENDORS } from "./windows-market";
import { WINGET_INDEX_VENDORS } from "./winget-index";
import { PLATFORM_VENDORS, withPlatformForms } from "./platform-forms";
import { withNamespaceForms } from "./vendor-namespaces";
import { DRIVER_VENDORS, withDriverForms } from "./driver-namespaces";

/** The vendor with its allocated minifilter drivers added to the products they belong to. */
function withMinifilters(vendor: CatalogVendor): CatalogVendor {
  const v = MINIFILTER_PRODUCTS[vendor.slug] ? { ...vendor, products: [...vendor.products, ...MINIFILTER_PRODUCTS[vendor.slug]!] } : vendor;
  const extra = MINIFILTERS[v.slug];
  if (!extra) return v;
  for (const slug of Object.keys(extra)) if (!v.products.some((p) => p.slug === slug)) throw new Error(`minifilters: ${v.slug} has no product ${slug}`);
  return { ...v, products: v.products.map((p) => (extra[p.slug] ? { ...p, signatures: [...p.signatures, driver(extra[p.slug]!)] } : p)) };
}

export const CATALOG_DATA: CatalogData = {
  vendors: [
    KASPERSKY,
    DRWEB,
    QIHOO360,
    MICROSOFT,
    CROWDSTRIKE,
    SENTINELONE,
    PALOALTO,
    VMWARE,
    ELASTIC,
    WAZUH,
    SOPHOS,
    ESET,
    BITDEFENDER,
    TRENDMICRO,
    TRELLIX,
    MCAFEE,
    GENDIGITAL,
    BROADCOM,
    MALWAREBYTES,
    WEBROOT,
    GDATA,
    WITHSECURE,
    FSECURE,
    WATCHGUARD,
    CISCO,
    CLAMAV,
    FORTINET,
    CHECKPOINT,
    ZSCALER,
    NETSKOPE,
    LINUX_OSS,
    TANIUM,
    QUALYS,
    RAPID7,
    TENABLE,
    ONEPASSWORD,
    BITWARDEN,
    KEEPASS,
    NORDSECURITY,
    OPENVPN,
    WIREGUARD,
    QUSTODIO,
    ...ASIA_VENDORS,
    ...MORE_VENDORS,
    ...EDR_TELEMETRY_VENDORS,
    ...ACCESS_AND_SECRETS_VENDORS,
    ...VPN_MARKET_VENDORS,
    ...WINDOWS_MARKET_VENDORS,
    ...DESKTOP_SECURITY_VENDORS,
    ...AV_MINIFILTER_VENDORS,
    ...MONITOR_MINIFILTER_VENDORS,
    ...WINGET_INDEX_VENDORS,
    ...PLATFORM_VENDORS,
    ...NATIONAL_VENDORS,
    ...DRIVER_VENDORS,
  ]
    .map(withMinifilters)
    .map(withPlatformForms)
    .map(withNamespaceForms)
    .map(withDriverForms),
};
