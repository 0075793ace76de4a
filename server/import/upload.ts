// A request body streamed to a temporary file beside the database (never held in memory), its
// SHA-256 computed on the way, gzip undone when the sender compressed it, and the size limit
// enforced on what is written: an oversized upload stops at the limit and leaves no file.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { dataDir } from "../config";

export class UploadTooLarge extends Error {}

export type Received = { file: string; sha256: string; bytes: number; discard: () => void };

export function uploadDir(): string {
  return path.join(dataDir(), "import-uploads");
}

export async function receiveToFile(body: ReadableStream<Uint8Array> | NodeJS.ReadableStream, opts: { maxBytes: number; gzip: boolean }): Promise<Received> {
  fs.mkdirSync(uploadDir(), { recursive: true, mode: 0o700 });
  const file = path.join(uploadDir(), `${Date.now()}-${randomBytes(8).toString("hex")}.upload`);
  const discard = () => fs.rmSync(file, { force: true });
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > opts.maxBytes) return done(new UploadTooLarge(`The file is larger than ${opts.maxBytes} bytes (MUSTER_IMPORT_MAX_BYTES)`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = "getReader" in body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>) : (body as NodeJS.ReadableStream);
  try {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    if (opts.gzip) await pipeline(source, createGunzip(), meter, out);
    else await pipeline(source, meter, out);
  } catch (err) {
    discard();
    throw err;
  }
  return { file, sha256: hash.digest("hex"), bytes, discard };
}

/** Leftovers of uploads a crash interrupted (older than an hour), removed at start. */
export function cleanUploadDir(now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(uploadDir());
  } catch {
    return;
  }
  for (const n of names) {
    const f = path.join(uploadDir(), n);
    try {
      if (now - fs.statSync(f).mtimeMs > 3_600_000) fs.rmSync(f, { force: true });
    } catch {
      // gone meanwhile
    }
  }
}
