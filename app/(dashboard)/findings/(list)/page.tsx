import type { Metadata } from "next";
import Link from "next/link";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { canWrite } from "~/server/access/scope";
import { FINDING_TABS, findingFiltersFromSearchParams } from "~/server/dashboard/findings-list";
import { getCaller } from "~/server/trpc/server";
import { AgencySelect, PresentSelect } from "../../_components/filter-selects";
import { FindingTable } from "../../_components/finding-table";
import { Pager } from "../../_components/pager";
import { hrefWith } from "../../_components/url";
import { WaiverTable } from "../../_components/waiver-table";

export const metadata: Metadata = { title: "Findings" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TAB_LABELS = { open: "Open", resolved: "Resolved", excepted: "Excepted" } as const;

export default async function FindingsPage({ searchParams }: Props) {
  const input = findingFiltersFromSearchParams(await searchParams);
  const caller = await getCaller();
  const [me, page, counts, options, pending] = await Promise.all([
    caller.users.me(),
    caller.findings.list({ ...input, limit: 50 }),
    caller.findings.tabCounts({ agency: input.agency }),
    caller.endpoints.filterOptions(),
    caller.findings.pendingWaivers(),
  ]);
  const fmt = await getFormat();
  const { after, before, ...filters } = input;
  const params = { ...filters, status: filters.status === "open" ? undefined : filters.status };
  const extra = Boolean(filters.present || filters.presence || filters.version);
  const total = page.total.capped ? `${fmt.n(page.total.value)}+` : fmt.n(page.total.value);
  return (
    <>
      <PageHeader
        title="Findings"
        description="One banned product (or its remnants) on one endpoint, under the policies in force."
        actions={
          <a className="btn" href={hrefWith("/findings/export", { ...filters })} download data-testid="export-findings">
            Export CSV
          </a>
        }
      />

      <section className="section" aria-labelledby="pending-title" style={{ marginTop: 0, marginBottom: "1.25rem" }}>
        <div className="section-head">
          <h2 id="pending-title">
            Waivers awaiting a decision <span className="muted">({fmt.n(pending.total)})</span>
          </h2>
          <span className="muted small">{me.role === "admin" || me.role === "officer" ? "Decided by an administrator or officer other than the requester." : "An administrator or officer decides."}</span>
        </div>
        <WaiverTable items={pending.items} viewer={me} caption="Pending waivers" empty="No waiver is awaiting a decision." />
        {pending.more && (
          <p className="small muted" style={{ marginTop: ".5rem" }}>
            The {fmt.n(pending.items.length)} oldest of {fmt.n(pending.total)} requests are shown; decide these first.
          </p>
        )}
      </section>

      <nav className="tabs" aria-label="Finding status">
        {FINDING_TABS.map((t) => (
          <Link key={t} href={hrefWith("/findings", { ...params, status: t === "open" ? undefined : t })} aria-current={filters.status === t ? "page" : undefined}>
            {TAB_LABELS[t]}
            <span className="count" data-testid={`tab-count-${t}`}>
              {fmt.n(counts[t])}
            </span>
          </Link>
        ))}
      </nav>

      <form className="filters no-print" method="get" action="/findings" aria-label="Filter findings">
        {filters.status !== "open" && <input type="hidden" name="status" value={filters.status} />}
        <div className="form-grid">
          <AgencySelect id="ff-agency" label="Agency" options={options} value={filters.agency} />
          <PresentSelect id="ff-present" label="Vendor or product" options={options} value={filters.present} />
          <div className="field">
            <label htmlFor="ff-version">Version</label>
            <input id="ff-version" name="version" defaultValue={filters.version ?? ""} maxLength={128} />
          </div>
          <div className="field">
            <label htmlFor="ff-presence">Presence</label>
            <select id="ff-presence" name="presence" defaultValue={filters.presence ?? ""}>
              <option value="">Installed or remnants</option>
              <option value="installed">Installed</option>
              <option value="remnants">Remnants only</option>
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Apply
            </button>
            <Link className="btn" href={hrefWith("/findings", { status: params.status })}>
              Reset
            </Link>
          </div>
        </div>
      </form>

      <p className="result-line">
        <span>
          <strong data-testid="findings-total">{total}</strong> {TAB_LABELS[filters.status].toLowerCase()} {page.total.value === 1 ? "finding" : "findings"}
          {filters.agency || extra ? " matching the filters" : ""}
        </span>
        <span>Grouped by product and version, 50 per page</span>
      </p>
      <FindingTable
        items={page.items}
        caption={`${TAB_LABELS[filters.status]} findings`}
        empty={filters.status === "open" ? "No open finding: nothing banned remains here." : `No ${TAB_LABELS[filters.status].toLowerCase()} finding.`}
        canRequest={canWrite(me.role)}
      />
      <Pager path="/findings" params={{ ...params, after, before }} prev={page.prevCursor} next={page.nextCursor} label="Finding pages" />
    </>
  );
}
