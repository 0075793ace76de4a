// Download of a published report's endpoints.csv (session and scope checked in serveDownload).
import { serveDownload } from "~/server/work/downloads";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return serveDownload(req, (await ctx.params).id, "endpoints.csv");
}
