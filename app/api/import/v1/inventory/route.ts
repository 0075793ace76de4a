// POST /api/import/v1/inventory: a script pushes an agency's inventory with an import token.
import { clientAddress } from "~/server/auth/options";
import { getDb } from "~/server/db/client";
import { handleTokenImport } from "~/server/work/import-http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return handleTokenImport(getDb(), request, clientAddress(request.headers));
}
