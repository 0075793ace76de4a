import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Fragment } from "react";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { sayOr } from "~/app/_components/said";
import { StateBadge } from "~/app/_components/state-badge";
import { canWrite } from "~/server/access/scope";
import { config } from "~/server/config";
import type { EndpointState } from "~/server/db/schema";
import { getCaller } from "~/server/trpc/server";
import { agencyOptions } from "../_components/agency-options";
import { serverUrl } from "../_components/server-url";
import { ResolveAmbiguity, RevokeImportTokenButton, UndoImportButton } from "./_components/import-actions";
import { ImportTokenForm } from "./_components/import-token-form";
import { SOURCE_LABELS, STATUS_BADGE } from "./_components/labels";
import { RowErrors, UploadForm } from "./_components/upload-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("title") };
}

/** The tools whose exports Muster reads; what to export from each is in the catalogs (import.formats). */
const FORMATS = ["intune", "defender", "configmgr", "osquery", "fleet"] as const;
const STATUSES = ["applied", "duplicate", "refused", "failed", "undone", "applying"] as const;
const TOKEN_STATUSES = ["active", "expired", "revoked"] as const;
const known = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export default async function ImportPage() {
  const caller = await getCaller();
  const [me, history, ambiguities, tokens, agencies] = await Promise.all([
    caller.users.me(),
    caller.imports.list({ limit: 50 }),
    caller.imports.ambiguities(),
    caller.imports.tokens(),
    caller.agencies.list(),
  ]);
  const fmt = await getFormat();
  const writer = canWrite(me.role);
  const options = agencyOptions(agencies);
  const t = await getTranslations("import");
  const te = await getTranslations();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t("uploadHeading")}</h2>
          {writer ? <UploadForm agencies={options} maxBytes={config.importMaxBytes} /> : <p className="muted">{t("auditorsReadOnly")}</p>}
        </section>
        <section className="card" aria-labelledby="formats-title">
          <h2 id="formats-title">{t("formatsHeading")}</h2>
          <dl className="facts">
            {FORMATS.map((tool) => (
              <Fragment key={tool}>
                <dt>{SOURCE_LABELS[tool]}</dt>
                <dd className="small">{t(`formats.${tool}`)}</dd>
              </Fragment>
            ))}
          </dl>
          <p className="small muted">{t("formatsHelp")}</p>
        </section>
      </div>

      {ambiguities.length > 0 && (
        <section className="section" aria-labelledby="ambiguous-title">
          <h2 id="ambiguous-title">{t("ambiguousHeading", { count: ambiguities.length })}</h2>
          <p className="small muted">{t("ambiguousHelp")}</p>
          <div className="table-wrap">
            <table className="data compact" data-testid="ambiguities-table">
              <caption className="sr-only">{t("ambiguous.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ambiguous.device")}</th>
                  <th scope="col">{t("ambiguous.why")}</th>
                  <th scope="col">{t("ambiguous.candidates")}</th>
                  {writer && <th scope="col">{t("ambiguous.itIs")}</th>}
                </tr>
              </thead>
              <tbody>
                {ambiguities.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <span className="mono">{a.hostname}</span>
                      <div className="muted small">
                        {SOURCE_LABELS[a.source]} · {a.sourceDeviceId} · {t("importNumber", { id: a.importId })}
                      </div>
                    </td>
                    <td className="small">{sayOr(te, a.reasonSaid, a.reason)}</td>
                    <td className="small">
                      {a.candidates.map((c) => (
                        <div key={c.id}>
                          <Link href={`/endpoints/${c.deviceId}`} className="mono">
                            {c.hostname}
                          </Link>{" "}
                          <StateBadge state={c.state as EndpointState} /> <span className="muted">{SOURCE_LABELS[c.evidence] ?? c.evidence}</span>
                        </div>
                      ))}
                    </td>
                    {writer && (
                      <td>
                        <ResolveAmbiguity id={a.id} candidates={a.candidates} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">{t("historyHeading")}</h2>
        <div className="table-wrap">
          <table className="data compact" data-testid="imports-table">
            <caption className="sr-only">{t("history.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.agency")}</th>
                <th scope="col">{t("history.source")}</th>
                <th scope="col" className="num">
                  {t("history.rows")}
                </th>
                <th scope="col" className="num">
                  {t("history.created")}
                </th>
                <th scope="col" className="num">
                  {t("history.updated")}
                </th>
                <th scope="col" className="num">
                  {t("history.unchanged")}
                </th>
                <th scope="col">{t("history.outcome")}</th>
                {writer && (
                  <th scope="col">
                    <span className="sr-only">{t("actionsColumn")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {history.items.length === 0 && (
                <tr>
                  <td colSpan={writer ? 10 : 9} className="empty">
                    {t("history.empty")}
                  </td>
                </tr>
              )}
              {history.items.map((i) => (
                <tr key={i.id} data-import={i.id}>
                  <td className="mono">{i.id}</td>
                  <td className="small" style={{ minWidth: "8.5rem" }}>
                    <LocalTime ms={i.startedAt} />
                    <div className="muted break-any">{i.actor}</div>
                  </td>
                  <td>
                    <span className="mono small nowrap" title={i.agencyName}>
                      {i.agencyCode}
                    </span>
                  </td>
                  <td className="small">
                    {i.source ? SOURCE_LABELS[i.source] : <span className="muted">{t("history.unknownFormat")}</span>}
                    <div className="muted truncate" title={`${i.fileName} · SHA-256 ${i.fileSha256}`}>
                      {i.fileName} · {fmt.n(Math.ceil(i.fileBytes / 1024))} KB
                    </div>
                    <div className="muted">
                      {t("history.collected")} <LocalTime ms={i.collectedAt} mode="date" />
                    </div>
                  </td>
                  <td className="num">{fmt.n(i.rows)}</td>
                  <td className="num">{fmt.n(i.created)}</td>
                  <td className="num">{fmt.n(i.updated)}</td>
                  <td className="num">{fmt.n(i.unchanged)}</td>
                  <td className="small">
                    <span className={`badge ${STATUS_BADGE[i.status] ?? "badge-neutral"}`}>{known(STATUSES, i.status) ? t(`statuses.${i.status}`) : i.status}</span>{" "}
                    {sayOr(te, i.messageSaid, i.message ?? "")}
                    {i.status === "applying" && <div className="muted">{t("history.progress", { done: i.created + i.updated + i.unchanged + i.superseded + i.ambiguous, devices: i.devices })}</div>}
                    {i.status === "undone" && (
                      <div className="muted">
                        {t("history.undoneBy", { who: i.undoneBy ?? "?" })} <LocalTime ms={i.undoneAt} />
                      </div>
                    )}
                    {i.errors.length > 0 && (
                      <details>
                        <summary>{t("history.badRows", { count: i.errorCount })}</summary>
                        <RowErrors errors={i.errors} total={i.errorCount} />
                      </details>
                    )}
                  </td>
                  {writer && (
                    <td className="nowrap">
                      {i.undoable ? (
                        <UndoImportButton id={i.id} label={t("history.undoWhat", { source: i.source ? (SOURCE_LABELS[i.source] ?? i.source) : "?", code: i.agencyCode })} />
                      ) : i.undoBlockedBy ? (
                        <span className="muted small" title={te(i.undoBlockedBy.key, i.undoBlockedBy.params)}>
                          {t("history.cannotUndo")}
                        </span>
                      ) : null}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("tokensHeading")}</h2>
        <p className="small muted">{t.rich("tokensHelp", { code: (chunks) => <code>{chunks}</code> })}</p>
        {writer && (
          <div className="card">
            <ImportTokenForm agencies={options} serverUrl={await serverUrl()} />
          </div>
        )}
        <div className="table-wrap section">
          <table className="data compact" data-testid="import-tokens-table">
            <caption className="sr-only">{t("tokens.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tokens.token")}</th>
                <th scope="col">{t("tokens.agency")}</th>
                <th scope="col">{t("tokens.label")}</th>
                <th scope="col">{t("tokens.expires")}</th>
                <th scope="col" className="num">
                  {t("tokens.uses")}
                </th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("tokens.status")}</th>
                {writer && (
                  <th scope="col">
                    <span className="sr-only">{t("actionsColumn")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {tokens.length === 0 && (
                <tr>
                  <td colSpan={writer ? 8 : 7} className="empty">
                    {t("tokens.empty")}
                  </td>
                </tr>
              )}
              {tokens.map((tk) => (
                <tr key={tk.id}>
                  <td className="mono">{tk.tokenPrefix}…</td>
                  <td className="mono small">{tk.agencyCode}</td>
                  <td>{tk.label ?? <span className="muted">—</span>}</td>
                  <td className="small">
                    <LocalTime ms={tk.expiresAt} empty={t("tokens.never")} />
                  </td>
                  <td className="num">{fmt.n(tk.uses)}</td>
                  <td className="small">
                    <LocalTime ms={tk.lastUsedAt} empty={t("tokens.never")} mode="relative" />
                  </td>
                  <td>
                    <span className={`badge ${tk.status === "active" ? "badge-clean" : tk.status === "revoked" ? "badge-banned" : "badge-neutral"}`}>
                      {known(TOKEN_STATUSES, tk.status) ? t(`tokens.statuses.${tk.status}`) : tk.status}
                    </span>
                  </td>
                  {writer && <td>{tk.status === "active" && <RevokeImportTokenButton id={tk.id} prefix={tk.tokenPrefix} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
