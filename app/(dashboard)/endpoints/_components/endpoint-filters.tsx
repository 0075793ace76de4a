// The Endpoints filters: a plain GET form, so every view is a URL that can be shared.
import Link from "next/link";
import { STATE_LABELS } from "~/app/_components/labels";
import { ENDPOINT_STATES } from "~/server/db/schema/endpoints";
import type { FilterOptions } from "~/server/dashboard/filter-options";
import { OS_LABELS } from "../../_components/endpoint-table";
import { AgencySelect, PresentSelect } from "../../_components/filter-selects";

type Values = { agency?: string; state?: string; os?: string; present?: string; olderThan?: number; q?: string; sort?: string };

export function EndpointFilters({ options, values }: { options: FilterOptions; values: Values }) {
  return (
    <form className="filters no-print" method="get" action="/endpoints" aria-label="Filter endpoints">
      <div className="form-grid">
        <div className="field">
          <label htmlFor="f-q">Hostname starts with</label>
          <input id="f-q" name="q" type="search" defaultValue={values.q ?? ""} maxLength={255} autoComplete="off" />
        </div>
        <AgencySelect id="f-agency" label="Agency" options={options} value={values.agency} />
        <div className="field">
          <label htmlFor="f-state">State</label>
          <select id="f-state" name="state" defaultValue={values.state ?? ""}>
            <option value="">Any state</option>
            {ENDPOINT_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-os">Operating system</label>
          <select id="f-os" name="os" defaultValue={values.os ?? ""}>
            <option value="">Any</option>
            {Object.entries(OS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <PresentSelect id="f-present" label="Has vendor or product" options={options} value={values.present} />
        <div className="field">
          <label htmlFor="f-older">Last report older than (days)</label>
          <input id="f-older" name="olderThan" type="number" min={1} max={3650} inputMode="numeric" defaultValue={values.olderThan ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">Sort by</label>
          <select id="f-sort" name="sort" defaultValue={values.sort ?? "hostname"}>
            <option value="hostname">Hostname A–Z</option>
            <option value="-hostname">Hostname Z–A</option>
            <option value="-lastReport">Last report, newest first</option>
            <option value="lastReport">Last report, oldest first</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            Apply
          </button>
          <Link href="/endpoints" className="btn">
            Reset
          </Link>
        </div>
      </div>
    </form>
  );
}
