// The copy-paste install scripts for each OS, with the server URL and the bundle's SHA-256 filled
// in. Pure, so the page (server) and the token form (client) build the same text, and the tests
// run the Linux script for real.
//
// What each script promises, on a machine where other local users may be hostile:
// - the agent is downloaded into a folder created for this install that only root (mktemp -d,
//   mode 0700) or SYSTEM and Administrators (a protected ACL set when the folder is created) can
//   write, so nobody can plant or swap the file that runs as root/SYSTEM;
// - the first failing step stops the script (one `set -euo pipefail` script, or
//   `$ErrorActionPreference = 'Stop'` plus exit-code checks), a bad checksum included;
// - the file run is exactly the file whose hash was checked (same path, in that private folder);
// - the enrollment token is asked for at a hidden prompt and handed to the agent on standard input:
//   it never appears on a command line (ps, sudo logs), in shell history or in PowerShell's
//   script-block log.
export type InstallTarget = "linux" | "windows" | "macos";

/** The operating systems; what to do with each script is in the catalogs (enrollment.install.notes). */
export const INSTALL_TARGETS: { key: InstallTarget; label: string }[] = [
  { key: "linux", label: "Linux" },
  { key: "windows", label: "Windows" },
  { key: "macos", label: "macOS" },
];

/** The prompt every script shows; paste the token there. */
export const TOKEN_PROMPT = "Enrollment token";
/** Here-document delimiter of the POSIX scripts. */
const HEREDOC = "MUSTER_INSTALL";

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return h === "localhost" || h === "::1" || h.startsWith("127.");
  } catch {
    return false;
  }
}

/** A POSIX shell word in single quotes ('it'\''s'). */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A PowerShell verbatim string ('it''s'). */
export function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function checkSha256(sha256: string): string {
  if (!/^[0-9a-f]{64}$/i.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
  return sha256.toLowerCase();
}

function posixScript(target: "linux" | "macos", server: string, url: string, sha256: string, allowHttp: string): string {
  const hash = target === "linux" ? `sha256sum "$dir/muster-agent.js"` : `shasum -a 256 "$dir/muster-agent.js"`;
  const proto = server.startsWith("https:") ? ` --proto '=https'` : "";
  return [
    `sudo bash -s <<'${HEREDOC}'`,
    "set -euo pipefail",
    "umask 077",
    `dir="$(mktemp -d)"`,
    `trap 'rm -rf -- "$dir"' EXIT`,
    `curl -fsSL${proto} -o "$dir/muster-agent.js" ${shQuote(url)}`,
    `sum="$(${hash})"`,
    `if [ "\${sum%% *}" != ${shQuote(sha256)} ]; then echo 'muster-agent.js: checksum mismatch; nothing was installed' >&2; exit 1; fi`,
    `IFS= read -r -s -p ${shQuote(`${TOKEN_PROMPT}: `)} token </dev/tty; echo >&2`,
    `printf '%s\\n' "$token" | node "$dir/muster-agent.js" enroll --server ${shQuote(server)} --token-file -${allowHttp}`,
    `node "$dir/muster-agent.js" install-service`,
    HEREDOC,
  ].join("\n");
}

/** SDDL of the install folder: owner Administrators, protected DACL (no inheritance), SYSTEM and Administrators only. */
export const PROTECTED_FOLDER_SDDL = "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";

function windowsScript(server: string, url: string, sha256: string, allowHttp: string): string {
  // One script block: PowerShell runs it only once the closing brace has been pasted, so the
  // token prompt reads the keyboard, not the rest of the paste.
  return [
    "& {",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12",
    "$dir = Join-Path $env:ProgramData ('MusterInstall-' + [guid]::NewGuid().ToString('N'))",
    "$acl = New-Object System.Security.AccessControl.DirectorySecurity",
    `$acl.SetSecurityDescriptorSddlForm(${psQuote(PROTECTED_FOLDER_SDDL)})`,
    // The ACL is set as the folder is created: there is no moment where Users may write in it.
    "if ($PSVersionTable.PSEdition -eq 'Core') { $null = [System.IO.FileSystemAclExtensions]::Create([System.IO.DirectoryInfo]::new($dir), $acl) } else { $null = [System.IO.Directory]::CreateDirectory($dir, $acl) }",
    "try {",
    "  $agent = Join-Path $dir 'muster-agent.js'",
    `  Invoke-WebRequest -UseBasicParsing -Uri ${psQuote(url)} -OutFile $agent`,
    `  if ((Get-FileHash -LiteralPath $agent -Algorithm SHA256).Hash -ne ${psQuote(sha256.toUpperCase())}) { throw 'muster-agent.js: checksum mismatch; nothing was installed' }`,
    `  $token = [System.Net.NetworkCredential]::new('', (Read-Host -Prompt ${psQuote(TOKEN_PROMPT)} -AsSecureString)).Password`,
    `  $token | & node $agent enroll --server ${psQuote(server)} --token-file -${allowHttp}`,
    '  if ($LASTEXITCODE -ne 0) { throw "muster-agent enroll failed (exit $LASTEXITCODE)" }',
    "  & node $agent install-service",
    '  if ($LASTEXITCODE -ne 0) { throw "muster-agent install-service failed (exit $LASTEXITCODE)" }',
    "} finally { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }",
    "}",
  ].join("\n");
}

/** The install script for one OS. The token is not in it: the script asks for it. */
export function installCommands(target: InstallTarget, serverUrl: string, sha256: string): string {
  const server = serverUrl.replace(/\/+$/, "");
  const url = `${server}/download/muster-agent.js`;
  const hash = checkSha256(sha256);
  const allowHttp = server.startsWith("http:") && !isLoopback(server) ? " --allow-http" : "";
  if (target === "windows") return windowsScript(server, url, hash, allowHttp);
  return posixScript(target, server, url, hash, allowHttp);
}
