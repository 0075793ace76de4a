// The rpm, the MSI and the signatures of a signed build (throwaway keys): the rpm's header and file
// list, an install into a test root; the MSI's tables (files, properties, the Scheduled Task and
// enrollment custom actions, UpgradeCode, ProductCode per version) and its files extracted equal to
// the built executable; Authenticode on the exe and the MSI, GPG on the rpm, the apt repository and
// SHA256SUMS, Ed25519 on the update manifests; every tampered copy fails verification. An unsigned
// build says so.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReleaseIndex } from "~/agent/shared/release";
import { verifyManifestSignature, parseManifest } from "~/agent/shared/release";
import { currentBuild, testPackages, type TestBuild } from "../../support/packages";
import { sha256 } from "./helpers";

// Installs, 119 MB downloads and first runs: minutes on a busy two-core machine, not the default minute.
vi.setConfig({ testTimeout: 300_000 });

let b: TestBuild;
let tmp: string;
const sh = (cmd: string, args: string[], env: Record<string, string> = {}) => spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
const tampered = (file: string) => {
  const copy = path.join(tmp, `tampered-${path.basename(file)}`);
  const bytes = fs.readFileSync(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0xff;
  fs.writeFileSync(copy, bytes);
  return copy;
};
const table = (msi: string, name: string) =>
  execFileSync("msiinfo", ["export", msi, name], { encoding: "utf8" })
    .split(/\r?\n/)
    .slice(3)
    .filter(Boolean)
    .map((l) => l.split("\t"));

beforeAll(() => {
  b = currentBuild();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "muster-pkg-verify-"));
}, 15 * 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("rpm", () => {
  const rpm = () => b.file("muster-agent-0.2.0-1.x86_64.rpm");

  it("says what it is and what it installs", () => {
    const info = execFileSync("rpm", ["-qip", rpm()], { encoding: "utf8" });
    expect(info).toMatch(/^Name\s+: muster-agent$/m);
    expect(info).toMatch(/^Version\s+: 0\.2\.0$/m);
    expect(info).toMatch(/^Architecture: x86_64$/m);
    expect(info).toMatch(/^Signature\s+: EdDSA|^Signature\s+: .*Key ID/m);
    expect(execFileSync("rpm", ["-qlp", rpm()], { encoding: "utf8" }).trim().split("\n")).toEqual([
      "/opt/muster-agent",
      "/opt/muster-agent/muster-agent",
      "/usr/lib/systemd/system/muster-agent.service",
      "/usr/lib/systemd/system/muster-agent.timer",
    ]);
    const scripts = execFileSync("rpm", ["-qp", "--scripts", rpm()], { encoding: "utf8" });
    expect(scripts).toContain('enroll --config "$CONF" --if-not-enrolled');
    expect(scripts).toContain("systemctl enable --now muster-agent.timer");
  });

  it("installs into a test root with the executable byte for byte, then erases cleanly", () => {
    const root = path.join(tmp, "rpmroot");
    fs.mkdirSync(root);
    // Scriptlets would run inside the empty root (no shell there): their text is checked above.
    const i = sh("rpm", ["--root", root, "-i", "--nodeps", "--noscripts", rpm()]);
    expect(i.status, i.stderr).toBe(0);
    expect(sha256(path.join(root, "opt/muster-agent/muster-agent"))).toBe(sha256(b.file("muster-agent-0.2.0-linux-x64")));
    expect(fs.statSync(path.join(root, "opt/muster-agent/muster-agent")).mode & 0o777).toBe(0o755);
    expect(sh("rpm", ["--root", root, "-V", "--nodeps", "muster-agent"]).status).toBe(0); // every file as packaged
    expect(sh("rpm", ["--root", root, "-e", "--noscripts", "muster-agent"]).status).toBe(0);
    expect(fs.existsSync(path.join(root, "opt/muster-agent"))).toBe(false);
  });

  it("is GPG-signed: verifies with the operator's key, a tampered copy does not", () => {
    const db = path.join(tmp, "rpmdb");
    const pub = path.join(tmp, "packages.asc");
    execFileSync("gpg", ["--armor", "--export", b.keys.gpgKey], { env: { ...process.env, GNUPGHOME: b.keys.gnupgHome }, stdio: ["ignore", fs.openSync(pub, "w"), "pipe"] });
    fs.mkdirSync(db);
    expect(sh("rpmkeys", ["--dbpath", db, "--import", pub]).status).toBe(0);
    const ok = sh("rpmkeys", ["--dbpath", db, "--checksig", rpm()]);
    expect(ok.stdout).toMatch(/digests signatures OK/);
    const bad = sh("rpmkeys", ["--dbpath", db, "--checksig", tampered(rpm())]);
    expect(bad.status).not.toBe(0);
    // Without the key imported, the signature cannot be trusted either.
    fs.mkdirSync(path.join(tmp, "emptydb"));
    expect(sh("rpmkeys", ["--dbpath", path.join(tmp, "emptydb"), "--checksig", rpm()]).status).not.toBe(0);
  });
});

describe("MSI", () => {
  const msi = () => b.file("muster-agent-0.2.0-x64.msi");

  it("has the expected tables: file, properties, custom actions, sequence, upgrade", () => {
    const tables = execFileSync("msiinfo", ["tables", msi()], { encoding: "utf8" }).split(/\s+/);
    for (const t of ["File", "Component", "Directory", "Property", "CustomAction", "InstallExecuteSequence", "Upgrade", "MsiFileHash"]) expect(tables).toContain(t);
    expect(table(msi(), "File").map((r) => r.slice(0, 3))).toEqual([["AgentExe", "AgentExe", "muster-agent.exe"]]);
    expect(table(msi(), "Directory").map((r) => r[2])).toContain("MusterAgent");
    const props = Object.fromEntries(table(msi(), "Property").map(([k, v]) => [k, v]));
    expect(props).toMatchObject({ ProductVersion: "0.2.0", UpgradeCode: "{6B1F0F3E-2C55-4C3B-9A4E-5D7C8E1A2B90}", MsiHiddenProperties: "MUSTER_TOKEN", ALLUSERS: "1" });
    expect(props.ProductCode).toMatch(/^\{[0-9A-F-]{36}\}$/);
    const actions = Object.fromEntries(table(msi(), "CustomAction").map(([id, type, source, target]) => [id, { type: Number(type), source, target }]));
    // 18 = run an installed file, 0x400 deferred, 0x800 as LocalSystem, 0x2000 command line kept out of the log.
    expect(actions.EnrollFromProperty).toEqual({ type: 18 | 0x400 | 0x800 | 0x2000, source: "AgentExe", target: 'enroll --server "[MUSTER_SERVER]" --token "[MUSTER_TOKEN]" --if-not-enrolled' });
    expect(actions.EnrollFromFile!.target).toBe('enroll --server "[MUSTER_SERVER]" --token-file "[MUSTER_TOKEN_FILE]" --if-not-enrolled');
    expect(actions.EnrollFromFile!.type & 0x2000).toBe(0x2000);
    expect(actions.InstallTask).toEqual({ type: 18 | 0x400 | 0x800, source: "AgentExe", target: "install-service" });
    expect(actions.RemoveTask!.target).toBe("uninstall-service");
    expect(actions.RemoveTaskAndState!.target).toBe("uninstall-service --purge");
    const seq = Object.fromEntries(table(msi(), "InstallExecuteSequence").map(([a, c, n]) => [a, { condition: c, n: Number(n) }]));
    // Deferred actions run inside the script: between InstallInitialize and InstallFinalize.
    for (const a of ["EnrollFromFile", "EnrollFromProperty", "EnrollFromConfig", "InstallTask", "RemoveTask", "RemoveTaskAndState"]) {
      expect(seq[a]!.n).toBeGreaterThan(seq.InstallInitialize!.n);
      expect(seq[a]!.n).toBeLessThan(seq.InstallFinalize!.n);
    }
    expect(seq.EnrollFromProperty!.n).toBeGreaterThan(seq.InstallFiles!.n);
    expect(seq.InstallTask!.n).toBeGreaterThan(seq.EnrollFromProperty!.n);
    expect(seq.RemoveTask!.n).toBeLessThan(seq.RemoveFiles!.n);
    expect(seq.RemoveTask!.condition).toContain("NOT UPGRADINGPRODUCTCODE"); // a major upgrade keeps the task, credential and spool
    expect(seq.RemoveTaskAndState!.condition).toContain('MUSTER_PURGE="1"');
    const upgrade = table(msi(), "Upgrade");
    expect(upgrade.map((r) => r[0])).toEqual(["{6B1F0F3E-2C55-4C3B-9A4E-5D7C8E1A2B90}", "{6B1F0F3E-2C55-4C3B-9A4E-5D7C8E1A2B90}"]);
  });

  it("extracts to exactly the built, signed executable", () => {
    const out = path.join(tmp, "msi");
    fs.mkdirSync(out);
    execFileSync("msiextract", ["-C", out, msi()], { stdio: "pipe" });
    const files = execFileSync("find", [out, "-type", "f"], { encoding: "utf8" }).trim().split("\n");
    expect(files.map((f) => path.basename(f))).toEqual(["muster-agent.exe"]);
    expect(files[0]).toMatch(/MusterAgent\/muster-agent\.exe$/);
    expect(sha256(files[0]!)).toBe(sha256(b.file("muster-agent-0.2.0-windows-x64.exe")));
  });

  it("a newer version gets another ProductCode under the same UpgradeCode", async () => {
    const { productCode, MSI_UPGRADE_CODE } = await import("~/agent/packaging/msi");
    expect(productCode("0.2.0")).not.toBe(productCode("0.2.1"));
    expect(`{${productCode("0.2.0")}}`).toBe(Object.fromEntries(table(msi(), "Property").map(([k, v]) => [k, v])).ProductCode);
    expect(MSI_UPGRADE_CODE).toBe("6B1F0F3E-2C55-4C3B-9A4E-5D7C8E1A2B90");
  });
});

describe("signatures", () => {
  const gpgv = (keyring: string, ...args: string[]) => sh("gpgv", ["--keyring", keyring, ...args]);

  it("Authenticode on the exe and the MSI verifies against the signing certificate; tampered copies fail", () => {
    for (const f of [b.file("muster-agent-0.2.0-windows-x64.exe"), b.file("muster-agent-0.2.0-x64.msi")]) {
      const ok = sh("osslsigncode", ["verify", "-CAfile", b.keys.cert, "-in", f]);
      expect(ok.stdout + ok.stderr).toContain("Signature verification: ok");
      expect(ok.stdout).toContain("Muster Test Code Signing");
      const bad = sh("osslsigncode", ["verify", "-CAfile", b.keys.cert, "-in", tampered(f)]);
      expect(bad.status).not.toBe(0);
    }
  });

  it("SHA256SUMS is GPG-signed and lists every package with its hash", () => {
    const keyring = path.join(tmp, "keyring.gpg");
    execFileSync("gpg", ["--batch", "--yes", "--output", keyring, "--export", b.keys.gpgKey], { env: { ...process.env, GNUPGHOME: b.keys.gnupgHome }, stdio: "pipe" });
    expect(gpgv(keyring, b.file("SHA256SUMS.asc"), b.file("SHA256SUMS")).status).toBe(0);
    expect(gpgv(keyring, b.file("SHA256SUMS.asc"), tampered(b.file("SHA256SUMS"))).status).not.toBe(0);
    const check = sh("sha256sum", ["-c", "SHA256SUMS"], {});
    const inDir = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: b.dir, encoding: "utf8" });
    expect(inDir.status, inDir.stdout + check.stderr).toBe(0);
    expect(inDir.stdout).toContain("muster-agent_0.2.0_amd64.deb: OK");
    expect(inDir.stdout).toContain("muster-agent-0.2.0-x64.msi: OK");
  });

  it("the apt repository: InRelease verifies, Release lists Packages by hash, Packages lists the deb by hash", () => {
    const repo = b.file("apt");
    const keyring = path.join(repo, "muster-archive-keyring.gpg");
    expect(gpgv(keyring, path.join(repo, "dists/stable/InRelease")).status).toBe(0);
    expect(gpgv(keyring, path.join(repo, "dists/stable/Release.gpg"), path.join(repo, "dists/stable/Release")).status).toBe(0);
    expect(gpgv(keyring, path.join(repo, "dists/stable/Release.gpg"), tampered(path.join(repo, "dists/stable/Release"))).status).not.toBe(0);
    const release = fs.readFileSync(path.join(repo, "dists/stable/Release"), "utf8");
    const packages = path.join(repo, "dists/stable/main/binary-amd64/Packages");
    expect(release).toContain(` ${sha256(packages)} `);
    const stanza = fs.readFileSync(packages, "utf8");
    expect(stanza).toMatch(/^Package: muster-agent$/m);
    expect(stanza).toContain(`SHA256: ${sha256(path.join(repo, "pool/main/muster-agent_0.2.0_amd64.deb"))}`);
  });

  it("update manifests are Ed25519-signed with the release key, for the executables and the bundle", () => {
    const index = JSON.parse(fs.readFileSync(b.file("release.json"), "utf8")) as ReleaseIndex;
    const pub = fs.readFileSync(b.keys.releasePub, "utf8");
    expect(index.signing).toMatchObject({ authenticode: true, gpg: b.keys.gpgKey });
    expect(index.updates.map((u) => parseManifest(u.manifest)?.target).sort()).toEqual(["linux-x64", "node", "windows-x64"]);
    for (const u of index.updates) {
      expect(verifyManifestSignature(u.manifest, u.signature, pub)).toBe(true);
      const m = parseManifest(u.manifest)!;
      expect(sha256(b.file(m.file))).toBe(m.sha256);
      expect(verifyManifestSignature(u.manifest.replace(m.sha256, "0".repeat(64)), u.signature, pub)).toBe(false);
    }
  });

  it("an unsigned build says so loudly and carries no update manifests", () => {
    const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "agent/packaging/main.ts", "--targets", "linux-x64", "--formats", "sea", "--out", path.join(tmp, "unsigned"), "--fast"], {
      encoding: "utf8",
      env: { ...process.env, MUSTER_RELEASE_KEY: "", MUSTER_GPG_KEY: "", MUSTER_SIGN_CERT: "", MUSTER_SIGN_PKCS12: "" },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("WARNING: UNSIGNED BUILD: deb, rpm and SHA256SUMS have NO GPG signature");
    expect(r.stdout).toContain("WARNING: UNSIGNED BUILD: NO release key");
    const index = JSON.parse(fs.readFileSync(path.join(tmp, "unsigned", "release.json"), "utf8")) as ReleaseIndex;
    expect(index.updates).toEqual([]);
    expect(index.signing).toEqual({ authenticode: false, gpg: null, releaseKey: null });
    void testPackages;
  });

  it("a missing tool fails at once naming it and its Debian package", () => {
    const bin = path.join(tmp, "bin-node-only");
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "agent/packaging/main.ts", "--targets", "windows-x64", "--formats", "msi", "--out", path.join(tmp, "notool")], {
      encoding: "utf8",
      env: { ...process.env, PATH: bin },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("wixl (Debian package wixl)");
    expect(r.stderr).toContain("msibuild (Debian package msitools)");
    expect(r.stderr).toContain("apt-get install -y --no-install-recommends");
  });
});
