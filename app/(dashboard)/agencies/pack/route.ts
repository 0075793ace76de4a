// GET /agencies/pack: every agency's pack in the viewer's scope, one folder each, in one ZIP.
import { packRoute } from "~/server/dashboard/pack-route";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return packRoute(req, null);
}
