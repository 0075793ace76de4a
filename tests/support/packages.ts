// Agent packages for the tests, built with the real `agent:package` (agent/packaging/main.ts) and
// throwaway signing keys: an Ed25519 release key, a self-signed Authenticode certificate and a GPG
// key. Builds are cached in agent/dist/test-packages/ by the hash of the agent and packager sources,
// so the CI run pays for each build once; parallel test files wait on a lock instead of building twice.
import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./server";

const CACHE = path.join(ROOT, "agent", "dist", "test-packages");

export type TestKeys = { dir: string; releaseKey: string; releasePub: string; otherReleaseKey: string; gnupgHome: string; gpgKey: string; cert: string; key: string };

function withLock<T>(name: string, fn: () => T): T {
  const lock = path.join(CACHE, `${name}.lock`);
  fs.mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than the longest build is left from a killed run.
      if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}`);
      execFileSync("sleep", ["1"]);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function ed25519(file: string): void {
  const { privateKey } = generateKeyPairSync("ed25519");
  fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
}

/** Throwaway keys, made once and kept beside the cached builds (they sign them). */
export function testKeys(): TestKeys {
  const dir = path.join(CACHE, "keys");
  const k: TestKeys = {
    dir,
    releaseKey: path.join(dir, "release.pem"),
    releasePub: path.join(dir, "release.pub"),
    otherReleaseKey: path.join(dir, "other-release.pem"),
    gnupgHome: path.join(dir, "gnupg"),
    gpgKey: "packages@muster.test",
    cert: path.join(dir, "authenticode.pem"),
    key: path.join(dir, "authenticode.key"),
  };
  return withLock("keys", () => {
    if (fs.existsSync(path.join(dir, "done"))) return k;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(k.gnupgHome, { recursive: true, mode: 0o700 });
    ed25519(k.releaseKey);
    ed25519(k.otherReleaseKey);
    execFileSync("openssl", ["pkey", "-in", k.releaseKey, "-pubout", "-out", k.releasePub]);
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", k.key, "-out", k.cert, "-days", "30", "-subj", "/CN=Muster Test Code Signing", "-addext", "extendedKeyUsage=codeSigning"],
      { stdio: "pipe" },
    );
    execFileSync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", `Muster Test Packages <${k.gpgKey}>`, "ed25519", "sign", "never"], {
      env: { ...process.env, GNUPGHOME: k.gnupgHome },
      stdio: "pipe",
    });
    fs.writeFileSync(path.join(dir, "done"), "");
    return k;
  });
}

function sourceHash(extra: string): string {
  const h = createHash("sha256").update(extra);
  const walk = (p: string) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) walk(f);
      else h.update(f).update(fs.readFileSync(f));
    }
  };
  walk(path.join(ROOT, "agent", "src"));
  walk(path.join(ROOT, "agent", "shared"));
  walk(path.join(ROOT, "agent", "packaging"));
  h.update(fs.readFileSync(path.join(ROOT, "agent", "build.mjs")));
  return h.digest("hex").slice(0, 16);
}

export type TestBuild = { dir: string; version: string; keys: TestKeys; file: (name: string) => string };

/**
 * The packages for `version`, `targets` and `formats` (fast compression), signed with the test keys.
 * `signed: false` builds without any key (what an operator without keys gets).
 */
export function testPackages(o: { version: string; targets: string[]; formats: string[]; signed?: boolean }): TestBuild {
  const keys = testKeys();
  const signed = o.signed !== false;
  const key = sourceHash(JSON.stringify({ ...o, signed }));
  const dir = path.join(CACHE, `${o.version}-${key}`);
  const build: TestBuild = { dir, version: o.version, keys, file: (name) => path.join(dir, name) };
  return withLock("build", () => {
    if (fs.existsSync(path.join(dir, "release.json"))) return build;
    // Builds of older sources are 400 MB each: keep one per version.
    for (const old of fs.readdirSync(CACHE).filter((d) => d.startsWith(`${o.version}-`) && d !== path.basename(dir))) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: keys.gnupgHome };
    if (signed) Object.assign(env, { MUSTER_RELEASE_KEY: keys.releaseKey, MUSTER_GPG_KEY: keys.gpgKey, MUSTER_SIGN_CERT: keys.cert, MUSTER_SIGN_KEY: keys.key });
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        path.join(ROOT, "agent", "packaging", "main.ts"),
        "--version",
        o.version,
        "--targets",
        o.targets.join(","),
        "--formats",
        o.formats.join(","),
        "--out",
        dir,
        "--fast",
      ],
      { cwd: ROOT, env, stdio: "pipe", timeout: 10 * 60_000 },
    );
    return build;
  });
}

/** The builds the package tests share: the current version on Linux and Windows, and an older Linux one. */
export const currentBuild = () => testPackages({ version: "0.2.0", targets: ["linux-x64", "windows-x64"], formats: ["sea", "deb", "rpm", "msi"] });
export const olderBuild = () => testPackages({ version: "0.1.9", targets: ["linux-x64"], formats: ["sea", "deb"] });
