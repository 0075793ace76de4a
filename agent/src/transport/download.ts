// Downloads one file to disk as it arrives (agent builds are ~100 MB: never held in memory),
// hashing it on the way and refusing more bytes than expected. The caller checks size and hash.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { NetworkError, asNetworkError, startRequest, type TransportOptions } from "./http";

export type Download = { status: number; size: number; sha256: string; truncated: boolean };

export async function downloadToFile(url: string, file: string, maxBytes: number, opts: TransportOptions & { headers?: Record<string, string> }): Promise<Download> {
  const { clientReq, url: u, timeoutMs } = await startRequest({ method: "GET", url, headers: { accept: "application/octet-stream", "accept-encoding": "identity", ...opts.headers } }, opts);
  const fd = openSync(file, "w", 0o700);
  try {
    return await new Promise<Download>((resolve, reject) => {
      const hash = createHash("sha256");
      let size = 0;
      clientReq.setTimeout(timeoutMs, () => clientReq.destroy(new NetworkError(`${u.origin} stopped sending for ${timeoutMs} ms`)));
      clientReq.on("error", (err) => reject(asNetworkError(u, err)));
      clientReq.on("response", (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          res.on("end", () => resolve({ status, size: 0, sha256: "", truncated: false }));
          return;
        }
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return clientReq.destroy(new NetworkError(`${u.origin}: the download is larger than the ${maxBytes} bytes signed for`, false));
          hash.update(c);
          writeSync(fd, c);
        });
        // A connection cut mid-body ends the stream early ("aborted"): report what arrived.
        res.on("aborted", () => resolve({ status, size, sha256: hash.digest("hex"), truncated: true }));
        res.on("error", () => resolve({ status, size, sha256: "", truncated: true }));
        res.on("end", () => {
          if (!res.complete) return;
          fsyncSync(fd);
          resolve({ status, size, sha256: hash.digest("hex"), truncated: false });
        });
      });
      clientReq.end();
    });
  } finally {
    closeSync(fd);
  }
}
