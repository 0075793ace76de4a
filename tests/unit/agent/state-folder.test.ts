// The state folder the agent trusts with the device credential (and, on Windows, the scheduled
// task's XML): Windows decisions on the output of the state-folder script (fixtures in the format
// `ConvertTo-Json -Compress` prints, SDDL as Get-Acl gives it), Linux rules on real folders.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judgePosixAncestor, judgeWindowsStateDir, parseSddl, parseWindowsDirReport, powershellArgs, WINDOWS_PROTECTED_SDDL, windowsStateDirScript } from "~/agent/src/state/folder-rules";
import { ensureStateDir, UnsafeFolderError } from "~/agent/src/state/secure-dir";
import type { ExecFn } from "~/agent/src/lib/exec";
import { tempDir } from "../../support/db";
import { BUNDLE, buildAgentOnce } from "../../integration/agent/helpers";

const FIX = join(__dirname, "../../fixtures/agent/windows/state-dir");
const facts = (name: string) => parseWindowsDirReport(readFileSync(join(FIX, name), "utf8"));
const isRoot = process.getuid?.() === 0;

describe("Windows state folder", () => {
  it("parses SDDL: owner, protected flag, ACEs", () => {
    const d = parseSddl("O:S-1-5-21-1-2-3-1013G:S-1-5-21-1-2-3-513D:AI(A;ID;FA;;;S-1-5-21-1-2-3-1013)(A;OICIIOID;GA;;;CO)(A;OICIID;0x1200a9;;;BU)");
    expect(d.owner).toBe("S-1-5-21-1-2-3-1013");
    expect(d.group).toBe("S-1-5-21-1-2-3-513");
    expect(d.daclFlags).toBe("AI");
    expect(d.aces).toEqual([
      { type: "A", flags: ["ID"], rights: "FA", sid: "S-1-5-21-1-2-3-1013" },
      { type: "A", flags: ["OI", "CI", "IO", "ID"], rights: "GA", sid: "CO" },
      { type: "A", flags: ["OI", "CI", "ID"], rights: "0x1200a9", sid: "BU" },
    ]);
    expect(parseSddl(WINDOWS_PROTECTED_SDDL)).toMatchObject({ owner: "BA", group: null, daclFlags: "PAI" });
  });

  it("accepts the folder it created and one an older agent protected with icacls", () => {
    expect(judgeWindowsStateDir(facts("created-protected.json"))).toBeNull();
    expect(judgeWindowsStateDir(facts("icacls-protected-by-older-agent.json"))).toBeNull();
    expect(judgeWindowsStateDir(facts("protected-with-deny.json"))).toBeNull();
  });

  it("refuses a folder a standard user created first, a junction, inherited or widened permissions", () => {
    expect(judgeWindowsStateDir(facts("precreated-by-user.json"))).toMatch(/owned by S-1-5-21-3623811015-3361044348-30300820-1013, not SYSTEM or Administrators/);
    expect(judgeWindowsStateDir(facts("junction.json"))).toMatch(/junction or symbolic link/);
    expect(judgeWindowsStateDir(facts("inherited-by-admin.json"))).toMatch(/inherits permissions from its parent/);
    expect(judgeWindowsStateDir(facts("protected-but-users-read.json"))).toMatch(/grants access to BU/);
  });

  it("creates the folder with the protected ACL in one step and reports it as JSON, run through -EncodedCommand", async () => {
    const script = windowsStateDirScript("C:\\ProgramData\\Muster's Agent");
    expect(script).toContain("$p = 'C:\\ProgramData\\Muster''s Agent'");
    expect(script).toContain(`$acl.SetSecurityDescriptorSddlForm('${WINDOWS_PROTECTED_SDDL}')`);
    expect(script).toContain("[System.IO.Directory]::CreateDirectory($p, $acl)");
    expect(script).toContain("(Get-Acl -LiteralPath $p).Sddl } | ConvertTo-Json -Compress");
    const args = powershellArgs(script);
    expect(args.slice(0, 5)).toEqual(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]);
    expect(Buffer.from(args[5]!, "base64").toString("utf16le")).toBe(script);

    // The runner hands that to powershell.exe and refuses what the judge refuses.
    const calls: string[][] = [];
    const exec =
      (out: string): ExecFn =>
      async (file, a) => (calls.push([file, ...a]), { code: 0, stdout: out, stderr: "" });
    await expect(ensureStateDir("C:\\ProgramData\\MusterAgent", "windows", exec(readFileSync(join(FIX, "created-protected.json"), "utf8")))).resolves.toBeUndefined();
    await expect(ensureStateDir("C:\\ProgramData\\MusterAgent", "windows", exec(readFileSync(join(FIX, "precreated-by-user.json"), "utf8")))).rejects.toThrow(UnsafeFolderError);
    expect(calls[0]![0]).toBe("powershell.exe");
  });
});

describe("Linux/macOS state folder", () => {
  it("creates a missing folder 0700", async () => {
    const dir = join(tempDir("muster-state-"), "state");
    await ensureStateDir(dir, "linux");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("refuses a symlink, a folder others can write or read, and one owned by another user", async () => {
    const base = tempDir("muster-state-");
    mkdirSync(join(base, "real"), { mode: 0o700 });
    symlinkSync(join(base, "real"), join(base, "link"));
    await expect(ensureStateDir(join(base, "link"), "linux")).rejects.toThrow(/symbolic link/);
    mkdirSync(join(base, "open"));
    chmodSync(join(base, "open"), 0o777);
    await expect(ensureStateDir(join(base, "open"), "linux")).rejects.toThrow(/mode 0777/);
    mkdirSync(join(base, "readable"));
    chmodSync(join(base, "readable"), 0o755);
    await expect(ensureStateDir(join(base, "readable"), "linux")).rejects.toThrow(/mode 0755/);
    if (isRoot) {
      mkdirSync(join(base, "theirs"), { mode: 0o700 });
      chownSync(join(base, "theirs"), 1234, 1234);
      await expect(ensureStateDir(join(base, "theirs"), "linux")).rejects.toThrow(/owned by uid 1234, not root/);
    }
  });

  it("refuses a state folder below a folder another user may write (no sticky bit)", async () => {
    const base = tempDir("muster-state-");
    mkdirSync(join(base, "shared"));
    chmodSync(join(base, "shared"), 0o777);
    await expect(ensureStateDir(join(base, "shared", "state"), "linux")).rejects.toThrow(/shared has mode 0777/);
    // /tmp-like folders (sticky) are fine: others cannot rename what they do not own.
    expect(judgePosixAncestor({ path: "/tmp", kind: "directory", uid: 0, mode: 0o41777 }, 0)).toBeNull();
  });

  it("the agent refuses to enroll into a folder a local user prepared", async () => {
    if (!isRoot) return;
    await buildAgentOnce();
    const base = tempDir("muster-state-");
    mkdirSync(join(base, "state"), { mode: 0o700 });
    chownSync(join(base, "state"), 1234, 1234);
    writeFileSync(join(base, "token"), "mst_enr_x");
    let out = "";
    try {
      execFileSync(process.execPath, [BUNDLE, "enroll", "--server", "http://127.0.0.1:9", "--token-file", join(base, "token"), "--state-dir", join(base, "state")], { stdio: "pipe" });
    } catch (err) {
      out = String((err as { stderr?: Buffer }).stderr);
    }
    expect(out).toMatch(/owned by uid 1234, not root/);
  });
});
