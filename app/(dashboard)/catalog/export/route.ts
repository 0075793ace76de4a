// GET /catalog/export: the local catalog overlay as a JSON file, to import into another deployment.
// Any signed-in user may download it (it holds no endpoint data); the download is audited.
import { overlayExportResponse } from "~/server/catalog/download";

export const dynamic = "force-dynamic";

export const GET = overlayExportResponse;
