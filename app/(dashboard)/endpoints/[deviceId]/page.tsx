import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { StateBadge } from "~/app/_components/state-badge";
import { canWrite } from "~/server/access/scope";
import { getCaller } from "~/server/trpc/server";
import { OS_LABELS } from "../../_components/endpoint-table";
import { orNotFound } from "../../_components/not-found";
import { RequestWaiverButton } from "../../_components/waiver-actions";
import { WaiverTable } from "../../_components/waiver-table";
import { RevokeEndpointButton } from "../_components/revoke-button";

type Props = { params: Promise<{ deviceId: string }> };

export const metadata: Metadata = { title: "Endpoint" };

const SOURCE_LABELS: Record<string, string> = {
  "windows-uninstall": "Programs and Features",
  "windows-security-center": "Security Center",
  "windows-service": "Windows service",
  "windows-driver": "Kernel driver",
  "macos-app": "Application",
  "macos-receipt": "Installer receipt",
  "macos-system-extension": "System extension",
  "macos-launchd": "Launch daemon",
  dpkg: "dpkg package",
  rpm: "rpm package",
  snap: "snap",
  flatpak: "flatpak",
  "linux-systemd": "systemd unit",
  "linux-path": "Folder",
};

const FINDING_STATUS: Record<string, string> = { open: "badge-banned", excepted: "badge-excepted", resolved: "badge-clean", withdrawn: "badge-neutral" };

export default async function EndpointPage({ params }: Props) {
  const deviceId = decodeURIComponent((await params).deviceId);
  const caller = await getCaller();
  const [me, d] = await Promise.all([caller.users.me(), orNotFound(caller.endpoints.byDeviceId({ deviceId }))]);
  const e = d.endpoint;
  const writer = canWrite(me.role);
  const security = d.present.filter((s) => s.vendor || s.unrecognized || s.source === "windows-security-center");
  const wsc = d.present.filter((s) => s.source === "windows-security-center");
  const bannedVendors = new Set(d.findings.filter((f) => f.status === "open" || f.status === "excepted").map((f) => f.vendor));
  const protective = [...new Map(d.present.filter((s) => s.kind === "product" && (s.category === "antivirus" || s.category === "edr")).map((s) => [s.product, s])).values()];
  const shownGuides = new Map<string, string>();
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/endpoints">Endpoints</Link> / <Link href={`/agencies/${e.agencyCode}`}>{e.agencyName}</Link>
          </>
        }
        title={e.hostname}
        description={
          <>
            <StateBadge state={e.state} /> since <LocalTime ms={e.stateChangedAt} />
            {e.revokedAt !== null && (
              <>
                {" "}
                · <span className="badge badge-neutral">Revoked</span> <LocalTime ms={e.revokedAt} />
              </>
            )}
          </>
        }
        actions={writer && e.revokedAt === null ? <RevokeEndpointButton endpointId={e.id} hostname={e.hostname} /> : undefined}
      />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="identity-title">
          <h2 id="identity-title">Identity</h2>
          <dl className="facts">
            <dt>Device ID</dt>
            <dd className="mono">{e.deviceId}</dd>
            <dt>Agency</dt>
            <dd>
              <Link href={`/agencies/${e.agencyCode}`}>{e.agencyName}</Link> <span className="mono muted">{e.agencyCode}</span>
            </dd>
            <dt>Operating system</dt>
            <dd>
              {OS_LABELS[e.osPlatform]} · {e.osName} {e.osVersion} <span className="muted">({e.osArch || "?"})</span>
            </dd>
            <dt>Agent version</dt>
            <dd className="mono">{e.agentVersion || "—"}</dd>
            <dt>Enrolled</dt>
            <dd>
              <LocalTime ms={e.enrolledAt} />
            </dd>
            <dt>Last report</dt>
            <dd data-testid="last-report">
              <LocalTime ms={e.lastReportAt} empty="never" /> {e.lastReportAt !== null && <span className="muted small">(report #{e.lastSeq})</span>}
            </dd>
            <dt>First report</dt>
            <dd>
              <LocalTime ms={e.firstReportAt} empty="never" />
            </dd>
            <dt>Catalog version</dt>
            <dd className="mono small">{e.catalogVersion ?? "—"}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="protection-title">
          <h2 id="protection-title">Protection</h2>
          {e.osPlatform === "windows" ? (
            wsc.length === 0 ? (
              <p className="muted">Security Center lists no security product.</p>
            ) : (
              <ul className="rule-list" style={{ paddingLeft: 0, listStyle: "none" }}>
                {wsc.map((s) => (
                  <li key={s.slot}>
                    <strong>{s.productName ?? s.name}</strong>{" "}
                    {s.enabled === null ? (
                      <span className="badge badge-neutral">state unknown</span>
                    ) : s.enabled ? (
                      <span className="badge badge-clean">enabled</span>
                    ) : (
                      <span className="badge badge-unprotected">disabled</span>
                    )}{" "}
                    {s.upToDate === false && <span className="badge badge-unprotected">signatures out of date</span>}
                    {s.upToDate === true && <span className="muted small">up to date</span>}
                  </li>
                ))}
              </ul>
            )
          ) : protective.length === 0 ? (
            <p className="muted">No antivirus or EDR product was found.</p>
          ) : (
            <ul className="rule-list" style={{ paddingLeft: 0, listStyle: "none" }}>
              {protective.map((s) => (
                <li key={s.slot}>
                  <strong>{s.productName}</strong> <span className="badge badge-clean">{s.category === "edr" ? "EDR" : "antivirus"}</span>{" "}
                  {s.vendor && bannedVendors.has(s.vendor) && <span className="badge badge-banned">banned vendor</span>}
                </li>
              ))}
            </ul>
          )}
          {e.osPlatform !== "windows" && (
            <p className="muted small">No Security Center on {OS_LABELS[e.osPlatform]}: protection is judged from the antivirus and EDR products found.</p>
          )}
          <p className="small muted" style={{ marginTop: ".5rem" }}>
            {e.state === "unprotected" ? "Nothing banned remains, but no trustworthy protection is active." : null}
          </p>
        </section>
      </div>

      {d.removal.length > 0 && (
        <section className="section card" aria-labelledby="removal-title">
          <h2 id="removal-title">How to remove what is banned here</h2>
          {d.removal.map((r) => (
            <div key={r.product} style={{ marginTop: ".75rem" }} data-testid="removal-guide">
              <h3>
                {r.productName}{" "}
                {r.presence === "remnants" ? <span className="badge badge-remnants">remnants left</span> : <span className="badge badge-banned">installed</span>}
                {!r.covered && <span className="badge badge-neutral" title="Same vendor, not covered by the policies in force">not covered by the policies</span>}
              </h3>
              {r.presence === "remnants" && (
                <p className="callout">The product was uninstalled but its services, drivers or folders are still there: run the vendor&apos;s cleanup steps below.</p>
              )}
              {r.guides.length === 0 ? (
                <p className="muted small">No removal guide in the catalog for {OS_LABELS[e.osPlatform]}: use the vendor&apos;s uninstaller, then run the agent again.</p>
              ) : (
                r.guides.map((g) => {
                  const key = g.steps.join("\n");
                  const same = shownGuides.get(key);
                  if (same) return <p key={g.platform} className="small muted">Same steps as for {same} above.</p>;
                  shownGuides.set(key, r.productName);
                  return (
                    <ol key={g.platform} className="steps">
                      {g.steps.map((s, i) => (
                        <li key={i}>{s}</li>
                      ))}
                    </ol>
                  );
                })
              )}
            </div>
          ))}
        </section>
      )}

      <section className="section" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <div className="table-wrap">
          <table className="data" data-testid="endpoint-findings">
            <caption className="sr-only">Findings of this endpoint</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Presence</th>
                <th scope="col">First detected</th>
                <th scope="col">Resolved</th>
                <th scope="col">
                  <span className="sr-only">Waiver</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.findings.length === 0 && (
                <tr>
                  <td colSpan={7} className="empty">
                    No banned product was ever found here.
                  </td>
                </tr>
              )}
              {d.findings.map((f) => {
                const waiver = d.waivers.find((w) => w.findingId === f.id && (w.effectiveStatus === "pending" || w.effectiveStatus === "approved"));
                return (
                  <tr key={f.id}>
                    <td>
                      {f.productName} <span className="muted small">{f.vendorName}</span>
                      {f.reopenCount > 0 && <span className="tag tag-bad">reinstalled ×{f.reopenCount}</span>}
                    </td>
                    <td className="mono small">{f.version || "—"}</td>
                    <td>
                      <span className={`badge ${FINDING_STATUS[f.status]}`}>{f.status}</span>
                    </td>
                    <td>{f.presence}</td>
                    <td className="small nowrap">
                      <LocalTime ms={f.firstDetectedAt} />
                    </td>
                    <td className="small nowrap">
                      <LocalTime ms={f.resolvedAt} />
                    </td>
                    <td className="nowrap">
                      {waiver ? (
                        <span className={`badge ${waiver.effectiveStatus === "approved" ? "badge-excepted" : "badge-info"}`}>waiver {waiver.effectiveStatus}</span>
                      ) : writer && f.status === "open" ? (
                        <RequestWaiverButton findingId={f.id} label={`${f.productName} on ${e.hostname}`} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="waivers-title">
        <h2 id="waivers-title">Waivers</h2>
        <WaiverTable items={d.waivers} viewer={me} caption="Waivers of this endpoint" empty="No waiver requested for this endpoint." />
      </section>

      <section className="section" aria-labelledby="software-title">
        <h2 id="software-title">Security software present</h2>
        <div className="table-wrap">
          <table className="data" data-testid="endpoint-software">
            <caption className="sr-only">Security software reported by the agent</caption>
            <thead>
              <tr>
                <th scope="col">Vendor · product</th>
                <th scope="col">As reported</th>
                <th scope="col">Version</th>
                <th scope="col">Found in</th>
                <th scope="col">Security Center</th>
                <th scope="col">First seen</th>
              </tr>
            </thead>
            <tbody>
              {security.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    {e.lastReportAt === null ? "No report received yet." : "No security software reported."}
                  </td>
                </tr>
              )}
              {security.map((s) => (
                <tr key={s.slot}>
                  <td>
                    {s.vendorName ? (
                      <>
                        {s.vendorName} <span className="muted">·</span> {s.productName}
                      </>
                    ) : (
                      <span className="badge badge-info">unrecognized</span>
                    )}
                    {s.kind === "component" && <span className="tag">component</span>}
                  </td>
                  <td className="small">
                    {s.name}
                    {s.identifier && s.identifier !== s.name ? <div className="mono muted small truncate">{s.identifier}</div> : null}
                  </td>
                  <td className="mono small">{s.version || "—"}</td>
                  <td className="small">{SOURCE_LABELS[s.source] ?? s.source}</td>
                  <td className="small">
                    {s.enabled === null ? "—" : `${s.enabled ? "enabled" : "disabled"}${s.upToDate === false ? ", out of date" : s.upToDate ? ", up to date" : ""}`}
                  </td>
                  <td className="small nowrap">
                    <LocalTime ms={s.firstSeenAt} mode="date" />
                    {s.reinstalls > 0 && <span className="tag tag-bad">back ×{s.reinstalls}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.removed.length > 0 && (
          <details className="chart-data">
            <summary>Removed earlier ({d.removed.length})</summary>
            <div className="table-wrap">
              <table className="data">
                <caption className="sr-only">Software no longer present</caption>
                <thead>
                  <tr>
                    <th scope="col">Vendor · product</th>
                    <th scope="col">As reported</th>
                    <th scope="col">Version</th>
                    <th scope="col">Removed</th>
                  </tr>
                </thead>
                <tbody>
                  {d.removed.map((s) => (
                    <tr key={s.slot}>
                      <td>{s.vendorName ? `${s.vendorName} · ${s.productName}` : "unrecognized"}</td>
                      <td className="small">{s.name}</td>
                      <td className="mono small">{s.version || "—"}</td>
                      <td className="small nowrap">
                        <LocalTime ms={s.removedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}
      </section>

      <section className="section card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol className="timeline" data-testid="timeline">
          {d.timeline.map((t, i) => (
            <li key={i} data-kind={t.kind}>
              <span className="when">
                <LocalTime ms={t.at} />
              </span>
              <span>
                {t.text}
                {t.version ? <span className="mono muted small"> {t.version}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
