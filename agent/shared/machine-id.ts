// The hardware id an agent reports: a SHA-256 of the OS's machine id, so the raw id never leaves
// the machine. The server hashes ids from imported inventories the same way to match them.
import { createHash } from "node:crypto";

export function hashMachineId(raw: string): string {
  return createHash("sha256").update(`muster:${raw.trim().toLowerCase()}`, "utf8").digest("hex");
}
