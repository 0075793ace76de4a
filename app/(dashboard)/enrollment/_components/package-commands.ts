// Silent-install commands for the agent packages, per management tool, with the server URL and the
// token filled in. The token always travels as a file (enroll.conf, mode 600) or an MSI property
// kept out of the installer log, never as a command-line argument of the agent. Pure: the page
// (server) and the token form (client) build the same text.
export type PackageTool = "intune" | "configmgr" | "gpo" | "linux" | "ansible" | "jamf";

export type PackageNames = { version: string; msi?: string; deb?: string; rpm?: string; macos?: string };

/** The management tools; how to use each is in the catalogs (enrollment.deploy.notes). */
export const PACKAGE_TOOLS: { key: PackageTool; label: string }[] = [
  { key: "intune", label: "Intune" },
  { key: "configmgr", label: "Configuration Manager" },
  { key: "gpo", label: "Group Policy" },
  { key: "linux", label: "deb / rpm" },
  { key: "ansible", label: "Ansible / Salt" },
  { key: "jamf", label: "Jamf Pro" },
];

export function packageCommands(tool: PackageTool, serverUrl: string, token: string, p: PackageNames): string {
  const server = serverUrl.replace(/\/+$/, "");
  const base = `${server}/download/packages`;
  const msi = p.msi ?? `muster-agent-${p.version}-x64.msi`;
  const conf = `server=${server}\ntoken=${token}`;
  switch (tool) {
    case "intune":
    case "configmgr":
      return [
        `# Install, the token as an MSI property (kept out of the installer log):`,
        `msiexec /i ${msi} MUSTER_SERVER="${server}" MUSTER_TOKEN="${token}" /qn /l*v "%WINDIR%\\Temp\\muster-agent-install.log"`,
        `# or from a token file a preceding script drops (then no command line carries the token):`,
        `msiexec /i ${msi} MUSTER_SERVER="${server}" MUSTER_TOKEN_FILE="C:\\ProgramData\\MusterAgent\\token.txt" /qn`,
        `# Uninstall (add MUSTER_PURGE=1 to forget the enrollment too)`,
        `msiexec /x ${msi} /qn`,
        `# Package: ${base}/${msi}`,
      ].join("\n");
    case "gpo":
      return [
        `# %ProgramData%\\MusterAgent\\enroll.conf (Group Policy Preferences > Files, Administrators + SYSTEM only):`,
        conf,
        `# Software Installation > assigned package: \\\\fileserver\\share\\${msi}`,
      ].join("\n");
    case "linux":
      return [
        `install -d -m 700 /etc/muster-agent`,
        `install -m 600 /dev/stdin /etc/muster-agent/enroll.conf <<'EOF'`,
        conf,
        `EOF`,
        ...(p.deb ? [`curl -fsSLO ${base}/${p.deb} && apt-get install -y ./${p.deb}`] : []),
        ...(p.rpm ? [`# RHEL / SUSE: curl -fsSLO ${base}/${p.rpm} && dnf install -y ./${p.rpm}`] : []),
      ].join("\n");
    case "ansible":
      return [
        `- name: Muster enrollment configuration`,
        `  ansible.builtin.copy: { dest: /etc/muster-agent/enroll.conf, mode: "0600", content: "server=${server}\\ntoken={{ muster_token }}\\n" }`,
        `  # muster_token: "${token}"  (keep it in ansible-vault)`,
        `- name: Muster agent`,
        `  ansible.builtin.apt: { deb: "${base}/${p.deb ?? "muster-agent_<version>_amd64.deb"}" }`,
        `# Salt: file.managed /etc/muster-agent/enroll.conf (mode 600, token from pillar), then pkg.installed with sources: [{muster-agent: ${base}/${p.deb ?? "<deb>"}}]`,
      ].join("\n");
    case "jamf":
      return [
        `#!/bin/sh`,
        `set -eu`,
        `install -d -m 700 /etc/muster-agent`,
        `printf 'server=%s\\ntoken=%s\\n' "${server}" "$4" > /etc/muster-agent/enroll.conf   # $4: the token, as a policy script parameter`,
        `chmod 600 /etc/muster-agent/enroll.conf`,
        `cd "$(mktemp -d)" && curl -fsSLO ${base}/${p.macos ?? "muster-agent-<version>-darwin-arm64.tar.gz"} && tar -xzf muster-agent-*.tar.gz && ./muster-agent-*/install.sh`,
      ].join("\n");
  }
}
