// The policies, built-in and local, with their legal reference, measure, scope, agencies, dates and
// whether they are in force; administrators put them in force or withdraw them (impact shown first),
// edit a local draft or make a new version of a local policy that has been in force. Versions that
// a later one replaced stay listed, dimmed, with the dates they were in force.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import type { Policy } from "~/server/policy/service";
import { categoryLabel } from "../../catalog/_components/category-label";
import { PolicyToggle } from "./policy-toggle";

type Props = { policies: Policy[]; isAdmin: boolean; vendorName: Record<string, string>; productName: Record<string, string> };

export async function PoliciesTable({ policies, isAdmin, vendorName, productName }: Props) {
  const fmt = await getFormat();
  const t = await getTranslations("policies.table");
  const tc = await getTranslations("catalog");
  const hasSuccessor = new Set(policies.map((p) => p.previousVersionId).filter((id): id is number => id !== null));
  const ordered = [...policies.filter((p) => p.supersededAt === null), ...policies.filter((p) => p.supersededAt !== null)];
  return (
    <div className="table-wrap">
      <table className="data" data-testid="policies-table">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("policy")}</th>
            <th scope="col">{t("jurisdiction")}</th>
            <th scope="col">{t("legalReference")}</th>
            <th scope="col">{t("measure")}</th>
            <th scope="col">{t("scope")}</th>
            <th scope="col">{t("dates")}</th>
            <th scope="col">{t("inForce")}</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((p) => (
            <tr key={p.id} data-policy={p.slug} className={p.supersededAt !== null ? "muted" : undefined}>
              <td style={{ minWidth: 200 }}>
                <strong>{p.name}</strong>
                <div className="row small" style={{ gap: ".35rem", marginTop: ".15rem" }}>
                  <span className={`tag ${p.origin === "local" ? "tag-purple" : ""}`}>{p.origin === "local" ? t("local") : t("builtIn")}</span>
                  {(p.version > 1 || p.origin === "local") && <span className="tag">{t("version", { version: p.version })}</span>}
                  {p.supersededAt !== null && (
                    <span className="tag">
                      {t("replaced")} <LocalTime ms={p.supersededAt} mode="date" />
                    </span>
                  )}
                </div>
                {p.summary && (
                  <div className="small muted clamp-2" title={p.summary}>
                    {p.summary}
                  </div>
                )}
              </td>
              <td>{p.jurisdiction}</td>
              <td className="small" style={{ maxWidth: 220 }}>
                <div className="clamp-3" title={p.legalReference}>
                  {p.legalUrl ? (
                    <a href={p.legalUrl} rel="noreferrer noopener" target="_blank">
                      {p.legalReference}
                    </a>
                  ) : (
                    p.legalReference
                  )}
                </div>
              </td>
              <td>{p.status === "banned" ? <span className="badge badge-banned">{t("ban")}</span> : <span className="badge badge-unprotected">{t("advisory")}</span>}</td>
              <td className="small">
                {[...p.vendors.map((v) => vendorName[v] ?? v), ...p.products.map((x) => productName[x] ?? x)].join(", ")}
                <div className="muted">{p.categories ? t("onlyCategories", { categories: p.categories.map((c) => categoryLabel(tc, c)).join(", ") }) : t("everyProduct")}</div>
                <div className="muted">{p.agencyCode ? t("agencyAndSubs", { code: p.agencyCode }) : t("everyAgency")}</div>
              </td>
              <td className="small">
                <div className="nowrap">
                  <span className="muted">{t("effective")}</span> {fmt.day(p.effectiveDate)}
                </div>
                <div className="nowrap">
                  <span className="muted">{t("deadline")}</span> {fmt.day(p.deadline)}
                </div>
              </td>
              <td>
                {p.active ? <span className="badge badge-clean">{t("inForce")}</span> : <span className="badge badge-neutral">{t("notInForce")}</span>}
                {p.active && p.activatedAt && (
                  <div className="small muted">
                    {t("since")} <LocalTime ms={p.activatedAt} mode="date" />
                  </div>
                )}
                {isAdmin && p.supersededAt === null && (
                  <div className="row" style={{ marginTop: ".35rem", gap: ".35rem" }}>
                    <PolicyToggle policyId={p.id} name={p.name} active={p.active} />
                    {p.origin === "local" && p.firstInForceAt === null && (
                      <Link className="btn btn-small" href={`/policies/${p.id}/edit`} aria-label={t("editLabel", { name: p.name })}>
                        {t("edit")}
                      </Link>
                    )}
                    {p.origin === "local" && p.firstInForceAt !== null && !hasSuccessor.has(p.id) && (
                      <Link className="btn btn-small" href={`/policies/${p.id}/edit?as=version`} aria-label={t("newVersionLabel", { name: p.name })}>
                        {t("newVersion")}
                      </Link>
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
