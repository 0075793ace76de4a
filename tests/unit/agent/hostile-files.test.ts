// A local user controls ~/Applications and the agent reads it as root: a FIFO must not hang the run,
// /dev/zero must not fill memory, a symlink must not lead the agent out of the scanned tree, a huge
// file is not read; and any collector that gets stuck is reported failed while the run goes on.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollectors, type Collector } from "~/agent/src/collectors/index";
import type { CollectContext } from "~/agent/src/collectors/types";
import { execCommand } from "~/agent/src/lib/exec";
import { PLIST_MAX_BYTES } from "~/agent/src/lib/safe-read";
import { tempDir } from "../../support/db";

const FIXTURE = join(__dirname, "../../fixtures/agent/roots/macos-kaspersky");
const plist = (id: string, name: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>${id}</string><key>CFBundleName</key><string>${name}</string></dict></plist>\n`;

function hostileRoot(): string {
  const root = tempDir("muster-hostile-mac-");
  cpSync(FIXTURE, root, { recursive: true });
  const apps = join(root, "Users", "eve", "Applications");
  const contents = (app: string) => {
    mkdirSync(join(apps, app, "Contents"), { recursive: true });
    return join(apps, app, "Contents", "Info.plist");
  };
  writeFileSync(contents("Honest.app"), plist("org.example.honest", "Honest"));
  execFileSync("mkfifo", [contents("Fifo.app")]);
  symlinkSync("/dev/zero", contents("Zero.app"));
  writeFileSync(contents("Huge.app"), Buffer.alloc(PLIST_MAX_BYTES + 1, 0x20));
  // A bundle that is a link to a folder outside the tree (here: a plist the user wants read as root).
  const outside = tempDir("muster-outside-");
  mkdirSync(join(outside, "Contents"));
  writeFileSync(join(outside, "Contents", "Info.plist"), plist("com.outside.secret", "Outside"));
  symlinkSync(outside, join(apps, "Escape.app"));
  // The same trap in the launchd folder.
  execFileSync("mkfifo", [join(root, "Library", "LaunchDaemons", "evil.plist")]);
  return root;
}

describe("macOS collectors on user-controlled files", () => {
  it("read only regular files inside the tree, capped, and finish", async () => {
    const ctx: CollectContext = { platform: "darwin", root: hostileRoot(), live: false, exec: execCommand, which: () => null };
    const started = Date.now();
    const c = await runCollectors(ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    const apps = c.entries.filter((e) => e.source === "macos-app").map((e) => e.identifier);
    expect(apps).toContain("org.example.honest");
    expect(apps).toContain("com.kaspersky.kes.gui"); // the real findings are still there
    expect(apps).not.toContain("com.outside.secret");
    const app = c.collectors.find((r) => r.name === "macos-app")!;
    expect(app.ok).toBe(false);
    expect(app.error).toMatch(/^4 unreadable Info\.plist files/);
    const launchd = c.collectors.find((r) => r.name === "macos-launchd")!;
    expect(launchd.error).toMatch(/evil\.plist: not a regular file/);
    expect(c.entries.filter((e) => e.source === "macos-launchd").map((e) => e.identifier)).toContain("com.kaspersky.kes.daemon");
  });

  it("a collector that never finishes is reported failed after its time bound; the others are kept", async () => {
    const stuck: Collector = { sources: ["macos-receipt"], platforms: ["darwin"], applies: () => true, collect: () => new Promise(() => {}) };
    const fine: Collector = { sources: ["macos-app"], platforms: ["darwin"], applies: () => true, collect: async () => ({ entries: [{ source: "macos-app", name: "Kaspersky" }] }) };
    const ctx: CollectContext = { platform: "darwin", root: FIXTURE, live: false, exec: execCommand, which: () => null };
    const c = await runCollectors(ctx, [stuck, fine], 200);
    expect(c.collectors).toEqual([
      { name: "macos-receipt", ok: false, error: "macos-receipt: timed out after 0.2 s" },
      { name: "macos-app", ok: true },
    ]);
    expect(c.entries).toEqual([{ source: "macos-app", name: "Kaspersky" }]);
  });
});
