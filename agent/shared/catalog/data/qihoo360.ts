// Qihoo 360 (Beijing Qihoo Technology): 360 Total Security (international), 360安全卫士 (360 Safe
// Guard) and 360杀毒 (360 Antivirus) in China. No `exclude`: a Chinese-state-linked vendor on the
// US Entity List; its browser and tools are reported too, as `qihoo360-other`.
import type { CatalogVendor, RemovalGuide } from "../types";
import { bundle, driver, named, service, wsc } from "./helpers";

const PUBLISHER = "Qihoo|奇虎|^360\\.(?:cn|com)$|^360 ?(?:Security|安全中心|Technology)|^Beijing Qihu";

const WINDOWS: RemovalGuide = {
  platform: "windows",
  steps: [
    "Settings > Apps (or Programs and Features) > 360 Total Security / 360安全卫士 / 360杀毒 > Uninstall; the uninstaller asks to confirm and may try to keep components: choose full removal.",
    "Turn off self-protection first if the uninstaller refuses (product settings; unverified per version).",
    "Reboot, then run the Muster agent again: services ZhuDongFangYu / QHActiveDefense or drivers 360FsFlt, 360Box64, BAPIDRV64 still present are remnants.",
  ],
};

export const QIHOO360: CatalogVendor = {
  slug: "qihoo360",
  name: "Qihoo 360",
  country: "CN",
  publishers: [PUBLISHER],
  // What else Qihoo ships (360看图 image viewer, 360压缩, games, wallpapers, driver and software
  // managers) is mostly tools; its security products are named above, so the fallback is a tool.
  fallbackProduct: "qihoo360-tools",
  products: [
    {
      slug: "qihoo360-total-security",
      name: "360 Total Security",
      category: "antivirus",
      signatures: [
        named("^(?:Qihoo )?360 ?(?:Total ?Security|Internet Security|Security Guard)|^360 Total Security Essential"), // "Qihoo 360 Internet Security 9": the company name first (tuning-12) // "360TotalSecurity" as a public Chinese AV list names it (after batch 9)
        wsc("^(?:Qihoo )?360 ?Total Security|^(?:Qihoo )?360 ?Internet Security"),
        bundle("com\\.qihoo\\.|com\\.360\\.", ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"]), // 360 Total Security for Mac; unverified ids
      ],
      removal: [WINDOWS],
    },
    {
      slug: "qihoo360-safe-guard",
      name: "360 Safe Guard (360安全卫士)",
      category: "antivirus",
      signatures: [named("360安全卫士|360安全衛士|^360 ?Safe ?Guard"), wsc("360安全卫士")],
      removal: [WINDOWS],
    },
    {
      slug: "qihoo360-antivirus",
      name: "360 Antivirus (360杀毒)",
      category: "antivirus",
      signatures: [named("360杀毒|360殺毒|^360 ?Anti-?virus"), wsc("360杀毒")],
      removal: [WINDOWS],
    },
    {
      slug: "qihoo360-components",
      name: "360 protection components (services and drivers)",
      category: "antivirus",
      signatures: [
        // ZhuDongFangYu (主动防御, "active defense") and QHActiveDefense are the protection
        // services; 360rp / 360rps (360杀毒 real-time protection) are unverified.
        service("ZhuDongFangYu|QHActiveDefense|360rp|360rps|QHSafeScan"),
        // Drivers: 360FsFlt, 360Box64, BAPIDRV64 as commonly reported; the other 360* names and
        // DsArk64 (anti-rootkit) are unverified individually.
        driver("360\\w+|BAPIDRV(?:64)?|DsArk(?:64)?|qhradar"),
        { source: ["windows-service", "windows-driver"], name: "^360|奇虎" },
      ],
      removal: [WINDOWS],
    },
    {
      // Source: 360 Secure Browser (360安全浏览器) and 360 Zip (360压缩) are Qihoo products that are
      // not security software; attributed to Qihoo for vendor-wide measures, never protection.
      slug: "qihoo360-tools",
      name: "Qihoo 360 browser and tools",
      category: "utility",
      // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): 360.360Ent "360企业安全浏览器" (the enterprise edition of its browser)
      // and every other Qihoo package of the winget-pkgs index (svrooij/winget-pkgs-index @7ac59ed78fcb,
      // PackageIds 360.*): 360 极速浏览器X, 360游戏浏览器, 360清理大师 (Clean Master), 360文件夹, 360 Virtual
      // Vault, 纳米AI (Nano AI), 手心输入法 (its input method); "桌面助手" (360.360DesktopLite) is too generic a
      // name to match without Qihoo's publisher, which the vendor's fallback takes
      signatures: [
        named("^360 ?(?:Secure Browser|Browser|Zip|Extreme Explorer)|360(?:企业)?(?:安全|极速)浏览器|360压缩"),
        named("^360 ?(?:极速浏览器X?|游戏浏览器|清理大师|文件夹|Virtual Vault|Clean ?Master)|^纳米AI$|^手心输入法"),
      ],
    },
    {
      slug: "qihoo360-other",
      name: "Qihoo 360 software (unrecognised product)",
      category: "other-security",
      // winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): 360.360DocProtect "360 File Guard" (360文档卫士, anti-ransomware backup)
      signatures: [named("^360 ?(?:安全(?!浏览器)|杀毒)|奇虎|^360 ?(?:File|Document) Guard\\b|^360文档卫士")],
      removal: [WINDOWS],
    },
  ],
};
