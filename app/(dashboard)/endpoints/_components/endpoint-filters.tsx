// The Endpoints filters: a plain GET form, so every view is a URL that can be shared.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { OS_LABELS, useLabels } from "~/app/_components/labels";
import { ENDPOINT_STATES } from "~/server/db/schema/endpoints";
import { IMPORT_SOURCES } from "~/server/db/schema/imports";
import type { FilterOptions } from "~/server/dashboard/filter-options";
import { AgencySelect, PresentSelect } from "../../_components/filter-selects";

type Values = { agency?: string; state?: string; needs?: string; os?: string; present?: string; olderThan?: number; q?: string; evidence?: string; sort?: string };

export function EndpointFilters({ options, values }: { options: FilterOptions; values: Values }) {
  const t = useTranslations("endpoints.filters");
  const tc = useTranslations("common");
  const tf = useTranslations("filters");
  const ts = useTranslations("states.terms");
  const l = useLabels();
  return (
    <form className="filters no-print" method="get" action="/endpoints" aria-label={t("label")}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="f-q">{t("q")}</label>
          <input id="f-q" name="q" type="search" defaultValue={values.q ?? ""} maxLength={255} autoComplete="off" />
        </div>
        <AgencySelect id="f-agency" label={t("agency")} options={options} value={values.agency} />
        <div className="field">
          <label htmlFor="f-state">{t("state")}</label>
          <select id="f-state" name="state" defaultValue={values.state ?? ""}>
            <option value="">{t("anyState")}</option>
            {ENDPOINT_STATES.map((s) => (
              <option key={s} value={s}>
                {l.state(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-needs">{ts("needsAction")}</label>
          <select id="f-needs" name="needs" defaultValue={values.needs ?? ""} title={ts("needsActionHelp")}>
            <option value="">{t("anyEndpoint")}</option>
            <option value="action">{t("onlyNeedsAction")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-os">{t("os")}</label>
          <select id="f-os" name="os" defaultValue={values.os ?? ""}>
            <option value="">{tf("any")}</option>
            {Object.entries(OS_LABELS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-evidence">{t("evidence")}</label>
          <select id="f-evidence" name="evidence" defaultValue={values.evidence ?? ""}>
            <option value="">{tf("any")}</option>
            <option value="agent">{t("agentReports")}</option>
            {IMPORT_SOURCES.map((v) => (
              <option key={v} value={v}>
                {l.evidence(v)}
              </option>
            ))}
          </select>
        </div>
        <PresentSelect id="f-present" label={t("present")} options={options} value={values.present} />
        <div className="field">
          <label htmlFor="f-older">{t("olderThan")}</label>
          <input id="f-older" name="olderThan" type="number" min={1} max={3650} inputMode="numeric" defaultValue={values.olderThan ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t("sort")}</label>
          <select id="f-sort" name="sort" defaultValue={values.sort ?? "hostname"}>
            <option value="hostname">{t("sortHostname")}</option>
            <option value="-hostname">{t("sortHostnameDesc")}</option>
            <option value="-lastReport">{t("sortNewest")}</option>
            <option value="lastReport">{t("sortOldest")}</option>
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {tc("apply")}
          </button>
          <Link href="/endpoints" className="btn">
            {tc("reset")}
          </Link>
        </div>
      </div>
    </form>
  );
}
