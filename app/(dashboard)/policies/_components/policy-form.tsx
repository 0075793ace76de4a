"use client";
// The local policy editor (administrators): a new policy, the draft of one never in force, or a new
// version of one that has been in force. Putting it in force is a separate step on the Policies
// page, where the impact is shown first.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Field } from "~/app/_components/field";
import { errorMessage, fieldErrors } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";
import { CATEGORIES, categoryLabel } from "../../catalog/_components/category-label";

export type PolicyFormValues = {
  name: string;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  summary: string;
  status: "banned" | "advisory";
  vendors: string[];
  products: string[];
  categories: string[] | null;
  effectiveDate: string;
  deadline: string | null;
  agencyId: number | null;
};

type Options = {
  vendors: { slug: string; name: string; local: boolean; products: { slug: string; name: string; category: string; local: boolean }[] }[];
  agencies: { id: number; code: string; name: string; depth: number }[];
};

type Props = { mode: "create" | "edit" | "version"; policyId?: number; initial?: PolicyFormValues; options: Options };

export function PolicyForm({ mode, policyId, initial, options }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("policies.form");
  const tc = useTranslations("catalog");
  const done = () => {
    router.push("/policies");
    router.refresh();
  };
  const create = useMutation(trpc.policies.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.policies.update.mutationOptions({ onSuccess: done }));
  const version = useMutation(trpc.policies.newVersion.mutationOptions({ onSuccess: done }));
  const m = mode === "create" ? create : mode === "edit" ? update : version;
  const errors = fieldErrors(m.error);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const str = (k: string) => String(f.get(k) ?? "").trim();
    const categories = f.getAll("categories").map(String);
    const values = {
      name: str("name"),
      jurisdiction: str("jurisdiction"),
      legalReference: str("legalReference"),
      legalUrl: str("legalUrl") || null,
      summary: str("summary"),
      status: (str("status") === "advisory" ? "advisory" : "banned") as "banned" | "advisory",
      vendors: f.getAll("vendors").map(String),
      products: f.getAll("products").map(String),
      categories: f.get("allCategories") === "on" || categories.length === 0 ? null : (categories as never[]),
      effectiveDate: str("effectiveDate"),
      deadline: str("deadline") || null,
      agencyId: str("agencyId") ? Number(str("agencyId")) : null,
    };
    if (mode === "create") create.mutate(values);
    else if (mode === "edit") update.mutate({ id: policyId!, ...values });
    else version.mutate({ id: policyId!, ...values });
  }

  const v = initial;
  const allCategories = !v || v.categories === null;
  return (
    <form className="form card" onSubmit={onSubmit} aria-label={t("formLabel")}>
      {m.error && (
        <div className="form-error" role="alert">
          {errorMessage(m.error)}
        </div>
      )}
      <div className="form-grid">
        <Field label={t("name")} error={errors.name}>
          {(id, invalid, d) => <input id={id} name="name" required maxLength={200} defaultValue={v?.name} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("jurisdiction")} error={errors.jurisdiction} hint={t("jurisdictionHint")}>
          {(id, invalid, d) => <input id={id} name="jurisdiction" required maxLength={80} defaultValue={v?.jurisdiction} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("legalReference")} error={errors.legalReference} hint={t("legalReferenceHint")}>
          {(id, invalid, d) => <input id={id} name="legalReference" required maxLength={500} defaultValue={v?.legalReference} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("legalUrl")} error={errors.legalUrl} hint={t("legalUrlHint")}>
          {(id, invalid, d) => <input id={id} name="legalUrl" type="url" maxLength={500} defaultValue={v?.legalUrl ?? ""} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("status")} error={errors.status}>
          {(id, invalid, d) => (
            <select id={id} name="status" defaultValue={v?.status ?? "banned"} aria-invalid={invalid} aria-describedby={d}>
              <option value="banned">{t("ban")}</option>
              <option value="advisory">{t("advisory")}</option>
            </select>
          )}
        </Field>
        <Field label={t("agency")} error={errors.agencyId} hint={t("agencyHint")}>
          {(id, invalid, d) => (
            <select id={id} name="agencyId" defaultValue={v?.agencyId ?? ""} aria-invalid={invalid} aria-describedby={d}>
              <option value="">{t("everyAgency")}</option>
              {options.agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {"\u00a0\u00a0".repeat(a.depth)}
                  {t("agencyAndSubs", { code: a.code, name: a.name })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("effectiveDate")} error={errors.effectiveDate}>
          {(id, invalid, d) => <input id={id} name="effectiveDate" type="date" required defaultValue={v?.effectiveDate} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
        <Field label={t("deadline")} error={errors.deadline} hint={t("deadlineHint")}>
          {(id, invalid, d) => <input id={id} name="deadline" type="date" defaultValue={v?.deadline ?? ""} aria-invalid={invalid} aria-describedby={d} />}
        </Field>
      </div>
      <Field label={t("summary")} error={errors.summary} hint={t("summaryHint")}>
        {(id, invalid, d) => <textarea id={id} name="summary" rows={2} maxLength={2000} defaultValue={v?.summary} aria-invalid={invalid} aria-describedby={d} />}
      </Field>
      <fieldset className="stack">
        <legend>{t("scope")}</legend>
        <div className="grid grid-2">
          <Field label={t("vendors")} error={errors.vendors} hint={t("vendorsHint")}>
            {(id, invalid, d) => (
              <select id={id} name="vendors" multiple size={8} defaultValue={v?.vendors ?? []} aria-invalid={invalid} aria-describedby={d}>
                {options.vendors.map((x) => (
                  <option key={x.slug} value={x.slug}>
                    {x.local ? t("localName", { name: x.name }) : x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("products")} error={errors.products} hint={t("productsHint")}>
            {(id, invalid, d) => (
              <select id={id} name="products" multiple size={8} defaultValue={v?.products ?? []} aria-invalid={invalid} aria-describedby={d}>
                {options.vendors
                  .filter((x) => x.products.length)
                  .map((x) => (
                    <optgroup key={x.slug} label={x.name}>
                      {x.products.map((p) => (
                        <option key={p.slug} value={p.slug}>
                          {p.local ? t("localName", { name: p.name }) : p.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
            )}
          </Field>
        </div>
        <div className="field">
          <span>{t("categories")}</span>
          <label className="check small">
            <input type="checkbox" name="allCategories" defaultChecked={allCategories} /> {t("allCategories")}
          </label>
          <div className="row small" role="group" aria-label={t("onlyCategories")}>
            {CATEGORIES.map((slug) => (
              <label key={slug} className="check nowrap">
                <input type="checkbox" name="categories" value={slug} defaultChecked={!allCategories && v!.categories!.includes(slug)} /> {categoryLabel(tc, slug)}
              </label>
            ))}
          </div>
          {errors.categories && (
            <span className="error" role="alert">
              {errors.categories[0]}
            </span>
          )}
        </div>
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => router.push("/policies")}>
          {t("cancel")}
        </button>
        <button className="btn btn-primary" type="submit" disabled={m.isPending}>
          {m.isPending ? t("saving") : t(`submit.${mode}`)}
        </button>
      </div>
    </form>
  );
}
