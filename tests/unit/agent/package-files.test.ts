import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { currentRelease, packageFilePath } from "~/server/agent-updates/releases";

describe("files the server hands out from the packages folder", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "muster-pkgfiles-"));
  fs.writeFileSync(path.join(dir, "muster-agent_1.0.0_amd64.deb"), "deb");
  fs.writeFileSync(path.join(dir, "SHA256SUMS"), "sums");
  fs.writeFileSync(path.join(dir, "secret.txt"), "not listed");
  fs.mkdirSync(path.join(dir, "apt", "dists", "stable"), { recursive: true });
  fs.writeFileSync(path.join(dir, "apt", "dists", "stable", "InRelease"), "signed");
  fs.writeFileSync(
    path.join(dir, "release.json"),
    JSON.stringify({
      product: "muster-agent",
      version: "1.0.0",
      node: "22",
      builtAt: "",
      signing: { authenticode: false, gpg: null, releaseKey: null },
      files: [{ file: "muster-agent_1.0.0_amd64.deb", format: "deb", target: "linux-x64", size: 3, sha256: "", signature: "none" }],
      updates: [],
    }),
  );

  it("serves listed packages, the checksums and the apt repository", () => {
    expect(packageFilePath("muster-agent_1.0.0_amd64.deb", dir)).toBe(path.join(dir, "muster-agent_1.0.0_amd64.deb"));
    expect(packageFilePath("SHA256SUMS", dir)).toBe(path.join(dir, "SHA256SUMS"));
    expect(packageFilePath("apt/dists/stable/InRelease", dir)).toBe(path.join(dir, "apt", "dists", "stable", "InRelease"));
  });

  it("serves nothing else: unlisted files, traversal, missing files", () => {
    for (const p of ["secret.txt", "../secret.txt", "apt/../secret.txt", "apt/../../etc/passwd", "", "apt", "apt/dists", "nothing.deb", "a\\b"]) expect(packageFilePath(p, dir), p).toBeNull();
  });

  it("offers no update from a release without a release key", () => {
    expect(currentRelease(dir)?.offers.size).toBe(0);
    expect(currentRelease(path.join(dir, "nowhere"))).toBeNull();
  });
});
