// macOS: a flat .pkg needs pkgbuild/productbuild (or xar + bomutils, which Debian does not ship),
// and Apple silicon only runs signed code, which needs codesign. Neither exists on Linux, so each
// darwin target ships as a tarball holding the executable, an install script (ad-hoc signs the
// executable with the codesign every Mac has, enrolls, installs the launch daemon through the
// agent's own commands) and build-pkg.sh, which builds, signs and notarizes the .pkg on a Mac.
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TargetSpec } from "./targets";
import { sh } from "./tools";

export function macosName(version: string, t: TargetSpec): string {
  return `muster-agent-${version}-${t.id}.tar.gz`;
}

const EXE = "/usr/local/libexec/muster-agent/muster-agent";

const INSTALL = `#!/bin/sh
# Installs the Muster agent on this Mac: sudo ./install.sh
# Enrollment: /etc/muster-agent/enroll.conf (server=..., token_file=...), or MUSTER_SERVER with
# MUSTER_TOKEN_FILE in the environment (sudo -E). Without either, enroll later by hand.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "run as root: sudo $0" >&2; exit 1; }
install -d -m 0755 /usr/local/libexec/muster-agent
install -m 0755 "$here/muster-agent" ${EXE}.new
xattr -d com.apple.quarantine ${EXE}.new 2>/dev/null || true
# The Node binary's signature does not cover the injected agent: sign it (ad hoc) unless a
# Developer ID signature made by build-pkg.sh is already valid.
codesign --verify ${EXE}.new 2>/dev/null || codesign --sign - --force ${EXE}.new
mv -f ${EXE}.new ${EXE}
if [ -f /etc/muster-agent/enroll.conf ]; then
  ${EXE} enroll --config /etc/muster-agent/enroll.conf --if-not-enrolled
elif [ -n "\${MUSTER_SERVER:-}" ] && [ -n "\${MUSTER_TOKEN_FILE:-}" ]; then
  ${EXE} enroll --server "$MUSTER_SERVER" --token-file "$MUSTER_TOKEN_FILE" --if-not-enrolled
fi
${EXE} install-service
`;

const UNINSTALL = `#!/bin/sh
# Removes the Muster agent: sudo ./uninstall.sh [--purge]   (--purge also forgets the enrollment)
set -eu
[ "$(id -u)" = 0 ] || { echo "run as root: sudo $0" >&2; exit 1; }
${EXE} uninstall-service "$@"
`;

const BUILD_PKG = `#!/bin/sh
# Builds a signed, notarized flat package on a Mac (Xcode command line tools):
#   DEV_ID_APP="Developer ID Application: Agency (TEAMID)" DEV_ID_INSTALLER="Developer ID Installer: Agency (TEAMID)" \\
#   NOTARY_PROFILE=muster ./build-pkg.sh VERSION
# NOTARY_PROFILE is a keychain profile made once with: xcrun notarytool store-credentials muster ...
set -eu
version=\${1:?usage: build-pkg.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
install -d "$work/root/usr/local/libexec/muster-agent" "$work/scripts"
install -m 0755 "$here/muster-agent" "$work/root${EXE}"
cat > "$work/entitlements.plist" <<'PLIST'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>com.apple.security.cs.allow-jit</key><true/>
  <key>com.apple.security.cs.allow-unsigned-executable-memory</key><true/>
</dict></plist>
PLIST
codesign --remove-signature "$work/root${EXE}" || true
codesign --sign "$DEV_ID_APP" --options runtime --timestamp --entitlements "$work/entitlements.plist" --force "$work/root${EXE}"
cat > "$work/scripts/postinstall" <<'POST'
#!/bin/sh
if [ -f /etc/muster-agent/enroll.conf ]; then ${EXE} enroll --config /etc/muster-agent/enroll.conf --if-not-enrolled || true; fi
${EXE} install-service
POST
chmod 0755 "$work/scripts/postinstall"
pkgbuild --root "$work/root" --scripts "$work/scripts" --identifier gov.muster.agent --version "$version" --install-location / "$work/component.pkg"
productbuild --package "$work/component.pkg" --sign "$DEV_ID_INSTALLER" "$here/muster-agent-$version.pkg"
xcrun notarytool submit "$here/muster-agent-$version.pkg" --keychain-profile "$NOTARY_PROFILE" --wait
xcrun stapler staple "$here/muster-agent-$version.pkg"
echo "built $here/muster-agent-$version.pkg"
`;

export function buildMacosTarball(o: { version: string; target: TargetSpec; exe: string; outDir: string; workDir: string }): string {
  const name = `muster-agent-${o.version}-${o.target.id}`;
  const dir = join(o.workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(o.exe, join(dir, "muster-agent"));
  chmodSync(join(dir, "muster-agent"), 0o755);
  for (const [file, text] of [
    ["install.sh", INSTALL],
    ["uninstall.sh", UNINSTALL],
    ["build-pkg.sh", BUILD_PKG],
  ] as const) {
    writeFileSync(join(dir, file), text, { mode: 0o755 });
  }
  const out = join(o.outDir, macosName(o.version, o.target));
  sh("tar", ["--owner=0", "--group=0", "--mtime=@0", "-czf", out, "-C", o.workDir, name]);
  rmSync(dir, { recursive: true, force: true });
  return out;
}
