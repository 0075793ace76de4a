// The per-endpoint rows of a report travel inside its frozen data gzip-compressed and base64-
// encoded: at national scale they are tens of megabytes of repetitive text, and the compressed
// form keeps the stored report (and everything that reads it) several times smaller. What is
// compressed is the rows' JSON text; the fingerprint covers the stored text, and the rows are
// never compressed again, so their CSV is the same on every download.
import { gunzipSync, gzipSync } from "node:zlib";
import type { EndpointFindingsRow } from "./types";

export const EVIDENCE_ENCODING = "gzip+base64";

/** `json`: a JSON array of rows. */
export function packRows(json: string): string {
  return gzipSync(json, { level: 1 }).toString("base64");
}

export function unpackRows(packed: string): EndpointFindingsRow[] {
  if (packed === "") return [];
  return JSON.parse(gunzipSync(Buffer.from(packed, "base64")).toString("utf8")) as EndpointFindingsRow[];
}
