// Vendor-wide forms (growth before batch 11): causes that miss unseen strings of products the catalog
// already knows, fixed per vendor rather than per string.
//
// 1. Apple team identifiers. The agent reports a macOS system extension with its signing team id as
//    the publisher (collectors/macos-system-extensions.ts). The catalog knew security vendors' Mac
//    extensions by bundle id only, so a new or renamed extension of a known vendor (a new network or
//    Endpoint Security extension, a rebranded bundle id) went unrecognised although its signer says
//    whose it is. A team id is one company's signing identity; these signatures are publisher-only, so
//    the matcher tries them after every bundle-id signature of every vendor (matcher.ts: identifier
//    signatures first): a known extension keeps its own product (Bitdefender's VPN its VPN), an
//    unknown one of the vendor falls to the vendor's protection. Team ids only where the vendor's Mac
//    extensions belong to one protection line; left out where one team signs protection and VPN
//    extensions of different lines alike (Palo Alto: GlobalProtect and Cortex XDR; Fortinet: FortiClient
//    VPN and EP; Jamf: Protect and Connect/Trust) or two vendors (Symantec's 9PTGMPNXZ2: Norton and
//    Symantec Endpoint Protection), and Microsoft's (UBF8T346G9 signs all its Mac software).
//    Sources, named on each line:
//      [KEXT] a public "Kernel Extensions Loading Menu" script (jackluke; the index holding it does not
//             record its repository): "Kaspersky - 2Y8XE5CQ94 ; ... Bitdefender - GUNFMW623Y ; Trendmicro
//             - E8P47U2H32 ; Eset - P8DQRXPVLP ; Sophos - 2H5GFH3774 ; Avast - 6H4HRTU5E3 ; ... Crowdstrike -
//             X9E956P446"
//      [S1]   public MDM profile READMEs approving SentinelOne's extensions "via Team ID 4AYE5J54KN"
//      [MBINST] Installomator's malwarebytes label (expectedTeamID="GVZRY6KDKR"), and a public deployment
//             script removing Malwarebytes' extensions (MB_TEAM_ID="GVZRY6KDKR": com.malwarebytes.edr.helper.ext ...)
// 2. Package-name families. Linux packages of a vendor were listed name by name ("falcon-sensor",
//    "sentinelagent"), so the same vendor's next package ("falcon-sensor-bpf", a "-selinux" or "-gui"
//    companion) missed. Each family below is the vendor's brand as a package-name prefix; none of
//    them matches any of the 63,713 package names of this machine's Debian 12 index (`apt-cache
//    pkgnames`), so the family holds only the vendor's packages. Each names the vendor package it
//    generalises (already in the catalog, with its source there). Left out: prefixes other software
//    shares (mfe, avg, symc, cortex, traps), ClamAV (its documentation and library packages are
//    ordinary software by batch 1's labels), McAfee/Trellix (agent and protection share "mcafee").
// 3. Services and drivers named by a protection vendor's brand. An unknown service or driver whose
//    display name starts with the brand of a vendor whose Windows line is protection ("Sophos Foo
//    Service", "Bitdefender ... Driver") fell to the vendor's "unrecognised product", category other
//    security, although the corpus's labelling rule since batch 2 (and the product's reality) is that a
//    suite's services and drivers take the suite's category. These signatures (Windows service and
//    driver sources only, display name only) are tried after every identifier signature and, in a product
//    of their own appended to the vendor's ("<protection product>-services"), after every product of the
//    vendor, so a known service keeps its product; brand words of the vendor's other lines are also
//    excluded in the pattern (Firewall, DNS, VPN, Uninstall ...). Left out: McAfee (both lines' services carry the
//    brand), F-Secure (batch 2's rule), Comodo (browser and backup services), vendors whose brand is a
//    common word.
import type { CatalogVendor, Signature } from "../types";

/** macOS system extensions signed by a team: publisher-only, so bundle-id signatures win. */
const team = (id: string): Signature => ({ source: "macos-system-extension", publisher: `^(?:${id})$` });

/** dpkg/rpm package names beginning with a vendor's brand. */
const family = (prefixes: string): Signature => ({ source: ["dpkg", "rpm"], identifier: `^(?:${prefixes})[a-z0-9._+-]*$` });

/** Windows services and drivers whose display name begins with a protection vendor's brand. They go to a
 *  product of their own, appended after all of the vendor's products ("<product>-services", the protection
 *  product's category), so every named product of the vendor (its tools, home line, VPN) is tried first. */
const BRAND_PARTS = new WeakSet<Signature>();
const parts = (brand: string): Signature => {
  const sig: Signature = { source: ["windows-service", "windows-driver"], name: brand };
  BRAND_PARTS.add(sig);
  return sig;
};

export const NAMESPACE_FORMS: Record<string, Record<string, Signature[]>> = {
  kaspersky: { "kaspersky-endpoint-security": [team("2Y8XE5CQ94"), family("kesl")], "kaspersky-components": [parts("^Kaspersky\\b(?!.*(?:VPN|Password|Safe ?Kids|Secure Connection))")] }, // [KEXT]; kesl, kesl-gui, kesl-astra
  crowdstrike: { "crowdstrike-falcon": [parts("^CrowdStrike\\b"), team("X9E956P446"), family("falcon-sensor|crowdstrike")] }, // [KEXT]; falcon-sensor
  sentinelone: { "sentinelone-agent": [team("4AYE5J54KN"), family("sentinel-?agent|sentinelone")] }, // [S1]; sentinelagent
  microsoft: { "microsoft-defender-endpoint": [family("mdatp")], "microsoft-defender-antivirus": [parts("^(?:Microsoft|Windows) Defender\\b(?! ?Firewall| for (?:Cloud|Identity|Office))")] }, // mdatp
  paloalto: { "paloalto-cortex-xdr": [family("cortex-xdr")] }, // cortex-xdr
  vmware: { "carbonblack-cloud": [family("cb-[a-z]+-sensor")] }, // cb-psc-sensor, cb-linux-sensor
  elastic: { "elastic-defend": [family("elastic-endpoint")] }, // Elastic Defend's endpoint (elastic-agent stays the management agent)
  sophos: { "sophos-intercept-x": [parts("^Sophos\\b(?!.*(?:Connect|Firewall|Diagnos))"), team("2H5GFH3774"), family("sophos")] }, // [KEXT]; sophos-spl, sophos-av
  eset: { "eset-endpoint": [parts("^ESET\\b(?!.*(?:Firewall|Uninstall|Remover|SysInspector|SysRescue|Management|Inspect|PROTECT|Remote))"), team("P8DQRXPVLP"), family("eset|esets")] }, // [KEXT]; eset-endpoint-antivirus, esets
  bitdefender: { "bitdefender-gravityzone": [parts("^Bitdefender\\b(?!.*VPN)"), team("GUNFMW623Y"), family("bitdefender|bdsec")] }, // [KEXT]; bitdefender-security-tools, bdsec
  trendmicro: { "trendmicro-deep-security": [family("ds[_-]agent")], "trendmicro-consumer": [parts("^Trend ?Micro\\b(?!.*(?:Firewall|Basecamp|Vision One))"), team("E8P47U2H32")] }, // ds_agent; [KEXT]
  gendigital: {
    "avast-antivirus": [parts("^(?:Avast|avast!)(?:\\b|!)(?!.*(?:VPN|SecureLine|Cleanup|Driver|Browser|Passwords|TuneUp|Battery|BreachGuard|AntiTrack))"), team("6H4HRTU5E3"), family("avast")],
    "avg-antivirus": [parts("^AVG\\b(?!.*(?:VPN|TuneUp|Driver|Browser|Cleaner|AntiTrack|Battery))")],
    "norton-360": [parts("^Norton\\b(?!.*(?:VPN|Password|Family|Utilities|Driver|Ghost|PC Checkup))")],
  }, // [KEXT]; avast, avast-fss
  broadcom: { "symantec-endpoint-protection": [family("sdcss")] }, // sdcss, sdcss-agent
  malwarebytes: { "malwarebytes-endpoint": [team("GVZRY6KDKR"), family("malwarebytes")], malwarebytes: [parts("^Malwarebytes\\b(?!.*(?:VPN|Firewall))")] }, // [MBINST]; malwarebytes-endpoint-agent
  gdata: { "gdata-antivirus": [parts("^G ?DATA\\b(?!.*Management)"), family("gdata")] }, // gdata-avclient
  withsecure: { "withsecure-elements": [parts("^WithSecure\\b(?!.*(?:Firewall|XFENCE))"), family("withsecure")] }, // withsecure-linuxprotection
  cisco: { "cisco-secure-endpoint": [family("ciscoamp|cisco-secure-endpoint")] }, // ciscoampconnector
  fortinet: { "fortinet-fortiedr": [family("fortiedr")] }, // fortiedrcollector
  netskope: { "netskope-client": [family("netskope")] }, // netskope-client
  tanium: { "tanium-client": [family("tanium")] }, // taniumclient
  qualys: { "qualys-cloud-agent": [family("qualys")] }, // qualys-cloud-agent
  rapid7: { "rapid7-insight-agent": [family("rapid7")] }, // rapid7-insight-agent
  escan: { "escan-antivirus": [family("escan")] }, // escan-antivirus
  blackberry: { "blackberry-cylance": [parts("^(?:BlackBerry )?Cylance\\b"), family("cylance")] }, // CylancePROTECT
  cybereason: { "cybereason-edr": [family("cybereason")] }, // cybereason-sensor
  wazuh: { "wazuh-agent": [family("wazuh-agent")] }, // wazuh-agent
  zscaler: { "zscaler-client-connector": [family("zscaler")] }, // Zscaler Client Connector for Linux
  huntress: { huntress: [family("huntress")] }, // huntress-agent
  webroot: { "webroot-secureanywhere": [parts("^Webroot\\b(?!.*DNS)")] },
  watchguard: {
    "watchguard-epdr": [
      parts("^(?:WatchGuard|Panda) (?:Security|Endpoint|Protection|Dome|Free|Antivirus|Cloud|Adaptive|Devices?|Agent|Software|Update|Product|Universal|Global|Internet|EDR|EPDR|Aether)\\b"),
    ],
  },
  ahnlab: { "ahnlab-v3": [parts("^AhnLab\\b")] },
  trellix: { "trellix-endpoint-security": [parts("^Trellix\\b(?!.*(?:Agent|Firewall|DLP|Data Loss|Management))")] },
};

export function withNamespaceForms(vendor: CatalogVendor): CatalogVendor {
  const extra = NAMESPACE_FORMS[vendor.slug];
  if (!extra) return vendor;
  for (const slug of Object.keys(extra)) if (!vendor.products.some((p) => p.slug === slug)) throw new Error(`vendor-namespaces: ${vendor.slug} has no product ${slug}`);
  const products = vendor.products.map((p) => {
    const own = (extra[p.slug] ?? []).filter((sig) => !BRAND_PARTS.has(sig));
    return own.length ? { ...p, signatures: [...p.signatures, ...own] } : p;
  });
  for (const p of vendor.products) {
    const brand = (extra[p.slug] ?? []).filter((sig) => BRAND_PARTS.has(sig));
    if (brand.length) products.push({ slug: `${p.slug}-services`, name: `${p.name}: services and drivers named by the brand`, category: p.category, signatures: brand });
  }
  return { ...vendor, products };
}
