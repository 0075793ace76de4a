// The pack routes' logic: session, scope (an agency outside it is a 404), the languages (`?lang=`
// for the PDF and the CSV words; without it the PDF follows the viewer and the CSV keeps the
// machine words), then the streamed ZIP.
import "server-only";
import { scopeFor } from "../access/scope";
import { clientAddress } from "../auth/options";
import { getViewer } from "../auth/session";
import { getDb } from "../db/client";
import { requestLocale } from "../auth/locale";
import { MusterError } from "../lib/errors";
import { parseLang } from "../reports/i18n";
import { packResponse } from "./agency-pack";

export async function packRoute(req: Request, code: string | null): Promise<Response> {
  const text = (body: string, status: number) => new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  const viewer = await getViewer();
  if (!viewer) return text("Sign in first", 401);
  const db = getDb();
  try {
    const raw = new URL(req.url).searchParams.get("lang");
    const pdf = parseLang(raw, await requestLocale());
    return packResponse(db, viewer, scopeFor(db, viewer), code, clientAddress(req.headers), { pdf, csv: raw ? pdf : "en" });
  } catch (err) {
    if (err instanceof MusterError) return text(err.message, err.status);
    throw err;
  }
}
