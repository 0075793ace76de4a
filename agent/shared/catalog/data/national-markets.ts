// Endpoint management-and-security suites of national markets that government agencies run (issue 19,
// growth after batch 9). Each signature names its source; the indexes holding some of them do not
// record their repositories, which the comments say.
import type { CatalogVendor } from "../types";
import { driver, named } from "./helpers";

// SKYSEA Client View (Sky Co., Ltd., Japan): client management with operation logs, device control and
// security audit, common in Japanese ministries and local governments. Drivers: Microsoft's allocated
// filter altitudes (MicrosoftDocs/windows-driver-docs @825aa15f47 windows-driver-docs-pr/ifs/
// allocated-altitudes.md, FSFilter Activity Monitor: SkyRGDrv and SkyAMDrv "Sky Co., LTD.", SkyWPDrv
// "Sky Co.,Ltd."). Name: public pages describing "SKYSEA Client View" as Sky's IT asset management with
// log monitoring and security audit (a public SaaS catalogue; JVN advisories quoted in public news
// digests; the index holding them does not record their repositories). Other security (monitoring).
export const SKY: CatalogVendor = {
  slug: "sky",
  name: "Sky Co., Ltd. (SKYSEA)",
  country: "JP",
  publishers: ["^Sky Co\\.?,? ?Ltd\\b|^Sky株式会社"],
  fallbackProduct: "sky-skysea",
  products: [{ slug: "sky-skysea", name: "SKYSEA Client View", category: "other-security", signatures: [named("^SKYSEA\\b|^SKYMEC IT Manager\\b"), driver("SkyRGDrv|SkyAMDrv|SkyWPDrv")] }],
};

// LANSCOPE (MOTEX Inc., Japan; LanScope Cat, LANSCOPE エンドポイントマネージャー): asset management, log
// audit, device control and DLP (a public SaaS catalogue: "asset management and endpoint security by
// MOTEX. Device management, log audit, and DLP"; the index holding it does not record its repository).
export const MOTEX: CatalogVendor = {
  slug: "motex",
  name: "MOTEX (LANSCOPE)",
  country: "JP",
  publishers: ["^MOTEX\\b|^エムオーテックス"],
  fallbackProduct: "motex-lanscope",
  products: [{ slug: "motex-lanscope", name: "LANSCOPE (LanScope Cat, Endpoint Manager)", category: "other-security", signatures: [named("^LanScope\\b")] }],
};

// Genians (Korea): Genian NAC and its Windows/macOS agent, network access control common in Korean public
// bodies (demisto/content Packs/Genians/Integrations/Genians/README.md: "Genian NAC"; genians-rnd/Genians
// integrations/Genians/README.md). Network access control is other security.
export const GENIANS: CatalogVendor = {
  slug: "genians",
  name: "Genians",
  country: "KR",
  publishers: ["^Genians\\b|^지니언스"],
  fallbackProduct: "genians-nac",
  products: [{ slug: "genians-nac", name: "Genian NAC agent", category: "other-security", signatures: [named("^Genian ?(?:NAC|ZTNA|Agent)\\b")] }],
};

// Russian DLP suites that Russian public bodies buy (a public procurement parser's keyword list names
// them: "КИБ СёрчИнформ", "SearchInform", "Solar Dozor", "Солар Дозор", "Falcongaze SecureTower",
// "DeviceLock", "InfoWatch", "Zecurion"; the index holding it does not record its repository; DeviceLock,
// InfoWatch and Zecurion are already catalogued). Data-loss prevention is other security, as Forcepoint's
// and Digital Guardian's are. Falcongaze's agent folder: public SecureTower scripts read
// C:\ProgramData\Falcongaze SecureTower\EPA (its endpoint agent). Cyrillic names carry no \b (the
// pattern's word boundary is ASCII).
export const SEARCHINFORM: CatalogVendor = {
  slug: "searchinform",
  name: "SearchInform (СёрчИнформ)",
  country: "RU",
  publishers: ['^SearchInform\\b|^(?:ООО )?«?"?С[ёе]рчИнформ'],
  fallbackProduct: "searchinform-kib",
  products: [{ slug: "searchinform-kib", name: "SearchInform Risk Monitor / КИБ (DLP)", category: "other-security", signatures: [named("^SearchInform\\b|^С[ёе]рчИнформ|^КИБ С[ёе]рчИнформ")] }],
};
export const RTSOLAR: CatalogVendor = {
  slug: "rtsolar",
  name: "Solar (Rostelecom-Solar, Солар)",
  country: "RU",
  publishers: ["^Rostelecom-Solar\\b|^Ростелеком-Солар"],
  fallbackProduct: "rtsolar-dozor",
  products: [{ slug: "rtsolar-dozor", name: "Solar Dozor (DLP)", category: "other-security", signatures: [named("^Solar Dozor\\b|^Солар Дозор")] }],
};
export const FALCONGAZE: CatalogVendor = {
  slug: "falcongaze",
  name: "Falcongaze",
  country: "RU",
  publishers: ["^Falcongaze\\b"],
  fallbackProduct: "falcongaze-securetower",
  products: [{ slug: "falcongaze-securetower", name: "Falcongaze SecureTower (DLP)", category: "other-security", signatures: [named("^(?:Falcongaze )?SecureTower\\b")] }],
};

// 0patch (ACROS Security, Slovenia): micropatches for Windows and Office versions out of support, which
// public bodies keep running (svrooij/winget-pkgs-index @7ac59ed78f index.v2.csv: ACROSSecurity.0patch,
// "0patch Agent"). Other security.
export const ACROS: CatalogVendor = {
  slug: "acros",
  name: "ACROS Security (0patch)",
  country: "SI",
  publishers: ["^ACROS\\b"],
  fallbackProduct: "acros-0patch",
  products: [{ slug: "acros-0patch", name: "0patch Agent", category: "other-security", signatures: [named("^0patch\\b")] }],
};

// [CNAV] Chinese endpoint and host-security products by the names a public Chinese red-team toolkit's AV
// list gives them (a PyQt tool mapping product names to their processes; the index holding it does not
// record its repository): 天融信终端防御 (Topsec), 安恒主机卫士 (DBAPPSecurity), 智量安全 (WiseVector), 微点主动防御
// (Micropoint), 护卫神 (Huweishen), SafeDog (安全狗). Its other entries are catalogued already (火绒, 奇安信天擎,
// 深信服EDR, 安天智甲, 金山毒霸, 阿里云盾) or left out: products long gone (可牛杀毒, 超级巡警, 木马克星), names too
// generic to anchor (云锁 "cloud lock"), monitoring and operations agents (蓝鲸, zabbix, 阿里云监控).
const cn = (slug: string, name: string, category: "antivirus" | "edr" | "other-security", names: string): CatalogVendor => ({
  slug,
  name,
  country: "CN",
  publishers: [],
  products: [{ slug: `${slug}-${category}`, name, category, signatures: [named(names)] }],
});
export const TOPSEC = cn("topsec", "Topsec endpoint defense (天融信终端防御)", "edr", "^天融信|^Topsec\\b");
export const DBAPPSECURITY = cn("dbappsecurity", "DBAPPSecurity host guard (安恒主机卫士)", "other-security", "^安恒|^DBAPPSecurity\\b");
export const WISEVECTOR = cn("wisevector", "WiseVector StopX (智量安全)", "antivirus", "^WiseVector\\b|^智量");
export const MICROPOINT = cn("micropoint", "Micropoint active defense (微点主动防御)", "antivirus", "^微点主动防御|^Micropoint\\b");
export const HUWEISHEN = cn("huweishen", "Huweishen server security (护卫神)", "other-security", "^护卫神");
export const SAFEDOG = cn("safedog", "SafeDog server security (安全狗)", "other-security", "^安全狗|^SafeDog\\b");

export const NATIONAL_VENDORS: CatalogVendor[] = [SKY, MOTEX, GENIANS, SEARCHINFORM, RTSOLAR, FALCONGAZE, ACROS, TOPSEC, DBAPPSECURITY, WISEVECTOR, MICROPOINT, HUWEISHEN, SAFEDOG];
