// /verify (no sign-in): anyone holding a report file or a fingerprint can check whether this Muster
// published it, when, by whom and for which scope. Files are hashed in the browser, never uploaded.
// In the reader's language (their account's, else the browser's).
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "~/server/db/client";
import { isLocale } from "~/server/i18n/locales";
import { reportText, reportTitleIn } from "~/server/reports/i18n";
import { normalizeFingerprint, type Verification, verifyFingerprint } from "~/server/reports/verify";
import { FileHasher } from "./_components/file-hasher";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verify"))("title") };
}
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type T = Awaited<ReturnType<typeof getTranslations<"verify">>>;

const mono = (chunks: React.ReactNode) => <span className="mono small">{chunks}</span>;

/** "its data file …", or "a copy of its PDF (Dutch) as served by Muster" ("pdf:nl" in report_files). */
function fileIs(t: T, file: Verification["file"]): string {
  if (file === "data.json") return t("fileData");
  const [kind = "", lang = "en"] = file.split(":");
  const known = kind === "pdf" || kind === "agencies.csv" || kind === "endpoints.csv";
  return t("fileServed", { kind: known ? t(`fileKinds.${kind}`) : kind, language: isLocale(lang) ? t(`languages.${lang}`) : lang });
}

export default async function VerifyPage({ searchParams }: Props) {
  const sp = await searchParams;
  const t = await getTranslations("verify");
  const locale = await getLocale();
  const rt = reportText(isLocale(locale) ? locale : "en");
  const raw = (Array.isArray(sp.sha256) ? sp.sha256[0] : sp.sha256) ?? "";
  const name = (Array.isArray(sp.file) ? sp.file[0] : sp.file) ?? "";
  const sha = raw ? normalizeFingerprint(raw) : null;
  const found = sha ? verifyFingerprint(getDb(), sha) : null;
  return (
    <main className="verify-page" id="content">
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <FileHasher initial={raw} />
      {raw && !sha && (
        <div className="form-error" role="alert" data-testid="verify-result">
          {t("notFingerprint", { value: raw.slice(0, 80) })}
        </div>
      )}
      {sha && !found && (
        <div className="verify-result verify-bad" role="status" data-testid="verify-result">
          <h2>{t("notPublished")}</h2>
          <p>{name ? t.rich("notPublishedNamed", { name, sha, mono }) : t.rich("notPublishedUnnamed", { sha, mono })}</p>
        </div>
      )}
      {found && (
        <div className="verify-result verify-ok" role="status" data-testid="verify-result">
          <h2>{t("published")}</h2>
          <dl className="kv">
            <dt>{t("report")}</dt>
            <dd>{t("reportValue", { id: found.reportId, title: reportTitleIn(rt, found) })}</dd>
            <dt>{t("fileIs")}</dt>
            <dd>{fileIs(t, found.file)}</dd>
            <dt>{t("scope")}</dt>
            <dd>{found.scopeName !== null ? t("scopeAgency", { name: found.scopeName, code: found.scopeCode ?? "" }) : t("scopeAll")}</dd>
            <dt>{t("asOf")}</dt>
            <dd>{rt.f.longDay(found.asOf)}</dd>
            <dt>{t("publishedAt")}</dt>
            <dd>{t("publishedValue", { time: rt.f.longTime(new Date(found.publishedAt).toISOString()), name: found.publishedBy ?? t("unknownUser", { id: found.publishedById }) })}</dd>
            <dt>{t("dataFingerprint")}</dt>
            <dd className="mono small">{found.dataSha256}</dd>
          </dl>
        </div>
      )}
      <p className="small muted" style={{ marginTop: "1.5rem" }}>
        <Link href="/">{t("back")}</Link>
      </p>
    </main>
  );
}
