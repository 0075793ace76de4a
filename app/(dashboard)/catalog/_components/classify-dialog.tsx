"use client";
// Classify an entry (officers): which vendor and product it is (existing, or new local ones), and
// which of its fields to match. Or mark it "not security software". Either applies at once: the
// endpoints that carry a matching entry are re-evaluated, and agents get the new catalog.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { CATEGORIES, categoryLabel } from "./category-label";
import { type Entry, initialMatch, type MatchState, MatchFields, matchInput } from "./match-fields";

export type VendorOption = { slug: string; name: string; products: { slug: string; name: string; category: string }[] };
export type DialogHandle = { open(entry: Entry, kind: "classify" | "suppress"): void };

const NEW = "__new__";

export const ClassifyDialog = forwardRef<DialogHandle, { vendors: VendorOption[] }>(function ClassifyDialog({ vendors }, ref) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("catalog");
  const dialog = useRef<HTMLDialogElement>(null);
  const [entry, setEntry] = useState<Entry | null>(null);
  const [kind, setKind] = useState<"classify" | "suppress">("classify");
  const [match, setMatch] = useState<MatchState | null>(null);
  const [vendor, setVendor] = useState(NEW);
  const [vendorName, setVendorName] = useState("");
  const [product, setProduct] = useState(NEW);
  const [productName, setProductName] = useState("");
  const [category, setCategory] = useState("antivirus");
  const [note, setNote] = useState("");
  const [done, setDone] = useState<number | null>(null);
  const onSuccess = (r: { endpointsAffected: number }) => {
    setDone(r.endpointsAffected);
    router.refresh();
  };
  const classify = useMutation(trpc.catalog.classify.mutationOptions({ onSuccess }));
  const suppress = useMutation(trpc.catalog.suppress.mutationOptions({ onSuccess }));
  const m = kind === "classify" ? classify : suppress;

  useImperativeHandle(ref, () => ({
    open(e, k) {
      classify.reset();
      suppress.reset();
      setEntry(e);
      setKind(k);
      setMatch(initialMatch(e));
      setVendor(NEW);
      setVendorName(e.publisher);
      setProduct(NEW);
      setProductName(e.name.replace(/\s+v?\d+(?:[._]\d+)+.*$/, ""));
      setCategory("antivirus");
      setNote("");
      setDone(null);
      dialog.current?.showModal();
    },
  }));

  const products = vendors.find((v) => v.slug === vendor)?.products ?? [];
  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!entry || !match) return;
    const base = { softwareId: entry.id, match: matchInput(entry, match), note };
    if (kind === "suppress") return suppress.mutate(base);
    classify.mutate({
      ...base,
      vendor: vendor === NEW ? { newName: vendorName } : { slug: vendor },
      product: product === NEW || vendor === NEW ? { newName: productName, category: category as never } : { slug: product },
    });
  }

  return (
    <dialog ref={dialog} className="modal" aria-labelledby="classify-title" style={{ width: "min(44rem, 96vw)" }}>
      {entry && match && (
        <form onSubmit={submit} className="stack">
          <h2 id="classify-title">{t(kind === "classify" ? "dialog.classifyTitle" : "dialog.suppressTitle", { name: entry.name })}</h2>
          <p className="small muted">{kind === "classify" ? t("dialog.classifyHelp") : t("dialog.suppressHelp")}</p>
          {kind === "classify" && (
            <div className="form-grid">
              <label className="field">
                <span>{t("dialog.vendor")}</span>
                <select value={vendor} onChange={(e) => (setVendor(e.target.value), setProduct(NEW))}>
                  <option value={NEW}>{t("dialog.newVendor")}</option>
                  {vendors.map((v) => (
                    <option key={v.slug} value={v.slug}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </label>
              {vendor === NEW && (
                <label className="field">
                  <span>{t("dialog.newVendorName")}</span>
                  <input value={vendorName} onChange={(e) => setVendorName(e.target.value)} required minLength={2} maxLength={120} />
                </label>
              )}
              {vendor !== NEW && (
                <label className="field">
                  <span>{t("dialog.product")}</span>
                  <select value={product} onChange={(e) => setProduct(e.target.value)}>
                    <option value={NEW}>{t("dialog.newProduct")}</option>
                    {products.map((p) => (
                      <option key={p.slug} value={p.slug}>
                        {p.name} ({categoryLabel(t, p.category)})
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {(product === NEW || vendor === NEW) && (
                <>
                  <label className="field">
                    <span>{t("dialog.newProductName")}</span>
                    <input value={productName} onChange={(e) => setProductName(e.target.value)} required minLength={2} maxLength={160} />
                  </label>
                  <label className="field">
                    <span>{t("dialog.category")}</span>
                    <select value={category} onChange={(e) => setCategory(e.target.value)}>
                      {CATEGORIES.map((slug) => (
                        <option key={slug} value={slug}>
                          {categoryLabel(t, slug)}
                        </option>
                      ))}
                    </select>
                  </label>
                </>
              )}
            </div>
          )}
          <MatchFields entry={entry} value={match} onChange={setMatch} errors={fieldErrors(m.error).match?.[0]} />
          <label className="field">
            <span>{t("dialog.note")}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t("dialog.notePlaceholder")} />
          </label>
          {m.error && (
            <div className="form-error" role="alert">
              {errorMessage(m.error)}
            </div>
          )}
          {done !== null && (
            <div className="form-ok" role="status">
              {t("dialog.saved", { count: done })}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => dialog.current?.close()}>
              {done !== null ? t("dialog.close") : t("dialog.cancel")}
            </button>
            {done === null && (
              <button type="submit" className={`btn ${kind === "classify" ? "btn-primary" : "btn-danger"}`} disabled={m.isPending}>
                {m.isPending ? t("dialog.applying") : kind === "classify" ? t("dialog.classifySubmit") : t("dialog.suppressSubmit")}
              </button>
            )}
          </div>
        </form>
      )}
    </dialog>
  );
});
