// macOS: a launchd daemon running `run` every StartInterval seconds. launchd has no random delay,
// so the agent sleeps a random 0..splay seconds itself (--splay).
import { dirname } from "node:path";
import type { ServiceOptions, ServicePlan } from "./plan";
import { LAUNCHD_LABEL, installPathFor, programArgv } from "./plan";

export const LAUNCHD_PLIST = `/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`;

function xml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function launchdPlist(o: ServiceOptions, installPath: string): string {
  const args = [...programArgv(o, installPath), "run", "--state-dir", o.stateDir, "--splay", String(o.splaySeconds)];
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>${LAUNCHD_LABEL}</string>
	<key>ProgramArguments</key>
	<array>
${args.map((a) => `		<string>${xml(a)}</string>`).join("\n")}
	</array>
	<key>StartInterval</key>
	<integer>${o.intervalSeconds}</integer>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Background</string>
	<key>LowPriorityIO</key>
	<true/>
	<key>Nice</key>
	<integer>10</integer>
</dict>
</plist>
`;
}

export function darwinInstallPlan(o: ServiceOptions): ServicePlan {
  const installPath = installPathFor("darwin", o.sea);
  return {
    installPath,
    files: [{ path: LAUNCHD_PLIST, content: launchdPlist(o, installPath), mode: 0o644 }],
    commands: [{ argv: ["launchctl", "bootout", `system/${LAUNCHD_LABEL}`], optional: true }, { argv: ["launchctl", "bootstrap", "system", LAUNCHD_PLIST] }],
    remove: [],
  };
}

export function darwinUninstallPlan(sea = false): ServicePlan {
  return {
    files: [],
    commands: [{ argv: ["launchctl", "bootout", `system/${LAUNCHD_LABEL}`], optional: true }],
    remove: [LAUNCHD_PLIST, dirname(installPathFor("darwin", sea))],
  };
}
