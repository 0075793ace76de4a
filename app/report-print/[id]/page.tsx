// The print page of a published report, outside the dashboard shell: what Chromium turns into
// the PDF (authenticated by a one-minute render token for this report) and what a signed-in
// reader can print from the browser (session and scope, as everywhere else). Its language is the
// `lang` parameter (the PDF route passes it), else the reader's.
import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ALL, scopeFor } from "~/server/access/scope";
import { ensureAuthSecret } from "~/server/auth/secret";
import { getViewer } from "~/server/auth/session";
import { getDb } from "~/server/db/client";
import { MusterError } from "~/server/lib/errors";
import { parseLang, reportText, reportTitleIn } from "~/server/reports/i18n";
import { loadReport } from "~/server/reports/publish";
import { RENDER_TOKEN_HEADER, verifyRenderToken } from "~/server/reports/render-token";
import { warmReportData } from "~/server/work/reports";
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
    await warmReportData(db, scope, id);
    return loadReport(db, scope, id, { findingRows: false });
  } catch (err) {
    if (err instanceof MusterError && (err.kind === "NOT_FOUND" || err.kind === "FORBIDDEN")) notFound();
    throw err;
  }
});

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function language(searchParams: Props["searchParams"]) {
  const raw = (await searchParams).lang;
  try {
    return reportText(parseLang(Array.isArray(raw) ? raw[0] : raw, await getLocale()));
  } catch {
    notFound();
  }
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { meta } = await load((await params).id);
  const rt = await language(searchParams);
  return { title: { absolute: rt.t("reports.print.title", { title: reportTitleIn(rt, meta), id: meta.id }) }, robots: { index: false } };
}

export default async function ReportPrintPage({ params, searchParams }: Props) {
  const { meta, data } = await load((await params).id);
  const rt = await language(searchParams);
  return (
    <main className="rpt-print" lang={rt.locale}>
      <ReportDocument data={data} published={{ id: meta.id, sha256: meta.sha256 }} rt={rt} />
    </main>
  );
}
