import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getLabels } from "~/app/_components/get-labels";
import { PageHeader } from "~/app/_components/page-header";
import { filtersFromSearchParams } from "~/server/dashboard/endpoints-list";
import { getCaller } from "~/server/trpc/server";
import { EndpointTable } from "../../_components/endpoint-table";
import { Pager } from "../../_components/pager";
import { hrefWith } from "../../_components/url";
import { EndpointFilters } from "../_components/endpoint-filters";
import { InvalidFilters } from "../../_components/invalid-filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("endpoints"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EndpointsPage({ searchParams }: Props) {
  const { filters, after, before, invalid } = filtersFromSearchParams(await searchParams);
  const caller = await getCaller();
  const [page, options] = await Promise.all([caller.endpoints.list({ ...filters, after, before, limit: 50 }), caller.endpoints.filterOptions({ present: filters.present })]);
  const [l, t, tc] = await Promise.all([getLabels(), getTranslations("endpoints"), getTranslations("common")]);
  const params = { ...filters, sort: filters.sort === "hostname" ? undefined : filters.sort };
  const active = Object.entries(filters).filter(([k, v]) => k !== "sort" && v !== undefined).length;
  const count = page.total.value;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a className="btn" href={hrefWith("/endpoints/export", params)} download data-testid="export-endpoints">
            {tc("exportCsv")}
          </a>
        }
      />
      <InvalidFilters invalid={invalid} />
      <EndpointFilters options={options} values={filters} />
      <p className="result-line" aria-live="polite">
        <span>
          {t.rich("resultCount", { count, strong: (c) => <strong data-testid="endpoints-total">{c}</strong> })}
          {filters.needs ? ` ${t("resultNeedsAction")}` : ""}
          {filters.state ? ` ${t("resultInState", { state: l.state(filters.state) })}` : ""}
          {active > 0 ? ` ${t("resultMatching", { count: active })}` : ""}
        </span>
        <span>{t("perPage", { count: 50 })}</span>
      </p>
      <EndpointTable items={page.items} caption={t("title")} empty={active > 0 ? t("emptyFiltered") : t("empty")} />
      <Pager path="/endpoints" params={{ ...params, after, before }} prev={page.prevCursor} next={page.nextCursor} label={t("pages")} />
    </>
  );
}
