// Path helpers for collectors that read below --root, and small text helpers they share.
import { join } from "node:path";
import { readdirSync, statSync } from "node:fs";
import type { Dirent } from "node:fs";

/** The path of an absolute system path below the scan root. */
export function underRoot(root: string, absolute: string): string {
  return root === "/" ? absolute : join(root, absolute);
}

/** Directory entries, or [] when the folder does not exist (ENOENT/ENOTDIR). Other errors throw. */
export function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw err;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Lines of a text, whatever the line endings (Windows commands emit CRLF). */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/** One error message for many failures of the same kind: count and first example. */
export function summarizeErrors(errors: string[], what: string): string | undefined {
  if (!errors.length) return undefined;
  return errors.length === 1 ? errors[0] : `${errors.length} ${what}, e.g. ${errors[0]}`;
}
