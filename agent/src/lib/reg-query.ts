// Parser for `reg query KEY /s` output, shared by the Windows collectors. Format:
//   <blank>
//   HKEY_LOCAL_MACHINE\SOFTWARE\...\Uninstall\{GUID}
//       DisplayName    REG_SZ    Kaspersky Endpoint Security for Windows
//       EstimatedSize    REG_DWORD    0x5a3c2
//   <blank>
// Values are indented four spaces, fields separated by four spaces, data may be empty,
// REG_DWORD/REG_QWORD data is hex. A trailing "End of search: N match(es) found." may appear.
import { splitLines } from "./paths";

export type RegValue = { type: string; data: string };
export type RegKey = { path: string; values: Map<string, RegValue> };

const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

export function parseRegQuery(text: string): RegKey[] {
  const keys: RegKey[] = [];
  let current: RegKey | undefined;
  for (const line of splitLines(text)) {
    if (!line.trim()) continue;
    if (/^HKEY_[A-Z_]+(\\|$)/.test(line)) {
      current = { path: line.trim(), values: new Map() };
      keys.push(current);
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (m && current) {
      const name = m[1] === "(Default)" ? "" : m[1]!;
      current.values.set(name, { type: m[2]!, data: (m[3] ?? "").trimEnd() });
    }
    // Anything else ("End of search", error text) is not part of the data.
  }
  return keys;
}

/** Last path component of a registry key. */
export function keyName(path: string): string {
  const i = path.lastIndexOf("\\");
  return i < 0 ? path : path.slice(i + 1);
}

/** Number of path components below a parent key (1 = direct child). */
export function depthBelow(path: string, parent: string): number {
  if (!path.toLowerCase().startsWith(`${parent.toLowerCase()}\\`)) return -1;
  return path.slice(parent.length + 1).split("\\").length;
}

export function regString(key: RegKey, name: string): string | undefined {
  const v = key.values.get(name);
  if (!v) return undefined;
  const s = v.data.trim();
  return s || undefined;
}

/** REG_DWORD / REG_QWORD hex ("0x10") or decimal data as a number. */
export function regNumber(key: RegKey, name: string): number | undefined {
  const v = key.values.get(name);
  if (!v) return undefined;
  const n = Number(v.data.trim());
  return Number.isFinite(n) && v.data.trim() !== "" ? n : undefined;
}
