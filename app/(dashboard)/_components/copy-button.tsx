"use client";
// Copies a text to the clipboard and says so (for tokens and install commands).
import { useTranslations } from "next-intl";
import { useState } from "react";

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("common");
  const [done, setDone] = useState<"ok" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setDone("ok");
    } catch {
      setDone("failed");
    }
    setTimeout(() => setDone(null), 2500);
  }
  return (
    <button type="button" className="btn btn-small" onClick={copy} aria-live="polite">
      {done === "ok" ? t("copied") : done === "failed" ? t("copyFailed") : (label ?? t("copy"))}
    </button>
  );
}
