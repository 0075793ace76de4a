"use client";
// One person's notification choices: per event immediately / in the digest / off, which agencies,
// the daily digest and the weekly summary. Saved (and audited) in one go.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

type Mode = "off" | "immediate" | "digest";
type Prefs = { modes: Record<string, Mode>; agencies: number[] | null; dailyDigest: boolean; weeklySummary: boolean };
type Props = {
  events: { id: string; label: string }[];
  agencies: { id: number; code: string; name: string; depth: number }[];
  initial: Prefs;
  saved: boolean;
  agencyOfficer: boolean;
};

const MODES: Mode[] = ["immediate", "digest", "off"];

export function PreferencesForm({ events, agencies, initial, saved, agencyOfficer }: Props) {
  const t = useTranslations("notifications.prefs");
  const trpc = useTRPC();
  const router = useRouter();
  const [prefs, setPrefs] = useState<Prefs>(initial);
  const [done, setDone] = useState(false);
  const save = useMutation(
    trpc.notifications.updateMine.mutationOptions({
      onSuccess: () => {
        setDone(true);
        router.refresh();
      },
    }),
  );
  const change = (p: Partial<Prefs>) => {
    setDone(false);
    setPrefs((cur) => ({ ...cur, ...p }));
  };
  const chosen = new Set(prefs.agencies ?? []);
  const toggleAgency = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    change({ agencies: [...next] });
  };
  const minDepth = Math.min(...agencies.map((a) => a.depth));
  return (
    <form
      className="stack"
      aria-label={t("formLabel")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ modes: prefs.modes, agencies: prefs.agencies?.length ? prefs.agencies : null, dailyDigest: prefs.dailyDigest, weeklySummary: prefs.weeklySummary });
      }}
    >
      <section className="card">
        <div className="card-head">
          <h2>{t("events")}</h2>
          {!saved && <span className="muted small">{t("defaults")}</span>}
        </div>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("event")}</th>
                {MODES.map((m) => (
                  <th key={m} scope="col" className="num" style={{ textAlign: "center" }}>
                    {t(`modes.${m}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((ev) => (
                <tr key={ev.id}>
                  <th scope="row" style={{ fontWeight: 500, background: "none", position: "static" }}>
                    {ev.label}
                  </th>
                  {MODES.map((m) => (
                    <td key={m} style={{ textAlign: "center" }}>
                      <input
                        type="radio"
                        name={`mode-${ev.id}`}
                        value={m}
                        aria-label={t("modeAria", { event: ev.label, mode: t(`modes.${m}`) })}
                        checked={prefs.modes[ev.id] === m}
                        onChange={() => change({ modes: { ...prefs.modes, [ev.id]: m } })}
                        style={{ minHeight: 0 }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!agencyOfficer && (
          <p className="muted small" style={{ margin: ".5rem 0 0" }}>
            {t("approversNote")}
          </p>
        )}
      </section>

      <div className="grid grid-2">
        <section className="card">
          <h2>{t("agencies")}</h2>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="sr-only">{t("agenciesLegend")}</legend>
            <label className="check-row">
              <input type="radio" name="agency-mode" checked={prefs.agencies === null} onChange={() => change({ agencies: null })} style={{ minHeight: 0 }} />
              {t("allAgencies")}
            </label>
            <label className="check-row" style={{ marginTop: ".25rem" }}>
              <input type="radio" name="agency-mode" checked={prefs.agencies !== null} onChange={() => change({ agencies: prefs.agencies ?? [] })} style={{ minHeight: 0 }} />
              {t("onlyThese")}
            </label>
            <div className="agency-picks" aria-disabled={prefs.agencies === null}>
              {agencies.map((a) => (
                <label key={a.id} style={{ paddingLeft: `${(a.depth - minDepth) * 1.1}rem` }}>
                  <input type="checkbox" disabled={prefs.agencies === null} checked={chosen.has(a.id)} onChange={(e) => toggleAgency(a.id, e.currentTarget.checked)} style={{ minHeight: 0 }} />{" "}
                  <span className="mono small">{a.code}</span> {a.name}
                </label>
              ))}
            </div>
          </fieldset>
        </section>
        <section className="card">
          <h2>{t("digests")}</h2>
          <label className="check-row">
            <input type="checkbox" checked={prefs.dailyDigest} onChange={(e) => change({ dailyDigest: e.currentTarget.checked })} style={{ minHeight: 0, marginTop: ".2rem" }} />
            <span>
              <strong>{t("daily")}</strong>
              <br />
              <span className="muted small">{t("dailyHelp")}</span>
            </span>
          </label>
          <label className="check-row" style={{ marginTop: ".75rem" }}>
            <input type="checkbox" checked={prefs.weeklySummary} onChange={(e) => change({ weeklySummary: e.currentTarget.checked })} style={{ minHeight: 0, marginTop: ".2rem" }} />
            <span>
              <strong>{t("weekly")}</strong>
              <br />
              <span className="muted small">{t("weeklyHelp")}</span>
            </span>
          </label>
        </section>
      </div>

      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </button>
        {done && (
          <span className="form-ok" role="status">
            {t("saved")}
          </span>
        )}
        {save.error && (
          <span className="form-error" role="alert">
            {errorMessage(save.error)}
          </span>
        )}
      </div>
    </form>
  );
}
