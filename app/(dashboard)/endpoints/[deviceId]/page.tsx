import { displayText } from "~/server/lib/display-text";
import { AgentText } from "~/app/_components/agent-text";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getLabels } from "~/app/_components/get-labels";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { StateBadge } from "~/app/_components/state-badge";
import { canWrite } from "~/server/access/scope";
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../_components/not-found";
import { RequestWaiverButton } from "../../_components/waiver-actions";
import { WaiverTable } from "../../_components/waiver-table";
import { AdmitEndpointButton } from "../_components/admit-button";
import { IdentityCard, ProtectionCard } from "../_components/endpoint-cards";
import { RevokeEndpointButton } from "../_components/revoke-button";
import { RemovalGuides, SoftwareTables } from "../_components/software-tables";
import { Timeline } from "../_components/timeline";

type Props = { params: Promise<{ deviceId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("endpoints.detail"))("title") };
}

const FINDING_STATUS: Record<string, string> = { open: "badge-banned", excepted: "badge-excepted", resolved: "badge-clean", withdrawn: "badge-neutral" };

export default async function EndpointPage({ params }: Props) {
  const deviceId = decodeURIComponent((await params).deviceId);
  const caller = await getCaller();
  const [me, d] = await Promise.all([caller.users.me(), orNotFound(caller.endpoints.byDeviceId({ deviceId }))]);
  const [t, tw, l] = await Promise.all([getTranslations("endpoints.detail"), getTranslations("waivers"), getLabels()]);
  const e = d.endpoint;
  const writer = canWrite(me.role);
  // One request can cover every open finding of the machine, when none is awaiting a decision already.
  const openFindings = d.findings.filter((f) => f.status === "open");
  const openWithoutWaiver = openFindings.some((f) => d.waivers.some((w) => w.findingId === f.id && w.effectiveStatus === "pending")) ? [] : openFindings;
  const security = d.present.filter((s) => s.vendor || s.unrecognized || s.source === "windows-security-center");
  const bannedVendors = new Set(d.findings.filter((f) => f.status === "open" || f.status === "excepted").map((f) => f.vendor));
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/endpoints">{t("crumb")}</Link> / <Link href={`/agencies/${e.agencyCode}`}>{e.agencyName}</Link>
          </>
        }
        title={<AgentText value={e.hostname} />}
        description={
          <>
            <StateBadge state={e.state} /> {t.rich("since", { time: () => <LocalTime ms={e.stateChangedAt} /> })}
            {e.revokedAt !== null && (
              <>
                {" "}
                · <span className="badge badge-neutral">{t("revoked")}</span> <LocalTime ms={e.revokedAt} />
              </>
            )}
          </>
        }
        actions={
          writer ? (
            <>
              {(e.revokedAt !== null || e.pendingAt !== null) && (
                <AdmitEndpointButton endpointId={e.id} hostname={displayText(e.hostname)} revoked={e.revokedAt !== null} pending={e.pendingAt !== null} />
              )}
              {e.revokedAt === null && <RevokeEndpointButton endpointId={e.id} hostname={displayText(e.hostname)} />}
            </>
          ) : undefined
        }
      />

      {e.pendingAt !== null && (
        <p className="callout" role="status" data-testid="pending-enrollment">
          {t.rich(e.revokedAt !== null ? "pendingRevoked" : "pendingReporting", { time: () => <LocalTime ms={e.pendingAt} mode="relative" /> })}
        </p>
      )}

      <div className="grid grid-2">
        <IdentityCard e={e} />
        <ProtectionCard e={e} present={d.present} bannedVendors={bannedVendors} />
      </div>

      <RemovalGuides removal={d.removal} platform={e.osPlatform} />

      <section className="section" aria-labelledby="findings-title">
        <div className="section-head">
          <h2 id="findings-title">{t("findings")}</h2>
          {writer && openWithoutWaiver.length > 1 && (
            <RequestWaiverButton
              endpointId={e.id}
              label={e.hostname}
              products={openWithoutWaiver.map((f) => f.productName)}
              deadline={d.deadline}
              buttonLabel={t("waiverForAll", { count: openWithoutWaiver.length })}
            />
          )}
        </div>
        <div className="table-wrap">
          <table className="data" data-testid="endpoint-findings">
            <caption className="sr-only">{t("findingsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("product")}</th>
                <th scope="col">{t("version")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("presence")}</th>
                <th scope="col">{t("firstDetected")}</th>
                <th scope="col">{t("resolved")}</th>
                <th scope="col">
                  <span className="sr-only">{t("waiver")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.findings.length === 0 && (
                <tr>
                  <td colSpan={7} className="empty">
                    {t("findingsEmpty")}
                  </td>
                </tr>
              )}
              {d.findings.map((f) => {
                const waiver = d.waivers.find((w) => w.findingId === f.id && (w.effectiveStatus === "pending" || w.effectiveStatus === "approved"));
                return (
                  <tr key={f.id}>
                    <td>
                      {f.productName} <span className="muted small">{f.vendorName}</span>
                      {f.reopenCount > 0 && <span className="tag tag-bad">{t("reinstalled", { count: f.reopenCount })}</span>}
                    </td>
                    <td className="mono small">
                      <AgentText value={f.version} empty="—" />
                    </td>
                    <td>
                      <span className={`badge ${FINDING_STATUS[f.status]}`}>{l.findingStatus(f.status)}</span>
                    </td>
                    <td>{l.presence(f.presence)}</td>
                    <td className="small nowrap">
                      <LocalTime ms={f.firstDetectedAt} />
                    </td>
                    <td className="small nowrap">
                      <LocalTime ms={f.resolvedAt} />
                    </td>
                    <td className="nowrap">
                      {waiver ? (
                        <span className={`badge ${waiver.effectiveStatus === "approved" ? "badge-excepted" : "badge-info"}`}>{tw("badge", { status: l.waiverStatus(waiver.effectiveStatus) })}</span>
                      ) : writer && f.status === "open" ? (
                        <RequestWaiverButton findingId={f.id} label={tw("productOn", { product: f.productName, hostname: displayText(e.hostname) })} deadline={d.deadline} />
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
        <h2 id="waivers-title">{t("waivers")}</h2>
        <WaiverTable items={d.waivers} viewer={me} caption={t("waiversCaption")} empty={t("waiversEmpty")} />
      </section>

      <SoftwareTables security={security} removed={d.removed} reported={e.lastReportAt !== null} />
      <Timeline items={d.timeline} />
    </>
  );
}
