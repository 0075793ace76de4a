// Linux: a oneshot systemd service, hardened (read-only system, writable state folder only), and
// a timer that starts it every interval with a randomized delay.
import { dirname } from "node:path";
import type { ServiceOptions, ServicePlan } from "./plan";
import { SERVICE_NAME, installPathFor, programArgv } from "./plan";

const UNIT_DIR = "/etc/systemd/system";

function quote(arg: string): string {
  return /[\s"\\]/.test(arg) ? `"${arg.replace(/(["\\])/g, "\\$1")}"` : arg;
}

export function systemdService(o: ServiceOptions, installPath: string): string {
  return `[Unit]
Description=Muster agent: report installed security software
Documentation=file://${dirname(installPath)}
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=${[...programArgv(o, installPath), "run", "--state-dir", o.stateDir].map(quote).join(" ")}
# 4 = server unreachable, report spooled for the next run: expected during outages.
SuccessExitStatus=4
TimeoutStartSec=15min
Nice=10
IOSchedulingClass=idle
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=strict
ProtectHome=read-only
# The install folder too: a signed self-update replaces the agent there.
ReadWritePaths=${quote(o.stateDir)} ${quote(dirname(installPath))}
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
`;
}

export function systemdTimer(o: ServiceOptions): string {
  return `[Unit]
Description=Run the Muster agent every ${o.intervalSeconds} seconds

[Timer]
OnBootSec=5min
OnUnitActiveSec=${o.intervalSeconds}s
RandomizedDelaySec=${o.splaySeconds}s
# Persistent= only affects OnCalendar= timers; OnBootSec= covers runs missed while powered off.
Unit=${SERVICE_NAME}.service

[Install]
WantedBy=timers.target
`;
}

export function linuxInstallPlan(o: ServiceOptions): ServicePlan {
  const installPath = installPathFor("linux", o.sea);
  return {
    installPath,
    files: [
      { path: `${UNIT_DIR}/${SERVICE_NAME}.service`, content: systemdService(o, installPath), mode: 0o644 },
      { path: `${UNIT_DIR}/${SERVICE_NAME}.timer`, content: systemdTimer(o), mode: 0o644 },
    ],
    commands: [{ argv: ["systemctl", "daemon-reload"] }, { argv: ["systemctl", "enable", "--now", `${SERVICE_NAME}.timer`] }],
    remove: [],
  };
}

export function linuxUninstallPlan(sea = false): ServicePlan {
  return {
    files: [],
    commands: [
      { argv: ["systemctl", "disable", "--now", `${SERVICE_NAME}.timer`], optional: true },
      { argv: ["systemctl", "daemon-reload"], optional: true },
    ],
    remove: [`${UNIT_DIR}/${SERVICE_NAME}.service`, `${UNIT_DIR}/${SERVICE_NAME}.timer`, dirname(installPathFor("linux", sea))],
  };
}
