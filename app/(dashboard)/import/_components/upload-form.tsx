"use client";
// Uploads an inventory file as the signed-in officer: the file is sent as the request body
// (streamed by the browser, never read into the page) and the outcome shown with any bad rows.
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field } from "~/app/_components/field";
import { AgencyOptions } from "../../_components/agency-options";
import { sayOr } from "~/app/_components/said";
import { translateText, type Translate } from "~/app/_trpc/errors";
import type { ErrorParams } from "~/server/i18n/errors";
import type { Said } from "~/server/i18n/said";
import type { ImportResult } from "~/server/import/service";
import { SOURCE_LABELS, STATUS_BADGE } from "./labels";

type Agency = { id: number; code: string; name: string; depth: number };
type Outcome = ImportResult;

const SOURCES = ["intune", "defender", "configmgr", "osquery", "fleet"] as const;

const STATUSES = ["applied", "duplicate", "refused", "failed", "undone"] as const;
const isStatus = (s: string): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s);

/** A size in GiB (one decimal) or whole MiB, as the number and its unit for the catalog. */
const size = (bytes: number) => (bytes >= 1 << 30 ? { n: +(bytes / 2 ** 30).toFixed(1), unit: "GiB" } : { n: Math.max(1, Math.round(bytes / 1048576)), unit: "MiB" });

export function UploadForm({ agencies, maxBytes }: { agencies: Agency[]; maxBytes: number }) {
  const router = useRouter();
  const t = useTranslations("import.upload");
  const tAll = useTranslations();
  const format = useFormatter();
  const limit = size(maxBytes);
  const limitText = `${format.number(limit.n)} ${limit.unit}`;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("chooseFile"));
    if (file.size > maxBytes) return setError(t("tooLarge", { size: limitText }));
    const q = new URLSearchParams({ agency: String(f.get("agency")), name: file.name });
    for (const k of ["source", "host"]) if (f.get(k)) q.set(k, String(f.get(k)));
    const collected = String(f.get("collectedAt") ?? "");
    if (collected) q.set("collectedAt", new Date(collected).toISOString());
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const res = await fetch(`/import/upload?${q}`, { method: "POST", body: file, headers: { "x-muster-upload": "1", "content-type": "application/octet-stream" } });
      const body = (await res.json().catch(() => null)) as { import?: Outcome; error?: { message: string; key?: string; params?: ErrorParams } } | null;
      if (body?.import) setOutcome(body.import);
      else setError(body?.error ? translateText(tAll as unknown as Translate, body.error) : t("failed", { status: res.status }));
      router.refresh();
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="form" onSubmit={submit} aria-label={t("formLabel")}>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="form-grid">
          <Field label={t("agency")}>
            {(id) => (
              <select id={id} name="agency" required defaultValue={agencies[0]?.code}>
                <AgencyOptions agencies={agencies} by="code" />
              </select>
            )}
          </Field>
          <Field label={t("source")} hint={t("sourceHint")}>
            {(id, _i, d) => (
              <select id={id} name="source" defaultValue="" aria-describedby={d}>
                <option value="">{t("detect")}</option>
                {SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("collectedAt")} hint={t("collectedAtHint")}>
            {(id, _i, d) => <input id={id} name="collectedAt" type="datetime-local" aria-describedby={d} />}
          </Field>
          <Field label={t("host")} hint={t("hostHint")}>
            {(id, _i, d) => <input id={id} name="host" maxLength={255} aria-describedby={d} />}
          </Field>
          <Field label={t("file")} hint={t("fileHint", { size: limitText })}>
            {(id, _i, d) => <input id={id} name="file" type="file" required accept=".csv,.json,.log,.txt,.ndjson" aria-describedby={d} />}
          </Field>
          <div>
            <button className="btn btn-primary" type="submit" disabled={busy}>
              {busy ? t("importing") : t("import")}
            </button>
          </div>
        </div>
      </form>
      {outcome && (
        <div className="section" role="status" aria-live="polite" data-testid="import-outcome">
          <p>
            <span className={`badge ${STATUS_BADGE[outcome.status] ?? "badge-neutral"}`}>{isStatus(outcome.status) ? tAll(`import.statuses.${outcome.status}`) : outcome.status}</span>{" "}
            {t("outcome", { id: outcome.id, message: sayOr(tAll, outcome.said, outcome.message) })}
          </p>
          {outcome.status === "applied" && (
            <p className="small muted">
              {t("counts", { rows: outcome.rows, devices: outcome.devices, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged })}
              {outcome.superseded ? t("superseded", { count: outcome.superseded }) : ""}
              {outcome.ambiguous ? t("ambiguous", { count: outcome.ambiguous }) : ""}
            </p>
          )}
          {outcome.errors.length > 0 && <RowErrors errors={outcome.errors} total={outcome.errorCount} />}
        </div>
      )}
    </>
  );
}

export function RowErrors({ errors, total }: { errors: { line: number; message: string; said?: Said }[]; total: number }) {
  const t = useTranslations("import.rowErrors");
  const tAll = useTranslations();
  return (
    <div className="table-wrap">
      <table className="data compact" data-testid="import-errors">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("line")}
            </th>
            <th scope="col">{t("why")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              <td className="num mono">{e.line}</td>
              <td>{sayOr(tAll, e.said, e.message)}</td>
            </tr>
          ))}
          {total > errors.length && (
            <tr>
              <td colSpan={2} className="muted small">
                {t("more", { count: total - errors.length })}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
