// When the agent (running as root or SYSTEM) may trust a folder: the state folder holds the device
// credential and, on Windows, the scheduled task's XML; the install folders hold the file the
// service runs. A folder a local user created first, or can write, would let that user read the
// credential, swap the task definition or plant links. Pure decisions over facts the runner
// gathers (secure-dir.ts), so they are tested on captured output.

// ---- Linux and macOS ------------------------------------------------------------------------
export type PosixFacts = {
  path: string;
  /** From lstat: a symlink is never followed for the folder itself. */
  kind: "directory" | "file" | "symlink" | "other" | "missing";
  uid: number;
  mode: number;
};

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

/** Why the state folder cannot be used, or null. It must be a real folder, owned by the user the
 *  agent runs as (root for the service), readable and writable by that owner only. */
export function judgePosixStateDir(f: PosixFacts, euid: number): string | null {
  if (f.kind === "symlink") return `${f.path} is a symbolic link; the state folder must be a real folder (remove the link)`;
  if (f.kind !== "directory") return `${f.path} is not a folder`;
  if (f.uid !== euid) return `${f.path} is owned by uid ${f.uid}, not ${euid === 0 ? "root" : `uid ${euid}`}: another user created it first; remove it and run again`;
  if (f.mode & 0o077) return `${f.path} has mode ${octal(f.mode)}: others could read the credential or plant files; remove it (or chmod 700 after checking its content) and run again`;
  return null;
}

/** Why a folder on the way to the state or install folder lets someone else swap what is below it, or null:
 *  owned by root or by the agent's user, and writable by nobody else unless sticky (like /tmp). */
export function judgePosixAncestor(f: PosixFacts, euid: number): string | null {
  if (f.kind === "missing") return null; // created by us below
  if (f.kind !== "directory") return `${f.path} is not a folder`;
  if (f.uid !== 0 && f.uid !== euid) return `${f.path} is owned by uid ${f.uid}: that user could replace what is below it`;
  if (f.mode & 0o022 && !(f.mode & 0o1000)) return `${f.path} has mode ${octal(f.mode)}: others could replace what is below it`;
  return null;
}

/** Why an executable the service will run as root cannot be trusted, or null. */
export function judgePosixExecutable(f: PosixFacts, euid: number): string | null {
  if (f.kind !== "file") return `${f.path} is not a regular file`;
  if (f.uid !== 0 && f.uid !== euid) return `${f.path} is owned by uid ${f.uid}: that user could change what the service runs as root`;
  if (f.mode & 0o022) return `${f.path} has mode ${octal(f.mode)}: others could change what the service runs as root`;
  return null;
}

/** Every folder from the root down to `dir` (absolute, already resolved), root first. */
export function ancestorsOf(dir: string, sep = "/"): string[] {
  const parts = dir.split(sep).filter(Boolean);
  const out = [sep];
  for (let i = 0; i < parts.length; i++) out.push(sep + parts.slice(0, i + 1).join(sep));
  return out;
}

// ---- Windows -------------------------------------------------------------------------------
/** Owner Administrators, protected DACL (inheritance off), full control for SYSTEM and Administrators only. */
export const WINDOWS_PROTECTED_SDDL = "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

/** SYSTEM and Administrators, as SDDL aliases or SIDs. */
const TRUSTED_SIDS = new Set(["SY", "BA", "S-1-5-18", "S-1-5-32-544"]);

export type SddlAce = { type: string; flags: string[]; rights: string; sid: string };
export type Sddl = { owner: string | null; group: string | null; daclFlags: string; aces: SddlAce[] };

/** A security descriptor in SDDL form (`O:..G:..D:PAI(ace)(ace)`), as `Get-Acl`'s .Sddl gives it. */
export function parseSddl(text: string): Sddl {
  const s = text.trim();
  const part = (tag: string) => {
    const m = new RegExp(`${tag}:([^:()]*?)(?=[OGDS]:|$)`).exec(s.replace(/\([^)]*\)/g, ""));
    return m ? m[1]! : null;
  };
  const dacl = /D:([A-Z]*)((?:\([^)]*\))*)/.exec(s);
  const aces: SddlAce[] = [];
  for (const m of (dacl?.[2] ?? "").matchAll(/\(([^)]*)\)/g)) {
    const f = m[1]!.split(";");
    if (f.length < 6) throw new Error(`malformed ACE (${m[1]}) in ${s}`);
    aces.push({ type: f[0]!, flags: f[1]!.match(/../g) ?? [], rights: f[2]!, sid: f[5]! });
  }
  return { owner: part("O"), group: part("G"), daclFlags: dacl?.[1] ?? "", aces };
}

export type WindowsDirFacts = { path: string; exists: boolean; directory: boolean; attributes: string[]; sddl: string; created: boolean };

/** The JSON the state-folder script prints (ConvertTo-Json -Compress of one object). */
export function parseWindowsDirReport(json: string): WindowsDirFacts {
  const o = JSON.parse(json.replace(/^\uFEFF/, "").trim()) as Record<string, unknown>;
  if (typeof o.path !== "string" || typeof o.sddl !== "string") throw new Error(`unexpected state folder report: ${json.slice(0, 200)}`);
  return {
    path: o.path,
    exists: o.exists !== false,
    directory: o.directory === true,
    attributes: String(o.attributes ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    sddl: o.sddl,
    created: o.created === true,
  };
}

/** Why the Windows state folder cannot be used, or null. */
export function judgeWindowsStateDir(f: WindowsDirFacts): string | null {
  const remove = `remove ${f.path} (as Administrator) and run again`;
  if (!f.directory) return `${f.path} is not a folder`;
  if (f.attributes.includes("ReparsePoint")) return `${f.path} is a junction or symbolic link (reparse point): ${remove}`;
  const d = parseSddl(f.sddl);
  if (!d.owner || !TRUSTED_SIDS.has(d.owner)) return `${f.path} is owned by ${d.owner ?? "nobody"}, not SYSTEM or Administrators: another user created it first; ${remove}`;
  if (!d.daclFlags.includes("P")) return `${f.path} inherits permissions from its parent (Users may create files in it): ${remove}`;
  const other = d.aces.find((a) => a.type !== "D" && !TRUSTED_SIDS.has(a.sid));
  if (other) return `${f.path} grants access to ${other.sid} (${other.rights}): only SYSTEM and Administrators may use it; ${remove}`;
  return null;
}

/** A PowerShell string literal. */
const ps = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The PowerShell that creates the state folder with the protected ACL when it is missing (the ACL
 * is part of the creation: no moment where Users may write in it) and prints what the folder is
 * now, for judgeWindowsStateDir. A folder that appeared in between keeps its owner and is refused.
 */
export function windowsStateDirScript(dir: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$p = ${ps(dir)}`,
    "$created = $false",
    "if (-not (Test-Path -LiteralPath $p)) {",
    "  $acl = New-Object System.Security.AccessControl.DirectorySecurity",
    `  $acl.SetSecurityDescriptorSddlForm(${ps(WINDOWS_PROTECTED_SDDL)})`,
    "  if ($PSVersionTable.PSEdition -eq 'Core') { $null = [System.IO.FileSystemAclExtensions]::Create([System.IO.DirectoryInfo]::new($p), $acl) } else { $null = [System.IO.Directory]::CreateDirectory($p, $acl) }",
    "  $created = $true",
    "}",
    "$i = Get-Item -LiteralPath $p -Force",
    "[pscustomobject]@{ path = $i.FullName; exists = $true; created = $created; directory = $i.PSIsContainer; attributes = $i.Attributes.ToString(); sddl = (Get-Acl -LiteralPath $p).Sddl } | ConvertTo-Json -Compress",
  ].join("\n");
}

/** powershell.exe arguments running a script (as -EncodedCommand: no quoting through cmd or argv rules). */
export function powershellArgs(script: string): string[] {
  return ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", Buffer.from(script, "utf16le").toString("base64")];
}
