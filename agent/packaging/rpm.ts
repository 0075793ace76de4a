// The RPM, built with rpmbuild from a generated spec: same layout, units and enrollment as the deb.
// Nothing is stripped or post-processed (that would drop the injected SEA blob). Erasing the
// package removes the state too (RPM has no purge); an upgrade keeps it.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { systemdService, systemdTimer } from "../src/service/linux";
import { CLEAN_UPDATE_FILES, ENROLL_SNIPPET, LINUX, PURGE_STATE, START_TIMER, STOP_TIMER } from "./linux-scripts";
import { PACKAGE_META, unitOptions } from "./meta";
import type { TargetSpec } from "./targets";
import { sh } from "./tools";

export function rpmName(version: string, t: TargetSpec): string {
  return `muster-agent-${version}-1.${t.rpmArch}.rpm`;
}

export function buildRpm(o: { version: string; target: TargetSpec; exe: string; outDir: string; workDir: string; fast: boolean }): string {
  const top = join(o.workDir, `rpm-${o.target.id}`);
  rmSync(top, { recursive: true, force: true });
  for (const d of ["SOURCES", "SPECS", "BUILD", "RPMS", "SRPMS", "BUILDROOT"]) mkdirSync(join(top, d), { recursive: true });
  copyFileSync(o.exe, join(top, "SOURCES", "muster-agent"));
  const units = unitOptions();
  writeFileSync(join(top, "SOURCES", "muster-agent.service"), systemdService(units, LINUX.exe));
  writeFileSync(join(top, "SOURCES", "muster-agent.timer"), systemdTimer(units));
  const spec = `%define debug_package %{nil}
%define __strip /bin/true
%define __os_install_post %{nil}
%define _build_id_links none
%define _binary_payload ${o.fast ? "w1.gzdio" : "w9.xzdio"}
Name: muster-agent
Version: ${o.version}
Release: 1
Summary: ${PACKAGE_META.summary}
License: ${PACKAGE_META.license}
Vendor: ${PACKAGE_META.vendor}
URL: ${PACKAGE_META.homepage}
Packager: ${PACKAGE_META.maintainer}
AutoReqProv: no
Requires: glibc >= 2.28, libstdc++

%description
${PACKAGE_META.description}

%install
install -D -m 0755 %{_sourcedir}/muster-agent %{buildroot}${LINUX.exe}
install -D -m 0644 %{_sourcedir}/muster-agent.service %{buildroot}/usr/lib/systemd/system/muster-agent.service
install -D -m 0644 %{_sourcedir}/muster-agent.timer %{buildroot}/usr/lib/systemd/system/muster-agent.timer

%files
%dir ${LINUX.dir}
${LINUX.exe}
/usr/lib/systemd/system/muster-agent.service
/usr/lib/systemd/system/muster-agent.timer

%post
${ENROLL_SNIPPET}
${START_TIMER}

%preun
if [ "$1" = 0 ]; then
${STOP_TIMER}
fi

%postun
if [ "$1" = 0 ]; then
${CLEAN_UPDATE_FILES}
${PURGE_STATE}
fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null 2>&1 || true; fi
`;
  const specFile = join(top, "SPECS", "muster-agent.spec");
  writeFileSync(specFile, spec);
  sh("rpmbuild", ["-bb", "--target", o.target.rpmArch!, "--define", `_topdir ${top}`, specFile]);
  const archDir = join(top, "RPMS", o.target.rpmArch!);
  const built = readdirSync(archDir).find((f) => f.endsWith(".rpm"));
  if (!built) throw new Error(`rpmbuild produced no package in ${archDir}`);
  const out = join(o.outDir, rpmName(o.version, o.target));
  renameSync(join(archDir, built), out);
  rmSync(top, { recursive: true, force: true });
  return out;
}
