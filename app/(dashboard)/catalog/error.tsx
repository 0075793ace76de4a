"use client";
import { useTranslations } from "next-intl";
import { RouteError } from "../_components/route-error";

export default function CatalogError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("loading");
  return <RouteError error={error} reset={reset} what={t("what.catalog")} />;
}
