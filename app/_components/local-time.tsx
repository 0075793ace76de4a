"use client";
// A timestamp in the viewer's time zone, with the absolute UTC date on hover.
import { useLocale } from "next-intl";
import { useEffect, useState } from "react";
import { INTL_LOCALES } from "~/server/i18n/locales";
import { DATETIME_OPTIONS, DAY_OPTIONS } from "./format-rules";

type Props = { ms: number | null | undefined; mode?: "datetime" | "date" | "relative"; empty?: string };

function relative(locale: string, ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  for (const [unit, size] of units) if (abs >= size) return rtf.format(-Math.round(diff / size), unit);
  return rtf.format(0, "minute");
}

/** The viewer's language formats it (nl-NL: "3 dec. 2026"); the browser's time zone places it. */
export function LocalTime({ ms, mode = "datetime", empty = "—" }: Props) {
  const locale = INTL_LOCALES[useLocale()];
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (ms === null || ms === undefined) return;
    const d = new Date(ms);
    setText(mode === "relative" ? relative(locale, ms, Date.now()) : mode === "date" ? d.toLocaleDateString(locale, DAY_OPTIONS) : d.toLocaleString(locale, DATETIME_OPTIONS));
  }, [ms, mode, locale]);
  if (ms === null || ms === undefined) return <span className="muted">{empty}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={`${iso.replace("T", " ").slice(0, 19)} UTC`} suppressHydrationWarning>
      {text ?? `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
