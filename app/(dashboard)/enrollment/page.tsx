import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { canWrite } from "~/server/access/scope";
import { agentBundle } from "~/server/dashboard/agent-bundle";
import { getCaller } from "~/server/trpc/server";
import { agencyOptions } from "../_components/agency-options";
import { serverUrl } from "../_components/server-url";
import { CreateTokenForm } from "./_components/create-token-form";
import { InstallPanel } from "./_components/install-panel";
import { RevokeTokenButton } from "./_components/revoke-token-button";
import { currentRelease } from "~/server/agent-updates/releases";
import { AgentVersionsPanel } from "./_components/agent-versions-panel";
import { PackagesPanel, packageNames } from "./_components/packages-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("enrollment");
  return { title: t("title") };
}

const STATUS_CLASS = { active: "badge-clean", expired: "badge-neutral", exhausted: "badge-neutral", revoked: "badge-banned" } as const;

export default async function EnrollmentPage() {
  const caller = await getCaller();
  const [me, tokens, agencies, updates] = await Promise.all([caller.users.me(), caller.enrollment.list(), caller.agencies.list(), caller.agentUpdates.overview()]);
  const release = currentRelease();
  const fmt = await getFormat();
  const url = await serverUrl();
  const bundle = agentBundle();
  const writer = canWrite(me.role);
  const t = await getTranslations("enrollment");
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="agent-title">
          <h2 id="agent-title">{t("agentHeading")}</h2>
          {bundle ? (
            <>
              <p>
                <a className="btn btn-primary" href="/download/muster-agent.js" download>
                  {t("download")}
                </a>{" "}
                <span className="muted small">{t("bundleFacts", { kb: fmt.n(Math.round(bundle.size / 1024)) })}</span>
              </p>
              <p className="small">
                SHA-256{" "}
                <code className="mono" data-testid="agent-sha256" style={{ wordBreak: "break-all" }}>
                  {bundle.sha256}
                </code>
              </p>
            </>
          ) : (
            <p className="callout">{t.rich("notBuilt", { code })}</p>
          )}
          <p className="small muted">{t("agentHelp", { url: `${url}/download/muster-agent.js` })}</p>
        </section>
        {writer ? (
          <section className="card" aria-labelledby="new-token-title">
            <h2 id="new-token-title">{t("newToken")}</h2>
            <CreateTokenForm agencies={agencyOptions(agencies)} serverUrl={url} sha256={bundle?.sha256 ?? null} packages={release ? packageNames(release) : null} />
          </section>
        ) : (
          <section className="card">
            <h2>{t("newToken")}</h2>
            <p className="muted">{t("auditorsReadOnly")}</p>
          </section>
        )}
      </div>

      <section className="section card" aria-labelledby="install-title">
        <h2 id="install-title">{t("installHeading")}</h2>
        <p className="small muted">{t("installHelp")}</p>
        {bundle ? <InstallPanel serverUrl={url} sha256={bundle.sha256} /> : <p className="callout">{t.rich("buildFirst", { code })}</p>}
      </section>

      <section className="section card" aria-labelledby="packages-title">
        <h2 id="packages-title">{t("packagesHeading")}</h2>
        <PackagesPanel release={release} serverUrl={url} token="<TOKEN>" />
      </section>

      <section className="section card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t("versionsHeading")}</h2>
        <AgentVersionsPanel shipped={updates.shipped} signedUpdates={updates.signedUpdates} rows={updates.agencies} problems={updates.problems} writer={writer} />
      </section>

      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("tokensHeading")}</h2>
        <div className="table-wrap">
          <table className="data compact" data-testid="tokens-table">
            <caption className="sr-only">{t("tokens.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("tokens.token")}</th>
                <th scope="col">{t("tokens.agency")}</th>
                <th scope="col">{t("tokens.label")}</th>
                <th scope="col">{t("tokens.created")}</th>
                <th scope="col">{t("tokens.expires")}</th>
                <th scope="col" className="num">
                  {t("tokens.uses")}
                </th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("tokens.status")}</th>
                {writer && (
                  <th scope="col">
                    <span className="sr-only">{t("tokens.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {tokens.length === 0 && (
                <tr>
                  <td colSpan={writer ? 9 : 8} className="empty">
                    {t("tokens.empty")}
                  </td>
                </tr>
              )}
              {tokens.map((tk) => (
                <tr key={tk.id} data-token={tk.tokenPrefix}>
                  <td className="mono">{tk.tokenPrefix}…</td>
                  <td>
                    <span className="mono">{tk.agencyCode}</span> <span className="muted small">{tk.agencyName}</span>
                  </td>
                  <td>{tk.label ?? <span className="muted">—</span>}</td>
                  <td className="small" style={{ minWidth: "8rem" }}>
                    <span className="nowrap">
                      <LocalTime ms={tk.createdAt} mode="date" />
                    </span>
                    <div className="muted break-any">{tk.createdBy ?? t("tokens.commandLine")}</div>
                  </td>
                  <td className="small">
                    <LocalTime ms={tk.expiresAt} empty={t("tokens.never")} />
                  </td>
                  <td className="num">
                    {fmt.n(tk.uses)}
                    {tk.maxUses !== null ? ` / ${fmt.n(tk.maxUses)}` : ""}
                  </td>
                  <td className="small">
                    <LocalTime ms={tk.lastUsedAt} empty={t("tokens.never")} mode="relative" />
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[tk.status]}`}>{t(`tokens.statuses.${tk.status}`)}</span>
                  </td>
                  {writer && <td>{tk.status === "active" && <RevokeTokenButton id={tk.id} prefix={tk.tokenPrefix} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
