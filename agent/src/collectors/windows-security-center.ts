// Windows Security Center (root\SecurityCenter2): the antivirus, antispyware and firewall products
// Windows itself considers registered, with whether each is enabled and up to date. Windows Server
// has no Security Center; there Defender's own status (Get-MpComputerStatus) stands in for it.
import type { SecurityCenterState, SoftwareEntry } from "../../shared/protocol";
import { powershell } from "../lib/windows";
import { splitLines } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export const WSC_CLASSES = ["AntiVirusProduct", "AntiSpywareProduct", "FirewallProduct"] as const;
export type WscClass = (typeof WSC_CLASSES)[number];
export const DEFENDER_NAME = "Microsoft Defender Antivirus";
/** Defender's own default: signatures older than this many days are out of date. */
export const SIGNATURE_MAX_AGE_DAYS = 7;

/** productState as hex 0xAABBCC: BB is 0x1x when enabled, CC is 0x00 when signatures are up to date. */
export function decodeProductState(productState: number): SecurityCenterState {
  const scanner = (productState >> 8) & 0xff;
  const signatures = productState & 0xff;
  return { enabled: (scanner & 0xf0) === 0x10, upToDate: signatures === 0x00 };
}

/** ConvertTo-Json output in its three shapes: nothing (no result), a bare object (one), an array. */
export function parseConvertToJson(text: string): Record<string, unknown>[] {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return [];
  const v = JSON.parse(trimmed) as unknown;
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null);
}

/** The vendor's folder in a product's path ("C:\\Program Files (x86)\\Kaspersky Lab\\KES\\wmiav.exe" ->
 *  "Kaspersky Lab"): the only vendor string Security Center gives. Undefined for other paths. */
export function vendorFolder(path: unknown): string | undefined {
  if (typeof path !== "string") return undefined;
  const m = /^(?:[a-z]:\\(?:program files(?: \(x86\))?|programdata)|%(?:programfiles(?:\(x86\))?|programw6432|programdata)%)\\([^\\]+)\\/i.exec(path.trim());
  return m?.[1]?.trim() || undefined;
}

export function parseSecurityCenterProducts(text: string, className: WscClass): SoftwareEntry[] {
  const out: SoftwareEntry[] = [];
  for (const p of parseConvertToJson(text)) {
    const name = typeof p.displayName === "string" ? p.displayName.trim() : "";
    const state = Number(p.productState);
    if (!name || !Number.isFinite(state)) continue;
    const publisher = vendorFolder(p.pathToSignedProductExe);
    out.push({ source: "windows-security-center", name, ...(publisher ? { publisher } : {}), identifier: className, state: decodeProductState(state) });
  }
  return out;
}

/** Get-MpComputerStatus | ConvertTo-Json, turned into the entry Security Center would have given. */
export function parseMpComputerStatus(text: string): SoftwareEntry | null {
  const [s] = parseConvertToJson(text);
  if (!s) return null;
  const age = Number(s.AntivirusSignatureAge);
  const enabled = s.AntivirusEnabled === true && s.RealTimeProtectionEnabled === true && s.AMServiceEnabled !== false;
  return {
    source: "windows-security-center",
    name: DEFENDER_NAME,
    version: typeof s.AMProductVersion === "string" ? s.AMProductVersion : undefined,
    identifier: "MpComputerStatus",
    state: { enabled, upToDate: Number.isFinite(age) && age >= 0 && age <= SIGNATURE_MAX_AGE_DAYS },
  };
}

// One PowerShell process for everything (starting PowerShell costs far more than the queries).
// Sections are separated by "##muster" marker lines so each ConvertTo-Json output parses on its own.
export const SECURITY_CENTER_SCRIPT = `
$server = (Get-CimInstance -ClassName Win32_OperatingSystem).ProductType -ne 1
if ($server) { Write-Output '##muster server' }
foreach ($c in ${WSC_CLASSES.map((c) => `'${c}'`).join(",")}) {
  Write-Output "##muster class $c"
  try { Get-CimInstance -Namespace root/SecurityCenter2 -ClassName $c -ErrorAction Stop | Select-Object displayName,productState,pathToSignedProductExe,instanceGuid | ConvertTo-Json }
  catch { Write-Output ('##muster error ' + $_.Exception.Message) }
}
if ($server) {
  Write-Output '##muster defender'
  if (Get-Command Get-MpComputerStatus -ErrorAction SilentlyContinue) {
    try { Get-MpComputerStatus -ErrorAction Stop | Select-Object AMProductVersion,AMServiceEnabled,AntivirusEnabled,RealTimeProtectionEnabled,AntivirusSignatureAge,AntivirusSignatureVersion | ConvertTo-Json }
    catch { Write-Output ('##muster error ' + $_.Exception.Message) }
  } else { Write-Output '##muster absent' }
}
`;

export type SecurityCenterOutput = { server: boolean; entries: SoftwareEntry[]; errors: string[] };

/** Splits the script's output into its sections and parses each. */
export function parseSecurityCenterOutput(text: string): SecurityCenterOutput {
  const result: SecurityCenterOutput = { server: false, entries: [], errors: [] };
  type Section = { kind: "class"; cls: WscClass } | { kind: "defender" };
  const sections: { section: Section; lines: string[]; error?: string }[] = [];
  for (const line of splitLines(text)) {
    const m = /^##muster (server|class (\w+)|defender|error (.*)|absent)\s*$/.exec(line);
    if (!m) {
      sections.at(-1)?.lines.push(line);
      continue;
    }
    if (m[1] === "server") result.server = true;
    else if (m[2]) sections.push({ section: { kind: "class", cls: m[2] as WscClass }, lines: [] });
    else if (m[1] === "defender") sections.push({ section: { kind: "defender" }, lines: [] });
    else if (m[3] !== undefined && sections.length) sections.at(-1)!.error = m[3].trim();
  }
  for (const s of sections) {
    const label = s.section.kind === "class" ? s.section.cls : "Get-MpComputerStatus";
    // On Windows Server, SecurityCenter2 does not exist: its errors are expected, not failures.
    if (s.error) {
      if (!(result.server && s.section.kind === "class")) result.errors.push(`${label}: ${s.error}`);
      continue;
    }
    try {
      const body = s.lines.join("\n");
      if (s.section.kind === "class") result.entries.push(...parseSecurityCenterProducts(body, s.section.cls));
      else {
        const e = parseMpComputerStatus(body);
        if (e) result.entries.push(e);
      }
    } catch (err) {
      result.errors.push(`${label}: unreadable ConvertTo-Json output (${(err as Error).message})`);
    }
  }
  return result;
}

async function collect(ctx: CollectContext) {
  const r = await powershell(ctx, SECURITY_CENTER_SCRIPT);
  if (r.code !== 0 && !r.stdout.includes("##muster")) {
    throw new Error(`powershell exited ${r.code}: ${r.stderr.trim().split(/\r?\n/)[0] ?? ""}`);
  }
  const parsed = parseSecurityCenterOutput(r.stdout);
  return { entries: parsed.entries, error: parsed.errors.length ? parsed.errors.join("; ") : undefined };
}

export const windowsSecurityCenterCollector: Collector = {
  sources: ["windows-security-center"],
  platforms: ["windows"],
  applies: (ctx) => ctx.live,
  collect,
};
