// The filter selects the Endpoints and Findings lists share: agency (indented by depth in the
// tree) and vendor or product present, from the same filter options.
import { useTranslations } from "next-intl";
import type { FilterOptions } from "~/server/dashboard/filter-options";
import { AgencyOptions } from "./agency-options";

type SelectProps = { id: string; label: string; options: FilterOptions; value: string | undefined };

export function AgencySelect({ id, label, options, value }: SelectProps) {
  const t = useTranslations("filters");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="agency" defaultValue={value ?? ""}>
        <option value="">{t("allAgencies")}</option>
        <AgencyOptions agencies={options.agencies} by="code" />
      </select>
    </div>
  );
}

export function PresentSelect({ id, label, options, value }: SelectProps) {
  const t = useTranslations("filters");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="present" defaultValue={value ?? ""}>
        <option value="">{t("any")}</option>
        {options.vendors.map((v) => (
          <optgroup key={v.slug} label={v.name}>
            <option value={`vendor:${v.slug}`}>{t("anyProductOf", { vendor: v.name })}</option>
            {v.products.map((p) => (
              <option key={p.slug} value={`product:${p.slug}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
