// Windows: a Scheduled Task running as SYSTEM every interval with a random delay, registered from
// an XML definition (schtasks /Create /XML). The XML is written in the state folder, which
// install-service has created (or verified) with a protected SYSTEM/Administrators-only ACL first
// (state/secure-dir.ts), so no other user can swap it before schtasks reads it.
import type { ServiceOptions, ServicePlan } from "./plan";
import { WINDOWS_TASK_NAME, installPathFor, programArgv } from "./plan";

/** Seconds as an ISO 8601 duration (PT1H30M). */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function scheduledTaskXml(o: ServiceOptions, installPath: string): string {
  const [command, ...script] = programArgv(o, installPath);
  const args = `${script.map((a) => `"${a}" `).join("")}run --state-dir "${o.stateDir}"`;
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>Muster agent: reports installed security software to the Muster server.</Description>
    <URI>\\${WINDOWS_TASK_NAME}</URI>
  </RegistrationInfo>
  <Triggers>
    <BootTrigger>
      <Enabled>true</Enabled>
      <Delay>PT5M</Delay>
    </BootTrigger>
    <TimeTrigger>
      <Repetition>
        <Interval>${isoDuration(o.intervalSeconds)}</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>2024-01-01T00:00:00</StartBoundary>
      <Enabled>true</Enabled>
      <RandomDelay>${isoDuration(o.splaySeconds)}</RandomDelay>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT30M</ExecutionTimeLimit>
    <Priority>7</Priority>
    <Hidden>false</Hidden>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${xml(command!)}</Command>
      <Arguments>${xml(args)}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

export function windowsInstallPlan(o: ServiceOptions): ServicePlan {
  const installPath = installPathFor("windows", o.sea);
  const xmlPath = `${o.stateDir}\\muster-agent-task.xml`;
  const text = scheduledTaskXml(o, installPath);
  return {
    installPath,
    // schtasks reads the XML as UTF-16 (with BOM), as Task Scheduler exports it.
    files: [{ path: xmlPath, content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), display: text }],
    commands: [{ argv: ["schtasks", "/Create", "/TN", WINDOWS_TASK_NAME, "/XML", xmlPath, "/F"] }],
    remove: [],
  };
}

export function windowsUninstallPlan(o: Pick<ServiceOptions, "stateDir" | "sea">): ServicePlan {
  const installPath = installPathFor("windows", o.sea);
  return {
    files: [],
    commands: [{ argv: ["schtasks", "/Delete", "/TN", WINDOWS_TASK_NAME, "/F"], optional: true }],
    remove: [`${o.stateDir}\\muster-agent-task.xml`, installPath.slice(0, installPath.lastIndexOf("\\"))],
  };
}
