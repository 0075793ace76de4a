// POST /import/upload?agency=CODE: the Import page uploads a file as the signed-in officer.
import { clientAddress } from "~/server/auth/options";
import { getViewer } from "~/server/auth/session";
import { getDb } from "~/server/db/client";
import { handleSessionUpload } from "~/server/work/import-http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return handleSessionUpload(getDb(), request, await getViewer(), clientAddress(request.headers));
}
