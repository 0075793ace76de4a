// Antivirus and endpoint security of the Korean, Chinese, Japanese and Vietnamese markets.
// Sources per vendor: drivers from Microsoft's allocated filter altitudes list (FSFilter Anti-Virus /
// Activity Monitor, by company); display names and publishers from winget-pkgs manifests where named;
// brand names from the vendors' product pages. Publisher patterns cover legal names, transliterations
// and the Chinese/Korean forms.
import type { CatalogVendor } from "../types";
import { bundle, client, driver, named, service, wsc } from "./helpers";

export const AHNLAB: CatalogVendor = {
  slug: "ahnlab",
  name: "AhnLab",
  country: "KR",
  // winget manifests/a/AhnLab/V3Lite/4.10.0.528/AhnLab.V3Lite.locale.en-US.yaml: Publisher "AhnLab, Inc."
  publishers: ["^AhnLab\\b|^\\(?주\\)?안랩|안랩"],
  fallbackProduct: "ahnlab-other",
  products: [
    {
      slug: "ahnlab-v3",
      name: "AhnLab V3 (Lite, Internet Security, Endpoint Security)",
      category: "antivirus",
      signatures: [
        named("^(?:AhnLab )?V3 (?:Lite|365|Internet Security|Endpoint Security|Net|Zip|IS)\\b|^AhnLab (?:V3|Safe Transaction|Policy Center|EPP)"),
        wsc("^(?:AhnLab )?V3\\b"),
        // Allocated altitudes: AhnLab, Inc. / Ahnlab (FSFilter Anti-Virus, Activity Monitor, Replication)
        driver("VPDrvNt|SMDrvNt|ATamptNt|V3Flt2k|V3MifiNt|V3Ift2k|V3IftmNt|ArfMonNt|AhnRghLh|AszFltNt|OMFltLh|V3Flu2k|TfFregNt|AdcVcsNT|AV12NFNT"),
        // The V3 services a public Korean ransomware proof-of-concept stops ("V3 Service", "V3 Lite
        // Service", with their processes V3Svc.exe, V3LSvc.exe), the names it gives being the
        // service's key or display name (`net stop` takes either); the index holding it does not
        // record its repository.
        service("V3 Service|V3 Lite Service"),
        service("V3Svc|ASDSvc"), // V3 Endpoint and ASD (smart defense) services: VirtualAlllocEx/CS-EDR-Enumeration @28d039844ea2 edr-enum.cna (service list)
        driver("ahksvr|v3monitor"), // the same file's driver list
        named("^V3 (?:Lite )?Service$"),
        bundle("com\\.ahnlab\\."),
      ],
    },
    // AhnLab EDR (the agent of AhnLab's endpoint detection and response line, sold with V3 and EPP): a
    // public directory of Korean security vendors lists AhnLab's products as 'AhnLab V3', 'AhnLab EDR',
    // 'AhnLab EPP', 'AhnLab MDS'; AhnLab's ASEC blog posts name it "AhnLab EDR" (the indexes holding them
    // do not record their repositories). Before it, "AhnLab EDR ..." fell to AhnLab's other security.
    { slug: "ahnlab-edr", name: "AhnLab EDR", category: "edr", signatures: [named("^AhnLab EDR\\b|^안랩 ?EDR\\b")] },
    { slug: "ahnlab-other", name: "AhnLab software (unrecognised product)", category: "other-security", signatures: [named("^AhnLab\\b|안랩")] },
  ],
};

export const ESTSECURITY: CatalogVendor = {
  slug: "estsecurity",
  name: "ESTsecurity (ALYac)",
  country: "KR",
  publishers: ["^EST ?(?:security|soft)\\b|이스트(?:시큐리티|소프트)"],
  fallbackProduct: "estsecurity-other",
  products: [
    {
      slug: "estsecurity-alyac",
      name: "ALYac (알약)",
      category: "antivirus",
      signatures: [
        named("^ALYac\\b|^알약|^ALYac Enterprise|^알약 ?(?:기업|엔터프라이즈)"),
        wsc("^(?:ALYac|알약)"),
        // Allocated altitudes: ESTsoft corp. / ESTsecurity Corp (Anti-Virus, Activity Monitor)
        driver("EstPrmon|Estprp|EstRegmon|EstRegp|EstRkmon|EstRkr|AYFilter|Rtw|EscFilter|RSRtw|RSPCRtw"),
        service("ALYac RealTime Service"), // the same proof-of-concept's service list (see AhnLab)
        // "AIYak" (Estsecurity), as a network-access-control product's antivirus list spells ALYac, capital I for the l
        // (yongtaek-lim/genian-nac-admin-guide @217d4e5c40c8 source/endpoints/windows-antivirus-info.rst)
        named("^AIYa[ck]\\b"),
      ],
    },
    { slug: "estsecurity-other", name: "ESTsecurity software (unrecognised product)", category: "other-security", signatures: [named("^ESTsecurity\\b")] },
  ],
};

export const HAURI: CatalogVendor = {
  slug: "hauri",
  name: "Hauri (ViRobot)",
  country: "KR",
  publishers: ["^Hauri\\b|하우리"],
  fallbackProduct: "hauri-virobot",
  products: [
    {
      slug: "hauri-virobot",
      name: "ViRobot",
      category: "antivirus",
      signatures: [
        named("^ViRobot\\b|^바이로봇|^Hauri\\b"),
        wsc("^ViRobot"),
        // Allocated altitudes: HAURI / Hauri Inc (Anti-Virus, Activity Monitor)
        driver("VrVBRFsFilter|VrExpDrv|secure_os_mf|VrARnFlt|VrBBDFlt|vrSDfmx|vrSDam|VRAPTFLT|VrAptDef|VrSdCore|VrFsFtM|VrFsFtMX|vradfil2|vrSDetri|vrSDetrix"),
      ],
    },
  ],
};

export const INCA: CatalogVendor = {
  slug: "inca",
  name: "INCA Internet (nProtect)",
  country: "KR",
  publishers: ["^INCA Internet\\b|잉카인터넷"],
  fallbackProduct: "inca-nprotect",
  products: [
    {
      slug: "inca-nprotect",
      name: "nProtect (Anti-Virus/Spyware, Online Security, GameGuard)",
      category: "antivirus",
      signatures: [
        named("^nProtect\\b|^INCA\\b"),
        wsc("^nProtect"),
        // Allocated altitudes: INCA Internet Co., Ltd (Anti-Virus, Activity Monitor)
        driver("GKPFCB|GKPFCB64|TkPcFtCb|TkPcFtCb64|npxgd|npxgd64|tkpl2k|tkpl2k64|GKFF|GKFF64|tkdac2k|tkdacxp|tkdacxp64|tksp2k|tkspxp|tkspxp64|tkfsft|tkfsft64|tkfsavxp|tkfsavxp64"),
      ],
    },
  ],
};

// Virus Chaser, a Korean antivirus that a Korean network-access-control product's agent collects, listed there under
// the vendor name "Virus Chaser" (yongtaek-lim/genian-nac-admin-guide @217d4e5c40c8
// source/endpoints/windows-antivirus-info.rst, Genian NAC 3.5/4.0). By its product name only: the list gives no
// publisher, service or driver.
export const VIRUSCHASER: CatalogVendor = {
  slug: "viruschaser",
  name: "Virus Chaser",
  country: "KR",
  publishers: [],
  products: [{ slug: "viruschaser-antivirus", name: "Virus Chaser", category: "antivirus", signatures: [named("^Virus ?Chaser\\b"), wsc("^Virus ?Chaser\\b")] }],
};

export const TENCENT: CatalogVendor = {
  slug: "tencent",
  name: "Tencent (PC Manager)",
  country: "CN",
  publishers: ["^Tencent\\b|腾讯|^Shenzhen Tencent"],
  // No fallback: Tencent publishes messengers and games; only its security products are catalogued.
  products: [
    {
      slug: "tencent-pc-manager",
      name: "Tencent PC Manager (腾讯电脑管家)",
      category: "antivirus",
      signatures: [
        named("^(?:Tencent )?PC Manager\\b|电脑管家|^QQ ?PC ?Manager|^腾讯哈勃"),
        wsc("电脑管家|^Tencent PC Manager"),
        // The Mac edition (Homebrew cask qqmacmgr: app "QQMacMgr.app"; 腾讯电脑管家 Mac版)
        { source: "macos-app", name: "^(?:QQMacMgr|腾讯电脑管家)$" },
        // Allocated altitudes: Tencent / Shenzhen Tencent Computer Systems (Anti-Virus, Top)
        driver("TsQBDrv|TesMon|QQSysMonX64|QQSysMon|TSysCare|TFsFlt"),
        // The services PC Manager's kernel self-protection refuses to let other processes stop,
        // reconfigure or delete (QQPCRTP, TSKSP, TsFltMgr, QQSysMon, TSSysKit, TSSysFix), as a public
        // reverse-engineering write-up of its TsKsp driver lists them (the index holding it does
        // not record its repository; xiaobfly/TsFltMgr reconstructs the TsFltMgr driver it names).
        service("QQPCRTP|TSKSP|TsFltMgr|TSSysKit|TSSysFix"),
      ],
    },
    // Tencent iOA (腾讯iOA零信任安全管理系统: zero-trust access with endpoint protection and EDR), the
    // enterprise endpoint agent of Tencent's security line: public material names "Tencent iOA EDR" (an
    // EDR-testing harness mapping its logs) and "Tencent iOA" on macOS and Windows (a list of AV vendors'
    // false-positive channels); the indexes holding them do not record their repositories. Anchored to
    // Tencent's name: "iOA" alone is too short to stand on its own.
    { slug: "tencent-ioa", name: "Tencent iOA (腾讯iOA) endpoint security", category: "edr", signatures: [named("^(?:Tencent ?|腾讯 ?)iOA\\b|^腾讯零信任")] },
    // Tencent EPM (腾讯御点, Tencent's enterprise endpoint protection, installed like PC Manager under
    // Tencent\PC Manager): its uninstall entry (key QQPCMgr, DisplayName "Tencent EPM", Publisher "Tencent"), as a public blog post on
    // faking the software a network-admission check (ASM入网小助手) requires gives it for 腾讯御点 ("ASM入网小助手
    // 软件校验", 2025-03-24: the DisplayName is what the check reads; the index holding it does not record its
    // repository). Anchored to the whole name: "EPM" alone is other vendors' privilege management.
    { slug: "tencent-epm", name: "Tencent EPM (腾讯御点) endpoint protection", category: "antivirus", signatures: [named("^Tencent EPM\\b|^腾讯御点")] },
  ],
};

export const KINGSOFT: CatalogVendor = {
  slug: "kingsoft",
  name: "Kingsoft (Duba antivirus)",
  country: "CN",
  publishers: [],
  // Kingsoft also publishes WPS Office: matched by product, never by publisher.
  products: [
    {
      slug: "kingsoft-antivirus",
      name: "Kingsoft Antivirus (金山毒霸)",
      category: "antivirus",
      signatures: [
        named("^Kingsoft (?:Antivirus|Internet Security|Security)|金山毒霸|^毒霸"),
        wsc("金山毒霸|^Kingsoft"),
        // Allocated altitudes: Beijing Kingsoft / KINGSOFT / kingsoft (Anti-Virus, Activity Monitor)
        driver("Kisknl|ksfsflt|dgsafe"),
        // its core service, kxescore (and siblings): a public Chinese factory-setup script's list of security software that blocks system changes (Name, Process, Service patterns: 金山毒霸 "kxescore*", 2345安全卫士 "2345Safe*"; the index holding it does not record its repository)
        service("kxescore\\w*"),
      ],
    },
  ],
};

export const HUORONG: CatalogVendor = {
  slug: "huorong",
  name: "Huorong (火绒)",
  country: "CN",
  // winget manifests/h/Huorong/HuorongSecurity/5.0.75.6/Huorong.HuorongSecurity.locale.zh-CN.yaml
  publishers: ["北京火绒网络科技|^Huorong\\b|^Beijing Huorong"],
  fallbackProduct: "huorong-security",
  products: [
    {
      slug: "huorong-security",
      name: "Huorong Internet Security (火绒安全软件)",
      category: "antivirus",
      signatures: [
        named("火绒|^Huorong"),
        wsc("火绒|^Huorong"),
        driver("sysdiag"), // allocated altitudes: Huorong Security
        // The service keys HipsDaemon's registry callback protects, as a public reverse-engineering
        // write-up of Huorong 6 lists them (HipsDaemon, the device-control and early-launch
        // drivers; the index holding it does not record its repository); the firewall's below.
        service("HipsDaemon|hrdevmon|hrelam"),
        // nxeng.sys, "Huorong eXtendible Stream Scan Engine" (Company: Beijing Huorong Network Technology Co.,
        // Ltd.): magicsword-io/LOLDrivers @5554706c8350 yaml/6f1d7635-0778-4f17-9c97-b80deca32510.yaml
        driver("nxeng"),
      ],
    },
    {
      slug: "huorong-firewall",
      name: "Huorong network firewall drivers",
      category: "firewall",
      // hrfwdrv, hrwfpdrv: the same write-up's protected keys (the suite's firewall takes the firewall category)
      signatures: [service("hrfwdrv|hrwfpdrv")],
    },
  ],
};

export const RISING: CatalogVendor = {
  slug: "rising",
  name: "Rising (瑞星)",
  country: "CN",
  publishers: ["^Beijing Rising\\b|瑞星|^Rising\\b"],
  fallbackProduct: "rising-antivirus",
  products: [
    {
      slug: "rising-antivirus",
      name: "Rising Antivirus / ESM (瑞星杀毒)",
      category: "antivirus",
      signatures: [
        named("瑞星|^Rising (?:Antivirus|Internet Security|ESM|Personal Firewall)"),
        wsc("瑞星|^Rising"),
        driver("HookSys"), // HookSys: allocated altitudes (Beijing Rising Information Technology Corporation Limited)
        // RsMgrSvc, Rising's service key (HKLM\SYSTEM\CurrentControlSet\services\RsMgrSvc), which the sandbox
        // signature "antiav_detectreg" reads as Rising installed: CAPESandbox/community @814f6784a021
        // modules/signatures/windows/antiav_detectreg.py
        service("RsMgrSvc"),
        // rsndispot.sys, the driver Rising's rspot.sys imports (Company: Beijing Rising Network Security Technology
        // Co., Ltd.): magicsword-io/LOLDrivers @5554706c8350 yaml/d9a9fd72-e789-4bba-9b96-549b123e5c40.yaml
        driver("rsndispot"),
      ],
    },
  ],
};

export const BAIDU: CatalogVendor = {
  slug: "baidu",
  name: "Baidu Antivirus",
  country: "CN",
  publishers: [],
  products: [
    {
      slug: "baidu-antivirus",
      name: "Baidu Antivirus (百度杀毒, discontinued)",
      category: "antivirus",
      signatures: [
        named("^Baidu (?:Antivirus|PC Faster)|百度杀毒|百度卫士"),
        wsc("^Baidu|百度"),
        // Allocated altitudes: Baidu (beijing) / Baidu online network technology (Anti-Virus, Activity Monitor)
        driver("Bfmon|bdsysmon|BdRdFolder|BDFileDefend|BDsdKit|bd0003|Bfilter"),
      ],
    },
  ],
};

export const SANGFOR: CatalogVendor = {
  slug: "sangfor",
  name: "Sangfor",
  country: "CN",
  publishers: ["^Sangfor\\b|深信服"],
  fallbackProduct: "sangfor-other",
  products: [
    { slug: "sangfor-edr", name: "Sangfor Endpoint Secure (aES/EDR)", category: "edr", signatures: [named("^Sangfor (?:Endpoint Secure|EDR|aES)|深信服(?:终端|EDR)"), driver("sfavflt")] },
    // SangforSP, a Sangfor client's Windows service, which a user's script stops with Huawei's SecoClient VPN service
    // (tuning-14: csy9730/tool_misc @1fc71f4b110a windows/misc/cleanWps.bat)
    { slug: "sangfor-vpn", name: "Sangfor EasyConnect / aTrust VPN", category: "vpn", signatures: [named("^EasyConnect\\b|^Sangfor (?:VPN|aTrust)|^aTrust\\b"), service("SangforSP")] },
    { slug: "sangfor-other", name: "Sangfor software (unrecognised product)", category: "other-security", signatures: [named("^Sangfor\\b|深信服")] },
  ],
};

export const QIANXIN: CatalogVendor = {
  slug: "qianxin",
  name: "Qi An Xin (奇安信)",
  country: "CN",
  publishers: ["^Beijing QiAnXin|奇安信|^Qi-?An-?Xin\\b"],
  fallbackProduct: "qianxin-tianqing",
  products: [{ slug: "qianxin-tianqing", name: "Qi An Xin Tianqing endpoint security (天擎)", category: "edr", signatures: [named("奇安信|天擎|^QiAnXin"), driver("QmInspec")] }],
};

export const SECUREBRAIN: CatalogVendor = {
  slug: "securebrain",
  name: "SecureBrain",
  country: "JP",
  publishers: ["^SecureBrain\\b"],
  fallbackProduct: "securebrain-phishwall",
  products: [{ slug: "securebrain-phishwall", name: "SecureBrain PhishWall / Gred", category: "antivirus", signatures: [named("^PhishWall|^SecureBrain"), driver("mscan-rt")] }],
};

export const BKAV: CatalogVendor = {
  slug: "bkav",
  name: "Bkav",
  country: "VN",
  publishers: ["^Bkav\\b"],
  fallbackProduct: "bkav-antivirus",
  products: [{ slug: "bkav-antivirus", name: "Bkav (Home, Pro, Endpoint)", category: "antivirus", signatures: [named("^Bkav\\b"), wsc("^Bkav"), driver("BkavAutoFlt|BkavSdFlt")] }],
};

export const CMC: CatalogVendor = {
  slug: "cmc",
  name: "CMC Cyber Security",
  country: "VN",
  publishers: ["^CMC (?:Cyber )?Security\\b|^CMC Infosec"],
  fallbackProduct: "cmc-antivirus",
  products: [
    {
      slug: "cmc-antivirus",
      name: "CMC Antivirus",
      category: "antivirus",
      signatures: [named("^CMC (?:Antivirus|Internet Security|Endpoint)"), wsc("^CMC"), driver("cbfilter20|cbprocess20|cbregistry20")],
    },
  ],
};

// Japan's consumer antivirus sold under the seller's own name. Sourcenext (also a seller of
// ordinary software, so matched by product, never by publisher): its manuals name "ウイルスセキュリティ"
// (Virus Security, ZERO line included) and "スーパーセキュリティ" (Super Security); nifty's manual
// (nifty.com/sec24) names "常時安全セキュリティ24".
// SourceNext sells them as "ZERO スーパーセキュリティ" / "ZERO ウイルスセキュリティ" (sourcenext.com product names)
export const SOURCENEXT = client("sourcenext", "Sourcenext (Virus Security, Super Security)", "JP", "antivirus", {
  names: "^(?:ZERO ?)?(?:ウイルスセキュリティ|スーパーセキュリティ)",
  product: "ウイルスセキュリティ / スーパーセキュリティ",
});
export const NIFTY = client("nifty", "nifty (常時安全セキュリティ24)", "JP", "antivirus", { names: "^常時安全セキュリティ24" });

// NAVER's free antivirus (discontinued), "네이버 백신" as Korean test plans list it beside V3 Lite and
// 알약 and as Naver's own pages name it (security.naver.com, tools.naver.com/service/vaccine). NAVER
// publishes a browser and much else: matched by product, never by publisher.
export const NAVER = client("naver", "NAVER (Naver Vaccine)", "KR", "antivirus", { names: "^네이버 ?백신|^NAVER Vaccine\\b", product: "Naver Vaccine (네이버 백신)" });

// 2345安全卫士 (2345 Security Guard, also "2345安全中心", "2345杀毒"), the consumer security suite of 2345.com
// (Shanghai): a public Chinese factory-setup script's list of security software that blocks system changes (Name, Process, Service patterns: 金山毒霸 "kxescore*", 2345安全卫士 "2345Safe*"; the index holding it does not record its repository); the same names in public lists of Chinese antivirus (a PC-cleaning tool's
// list of rogue and security software; an installer's antivirus-environment choices). 2345's browser,
// image viewer, archiver and input method are ordinary software: no publisher fallback.
export const SECURITY2345 = client("2345", "2345.com (2345安全卫士)", "CN", "antivirus", {
  names: "^2345 ?(?:安全卫士|安全中心|杀毒|卫士)",
  services: "2345Safe\\w*",
  product: "2345安全卫士 (2345 Security Guard)",
});
export const ASIA_VENDORS = [
  AHNLAB,
  ESTSECURITY,
  HAURI,
  INCA,
  VIRUSCHASER,
  TENCENT,
  KINGSOFT,
  HUORONG,
  RISING,
  BAIDU,
  SANGFOR,
  QIANXIN,
  SECUREBRAIN,
  BKAV,
  CMC,
  SOURCENEXT,
  NIFTY,
  NAVER,
  SECURITY2345,
];
