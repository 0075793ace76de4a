// POST /api/notify/unsubscribe?token=...: the one change an unsubscribe link allows, without
// signing in. Mail clients POST here ("List-Unsubscribe=One-Click", RFC 8058) and get 200; the
// page /unsubscribe posts a form here and is sent on to /unsubscribe/done. GET changes nothing.
import { isLocale } from "~/server/i18n/locales";
import { unsubscribeWithToken } from "~/server/notify/unsubscribe";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  const url = new URL(req.url);
  let token = url.searchParams.get("token");
  let fromPage = false;
  let lang = "";
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await req.formData().catch(() => null);
    const t = form?.get("token");
    if (typeof t === "string" && t) token = t;
    fromPage = form?.get("from") === "page";
    const l = form?.get("lang");
    if (typeof l === "string" && isLocale(l)) lang = `&lang=${l}`;
  }
  const r = unsubscribeWithToken(token, req.headers.get("x-muster-client-ip"));
  if (r.status !== 200) return Response.json({ error: r.error }, { status: r.status });
  if (fromPage) return new Response(null, { status: 303, headers: { location: `/unsubscribe/done?target=${r.target}${lang}` } });
  return Response.json({ ok: true, target: r.target, changed: r.changed });
}

export function GET() {
  return Response.json({ error: "Open the link in the e-mail to unsubscribe; this address only accepts POST." }, { status: 405, headers: { allow: "POST" } });
}
