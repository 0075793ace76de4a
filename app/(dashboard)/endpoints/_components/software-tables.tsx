// What the endpoint carries: the security software present (as reported, where found, Security
// Center state), what was removed earlier, and how to remove what is banned.
import { useLocale, useTranslations } from "next-intl";
import { AgentText } from "~/app/_components/agent-text";
import { OS_LABELS, useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import { guideSteps } from "~/server/catalog/removal-steps";
import type { EndpointDetail } from "~/server/dashboard/endpoint-detail";

type Software = EndpointDetail["present"][number];

export function SoftwareTables({ security, removed, reported }: { security: Software[]; removed: EndpointDetail["removed"]; reported: boolean }) {
  const t = useTranslations("endpoints.software");
  const l = useLabels();
  return (
    <section className="section" aria-labelledby="software-title">
      <h2 id="software-title">{t("title")}</h2>
      <div className="table-wrap">
        <table className="data compact" data-testid="endpoint-software">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("vendorProduct")}</th>
              <th scope="col">{t("asReported")}</th>
              <th scope="col">{t("version")}</th>
              <th scope="col">{t("foundIn")}</th>
              <th scope="col">{t("securityCenter")}</th>
              <th scope="col">{t("firstSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {security.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {reported ? t("empty") : t("noReport")}
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
                    <span className="badge badge-info">{t("unrecognized")}</span>
                  )}
                  {s.kind === "component" && <span className="tag">{t("component")}</span>}
                </td>
                <td className="small">
                  <AgentText value={s.name} />
                  {s.identifier && s.identifier !== s.name ? (
                    <div className="mono muted small truncate">
                      <AgentText value={s.identifier} />
                    </div>
                  ) : null}
                </td>
                <td className="mono small">
                  <AgentText value={s.version} empty="—" />
                </td>
                <td className="small">
                  {l.source(s.source)}
                  {s.origin !== "agent" && <div className="muted">{t("from", { tool: l.tool(s.origin) })}</div>}
                </td>
                <td className="small">{s.enabled === null ? "—" : t(`wsc.${s.enabled ? "enabled" : "disabled"}${s.upToDate === false ? "OutOfDate" : s.upToDate ? "UpToDate" : ""}`)}</td>
                <td className="small">
                  <span className="nowrap">
                    <LocalTime ms={s.firstSeenAt} mode="date" />
                  </span>{" "}
                  {s.reinstalls > 0 && <span className="tag tag-bad">{t("back", { count: s.reinstalls })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removed.length > 0 && (
        <details className="chart-data">
          <summary>{t("removedEarlier", { count: removed.length })}</summary>
          <div className="table-wrap">
            <table className="data compact">
              <caption className="sr-only">{t("removedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("vendorProduct")}</th>
                  <th scope="col">{t("asReported")}</th>
                  <th scope="col">{t("version")}</th>
                  <th scope="col">{t("removed")}</th>
                </tr>
              </thead>
              <tbody>
                {removed.map((s) => (
                  <tr key={s.slot}>
                    <td>{s.vendorName ? `${s.vendorName} · ${s.productName}` : t("unrecognized")}</td>
                    <td className="small">
                      <AgentText value={s.name} />
                    </td>
                    <td className="mono small">
                      <AgentText value={s.version} empty="—" />
                    </td>
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
  );
}

export function RemovalGuides({ removal, platform }: { removal: EndpointDetail["removal"]; platform: EndpointDetail["endpoint"]["osPlatform"] }) {
  const t = useTranslations("endpoints.removal");
  const locale = useLocale();
  // The steps in the reader's language where the catalog has them translated; steps left in the
  // catalog's English are marked as such for readers and screen readers.
  const guides = removal.map((r) => r.guides.map((g) => ({ platform: g.platform, ...guideSteps(g.steps, locale) })));
  const english = guides.some((gs) => gs.some((g) => g.lang !== locale));
  const shown = new Map<string, string>();
  if (removal.length === 0) return null;
  return (
    <section className="section card" aria-labelledby="removal-title">
      <h2 id="removal-title">{t("title")}</h2>
      {english && <p className="small muted">{t("stepsInEnglish")}</p>}
      {removal.map((r, ri) => (
        <div key={r.product} style={{ marginTop: ".75rem" }} data-testid="removal-guide">
          <h3>
            {r.productName} {r.presence === "remnants" ? <span className="badge badge-remnants">{t("remnantsLeft")}</span> : <span className="badge badge-banned">{t("installed")}</span>}
            {!r.covered && (
              <span className="badge badge-neutral" title={t("notCoveredHelp")}>
                {t("notCovered")}
              </span>
            )}
          </h3>
          {r.presence === "remnants" && <p className="callout">{t("remnantsText")}</p>}
          {r.guides.length === 0 ? (
            <p className="muted small">{t("noGuide", { os: OS_LABELS[platform] })}</p>
          ) : (
            guides[ri]!.map((g) => {
              const key = g.steps.join("\n");
              const same = shown.get(key);
              if (same)
                return (
                  <p key={g.platform} className="small muted">
                    {t("sameSteps", { product: same })}
                  </p>
                );
              shown.set(key, r.productName);
              return (
                <ol key={g.platform} className="steps" lang={g.lang !== locale ? g.lang : undefined}>
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
  );
}
