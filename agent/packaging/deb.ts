// The Debian package, built with dpkg-deb: the executable in /opt/muster-agent, the hardened systemd
// service and timer (the same units `install-service` writes, from agent/src/service/linux.ts) in
// /lib/systemd/system, enrollment in postinst, clean removal, and purge that forgets the device.
import { chmodSync, mkdirSync, rmSync, writeFileSync, copyFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { systemdService, systemdTimer } from "../src/service/linux";
import { CLEAN_UPDATE_FILES, ENROLL_SNIPPET, LINUX, PURGE_STATE } from "./linux-scripts";
import { PACKAGE_META, unitOptions } from "./meta";
import type { TargetSpec } from "./targets";
import { sh } from "./tools";

export function debName(version: string, t: TargetSpec): string {
  return `muster-agent_${version}_${t.debArch}.deb`;
}

function script(body: string): string {
  return `#!/bin/sh\nset -e\n${body}\n`;
}

const POSTINST = script(`if [ "$1" = configure ]; then
${ENROLL_SNIPPET}
  # The timer starts at boot from now on (deb-systemd-helper, as debhelper does), and at once when systemd runs.
  deb-systemd-helper unmask ${LINUX.timer} >/dev/null || true
  if deb-systemd-helper --quiet was-enabled ${LINUX.timer}; then
    deb-systemd-helper enable ${LINUX.timer} >/dev/null || true
  else
    deb-systemd-helper update-state ${LINUX.timer} >/dev/null || true
  fi
  if [ -d /run/systemd/system ]; then
    systemctl --system daemon-reload >/dev/null || true
    deb-systemd-invoke start ${LINUX.timer} >/dev/null || true
  fi
fi`);

const PRERM = script(`if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
  deb-systemd-invoke stop ${LINUX.timer} muster-agent.service >/dev/null || true
fi`);

const POSTRM = script(`if [ "$1" = remove ] || [ "$1" = purge ]; then
  ${CLEAN_UPDATE_FILES}
  rmdir ${LINUX.dir} 2>/dev/null || true
  if command -v deb-systemd-helper >/dev/null; then deb-systemd-helper mask ${LINUX.timer} >/dev/null || true; fi
  if [ -d /run/systemd/system ]; then systemctl --system daemon-reload >/dev/null || true; fi
fi
if [ "$1" = purge ]; then
  if command -v deb-systemd-helper >/dev/null; then
    deb-systemd-helper purge ${LINUX.timer} >/dev/null || true
    deb-systemd-helper unmask ${LINUX.timer} >/dev/null || true
  fi
  ${PURGE_STATE.replace(/\n/g, "\n  ")}
fi`);

export function buildDeb(o: { version: string; target: TargetSpec; exe: string; outDir: string; workDir: string; fast: boolean }): string {
  const root = join(o.workDir, `deb-${o.target.id}`);
  rmSync(root, { recursive: true, force: true });
  const put = (rel: string, content: string | Buffer, mode = 0o644) => {
    const file = join(root, rel);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, mode);
  };
  mkdirSync(join(root, LINUX.dir), { recursive: true });
  copyFileSync(o.exe, join(root, LINUX.exe));
  chmodSync(join(root, LINUX.exe), 0o755);
  const units = unitOptions();
  put("lib/systemd/system/muster-agent.service", systemdService(units, LINUX.exe));
  put("lib/systemd/system/muster-agent.timer", systemdTimer(units));
  put("usr/share/doc/muster-agent/copyright", PACKAGE_META.copyright);
  put(
    "usr/share/doc/muster-agent/changelog.gz",
    gzipSync(`muster-agent (${o.version}) stable; urgency=medium\n\n  * Release ${o.version}.\n\n -- ${PACKAGE_META.maintainer}  ${new Date().toUTCString().replace("GMT", "+0000")}\n`, { level: 9 }),
  );
  put("usr/share/lintian/overrides/muster-agent", `${PACKAGE_META.lintianOverrides.map((l) => `muster-agent: ${l}`).join("\n")}\n`);
  const installedKb = Math.ceil(statSync(o.exe).size / 1024) + 16;
  put(
    "DEBIAN/control",
    `Package: muster-agent
Version: ${o.version}
Architecture: ${o.target.debArch}
Maintainer: ${PACKAGE_META.maintainer}
Installed-Size: ${installedKb}
Depends: libc6 (>= 2.28), libstdc++6, libgcc-s1
Section: admin
Priority: optional
Homepage: ${PACKAGE_META.homepage}
Description: ${PACKAGE_META.summary}
${PACKAGE_META.description
  .split("\n")
  .map((l) => (l ? ` ${l}` : " ."))
  .join("\n")}
`,
  );
  put("DEBIAN/postinst", POSTINST, 0o755);
  put("DEBIAN/prerm", PRERM, 0o755);
  put("DEBIAN/postrm", POSTRM, 0o755);
  const md5 = sh("sh", ["-c", "find . -type f ! -path './DEBIAN/*' -printf '%P\\0' | sort -z | xargs -0 md5sum"], { cwd: root });
  put("DEBIAN/md5sums", md5);
  const out = join(o.outDir, debName(o.version, o.target));
  sh("dpkg-deb", ["--root-owner-group", `-Z${o.fast ? "gzip" : "xz"}`, ...(o.fast ? ["-z1"] : []), "--build", root, out]);
  rmSync(root, { recursive: true, force: true });
  return out;
}
