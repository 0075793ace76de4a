// The two ways an inventory file arrives over HTTP, framework-neutral (Web Request in, Response
// out; the route handlers under app/ only call these):
//   POST /api/import/v1/inventory?source=&collectedAt=&host=&name=   Authorization: Bearer mst_imp_...
//   POST /import/upload?agency=CODE&source=&collectedAt=&host=&name=  the dashboard session (officers)
// The body is the file itself (optionally Content-Encoding: gzip), streamed to disk. Imports run
// one at a time per server; answers: 201 applied, 200 already imported, 422 refused (with the bad
// rows), 400/401/403/404/413 for the request itself, 503 when the database cannot be written.
// The import itself (import/service.ts) runs as a job on the work thread, hence work/.
import { z } from "zod";
import { type Scope, scopeFor, type Viewer } from "../access/scope";
import { getAgencyByCode } from "../agencies/service";
import type { Actor } from "../audit/log";
import { config } from "../config";
import type { Db } from "../db/client";
import { IMPORT_SOURCES } from "../db/schema";
import { errorText } from "../i18n/errors";
import { issueText } from "../i18n/zod-errors";
import { type ErrorMessage, MusterError } from "../lib/errors";
import { runWork } from "./run";
import type { ImportResult } from "../import/service";
import { useImportToken } from "../import/tokens";
import { receiveToFile, UploadTooLarge } from "../import/upload";

const HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" };

const empty = (v: unknown) => (v === "" || v === null ? undefined : v);
export const ZImportParamsSchema = z.object({
  source: z.preprocess(empty, z.enum(IMPORT_SOURCES, { message: "errors.importSource" }).optional()),
  collectedAt: z.preprocess(empty, z.iso.datetime({ offset: true, message: "errors.importCollectedAt" }).optional()),
  host: z.preprocess(empty, z.string().trim().min(1).max(255).optional()),
  name: z.preprocess(empty, z.string().trim().max(255).optional()),
  agency: z.preprocess(empty, z.string().trim().toUpperCase().max(32).optional()),
});
export type ImportParams = z.output<typeof ZImportParamsSchema>;

const json = (status: number, body: unknown, extra: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
/** The error body: `message` in English; `key` and `params` let the Import page show it in the viewer's language. */
const fail = (status: number, code: string, message: ErrorMessage, extra: Record<string, string> = {}) =>
  json(status, { error: typeof message === "string" ? { code, message } : { code, message: errorText(message), ...message } }, extra);
const failWith = (err: MusterError, extra: Record<string, string> = {}) => fail(err.status, err.kind.toLowerCase(), err.text ?? err.message, extra);

const STATUS: Record<ImportResult["status"], number> = { applied: 201, duplicate: 200, refused: 422, failed: 503, undone: 200, applying: 202 };

/** Imports run one after the other: each waits for the previous to finish. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

export function parseParams(url: string): ImportParams | Response {
  const q = Object.fromEntries(new URL(url, "http://x").searchParams);
  const p = ZImportParamsSchema.safeParse(q);
  if (!p.success) {
    const issue = p.error.issues[0]!;
    if (issue.message === "errors.importSource") return fail(400, "bad_request", { key: "errors.importSource", params: { sources: IMPORT_SOURCES.join(", ") } });
    const text = issueText(issue);
    return fail(400, "bad_request", text.key ? { key: text.key, params: text.params } : text.text);
  }
  return p.data;
}

async function receiveAndImport(db: Db, request: Request, params: ImportParams, target: { agencyId: number; actor: Actor; tokenId: number | null }): Promise<Response> {
  if (!request.body) return fail(400, "bad_request", { key: "errors.sendFileAsBody" });
  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase();
  if (!["identity", "gzip", "x-gzip", ""].includes(encoding)) return fail(415, "unsupported_media_type", { key: "errors.encodingUnsupported", params: { encoding } });
  const declared = Number(request.headers.get("content-length"));
  if (encoding === "identity" && Number.isFinite(declared) && declared > config.importMaxBytes) {
    return fail(413, "payload_too_large", { key: "errors.fileTooLarge", params: { bytes: config.importMaxBytes } });
  }
  let received;
  try {
    received = await receiveToFile(request.body, { maxBytes: config.importMaxBytes, gzip: encoding !== "identity" && encoding !== "" });
  } catch (err) {
    if (err instanceof UploadTooLarge) return fail(413, "payload_too_large", err.message);
    return fail(400, "bad_request", { key: "errors.uploadUnreadable", params: { reason: (err as Error).message } });
  }
  try {
    // On the work thread (its own connection): the event loop keeps answering meanwhile.
    const result = await serialised(() =>
      runWork(db, "import.inventory", {
        agencyId: target.agencyId,
        source: params.source,
        file: received.file,
        fileName: params.name ?? "upload",
        sha256: received.sha256,
        collectedAt: params.collectedAt ? Date.parse(params.collectedAt) : undefined,
        host: params.host,
        actor: target.actor,
        tokenId: target.tokenId,
      }),
    );
    return json(STATUS[result.status], { import: result });
  } catch (err) {
    if (err instanceof MusterError) return failWith(err, err.status === 503 ? { "retry-after": "60" } : {});
    throw err;
  } finally {
    received.discard();
  }
}

/** A scheduled push with an import token: the token names the agency. */
export async function handleTokenImport(db: Db, request: Request, ip: string | null): Promise<Response> {
  const m = /^Bearer ([\x21-\x7e]{1,256})$/.exec((request.headers.get("authorization") ?? "").trim());
  if (!m) return fail(401, "unauthorized", "Send an import token: Authorization: Bearer mst_imp_...");
  const params = parseParams(request.url);
  if (params instanceof Response) return params;
  let token;
  try {
    token = useImportToken(db, m[1]!);
  } catch (err) {
    if (err instanceof MusterError) return failWith(err);
    throw err;
  }
  return receiveAndImport(db, request, params, { agencyId: token.agencyId, actor: { userId: null, label: `import-token:${token.prefix}`, ip }, tokenId: token.id });
}

/** An officer's upload from the Import page, into an agency of their scope. */
export async function handleSessionUpload(db: Db, request: Request, viewer: Viewer | null, ip: string | null): Promise<Response> {
  if (!viewer) return fail(401, "unauthorized", { key: "errors.signInFirst" });
  if (viewer.role === "auditor") return fail(403, "forbidden", { key: "errors.auditorsReadOnly" });
  // Sent by the Import page's script only: a cross-site form cannot set it (CSRF).
  if (request.headers.get("x-muster-upload") !== "1") return fail(403, "forbidden", { key: "errors.uploadFromImportPage" });
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return fail(403, "forbidden", { key: "errors.crossSiteUpload" });
  const params = parseParams(request.url);
  if (params instanceof Response) return params;
  if (!params.agency) return fail(400, "bad_request", { key: "errors.chooseImportAgency" });
  const scope: Scope = scopeFor(db, viewer);
  const agency = getAgencyByCode(db, params.agency);
  if (!agency || (scope.kind === "agencies" && !scope.ids.includes(agency.id))) return fail(404, "not_found", { key: "errors.importAgencyNotInScope", params: { code: params.agency } });
  return receiveAndImport(db, request, params, { agencyId: agency.id, actor: { userId: viewer.id, label: viewer.email, ip }, tokenId: null });
}
