// The Windows Installer package, built with wixl (msitools). It installs the executable under
// Program Files, enrolls through the agent's own `enroll` (token from MUSTER_TOKEN_FILE, or the
// MUSTER_TOKEN property, which is hidden from the installer log) and registers the Scheduled Task
// with `install-service`, all as deferred custom actions running as LocalSystem. A Scheduled Task
// rather than a service: the agent is a run-once program, and a Node executable cannot answer the
// Service Control Manager without a native wrapper. Major upgrades keep the state folder
// (credential, spool): it is not an MSI component. Without MUSTER_SERVER (Group Policy cannot pass
// properties), it enrolls from %ProgramData%\MusterAgent\enroll.conf when that file exists. Uninstall removes the task; MUSTER_PURGE=1 also
// deletes the state folder. Stable UpgradeCode; the ProductCode is derived from the version.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sh } from "./tools";

export const MSI_UPGRADE_CODE = "6B1F0F3E-2C55-4C3B-9A4E-5D7C8E1A2B90";
const COMPONENT_GUID = "0E7A4F0C-61B4-4E5B-8F52-3D8C1A9B7E21";

/** A GUID derived from the UpgradeCode and the version (name-based, like UUID v5). */
export function productCode(version: string): string {
  const h = createHash("sha1").update(`${MSI_UPGRADE_CODE}/${version}`).digest("hex").toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).toUpperCase()}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function msiName(version: string): string {
  return `muster-agent-${version}-x64.msi`;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The WiX source; `exe` is the executable's file name in the folder wixl runs in. */
export function wxs(version: string, exe: string): string {
  const ca = (id: string, command: string, ret: "check" | "ignore", hide = false) =>
    `    <CustomAction Id="${id}" FileKey="AgentExe" ExeCommand="${xml(command)}" Execute="deferred" Impersonate="no" Return="${ret}"${hide ? ' HideTarget="yes"' : ""} />`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="${productCode(version)}" Name="Muster Agent" Language="1033" Version="${version}" Manufacturer="Muster" UpgradeCode="${MSI_UPGRADE_CODE}">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine" Description="Muster agent ${version}" Comments="Reports installed security software to a Muster server" />
    <Media Id="1" Cabinet="agent.cab" EmbedCab="yes" />
    <MajorUpgrade DowngradeErrorMessage="A newer Muster agent is already installed." />
    <Property Id="MUSTER_SERVER" />
    <Property Id="MUSTER_TOKEN" />
    <Property Id="MUSTER_TOKEN_FILE" />
    <Property Id="MUSTER_PURGE" />
    <Property Id="MsiHiddenProperties" Value="MUSTER_TOKEN" />
    <Property Id="ARPNOMODIFY" Value="1" />
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="MusterAgent">
          <Component Id="AgentExe" Guid="${COMPONENT_GUID}" Win64="yes">
            <File Id="AgentExe" Name="muster-agent.exe" Source="${xml(exe)}" KeyPath="yes" />
          </Component>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Agent" Title="Muster agent" Level="1">
      <ComponentRef Id="AgentExe" />
    </Feature>
${ca("EnrollFromFile", 'enroll --server "[MUSTER_SERVER]" --token-file "[MUSTER_TOKEN_FILE]" --if-not-enrolled', "check", true)}
${ca("EnrollFromProperty", 'enroll --server "[MUSTER_SERVER]" --token "[MUSTER_TOKEN]" --if-not-enrolled', "check", true)}
${ca("EnrollFromConfig", 'enroll --config "[CommonAppDataFolder]MusterAgent\\enroll.conf" --if-not-enrolled', "ignore")}
${ca("InstallTask", "install-service", "check")}
${ca("RemoveTask", "uninstall-service", "ignore")}
${ca("RemoveTaskAndState", "uninstall-service --purge", "ignore")}
    <InstallExecuteSequence>
      <Custom Action="EnrollFromFile" After="InstallFiles">MUSTER_SERVER AND MUSTER_TOKEN_FILE AND NOT REMOVE</Custom>
      <Custom Action="EnrollFromProperty" After="EnrollFromFile">MUSTER_SERVER AND MUSTER_TOKEN AND NOT MUSTER_TOKEN_FILE AND NOT REMOVE</Custom>
      <Custom Action="EnrollFromConfig" After="EnrollFromProperty">NOT MUSTER_SERVER AND NOT REMOVE</Custom>
      <Custom Action="InstallTask" After="EnrollFromConfig">NOT REMOVE</Custom>
      <Custom Action="RemoveTask" Sequence="3490">REMOVE="ALL" AND NOT UPGRADINGPRODUCTCODE AND NOT MUSTER_PURGE="1"</Custom>
      <Custom Action="RemoveTaskAndState" Sequence="3491">REMOVE="ALL" AND NOT UPGRADINGPRODUCTCODE AND MUSTER_PURGE="1"</Custom>
    </InstallExecuteSequence>
  </Product>
</Wix>
`;
}

export function buildMsi(o: { version: string; exe: string; outDir: string; workDir: string }): string {
  // wixl takes file sources relative to the folder it runs in.
  const dir = join(o.workDir, "msi");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(o.exe, join(dir, "muster-agent.exe"));
  writeFileSync(join(dir, "muster-agent.wxs"), wxs(o.version, "muster-agent.exe"));
  const out = join(o.outDir, msiName(o.version));
  sh("wixl", ["--arch", "x64", "-o", out, "muster-agent.wxs"], { cwd: dir });
  // wixl has no HideTarget: set msidbCustomActionTypeHideTarget (0x2000) on the enrollment actions
  // so their command lines never reach an installer log.
  sh("msibuild", [out, "-q", "UPDATE `CustomAction` SET `Type` = 11282 WHERE `Action` = 'EnrollFromProperty' OR `Action` = 'EnrollFromFile'"]);
  rmSync(dir, { recursive: true, force: true });
  return out;
}
