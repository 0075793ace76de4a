// Runner of folder-rules.ts: creates the state folder if needed and refuses one that a local user
// could have prepared or can change. Linux/macOS: lstat facts (no symlink followed), a new folder is
// made 0700; Windows: one PowerShell run creates it with a protected ACL and reports what it is.
import { lstatSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Platform } from "../../shared/protocol";
import { execCommand, type ExecFn } from "../lib/exec";
import {
  ancestorsOf,
  judgePosixAncestor,
  judgePosixExecutable,
  judgePosixStateDir,
  judgeWindowsStateDir,
  parseWindowsDirReport,
  powershellArgs,
  type PosixFacts,
  windowsStateDirScript,
} from "./folder-rules";

/** A folder the agent refuses to use; the message says why and what to do. */
export class UnsafeFolderError extends Error {}

export function posixFacts(path: string, follow = false): PosixFacts {
  try {
    const st = follow ? statSync(path) : lstatSync(path);
    const kind = st.isSymbolicLink() ? "symlink" : st.isDirectory() ? "directory" : st.isFile() ? "file" : "other";
    return { path, kind, uid: st.uid, mode: st.mode };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { path, kind: "missing", uid: -1, mode: 0 };
    throw err;
  }
}

const euid = () => (process.geteuid ? process.geteuid() : 0);

/** Refuses when a folder on the way to `dir` (its real path) lets another user swap what is below. */
export function checkPosixAncestors(dir: string): void {
  let existing = dir;
  while (posixFacts(existing, true).kind === "missing" && dirname(existing) !== existing) existing = dirname(existing);
  const real = realpathSync(existing);
  for (const p of ancestorsOf(real)) {
    const why = judgePosixAncestor(posixFacts(p, true), euid());
    if (why) throw new UnsafeFolderError(why);
  }
}

function ensurePosixStateDir(dir: string): void {
  checkPosixAncestors(dirname(dir));
  mkdirSync(dirname(dir), { recursive: true, mode: 0o755 });
  const path = join(realpathSync(dirname(dir)), basename(dir));
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const why = judgePosixStateDir(posixFacts(path), euid());
  if (why) throw new UnsafeFolderError(why);
}

async function ensureWindowsStateDir(dir: string, exec: ExecFn): Promise<void> {
  const r = await exec("powershell.exe", powershellArgs(windowsStateDirScript(dir)), { timeoutMs: 60_000 });
  if (r.code !== 0) throw new UnsafeFolderError(`cannot create or inspect ${dir}: ${(r.stderr || r.stdout).trim().split(/\r?\n/)[0] ?? `exit ${r.code}`}`);
  const why = judgeWindowsStateDir(parseWindowsDirReport(r.stdout));
  if (why) throw new UnsafeFolderError(why);
}

/** Creates the state folder when missing and checks it can be trusted; throws UnsafeFolderError otherwise. */
export async function ensureStateDir(dir: string, platform: Platform = hostPlatform(), exec: ExecFn = execCommand): Promise<void> {
  if (platform === "windows") return ensureWindowsStateDir(dir, exec);
  ensurePosixStateDir(dir);
}

/** Refuses an executable (node) the service would run as root when another user could change it. */
export function checkPosixExecutable(file: string): void {
  const real = realpathSync(file);
  checkPosixAncestors(dirname(real));
  const why = judgePosixExecutable(posixFacts(real), euid());
  if (why) throw new UnsafeFolderError(why);
}

function hostPlatform(): Platform {
  return process.platform === "win32" ? "windows" : process.platform === "darwin" ? "darwin" : "linux";
}
