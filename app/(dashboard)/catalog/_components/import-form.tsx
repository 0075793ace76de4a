"use client";
// Imports a catalog overlay file exported by another deployment (officers): what is not here yet
// is added and applied at once; what contradicts this deployment's own entries is listed, not taken.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function ImportForm() {
  const trpc = useTRPC();
  const t = useTranslations("catalog.overlay");
  const router = useRouter();
  const [readError, setReadError] = useState<string | null>(null);
  const imp = useMutation(trpc.catalog.importOverlay.mutationOptions({ onSuccess: () => router.refresh() }));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setReadError(null);
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) return setReadError(t("chooseFile"));
    if (file.size > 900_000) return setReadError(t("tooLarge"));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setReadError(t("notJson"));
    }
    imp.mutate({ file: parsed });
  }

  const r = imp.data;
  return (
    <form className="stack" onSubmit={onSubmit} aria-label={t("formLabel")}>
      <div className="row">
        <label htmlFor="overlay-file" className="sr-only">
          {t("file")}
        </label>
        <input id="overlay-file" name="file" type="file" accept="application/json,.json" />
        <button className="btn" type="submit" disabled={imp.isPending}>
          {imp.isPending ? t("importing") : t("import")}
        </button>
      </div>
      {(readError || imp.error) && (
        <div className="form-error" role="alert">
          {readError ?? errorMessage(imp.error)}
        </div>
      )}
      {r && (
        <div className="form-ok" role="status">
          {t("done", { added: r.added, present: r.alreadyPresent, endpoints: r.endpointsAffected })}
          {r.conflicts.length > 0 && (
            <>
              {" "}
              {t("notImported", { count: r.conflicts.length })}
              <ul className="small">
                {r.conflicts.slice(0, 20).map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
