// GET /agencies/<code>/pack: the agency pack (ZIP: the endpoints that need action as CSV with
// removal steps, the waivers in force, a printable PDF), for the agency and its sub-agencies.
import { packRoute } from "~/server/dashboard/pack-route";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  return packRoute(req, decodeURIComponent((await ctx.params).code));
}
