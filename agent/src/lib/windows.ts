// Running Windows console tools so their output arrives as UTF-8: reg.exe prints in the console's
// OEM code page (cp866 on a Russian system) unless `chcp 65001` switches it first, and PowerShell
// needs [Console]::OutputEncoding set, or Cyrillic and Chinese names arrive garbled.
import type { CollectContext } from "../collectors/types";

export type RegView = "64" | "32";

/** `reg query KEY /s` in the given view; null when the key does not exist. */
export async function regQuery(ctx: CollectContext, key: string, view?: RegView, recursive = true): Promise<string | null> {
  const flags = `${recursive ? " /s" : ""}${view ? ` /reg:${view}` : ""}`;
  const r = await ctx.exec("cmd.exe", ["/d", "/s", "/c", `"chcp 65001>nul & reg query "${key}"${flags}"`], {
    windowsVerbatimArguments: true,
    timeoutMs: 120_000,
  });
  if (r.code === 0) return r.stdout;
  if (!/HKEY_/.test(r.stdout) && /unable to find|cannot find|not found/i.test(r.stderr + r.stdout)) return null;
  throw new Error(`reg query ${key}${flags} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split(/\r?\n/)[0] ?? ""}`);
}

/** Runs a PowerShell script with UTF-8 output; the script is passed encoded so no quoting can break it. */
export async function powershell(ctx: CollectContext, script: string, timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const full = `[Console]::OutputEncoding=[Text.Encoding]::UTF8\n$ProgressPreference='SilentlyContinue'\n${script}`;
  const encoded = Buffer.from(full, "utf16le").toString("base64");
  return ctx.exec("powershell.exe", ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", encoded], { timeoutMs });
}
