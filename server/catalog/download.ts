// The overlay export as an HTTP download (for the route handler): session checked, audited.
import "server-only";
import { recordAudit } from "../audit/log";
import { clientAddress } from "../auth/options";
import { getViewer } from "../auth/session";
import { getDb } from "../db/client";
import { exportOverlay } from "./exchange";

export async function overlayExportResponse(req: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in first\n", { status: 401, headers: { "content-type": "text/plain" } });
  const db = getDb();
  const file = exportOverlay(db);
  recordAudit(
    db,
    { userId: viewer.id, label: viewer.email, ip: clientAddress(req.headers) },
    { action: "catalog.export", objectType: "catalog", details: { rules: file.rules.length, catalogVersion: file.catalogVersion } },
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="muster-catalog-overlay-${day}.json"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
