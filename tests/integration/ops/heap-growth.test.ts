// MUSTER_HEAP_GROWTH_PERCENT (server/runtime/heap.ts): set, the server's heap stays near what it still uses
// instead of growing to several times that between full collections (the default leaves V8's own), and a
// node flag given on the command line wins. Each case runs the same churn in a process of its own (heap-churn.child.ts).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readEnv } from "~/server/config/env";
import { TS_NODE_ARGS } from "../../support/server";

const run = promisify(execFile);
const CHILD = path.join(__dirname, "heap-churn.child.ts");

async function peakMiB(percent: number, nodeFlags: string[] = []): Promise<number> {
  const { stdout } = await run(process.execPath, [...nodeFlags, ...TS_NODE_ARGS, CHILD, String(percent)], { timeout: 120_000 });
  return (JSON.parse(stdout.trim().split("\n").at(-1)!) as { peakMiB: number }).peakMiB;
}

describe("the heap's growth between full collections", () => {
  it("is V8's own by default: a smaller factor let full collections stop the event loop for over a second (runtime/heap.ts)", () => {
    expect(readEnv("MUSTER_HEAP_GROWTH_PERCENT", {})).toBe(0);
  });

  it("stays near the live size at 100%, where V8's own choice lets it grow to several times that", async () => {
    const [limited, own] = await Promise.all([peakMiB(100), peakMiB(0)]);
    console.log(`heap peak: ${limited.toFixed(0)} MiB at 100%, ${own.toFixed(0)} MiB with V8's own growth`);
    expect(limited).toBeLessThan(own * 0.7);
  }, 150_000);

  it("leaves a --heap-growing-percent given to node alone", async () => {
    const [flagged, own] = await Promise.all([peakMiB(100, ["--heap-growing-percent=300"]), peakMiB(0)]);
    expect(flagged).toBeGreaterThan(own * 0.8);
  }, 150_000);
});
