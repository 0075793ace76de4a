import type { Metadata } from "next";
import { getFormat } from "~/app/_components/format";
import { STATE_LABELS } from "~/app/_components/labels";
import { PageHeader } from "~/app/_components/page-header";
import { filtersFromSearchParams } from "~/server/dashboard/endpoints-list";
import { getCaller } from "~/server/trpc/server";
import { EndpointTable } from "../../_components/endpoint-table";
import { Pager } from "../../_components/pager";
import { hrefWith } from "../../_components/url";
import { EndpointFilters } from "../_components/endpoint-filters";

export const metadata: Metadata = { title: "Endpoints" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EndpointsPage({ searchParams }: Props) {
  const input = filtersFromSearchParams(await searchParams);
  const caller = await getCaller();
  const [page, options] = await Promise.all([caller.endpoints.list({ ...input, limit: 50 }), caller.endpoints.filterOptions()]);
  const fmt = await getFormat();
  const { after, before, ...filters } = input;
  const params = { ...filters, sort: filters.sort === "hostname" ? undefined : filters.sort };
  const active = Object.entries(filters).filter(([k, v]) => k !== "sort" && v !== undefined).length;
  const total = page.total.estimated ? `about ${fmt.n(page.total.value)}` : page.total.capped ? `${fmt.n(page.total.value)}+` : fmt.n(page.total.value);
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="Every enrolled machine with its state. Filters are kept in the address, so a view can be shared."
        actions={
          <a className="btn" href={hrefWith("/endpoints/export", params)} download data-testid="export-endpoints">
            Export CSV
          </a>
        }
      />
      <EndpointFilters options={options} values={filters} />
      <p className="result-line" aria-live="polite">
        <span>
          <strong data-testid="endpoints-total">{total}</strong> {page.total.value === 1 ? "endpoint" : "endpoints"}
          {filters.state ? ` in state ${STATE_LABELS[filters.state]}` : ""}
          {active > 0 ? ` matching ${active} filter${active > 1 ? "s" : ""}` : ""}
          {page.total.estimated ? " (estimated from a sample)" : ""}
        </span>
        <span>50 per page</span>
      </p>
      <EndpointTable
        items={page.items}
        caption="Endpoints"
        empty={active > 0 ? "No endpoint matches these filters." : "No endpoint is enrolled yet: create an enrollment token and install the agent."}
      />
      <Pager path="/endpoints" params={{ ...params, after, before }} prev={page.prevCursor} next={page.nextCursor} label="Endpoint pages" />
    </>
  );
}
