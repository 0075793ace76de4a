"use client";
// The viewer's language, saved on their account; the page re-renders in it at once.
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "~/app/_trpc/client";
import { isLocale, LOCALE_NAMES, LOCALES } from "~/server/i18n/locales";

export function LanguageSwitcher() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.users.setLocale.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <label className="language-switcher">
      <span>{t("language")}</span>
      <select
        value={locale}
        disabled={save.isPending}
        onChange={(e) => {
          if (isLocale(e.target.value)) save.mutate({ locale: e.target.value });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
