// The real server for benchmarks: production build (NEXT_DIST_DIR, default .next), signed-in
// sessions, timed requests and the server process's memory.
import fs from "node:fs";
import path from "node:path";
import { signInHttp } from "../../support/auth";
import { ROOT, type RunningServer } from "../../support/server";

export function requireBuild(): string {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) throw new Error(`No production build in ${distDir}: run \`npm run build\` (or npm run bench, which builds one)`);
  return distDir;
}

export async function session(server: RunningServer, email: string, password: string): Promise<string> {
  const r = await signInHttp(server.url, email, password);
  if (!r.ok) throw new Error(`sign-in failed for ${email}: ${r.status} ${r.error}`);
  return r.cookie;
}

/** GET with the session; returns the wall time in ms (body read), the status and the body size. */
export async function timedGet(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
}

/**
 * Resident set size, its peak (VmHWM) and its two parts, in bytes, from /proc: anonymous memory
 * (heaps, caches) and file-backed pages (code, and the database file SQLite maps with mmap_size,
 * which is shared page cache the kernel can reclaim).
 */
export function processMemory(pid: number): { rss: number; peak: number; anon: number; file: number } {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb("VmRSS"), peak: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile") + kb("RssShmem") };
  } catch {
    return { rss: NaN, peak: NaN, anon: NaN, file: NaN };
  }
}

/** The server's Node process (startServer spawns node directly). */
export function serverPid(server: RunningServer): number {
  return server.proc.pid!;
}
