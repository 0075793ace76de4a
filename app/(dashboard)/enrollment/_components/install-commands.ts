// The copy-paste install commands for each OS, with the server URL, the token and the bundle's
// SHA-256 filled in. Pure, so the page (server) and the token form (client) build the same text.
export type InstallTarget = "linux" | "windows" | "macos";

export const INSTALL_TARGETS: { key: InstallTarget; label: string; note: string }[] = [
  { key: "linux", label: "Linux", note: "As root, on a machine with Node.js 20 or newer. Installs a systemd timer." },
  { key: "windows", label: "Windows", note: "In an elevated PowerShell, with Node.js 20 or newer. Installs a scheduled task running as SYSTEM." },
  { key: "macos", label: "macOS", note: "In Terminal with sudo, with Node.js 20 or newer. Installs a launch daemon." },
];

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return h === "localhost" || h === "::1" || h.startsWith("127.");
  } catch {
    return false;
  }
}

export function installCommands(target: InstallTarget, serverUrl: string, token: string, sha256: string | null): string {
  const server = serverUrl.replace(/\/+$/, "");
  const url = `${server}/download/muster-agent.js`;
  const http = server.startsWith("http:") && !isLoopback(server) ? " --allow-http" : "";
  if (target === "windows") {
    return [
      `$agent = Join-Path $env:ProgramData "muster-agent.js"`,
      `Invoke-WebRequest -UseBasicParsing -Uri "${url}" -OutFile $agent`,
      ...(sha256 ? [`if ((Get-FileHash $agent -Algorithm SHA256).Hash -ne "${sha256.toUpperCase()}") { throw "muster-agent.js: checksum mismatch" }`] : []),
      `node $agent enroll --server "${server}" --token "${token}"${http}`,
      `node $agent install-service`,
    ].join("\n");
  }
  const check = target === "linux" ? "sha256sum -c -" : "shasum -a 256 -c -";
  return [
    `curl -fsSL -o /tmp/muster-agent.js "${url}"`,
    ...(sha256 ? [`echo "${sha256}  /tmp/muster-agent.js" | ${check}`] : []),
    `sudo node /tmp/muster-agent.js enroll --server "${server}" --token "${token}"${http}`,
    `sudo node /tmp/muster-agent.js install-service`,
  ].join("\n");
}
