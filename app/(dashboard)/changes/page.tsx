import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { getLabels } from "~/app/_components/get-labels";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { CHANGE_KINDS, type ChangeKind } from "~/server/dashboard/changes";
import { readPeriod } from "~/server/dashboard/period";
import { readFilters } from "~/server/dashboard/url-filters";
import { ENDPOINT_STATES, type EndpointState } from "~/server/db/schema/endpoints";
import { getCaller } from "~/server/trpc/server";
import { z } from "zod";
import { InvalidFilters } from "../_components/invalid-filters";
import { orNotFound } from "../_components/not-found";
import { hrefWith } from "../_components/url";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("changes.page"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ZListParams = {
  agency: z.string().trim().toUpperCase().max(32).optional(),
  after: z
    .string()
    .regex(/^\d+:\d+$/, "Not a cursor")
    .optional(),
};

export default async function ChangesPage({ searchParams }: Props) {
  const sp = await searchParams;
  const period = readPeriod(sp);
  const { values, invalid } = readFilters(ZListParams, ["agency", "after"], sp);
  const kindRaw = Array.isArray(sp.kind) ? sp.kind[0] : sp.kind;
  const kind = (CHANGE_KINDS as readonly string[]).includes(kindRaw ?? "") ? (kindRaw as ChangeKind) : "detected";
  if (kindRaw && kind !== kindRaw) {
    invalid.push({ param: "kind", value: String(kindRaw).slice(0, 80), message: `Not a kind of change (one of ${CHANGE_KINDS.join(", ")})`, problem: { kind: "oneOf", values: [...CHANGE_KINDS] } });
  }
  const agency = values.agency as string | undefined;
  const caller = await getCaller();
  const list = await orNotFound(caller.overview.changeList({ kind, ...period.input, agency, after: values.after as string | undefined }));
  const [fmt, l, t, tk, tc] = await Promise.all([getFormat(), getLabels(), getTranslations("changes.page"), getTranslations("changes"), getTranslations("common")]);
  const isState = (s: string): s is EndpointState => (ENDPOINT_STATES as readonly string[]).includes(s);
  const p = list.period;
  const base = { from: p.from, to: p.to, agency };
  const findingKind = kind === "detected" || kind === "removed" || kind === "reinstalled";
  return (
    <>
      <PageHeader
        crumbs={agency ? <Link href={`/agencies/${agency}`}>{agency}</Link> : <Link href="/">{t("overview")}</Link>}
        title={t("heading", { kind: tk(`kinds.${kind}.title`), from: fmt.day(p.from), to: fmt.day(p.to) })}
        description={agency ? `${tk(`kinds.${kind}.help`)} ${t("agencyScope", { agency })}` : tk(`kinds.${kind}.help`)}
      />
      <InvalidFilters invalid={[...period.invalid, ...invalid]} />
      <nav className="tabs" aria-label={t("tabsLabel")}>
        {CHANGE_KINDS.map((k) => (
          <Link key={k} href={hrefWith("/changes", { ...base, kind: k })} aria-current={k === kind ? "page" : undefined}>
            {tk(`kinds.${k}.title`)}
          </Link>
        ))}
      </nav>
      <p className="result-line">
        <span>
          {t.rich(findingKind ? "countFindings" : kind === "stale" ? "countEndpoints" : "countWaivers", {
            count: list.total,
            strong: (c) => <strong data-testid="changes-total">{c}</strong>,
          })}
        </span>
        <span>{t("order", { count: 100 })}</span>
      </p>
      <div className="table-wrap">
        <table className="data compact" data-testid="changes-table">
          <caption className="sr-only">{tk(`kinds.${kind}.title`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("endpoint")}</th>
              <th scope="col">{t("agency")}</th>
              {kind !== "stale" && <th scope="col">{t("product")}</th>}
              {kind !== "stale" && <th scope="col">{t("version")}</th>}
              <th scope="col">{t("stateNow")}</th>
              {(kind === "granted" || kind === "expired") && <th scope="col">{t("approvedBy")}</th>}
              {kind === "granted" && <th scope="col">{t("expires")}</th>}
              {kind === "stale" && <th scope="col">{t("lastReport")}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.length === 0 && (
              <tr>
                <td colSpan={8} className="empty">
                  {t("empty")}
                </td>
              </tr>
            )}
            {list.items.map((r) => (
              <tr key={r.id}>
                <td className="nowrap small">
                  <LocalTime ms={r.at} />
                </td>
                <td>
                  <Link className="mono nowrap" href={`/endpoints/${r.deviceId}`}>
                    {r.hostname}
                  </Link>
                </td>
                <td className="mono small">{r.agencyCode}</td>
                {kind !== "stale" && (
                  <td>
                    {r.productName}
                    {r.presence === "remnants" ? <span className="muted small"> {t("remnants")}</span> : null}
                  </td>
                )}
                {kind !== "stale" && <td className="mono small">{r.version || "—"}</td>}
                <td>{isState(r.state) ? l.state(r.state) : r.state}</td>
                {(kind === "granted" || kind === "expired") && <td className="small">{r.decidedBy ?? "—"}</td>}
                {kind === "granted" && (
                  <td className="small nowrap">
                    <LocalTime ms={r.expiresAt ?? null} mode="date" />
                  </td>
                )}
                {kind === "stale" && (
                  <td className="small nowrap">
                    <LocalTime ms={r.lastReportAt ?? null} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.next && (
        <nav className="pager" aria-label={t("pages")}>
          <span>
            <Link href={hrefWith("/changes", { ...base, kind })}>{tc("firstPage")}</Link>
          </span>
          <Link className="btn btn-small" href={hrefWith("/changes", { ...base, kind, after: list.next })} rel="next">
            {tc("next")}
          </Link>
        </nav>
      )}
    </>
  );
}
