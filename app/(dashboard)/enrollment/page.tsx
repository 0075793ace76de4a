import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { canWrite } from "~/server/access/scope";
import { agentBundle } from "~/server/dashboard/agent-bundle";
import { getCaller } from "~/server/trpc/server";
import { CreateTokenForm } from "./_components/create-token-form";
import { InstallPanel } from "./_components/install-panel";
import { RevokeTokenButton } from "./_components/revoke-token-button";

export const metadata: Metadata = { title: "Enrollment" };

const STATUS_CLASS = { active: "badge-clean", expired: "badge-neutral", exhausted: "badge-neutral", revoked: "badge-banned" } as const;

/** The address agents should use: MUSTER_PUBLIC_URL, else NEXTAUTH_URL, else this request's own. */
async function serverUrl(): Promise<string> {
  const configured = process.env.MUSTER_PUBLIC_URL || process.env.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function EnrollmentPage() {
  const caller = await getCaller();
  const [me, tokens, agencies] = await Promise.all([caller.users.me(), caller.enrollment.list(), caller.agencies.list()]);
  const fmt = await getFormat();
  const url = await serverUrl();
  const bundle = agentBundle();
  const writer = canWrite(me.role);
  const minDepth = agencies.reduce((m, a) => Math.min(m, a.depth), Infinity);
  return (
    <>
      <PageHeader title="Enrollment" description="Tokens let agents register a machine in an agency; the agent then reports with its own credential." />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="agent-title">
          <h2 id="agent-title">Agent</h2>
          {bundle ? (
            <>
              <p>
                <a className="btn btn-primary" href="/download/muster-agent.js" download>
                  Download muster-agent.js
                </a>{" "}
                <span className="muted small">{fmt.n(Math.round(bundle.size / 1024))} KB · Node.js 20+ · no dependencies</span>
              </p>
              <p className="small">
                SHA-256 <code className="mono" data-testid="agent-sha256" style={{ wordBreak: "break-all" }}>{bundle.sha256}</code>
              </p>
            </>
          ) : (
            <p className="callout">The agent bundle has not been built on this server: run <code>npm run agent:build</code>.</p>
          )}
          <p className="small muted">Agents download it from {url}/download/muster-agent.js, enroll with a token, then run every hour.</p>
        </section>
        {writer ? (
          <section className="card" aria-labelledby="new-token-title">
            <h2 id="new-token-title">New enrollment token</h2>
            <CreateTokenForm
              agencies={agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth - (Number.isFinite(minDepth) ? minDepth : 0) }))}
              serverUrl={url}
              sha256={bundle?.sha256 ?? null}
            />
          </section>
        ) : (
          <section className="card">
            <h2>New enrollment token</h2>
            <p className="muted">Auditors have read-only access: officers create tokens.</p>
          </section>
        )}
      </div>

      <section className="section card" aria-labelledby="install-title">
        <h2 id="install-title">Install commands</h2>
        <p className="small muted">
          Replace <code>&lt;TOKEN&gt;</code> with a token from this page (a new token fills it in for you). Enrolling the same machine again reuses its
          endpoint.
        </p>
        <InstallPanel serverUrl={url} token="<TOKEN>" sha256={bundle?.sha256 ?? null} />
      </section>

      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title">Tokens</h2>
        <div className="table-wrap">
          <table className="data" data-testid="tokens-table">
            <caption className="sr-only">Enrollment tokens</caption>
            <thead>
              <tr>
                <th scope="col">Token</th>
                <th scope="col">Agency</th>
                <th scope="col">Label</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col" className="num">Uses</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                {writer && (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {tokens.length === 0 && (
                <tr>
                  <td colSpan={writer ? 9 : 8} className="empty">
                    No enrollment token yet.
                  </td>
                </tr>
              )}
              {tokens.map((t) => (
                <tr key={t.id} data-token={t.tokenPrefix}>
                  <td className="mono">{t.tokenPrefix}…</td>
                  <td>
                    <span className="mono">{t.agencyCode}</span> <span className="muted small">{t.agencyName}</span>
                  </td>
                  <td>{t.label ?? <span className="muted">—</span>}</td>
                  <td className="small nowrap">
                    <LocalTime ms={t.createdAt} mode="date" />
                    <div className="muted">{t.createdBy ?? "command line"}</div>
                  </td>
                  <td className="small nowrap">
                    <LocalTime ms={t.expiresAt} empty="never" />
                  </td>
                  <td className="num">
                    {fmt.n(t.uses)}
                    {t.maxUses !== null ? ` / ${fmt.n(t.maxUses)}` : ""}
                  </td>
                  <td className="small nowrap">
                    <LocalTime ms={t.lastUsedAt} empty="never" mode="relative" />
                  </td>
                  <td>
                    <span className={`badge ${STATUS_CLASS[t.status]}`}>{t.status}</span>
                  </td>
                  {writer && <td>{t.status === "active" && <RevokeTokenButton id={t.id} prefix={t.tokenPrefix} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
