// Reading files that other users control (~/Applications belongs to its user, /Applications to any
// admin) as root: only regular files, never through a symbolic link that leaves the scanned tree,
// never more than a size cap, and never a blocking open (a FIFO would hang the agent forever,
// /dev/zero would fill its memory).
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { sep } from "node:path";

/** Largest property list the collectors read (real Info.plist files are a few KiB; db.plist tens). */
export const PLIST_MAX_BYTES = 4 * 1024 * 1024;

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** True when `path` is `tree` or below it. */
export function isWithin(path: string, tree: string): boolean {
  return path === tree || path.startsWith(tree.endsWith(sep) ? tree : tree + sep);
}

/**
 * The bytes of a regular file below `tree` (after resolving symbolic links), at most `maxBytes`.
 * Throws a message naming the file otherwise; ENOENT passes through as it is.
 */
export async function readRegularFile(path: string, tree: string, maxBytes = PLIST_MAX_BYTES): Promise<Buffer> {
  const real = await realpath(path);
  const realTree = await realpath(tree);
  if (!isWithin(real, realTree)) throw new Error(`${path}: leads out of ${tree} (symbolic link to ${real}); not read`);
  const fh = await open(real, FLAGS);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path}: not a regular file; not read`);
    if (st.size > maxBytes) throw new Error(`${path}: ${st.size} bytes, more than ${maxBytes}; not read`);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > maxBytes) throw new Error(`${path}: grew past ${maxBytes} bytes while read; not read`);
      if (n === buf.length) break;
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}
