// Printing (--dry-run) or applying a service plan.
import { copyFileSync, chmodSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { writeFileAtomic } from "../lib/atomic-fs";
import type { ServicePlan } from "./plan";

export function describePlan(plan: ServicePlan, selfPath: string): string {
  const out: string[] = [];
  if (plan.installPath) out.push(`# copy ${selfPath} -> ${plan.installPath}`);
  for (const f of plan.files) {
    const text = f.display ?? (typeof f.content === "string" ? f.content : `(${f.content.length} bytes)`);
    out.push(`# write ${f.path}${f.mode ? ` (mode ${f.mode.toString(8)})` : ""}:`, text.trimEnd(), "");
  }
  for (const c of plan.commands) out.push(`# run: ${c.argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(" ")}${c.optional ? "   (failure ignored)" : ""}`);
  for (const r of plan.remove) out.push(`# remove ${r}`);
  return `${out.join("\n")}\n`;
}

export function applyPlan(plan: ServicePlan, selfPath: string): void {
  if (plan.installPath && resolve(plan.installPath) !== resolve(selfPath)) {
    mkdirSync(dirname(plan.installPath), { recursive: true });
    const tmp = `${plan.installPath}.new`;
    copyFileSync(selfPath, tmp);
    chmodSync(tmp, 0o755);
    rmSync(plan.installPath, { force: true });
    copyFileSync(tmp, plan.installPath);
    rmSync(tmp, { force: true });
  }
  for (const f of plan.files) writeFileAtomic(f.path, typeof f.content === "string" ? f.content : new Uint8Array(f.content), f.mode ?? 0o644);
  for (const c of plan.commands) {
    try {
      execFileSync(c.argv[0]!, c.argv.slice(1), { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    } catch (err) {
      if (c.optional) continue;
      const stderr = String((err as { stderr?: Buffer }).stderr ?? "").trim();
      throw new Error(`\`${c.argv.join(" ")}\` failed: ${stderr || (err as Error).message}`);
    }
  }
  for (const r of plan.remove) rmSync(r, { recursive: true, force: true });
}
