// Vendor folders under /opt and /var/opt: /opt/<vendor> and /opt/<vendor>/<product>. Commercial
// Linux agents install there (/opt/kaspersky/kesl, /opt/CrowdStrike) and leave them behind.
import { join } from "node:path";
import type { SoftwareEntry } from "../../shared/protocol";
import { listDir, underRoot } from "../lib/paths";
import type { Collector, CollectContext } from "./types";

export const VENDOR_DIRS = ["/opt", "/var/opt"];

/** Paths (as seen on the endpoint) of the first two folder levels below each vendor folder. */
export function listVendorPaths(root: string): string[] {
  const out: string[] = [];
  for (const base of VENDOR_DIRS) {
    for (const vendor of listDir(underRoot(root, base))) {
      if (!vendor.isDirectory()) continue;
      const vendorPath = `${base}/${vendor.name}`;
      out.push(vendorPath);
      for (const product of listDir(join(underRoot(root, base), vendor.name))) {
        if (product.isDirectory()) out.push(`${vendorPath}/${product.name}`);
      }
    }
  }
  return out;
}

export function pathEntries(paths: string[]): SoftwareEntry[] {
  return paths.map((p) => ({ source: "linux-path", name: p, identifier: p }));
}

export const linuxPathCollector: Collector = {
  sources: ["linux-path"],
  platforms: ["linux"],
  applies: () => true,
  collect: async (ctx: CollectContext) => ({ entries: pathEntries(listVendorPaths(ctx.root)) }),
};
