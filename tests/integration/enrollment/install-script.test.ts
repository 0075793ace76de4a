// The Enrollment page's Linux install script, run for real in bash (under a pseudo-terminal, as a
// technician pastes it) against a local server that serves a stand-in agent. The stand-in records
// how it was started (arguments, standard input, its own path and folder), so the test sees what
// the real agent would have been given. A copy planted at the old download location
// (/tmp/muster-agent.js) must never run; a bad checksum or a failed download must stop the script
// before anything runs.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCommands, TOKEN_PROMPT } from "~/app/(dashboard)/enrollment/_components/install-commands";
import { tempDir } from "../../support/db";

const TOKEN = "mst_enr_SECRET-token-value-123";
const OLD_LOCATION = "/tmp/muster-agent.js";

/** The stand-in agent: appends one JSON line per start to $MUSTER_TEST_RECORD. */
const RECORDER = (tag: string) => `
const fs = require("node:fs"), path = require("node:path");
const args = process.argv.slice(2);
const stdin = args.includes("-") ? fs.readFileSync(0, "utf8") : null;
const dir = path.dirname(__filename);
const st = fs.statSync(dir);
fs.appendFileSync(process.env.MUSTER_TEST_RECORD, JSON.stringify({ tag: ${JSON.stringify(tag)}, args, stdin, self: __filename, dirMode: st.mode & 0o777, dirUid: st.uid }) + "\\n");
`;

type Record = { tag: string; args: string[]; stdin: string | null; self: string; dirMode: number; dirUid: number };

let dir: string;
let server: http.Server;
let base: string;
let served = Buffer.from(RECORDER("downloaded"));
let status = 200;
let plantedByUs = false;

beforeAll(async () => {
  dir = tempDir("muster-install-");
  // `sudo` is the one command the test stands in for: the test already runs as the user the script
  // would become (root on CI); everything else (bash, mktemp, curl, sha256sum, node) is real.
  mkdirSync(join(dir, "bin"));
  writeFileSync(join(dir, "bin", "sudo"), '#!/bin/sh\nexec "$@"\n');
  chmodSync(join(dir, "bin", "sudo"), 0o755);
  mkdirSync(join(dir, "tmp"), { mode: 0o1777 });
  server = http.createServer((req, res) => {
    if (req.url !== "/download/muster-agent.js" || status !== 200) return res.writeHead(status === 200 ? 404 : status).end();
    res.writeHead(200, { "content-type": "application/javascript" }).end(served);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A local user's trap at the old location, where the previous commands downloaded and ran the agent.
  if (!existsSync(OLD_LOCATION)) {
    writeFileSync(OLD_LOCATION, RECORDER("planted"), { mode: 0o666 });
    plantedByUs = true;
  }
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  if (plantedByUs) rmSync(OLD_LOCATION, { force: true });
});

/** Runs the generated script in bash under a pseudo-terminal (`script`), typing `typed` at its prompt. */
function runScript(text: string, typed: string): Promise<{ code: number; output: string; records: Record[] }> {
  const file = join(dir, `install-${Date.now()}.sh`);
  const record = join(dir, `record-${Date.now()}.jsonl`);
  writeFileSync(file, text);
  return new Promise((resolve) => {
    const child = execFile(
      "script",
      ["-qec", `bash ${file}`, "/dev/null"],
      { env: { ...process.env, PATH: `${join(dir, "bin")}:${process.env.PATH}`, TMPDIR: join(dir, "tmp"), MUSTER_TEST_RECORD: record }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        const records = existsSync(record)
          ? readFileSync(record, "utf8")
              .trim()
              .split("\n")
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Record)
          : [];
        resolve({ code, output: stdout + stderr, records });
      },
    );
    // Typed once the prompt is up (a pseudo-terminal discards nothing typed early, but be polite).
    setTimeout(() => child.stdin?.end(`${typed}\n`), 300);
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("Linux install script", () => {
  it("runs the checked file from a fresh root-only folder, token on standard input only, and leaves the planted file alone", async () => {
    served = Buffer.from(RECORDER("downloaded"));
    status = 200;
    const planted = readFileSync(OLD_LOCATION);
    const r = await runScript(installCommands("linux", base, sha(served)), TOKEN);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(`${TOKEN_PROMPT}:`);
    expect(r.output).not.toContain(TOKEN); // hidden prompt: not echoed
    expect(r.records.map((x) => x.tag)).toEqual(["downloaded", "downloaded"]);
    const [enroll, install] = r.records as [Record, Record];
    expect(enroll.args).toEqual(["enroll", "--server", base, "--token-file", "-"]);
    expect(enroll.stdin).toBe(`${TOKEN}\n`);
    expect(install.args).toEqual(["install-service"]);
    for (const rec of r.records) {
      expect(rec.args.join(" ")).not.toContain(TOKEN);
      expect(rec.self).not.toBe(OLD_LOCATION);
      expect(rec.self.startsWith(`${join(dir, "tmp")}/`)).toBe(true);
      expect(rec.dirMode).toBe(0o700);
      expect(rec.dirUid).toBe(process.getuid!());
    }
    expect(enroll.self).toBe(install.self); // the very file whose hash was checked
    expect(readFileSync(OLD_LOCATION).equals(planted)).toBe(true);
    expect(readdirSync(join(dir, "tmp"))).toEqual([]); // the private folder is removed afterwards
  });

  it("stops at a bad checksum: nothing runs, not even the planted file", async () => {
    served = Buffer.from(RECORDER("downloaded"));
    status = 200;
    const r = await runScript(installCommands("linux", base, sha(Buffer.from("another build"))), TOKEN);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("checksum mismatch; nothing was installed");
    expect(r.output).not.toContain(`${TOKEN_PROMPT}:`);
    expect(r.records).toEqual([]);
  });

  it("stops when the download fails", async () => {
    status = 503;
    const r = await runScript(installCommands("linux", base, sha(served)), TOKEN);
    status = 200;
    expect(r.code).not.toBe(0);
    expect(r.records).toEqual([]);
  });
});

describe("install scripts as text", () => {
  const HASH = "ab".repeat(32);
  it("never put a token or the old shared locations in any script", () => {
    for (const target of ["linux", "macos", "windows"] as const) {
      const text = installCommands(target, "https://muster.example.gov/", HASH);
      expect(text).not.toMatch(/--token\s/);
      expect(text).not.toContain("/tmp/muster-agent.js");
      expect(text).not.toMatch(/ProgramData"?\s*"?muster-agent\.js/i);
      expect(text).toContain("--token-file -");
      expect(text).toContain("https://muster.example.gov/download/muster-agent.js");
    }
  });

  it("macOS: mktemp folder, shasum, stop on error, https only", () => {
    const text = installCommands("macos", "https://muster.example.gov", HASH);
    expect(text.split("\n").slice(0, 4)).toEqual(["sudo bash -s <<'MUSTER_INSTALL'", "set -euo pipefail", "umask 077", 'dir="$(mktemp -d)"']);
    expect(text).toContain(`sum="$(shasum -a 256 "$dir/muster-agent.js")"`);
    expect(text).toContain(`curl -fsSL --proto '=https' -o "$dir/muster-agent.js"`);
  });

  it("Windows: a new folder created with a SYSTEM/Administrators-only protected ACL, Stop on errors, exit codes checked", () => {
    const text = installCommands("windows", "https://muster.example.gov", HASH);
    const lines = text.split("\n");
    expect(lines[0]).toBe("& {");
    expect(lines.at(-1)).toBe("}");
    expect(text).toContain("$ErrorActionPreference = 'Stop'");
    expect(text).toContain("$acl.SetSecurityDescriptorSddlForm('O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)')");
    expect(text).toContain("[System.IO.Directory]::CreateDirectory($dir, $acl)");
    expect(text).toContain(`(Get-FileHash -LiteralPath $agent -Algorithm SHA256).Hash -ne '${HASH.toUpperCase()}'`);
    expect(text).toContain("Read-Host -Prompt 'Enrollment token' -AsSecureString");
    expect(text.match(/if \(\$LASTEXITCODE -ne 0\)/g)).toHaveLength(2);
    expect(text).toContain("} finally { Remove-Item -LiteralPath $dir -Recurse -Force");
  });

  it("plain http: --allow-http only for a server that is not this machine", () => {
    expect(installCommands("linux", "http://10.0.0.5:3000", HASH)).toContain("--token-file - --allow-http");
    expect(installCommands("linux", "http://localhost:3000", HASH)).not.toContain("--allow-http");
    expect(() => installCommands("linux", "https://x", "not-a-hash")).toThrow(/SHA-256/);
  });
});
