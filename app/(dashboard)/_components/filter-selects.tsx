// The filter selects the Endpoints and Findings lists share: agency (indented by depth in the
// tree) and vendor or product present, from the same filter options.
import type { FilterOptions } from "~/server/dashboard/filter-options";

type SelectProps = { id: string; label: string; options: FilterOptions; value: string | undefined };

export function AgencySelect({ id, label, options, value }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="agency" defaultValue={value ?? ""}>
        <option value="">All agencies</option>
        {options.agencies.map((a) => (
          <option key={a.code} value={a.code}>
            {"\u00a0\u00a0".repeat(a.depth)}
            {a.code} · {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PresentSelect({ id, label, options, value }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="present" defaultValue={value ?? ""}>
        <option value="">Any</option>
        {options.vendors.map((v) => (
          <optgroup key={v.slug} label={v.name}>
            <option value={`vendor:${v.slug}`}>{v.name}: any product</option>
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
