// The print page of a published report, outside the dashboard shell: what Chromium turns into
// the PDF (authenticated by a one-minute render token for this report) and what a signed-in
// reader can print from the browser (session and scope, as everywhere else).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ALL, scopeFor } from "~/server/access/scope";
import { ensureAuthSecret } from "~/server/auth/secret";
import { getViewer } from "~/server/auth/session";
import { getDb } from "~/server/db/client";
import { MusterError } from "~/server/lib/errors";
import { loadReport } from "~/server/reports/publish";
import { RENDER_TOKEN_HEADER, verifyRenderToken } from "~/server/reports/render-token";
import { ReportDocument } from "../../(dashboard)/reports/_components/report-document";

export const dynamic = "force-dynamic";

/** Once per request (metadata and page share it): the stored data is re-hashed on every load. */
const load = cache(async (rawId: string) => {
  const id = Number(rawId);
  if (!/^\d{1,12}$/.test(rawId) || !Number.isSafeInteger(id)) notFound();
  const token = (await headers()).get(RENDER_TOKEN_HEADER);
  const db = getDb();
  let scope;
  if (token && verifyRenderToken(ensureAuthSecret(), token, id)) {
    scope = ALL; // the download route checked the viewer's scope before minting the token
  } else {
    const viewer = await getViewer();
    if (!viewer) redirect("/signin");
    scope = scopeFor(db, viewer);
  }
  try {
    return loadReport(db, scope, id, { findingRows: false });
  } catch (err) {
    if (err instanceof MusterError && (err.kind === "NOT_FOUND" || err.kind === "FORBIDDEN")) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { meta } = await load((await params).id);
  return { title: { absolute: `${meta.title} (Muster report ${meta.id})` }, robots: { index: false } };
}

export default async function ReportPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { meta, data } = await load((await params).id);
  return (
    <main className="rpt-print">
      <ReportDocument data={data} published={{ id: meta.id, sha256: meta.sha256 }} />
    </main>
  );
}
