"use client";
import { useTranslations } from "next-intl";
// Which fields of an entry a local rule matches, and how: each field exactly, by its beginning, or
// as a contained phrase (never a regular expression). Prefilled from the entry with sensible
// defaults: display names without their version for programs, the identifier elsewhere.

export type Entry = { id: number; source: string; name: string; version: string; publisher: string; identifier: string };
type Mode = "exact" | "prefix" | "contains";
type FieldState = { on: boolean; mode: Mode; value: string };
export type MatchState = { sameSource: boolean; name: FieldState; publisher: FieldState; identifier: FieldState };

const NAMED_SOURCES = new Set(["windows-uninstall", "windows-security-center"]);

/** "Acme Shield 4.2.1 (x64)" -> "Acme Shield": the part of a display name that survives upgrades. */
function stem(name: string): string {
  const m = /^(.*?)(?:\s+v?\d+(?:[._]\d+)*\b.*)?$/.exec(name);
  const s = (m?.[1] ?? name).trim();
  return s.length >= 3 ? s : name;
}

export function initialMatch(e: Entry): MatchState {
  const named = NAMED_SOURCES.has(e.source) || !e.identifier;
  const s = stem(e.name);
  return {
    sameSource: true,
    name: { on: named, mode: s === e.name ? "exact" : "prefix", value: s },
    publisher: { on: named && e.publisher !== "", mode: "exact", value: e.publisher },
    identifier: { on: !named, mode: "exact", value: e.identifier },
  };
}

export function matchInput(e: Entry, m: MatchState) {
  const f = (x: FieldState) => (x.on && x.value.trim() ? { mode: x.mode, value: x.value.trim() } : undefined);
  return { source: (m.sameSource ? e.source : null) as never, name: f(m.name), publisher: f(m.publisher), identifier: f(m.identifier) };
}

const FIELDS = ["name", "publisher", "identifier"] as const;
type FieldName = (typeof FIELDS)[number];

export function MatchFields({ entry, value, onChange, errors }: { entry: Entry; value: MatchState; onChange: (m: MatchState) => void; errors?: string }) {
  const t = useTranslations("catalog");
  const set = (k: FieldName, patch: Partial<FieldState>) => onChange({ ...value, [k]: { ...value[k], ...patch } });
  return (
    <fieldset className="stack">
      <legend>{t("match.legend")}</legend>
      {FIELDS.map((k) => (
        <div key={k} className="row small" style={{ gap: ".5rem", flexWrap: "nowrap" }}>
          <label className="check nowrap" style={{ minWidth: "7.5rem" }}>
            <input type="checkbox" checked={value[k].on} onChange={(e) => set(k, { on: e.target.checked })} disabled={!entry[k]} /> {t(`match.${k}`)}
          </label>
          <select aria-label={t("match.howLabel", { field: t(`match.${k}`) })} value={value[k].mode} onChange={(e) => set(k, { mode: e.target.value as Mode })} disabled={!value[k].on}>
            <option value="exact">{t("modes.exact")}</option>
            <option value="prefix">{t("modes.prefix")}</option>
            <option value="contains">{t("modes.contains")}</option>
          </select>
          <input
            aria-label={t("match.textLabel", { field: t(`match.${k}`) })}
            value={value[k].value}
            onChange={(e) => set(k, { value: e.target.value })}
            disabled={!value[k].on}
            maxLength={200}
            style={{ flex: 1, minWidth: 0 }}
          />
        </div>
      ))}
      <label className="check small">
        <input type="checkbox" checked={value.sameSource} onChange={(e) => onChange({ ...value, sameSource: e.target.checked })} />{" "}
        {t.rich("match.sameSource", { source: entry.source, mono: (chunks) => <span className="mono">{chunks}</span> })}
      </label>
      {errors && (
        <span className="error" role="alert">
          {errors}
        </span>
      )}
    </fieldset>
  );
}
