"use client";
// Agent versions per agency, the self-update rollout each follows (its own or an ancestor's), and
// the updates that were refused, failed or rolled back in the last 30 days. Officers change an
// agency's rollout here: the shipped version to a share of its endpoints, or off.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { LocalTime } from "~/app/_components/local-time";

type Row = {
  id: number;
  code: string;
  name: string;
  depth: number;
  own: boolean;
  inheritedFrom: string | null;
  version: string | null;
  percent: number;
  versions: { version: string; endpoints: number }[];
  problems: number;
};
const OUTCOMES = ["refused", "failed", "rolled-back"] as const;
const isOutcome = (o: string): o is (typeof OUTCOMES)[number] => (OUTCOMES as readonly string[]).includes(o);
type Problem = { at: number; deviceId: string; hostname: string; agencyCode: string; fromVersion: string; toVersion: string; outcome: string; reason: string | null };

function RolloutForm({ row, shipped, onDone }: { row: Row; shipped: string; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("enrollment.versions");
  const [on, setOn] = useState(row.version !== null);
  const [percent, setPercent] = useState(row.percent);
  const done = { onSuccess: () => (router.refresh(), onDone()) };
  const save = useMutation(trpc.agentUpdates.setRollout.mutationOptions(done));
  const clear = useMutation(trpc.agentUpdates.clearRollout.mutationOptions(done));
  const error = save.error ?? clear.error;
  return (
    <form
      className="inline-form"
      aria-label={t("rolloutFor", { code: row.code })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ agencyId: row.id, version: on ? shipped : null, percent });
      }}
    >
      <label className="small">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} /> {t("updateTo", { version: shipped })}
      </label>{" "}
      <label className="small">
        {t("for")} <input type="number" min={0} max={100} value={percent} disabled={!on} onChange={(e) => setPercent(Number(e.target.value))} style={{ width: "5em" }} aria-label={t("percentLabel")} />
        %
      </label>{" "}
      <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending}>
        {t("save")}
      </button>{" "}
      {row.own && (
        <button type="button" className="btn btn-small" disabled={clear.isPending} onClick={() => clear.mutate({ agencyId: row.id })}>
          {t("inherit")}
        </button>
      )}{" "}
      <button type="button" className="btn btn-small" onClick={onDone}>
        {t("cancel")}
      </button>
      {error && (
        <div className="error small" role="alert">
          {errorMessage(error)}
        </div>
      )}
    </form>
  );
}

export function AgentVersionsPanel({ shipped, signedUpdates, rows, problems, writer }: { shipped: string | null; signedUpdates: boolean; rows: Row[]; problems: Problem[]; writer: boolean }) {
  const [editing, setEditing] = useState<number | null>(null);
  const t = useTranslations("enrollment.versions");
  const minDepth = rows.reduce((m, r) => Math.min(m, r.depth), Infinity);
  return (
    <>
      {!signedUpdates && (
        <p className="callout small" data-testid="updates-off">
          {shipped ? t("offUnsigned") : t("offNoPackages")}
        </p>
      )}
      <div className="table-wrap">
        <table className="data" data-testid="agent-versions">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("agency")}</th>
              <th scope="col">{t("running")}</th>
              <th scope="col">{t("selfUpdate")}</th>
              <th scope="col" className="num">
                {t("failed30")}
              </th>
              {writer && (
                <th scope="col">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-agency={r.code}>
                <td style={{ paddingLeft: `${0.75 + (r.depth - minDepth) * 1.1}rem` }}>
                  <span className="mono">{r.code}</span> <span className="muted small">{r.name}</span>
                </td>
                <td className="small">{r.versions.length ? r.versions.map((v) => `${v.version} × ${v.endpoints}`).join(", ") : <span className="muted">{t("noEndpoints")}</span>}</td>
                <td className="small" data-testid="rollout">
                  {r.version === null ? t("off") : t("to", { version: r.version, percent: r.percent })}
                  {r.inheritedFrom && <span className="muted"> {t("from", { code: r.inheritedFrom })}</span>}
                  {!r.own && !r.inheritedFrom && <span className="muted"> {t("default")}</span>}
                </td>
                <td className="num">{r.problems ? <span className="badge badge-banned">{r.problems}</span> : "0"}</td>
                {writer && (
                  <td className="nowrap">
                    {editing === r.id && shipped ? (
                      <RolloutForm row={r} shipped={shipped} onDone={() => setEditing(null)} />
                    ) : (
                      <button type="button" className="btn btn-small" disabled={!shipped} onClick={() => setEditing(r.id)} aria-label={t("changeLabel", { code: r.code })}>
                        {t("change")}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 && (
        <>
          <h3 className="section">{t("failedHeading")}</h3>
          <div className="table-wrap">
            <table className="data" data-testid="update-problems">
              <caption className="sr-only">{t("failedCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("when")}</th>
                  <th scope="col">{t("endpoint")}</th>
                  <th scope="col">{t("version")}</th>
                  <th scope="col">{t("outcome")}</th>
                  <th scope="col">{t("reason")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={`${p.deviceId}-${p.at}-${i}`}>
                    <td className="small nowrap">
                      <LocalTime ms={p.at} mode="relative" />
                    </td>
                    <td>
                      <a href={`/endpoints/${encodeURIComponent(p.deviceId)}`}>{p.hostname}</a> <span className="muted small">{p.agencyCode}</span>
                    </td>
                    <td className="small nowrap">
                      {p.fromVersion} → {p.toVersion}
                    </td>
                    <td>
                      <span className="badge badge-banned">{isOutcome(p.outcome) ? t(`outcomes.${p.outcome}`) : p.outcome}</span>
                    </td>
                    <td className="small">{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
