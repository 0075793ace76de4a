// Windows kernel minifilter drivers of vendors catalogued elsewhere, by the product they belong to.
// Source: Microsoft, "Allocated filter altitudes" (learn.microsoft.com/windows-hardware/drivers/ifs/
// allocated-altitudes; MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/ifs/allocated-altitudes.md),
// groups FSFilter Anti-Virus, Activity Monitor and Top (Kaspersky's: every group, its backup,
// encryption and virtualization drivers being suite components too), by the company each altitude
// is allocated to.
// A driver's service key is its file name without ".sys"; drivers survive uninstalls, so they are how
// remnants are found. Added to the products below by data/index.ts; drivers the vendor files already
// name are not repeated here. Drivers allocated to F-Secure
// belong to WithSecure (the renamed F-Secure Corporation) and are in consumer-av.ts; mfehidk and
// mfencfilter, shared by McAfee's consumer and enterprise (now Trellix) lines, stay with Trellix.
// Products a vendor has only by its drivers are in MINIFILTER_PRODUCTS. Completed from every group's
// list (Anti-Virus, Activity Monitor, Security Enhancer, Content Screener, Open File) for the vendors
// catalogued; drivers two vendors share (symevnt32, symefa64) stay out.
import type { CatalogProduct } from "../types";

export const MINIFILTERS: Record<string, Record<string, string>> = {
  kaspersky: { "kaspersky-components": "klfdefsf|klrsps|klsnsr|klifks|klifaa|Klifsm|kldlinf|kldtool|Klcdp|Klshadow|Klsysrec|klvfs|Klfle|Klvirt" },
  microsoft: { "microsoft-defender-antivirus": "WdDevFlt|mpFilter" },
  hauri: { "hauri-virobot": "VrFsFtMX|RGFLT_FM|vracfil2|VrMacFlt" },
  quickheal: { "quickheal-antivirus": "snsrflt|bsfs" },
  kingsoft: { "kingsoft-antivirus": "lbprotect|wdocsafe" }, // Cheetah Mobile Inc. (Kingsoft's security business since 2014)
  securitycode: { "securitycode-secret-net": "SnDacs|SnExequota|SnMc5xx" }, // Informzaschita (Secret Net, since sold by Security Code)
  wardwiz: { "wardwiz-antivirus": "WRDWIZFILEPROT|WRDWIZREGPROT" },
  ca: { "ca-antivirus": "KmxAgent|KmxFile|KmxSbx" },
  coranti: { "coranti-antivirus": "crnselfdefence32|crnselfdefence64" },
  norman: { "norman-antivirus": "ndevsec" },
  maxsecure: { "maxsecure-antivirus": "FolderSecure" },
  secureage: { "secureage-antivirus": "saappctl|sadlp" },
  pctools: { "pctools-antivirus": "pctefa|pctefa64" },
  keeper: { "keeper-client": "KeeperGuard" },
  airlock: { airlock: "airlock" },
  crowdstrike: { "crowdstrike-falcon": "im" },
  paloalto: { "paloalto-cortex-xdr": "SecdoDriver" }, // Secdo (acquired by Palo Alto Networks, part of Cortex XDR)
  comodo: { "comodo-other": "MyDLPMF" }, // Comodo Group Inc. (MyDLP)
  drweb: { "drweb-anti-virus": "Drwebfwflt|EventMon|drwebfwft|DwShield|DwShield64" },
  qihoo360: { "qihoo360-components": "AtdrAgent|AtdrAgent64|Qutmdrv" },
  sophos: { "sophos-intercept-x": "soidriver|sld" },
  eset: { "eset-endpoint": "edevmonm" },
  bitdefender: { "bitdefender-gravityzone": "edrsensor|bdprivmon|hbflt|vlflt|bdsvm|ignis|bdfsfltr|bdfm|gemma|Atc" },
  trendmicro: { "trendmicro-apex-one": "TmAIS|TMUMS|hfileflt|AcDriver|SakFile|SakMFile|TmKmSnsr|fileflt|TmEsFlt|TmEyes", "trendmicro-deep-security": "tbfsfilt" }, // tbfsfilt: Third Brigade (Deep Security's maker, acquired by Trend Micro)
  mcafee: { "mcafee-total-protection": "mfeaskm|epdrv|mfencoas|swin|mfesec" },
  // hdlpflt: McAfee Inc.'s Host DLP, now Trellix DLP; vfsmfd: Vontu (Symantec DLP's maker); SymEFASI64: NortonLifeLock Inc.
  trellix: { "trellix-edr": "FeKern|WFP_MRT", "trellix-dlp": "hdlpflt" },
  broadcom: { "symantec-endpoint-protection": "pgpwdefs|GEProtection|diflt|sysMon|ssrfsf|emxdrv2|reghook|spbbcdrv|SISIPSFileFilter|eraser|SRTSPIT|SRTSP64|VirtualAgent", "symantec-dlp": "vfsmfd" },
  malwarebytes: { malwarebytes: "MBIG2Prot|mbamwatchdog|mbamshuriken|MonitoRing|FlightRecorder|farwflt" },
  webroot: { "webroot-secureanywhere": "WRAEKernel|WRCore\\.x64|WRCore\\.x86|ARCore\\.x64|ARCore\\.x86|ssfmonm" },
  gdata: { "gdata-antivirus": "gddcv" },
  watchguard: { "watchguard-epdr": "amfsm|amm8660|amm6460|NanoAVMF|shldflt" },
  cisco: { "cisco-secure-endpoint": "csaam|csaav|csareg|csaenh|csacentr|csascr" }, // csa*: Cisco Security Agent
  fortinet: { "fortinet-forticlient": "fortimon2|fortirmon" },
  checkpoint: { "checkpoint-harmony-endpoint": "cphsmon|cposfw" },
  tanium: { "tanium-client": "TaniumRecorderDrv" },
  qualys: { "qualys-cloud-agent": "QMON|qfimdvr|QEliminate" },
  zscaler: { "zscaler-client-connector": "zdpinfrastructure" },
  netskope: { "netskope-client": "stadrv6x64|stadrv6x32" },
  nordsecurity: { nordvpn: "mshield" },
  gendigital: { "norton-360": "SymEFASI64", "avast-antivirus": "aswFsBlk", "avg-antivirus": "avgtpx86|avgtpx64|avgmfx86|avgmfx64|avgmfi64|avgmfrs" },
  vmware: { "carbonblack-app-control": "b9kernel|paritydriver", "vmware-guest-introspection": "vsepflt|VFileFilter" }, // paritydriver: Bit9 (Parity, now App Control)
  ivanti: { "ivanti-endpoint-security": "IvAppMon|KpHrd|emrcore|eps" }, // Ivanti; Lumension (merged into Ivanti)
};

/** Products of catalogued vendors that the catalog knows only by their drivers (in MINIFILTERS). */
export const MINIFILTER_PRODUCTS: Record<string, CatalogProduct[]> = {
  vmware: [{ slug: "vmware-guest-introspection", name: "VMware vShield Endpoint / NSX Guest Introspection", category: "antivirus", signatures: [] }],
  ivanti: [{ slug: "ivanti-endpoint-security", name: "Ivanti Endpoint Security (Lumension; application and device control)", category: "other-security", signatures: [] }],
};
