// The endpoint page's two cards: who the machine is (identity, evidence, reports) and what protects it.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { AgentText } from "~/app/_components/agent-text";
import { OS_LABELS, useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import type { EndpointDetail } from "~/server/dashboard/endpoint-detail";

export function IdentityCard({ e }: { e: EndpointDetail["endpoint"] }) {
  const t = useTranslations("endpoints.identity");
  const tc = useTranslations("common");
  const l = useLabels();
  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">{t("title")}</h2>
      <dl className="facts">
        <dt>{t("deviceId")}</dt>
        <dd className="mono">{e.deviceId}</dd>
        <dt>{t("agency")}</dt>
        <dd>
          <Link href={`/agencies/${e.agencyCode}`}>{e.agencyName}</Link> <span className="mono muted">{e.agencyCode}</span>
        </dd>
        <dt>{t("os")}</dt>
        <dd>
          {OS_LABELS[e.osPlatform]} · <AgentText value={e.osName} /> <AgentText value={e.osVersion} />{" "}
          <span className="muted">
            (<AgentText value={e.osArch} empty="?" />)
          </span>
        </dd>
        <dt>{t("agentVersion")}</dt>
        <dd className="mono">
          <AgentText value={e.agentVersion} empty="—" />
        </dd>
        <dt>{e.agentVersion === "" && e.evidence !== "agent" ? t("firstImported") : t("enrolled")}</dt>
        <dd>
          <LocalTime ms={e.enrolledAt} />
        </dd>
        <dt>{t("evidence")}</dt>
        <dd data-testid="evidence">
          {e.evidence === "agent" ? (
            <>
              <span className="badge badge-info">{l.evidence("agent")}</span> <span className="small muted">{t("ownReports")}</span>
            </>
          ) : (
            <>
              <span className="badge badge-neutral">{l.evidence(e.evidence)}</span>{" "}
              <span className="small">
                {t.rich("collectedImported", {
                  collected: () => <LocalTime ms={e.lastCollectedAt} />,
                  imported: () => <LocalTime ms={e.importedAt} />,
                })}
              </span>
            </>
          )}
        </dd>
        <dt>{t("lastReport")}</dt>
        <dd data-testid="last-report">
          <LocalTime ms={e.lastReportAt} empty={tc("never")} /> {e.lastReportAt !== null && e.evidence === "agent" && <span className="muted small">{t("reportNo", { seq: String(e.lastSeq) })}</span>}
        </dd>
        <dt>{t("firstReport")}</dt>
        <dd>
          <LocalTime ms={e.firstReportAt} empty={tc("never")} />
        </dd>
        <dt>{t("catalogVersion")}</dt>
        <dd className="mono small">{e.catalogVersion ?? "—"}</dd>
      </dl>
    </section>
  );
}

type Software = EndpointDetail["present"][number];

export function ProtectionCard({ e, present, bannedVendors }: { e: EndpointDetail["endpoint"]; present: Software[]; bannedVendors: Set<string> }) {
  const t = useTranslations("endpoints.protection");
  const l = useLabels();
  const wsc = present.filter((s) => s.source === "windows-security-center");
  const protective = [...new Map(present.filter((s) => s.kind === "product" && (s.category === "antivirus" || s.category === "edr")).map((s) => [s.product, s])).values()];
  return (
    <section className="card" aria-labelledby="protection-title">
      <h2 id="protection-title">{t("title")}</h2>
      {e.osPlatform === "windows" ? (
        wsc.length === 0 ? (
          <p className="muted">{e.evidence === "agent" ? t("wscEmpty") : t("wscNotImported", { tool: l.tool(e.evidence) })}</p>
        ) : (
          <ul className="rule-list" style={{ paddingLeft: 0, listStyle: "none" }}>
            {wsc.map((s) => (
              <li key={s.slot}>
                <strong>{s.productName ?? <AgentText value={s.name} />}</strong>{" "}
                {s.enabled === null ? (
                  <span className="badge badge-neutral">{t("stateUnknown")}</span>
                ) : s.enabled ? (
                  <span className="badge badge-clean">{t("enabled")}</span>
                ) : (
                  <span className="badge badge-unprotected">{t("disabled")}</span>
                )}{" "}
                {s.upToDate === false && <span className="badge badge-unprotected">{t("outOfDate")}</span>}
                {s.upToDate === true && <span className="muted small">{t("upToDate")}</span>}
              </li>
            ))}
          </ul>
        )
      ) : protective.length === 0 ? (
        <p className="muted">{t("noProduct")}</p>
      ) : (
        <ul className="rule-list" style={{ paddingLeft: 0, listStyle: "none" }}>
          {protective.map((s) => (
            <li key={s.slot}>
              <strong>{s.productName}</strong> <span className="badge badge-clean">{l.category(s.category ?? "antivirus")}</span>{" "}
              {s.vendor && bannedVendors.has(s.vendor) && <span className="badge badge-banned">{t("bannedVendor")}</span>}
            </li>
          ))}
        </ul>
      )}
      {e.osPlatform !== "windows" && <p className="muted small">{t("noSecurityCenter", { os: OS_LABELS[e.osPlatform] })}</p>}
      <p className="small muted" style={{ marginTop: ".5rem" }}>
        {e.state === "unprotected" ? t("unprotected") : null}
      </p>
    </section>
  );
}
