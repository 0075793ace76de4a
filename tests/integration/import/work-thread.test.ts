// An import over HTTP runs on the server's work thread (its own connection): the event loop stays
// free to answer check-ins, /healthz and the dashboard while a large export is parsed and applied.
// Measured as the event loop's utilisation during the import (Node's eventLoopUtilization): the
// import alone keeps it near 1 when it runs on the loop.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { afterEach, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { handleTokenImport } from "~/server/work/import-http";
import { createImportToken } from "~/server/import/tokens";
import { startWorkThread } from "~/server/work/pool";
import type { WorkThread } from "~/server/work/registry";
import { endpointNamed, importWorld, intuneExport, OFFICER } from "./helpers";

let thread: WorkThread | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
  close?.();
});

async function pushImport(onThread: boolean, devices: number) {
  const w = await importWorld();
  close = w.close;
  const { token } = createImportToken(w.db, OFFICER, ALL, { agencyId: w.agencyId });
  const file = path.join(w.dir, "intune.csv");
  intuneExport(file, devices);
  if (onThread) thread = startWorkThread(w.file);
  const request = new Request("http://muster.test/api/import/v1/inventory?source=intune&name=intune.csv", {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    body: fs.readFileSync(file),
  });
  const before = performance.eventLoopUtilization();
  const res = await handleTokenImport(w.db, request, "203.0.113.7");
  const elu = performance.eventLoopUtilization(before).utilization;
  const body = (await res.json()) as { import: { status: string; devices: number; created: number } };
  return { status: res.status, body, elu, banned: endpointNamed(w.db, "PC-THREAD-000000")?.state };
}

it("applies a large export on the work thread while the event loop stays nearly idle", async () => {
  const r = await pushImport(true, 6000);
  expect(r.status).toBe(201);
  expect(r.body.import).toMatchObject({ status: "applied", devices: 6000, created: 6000 });
  expect(r.banned).toBe("banned"); // written by the thread's connection, read here
  expect(r.elu).toBeLessThan(0.5);
}, 300_000);

it("on the event loop (no work thread: tests, next dev) the same import keeps the loop busy", async () => {
  const r = await pushImport(false, 6000);
  expect(r.status).toBe(201);
  expect(r.elu).toBeGreaterThan(0.7);
}, 300_000);
