// After an early refusal (413, 429, 411), the client may still be sending its body. Closing the
// socket at once makes its next write fail with a reset, and many clients then never read the
// answer. Reading and dropping the rest, within bounds, lets the refusal arrive; a client that
// keeps sending past the bound (or stalls) is cut off.
import type { IncomingMessage } from "node:http";

/** Most bytes read and dropped after a refusal; past this the connection is closed. */
export const DISCARD_BYTES = 16 * 1024 * 1024;
const DISCARD_MS = 10_000;

export function discardBody(req: IncomingMessage, maxBytes = DISCARD_BYTES): void {
  if (req.readableEnded || req.destroyed) return;
  let seen = 0;
  const timer = setTimeout(() => req.destroy(), DISCARD_MS);
  timer.unref();
  req.removeAllListeners("data");
  req.on("data", (c: Buffer) => {
    seen += c.length;
    if (seen > maxBytes) req.destroy();
  });
  req.once("close", () => clearTimeout(timer));
  req.on("error", () => req.destroy());
  req.resume();
}
