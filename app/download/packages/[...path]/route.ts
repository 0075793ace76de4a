// GET /download/packages/<file>: the agent packages built by `npm run agent:package` (executables,
// MSI, deb, rpm, macOS tarballs, SHA256SUMS, release.json, the signed apt repository), streamed
// from disk. Public like /download/muster-agent.js: installers and updating agents fetch them, and
// every file is signed or listed in the signed checksums.
import fs from "node:fs";
import { Readable } from "node:stream";
import { packageFilePath } from "~/server/agent-updates/releases";

export const dynamic = "force-dynamic";

const TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".asc": "text/plain; charset=utf-8",
  ".gz": "application/gzip",
  ".deb": "application/vnd.debian.binary-package",
  ".rpm": "application/x-rpm",
  ".msi": "application/x-msi",
  ".js": "application/javascript; charset=utf-8",
};

function respond(path: string[], head: boolean): Response {
  const file = packageFilePath(path.join("/"));
  if (!file) return new Response("No such package on this server (run `npm run agent:package`).\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const st = fs.statSync(file);
  const name = path[path.length - 1]!;
  const ext = /\.[a-z]+$/.exec(name)?.[0] ?? "";
  const plain = name === "SHA256SUMS" || path[0] === "apt";
  const headers = {
    "content-type": TYPES[ext] ?? (plain && !ext ? "text/plain; charset=utf-8" : "application/octet-stream"),
    "content-length": String(st.size),
    "cache-control": "public, no-cache",
    "last-modified": st.mtime.toUTCString(),
    ...(plain ? {} : { "content-disposition": `attachment; filename="${name}"` }),
  };
  if (head) return new Response(null, { status: 200, headers });
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { status: 200, headers });
}

export async function GET(_req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return respond((await ctx.params).path, false);
}

export async function HEAD(_req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  return respond((await ctx.params).path, true);
}
