// A digest of every table's content, to prove that rejected requests changed nothing.
import { createHash } from "node:crypto";
import type { Db } from "~/server/db/client";

export function databaseDigest(db: Db): string {
  const h = createHash("sha256");
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  for (const { name } of tables) {
    h.update(`#${name}\n`);
    for (const row of db.$client.prepare(`select * from "${name}" order by 1, 2`).raw(true).iterate() as Iterable<unknown[]>) h.update(`${JSON.stringify(row)}\n`);
  }
  return h.digest("hex");
}
