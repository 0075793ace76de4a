// External tools the packager runs, each with the Debian package that provides it, so a missing
// one fails at once with the exact apt-get line instead of halfway through a build.
import { execFileSync, type ExecFileSyncOptions } from "node:child_process";

export const TOOL_PACKAGES: Record<string, string> = {
  tar: "tar",
  gzip: "gzip",
  xz: "xz-utils",
  "dpkg-deb": "dpkg",
  rpmbuild: "rpm",
  rpmsign: "rpm",
  wixl: "wixl",
  msibuild: "msitools",
  osslsigncode: "osslsigncode",
  gpg: "gpg",
  npm: "npm",
};

export function hasTool(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Throws one message listing every missing tool and the packages to install. */
export function requireTools(names: string[]): void {
  const missing = [...new Set(names)].filter((n) => !hasTool(n));
  if (!missing.length) return;
  const pkgs = [...new Set(missing.map((n) => TOOL_PACKAGES[n] ?? n))];
  throw new Error(
    `missing tool${missing.length > 1 ? "s" : ""}: ${missing.map((n) => `${n} (Debian package ${TOOL_PACKAGES[n] ?? n})`).join(", ")}\n  install with: apt-get install -y --no-install-recommends ${pkgs.join(" ")}`,
  );
}

/** Runs a command; on failure throws with its stderr. Returns stdout. */
export function sh(cmd: string, args: string[], opts: ExecFileSyncOptions = {}): string {
  try {
    return String(execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024, ...opts }) ?? "");
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    const detail = `${String(e.stderr ?? "").trim()}\n${String(e.stdout ?? "").trim()}`.trim();
    throw new Error(`\`${cmd} ${args.join(" ")}\` failed: ${detail || e.message}`);
  }
}
