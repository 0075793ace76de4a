// The built-in catalog: every vendor file assembled in match order. Order matters only between
// vendors whose signatures could overlap (first product match wins; fallback products' own
// signatures are tried last, see matcher.ts), so the banned vendors come first.
import type { CatalogData } from "../types";
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
  ],
};
