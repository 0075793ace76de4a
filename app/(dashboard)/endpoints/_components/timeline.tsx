// The endpoint's history, newest first, each event worded in the viewer's language.
import { useTranslations } from "next-intl";
import { AgentText } from "~/app/_components/agent-text";
import { useLabels } from "~/app/_components/labels";
import { LocalTime } from "~/app/_components/local-time";
import type { TimelineItem } from "~/server/dashboard/endpoint-detail";
import { IMPORT_OUTCOMES } from "~/server/db/schema/imports";
import { EVENT_KINDS } from "~/server/db/schema/software";

const isIn = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
const DECISIONS = ["approved", "rejected", "revoked"] as const;
/** What became of a re-enrollment without the credential, and the hostname it claimed: stored as
 *  "pending · as ws-001" (server/ingest/enroll.ts); worded here, the hostname shown as reported. */
const REENROLL_CLAIM = /^(pending|refused|rotated) · as (.*)$/s;
/** Endpoint events about one product (re-enrolled is about the machine). */
const PRODUCT_EVENTS = EVENT_KINDS.filter((k): k is Exclude<(typeof EVENT_KINDS)[number], "re-enrolled"> => k !== "re-enrolled");

function useTimelineText() {
  const t = useTranslations("endpoints.timeline");
  const l = useLabels();
  return (item: TimelineItem): string => {
    const product = item.productName ?? item.product ?? "";
    const kind = item.kind;
    if (kind === "re-enrolled") return t("event.re-enrolled");
    if (isIn(PRODUCT_EVENTS, kind)) return t(`event.${kind}`, { product });
    if (kind === "waiver-requested") return t("waiverRequested", { actor: item.actor ?? "—", product });
    const decision = kind.replace(/^waiver-/, "");
    if (kind.startsWith("waiver-") && isIn(DECISIONS, decision)) return t(`waiverDecided.${decision}`, { actor: item.actor ?? "—", product });
    if (kind === "imported" && item.imported) {
      const { source, importId, outcome } = item.imported;
      return t("imported", { tool: l.tool(source), id: String(importId), outcome: isIn(IMPORT_OUTCOMES, outcome) ? t(`outcome.${outcome}`) : outcome });
    }
    if (kind === "enrolled") return item.fromImport ? t("firstKnown") : t("enrolled");
    if (kind === "revoked") return t("revoked");
    return product ? `${kind}: ${product}` : kind;
  };
}

/** The version an event is about, or for a re-enrollment what became of it and the hostname it claimed. */
function Version({ item }: { item: TimelineItem }) {
  const t = useTranslations("endpoints.timeline");
  if (!item.version) return null;
  const claim = item.kind === "re-enrolled" ? REENROLL_CLAIM.exec(item.version) : null;
  return (
    <span className="muted small">
      {" "}
      {claim ? (
        <>
          {t(`reenrollOutcome.${claim[1] as "pending" | "refused" | "rotated"}`)} · {t("claimedHostname")}{" "}
          <span className="mono">
            <AgentText value={claim[2]!} />
          </span>
        </>
      ) : (
        <span className="mono">
          <AgentText value={item.version} />
        </span>
      )}
    </span>
  );
}

export function Timeline({ items }: { items: TimelineItem[] }) {
  const t = useTranslations("endpoints.timeline");
  const text = useTimelineText();
  return (
    <section className="section card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("title")}</h2>
      <ol className="timeline" data-testid="timeline">
        {items.map((item, i) => (
          <li key={i} data-kind={item.kind}>
            <span className="when">
              <LocalTime ms={item.at} />
            </span>
            <span>
              {text(item)}
              <Version item={item} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
