import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { canWrite } from "~/server/access/scope";
import { FINDING_TABS, findingFiltersFromSearchParams } from "~/server/dashboard/findings-list";
import { getCaller } from "~/server/trpc/server";
import { AgencySelect, PresentSelect } from "../../_components/filter-selects";
import { FindingTable } from "../../_components/finding-table";
import { InvalidFilters } from "../../_components/invalid-filters";
import { Pager } from "../../_components/pager";
import { hrefWith } from "../../_components/url";
import { WaiverTable } from "../../_components/waiver-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("findings"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FindingsPage({ searchParams }: Props) {
  const { filters, after, before, invalid } = findingFiltersFromSearchParams(await searchParams);
  const caller = await getCaller();
  const [me, page, counts, options, pending] = await Promise.all([
    caller.users.me(),
    caller.findings.list({ ...filters, after, before, limit: 50 }),
    caller.findings.tabCounts({ agency: filters.agency }),
    caller.endpoints.filterOptions({ present: filters.present }),
    caller.findings.pendingWaivers(),
  ]);
  const [fmt, t, tc] = await Promise.all([getFormat(), getTranslations("findings"), getTranslations("common")]);
  const params = { ...filters, status: filters.status === "open" ? undefined : filters.status };
  const extra = Boolean(filters.present || filters.presence || filters.version);
  const tab = filters.status;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a className="btn" href={hrefWith("/findings/export", { ...filters })} download data-testid="export-findings">
            {tc("exportCsv")}
          </a>
        }
      />

      <InvalidFilters invalid={invalid} />
      <section className="section" aria-labelledby="pending-title" style={{ marginTop: 0, marginBottom: "1.25rem" }}>
        <div className="section-head">
          <h2 id="pending-title">
            {t("pending.title")} <span className="muted">({fmt.n(pending.total)})</span>
          </h2>
          <span className="muted small">{me.role === "admin" || me.role === "officer" ? t("pending.whoOther") : t("pending.who")}</span>
        </div>
        <WaiverTable items={pending.items} viewer={me} caption={t("pending.caption")} empty={t("pending.empty")} />
        {pending.more && (
          <p className="small muted" style={{ marginTop: ".5rem" }}>
            {t("pending.more", { shown: pending.items.length, total: pending.total })}
          </p>
        )}
      </section>

      <nav className="tabs" aria-label={t("tabsLabel")}>
        {FINDING_TABS.map((tabKey) => (
          <Link key={tabKey} href={hrefWith("/findings", { ...params, status: tabKey === "open" ? undefined : tabKey })} aria-current={tab === tabKey ? "page" : undefined}>
            {t(`tabs.${tabKey}`)}
            <span className="count" data-testid={`tab-count-${tabKey}`}>
              {fmt.n(counts[tabKey])}
            </span>
          </Link>
        ))}
      </nav>

      <form className="filters no-print" method="get" action="/findings" aria-label={t("filters.label")}>
        {filters.status !== "open" && <input type="hidden" name="status" value={filters.status} />}
        <div className="form-grid">
          <AgencySelect id="ff-agency" label={t("filters.agency")} options={options} value={filters.agency} />
          <PresentSelect id="ff-present" label={t("filters.present")} options={options} value={filters.present} />
          <div className="field">
            <label htmlFor="ff-version">{t("filters.version")}</label>
            <input id="ff-version" name="version" defaultValue={filters.version ?? ""} maxLength={128} />
          </div>
          <div className="field">
            <label htmlFor="ff-presence">{t("filters.presence")}</label>
            <select id="ff-presence" name="presence" defaultValue={filters.presence ?? ""}>
              <option value="">{t("filters.presenceAny")}</option>
              <option value="installed">{t("filters.presenceInstalled")}</option>
              <option value="remnants">{t("filters.presenceRemnants")}</option>
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              {tc("apply")}
            </button>
            <Link className="btn" href={hrefWith("/findings", { status: params.status })}>
              {tc("reset")}
            </Link>
          </div>
        </div>
      </form>

      <p className="result-line">
        <span>
          {t.rich(`count.${tab}`, {
            count: page.total.value,
            more: page.total.capped ? "+" : "",
            strong: (c) => <strong data-testid="findings-total">{c}</strong>,
          })}
          {filters.agency || extra ? ` ${t("matching")}` : ""}
        </span>
        <span>{t("grouped", { count: 50 })}</span>
      </p>
      <FindingTable items={page.items} caption={t(`caption.${tab}`)} empty={t(`empty.${tab}`)} canRequest={canWrite(me.role)} />
      <Pager path="/findings" params={{ ...params, after, before }} prev={page.prevCursor} next={page.nextCursor} label={t("pages")} />
    </>
  );
}
