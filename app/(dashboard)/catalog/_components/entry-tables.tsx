"use client";
// The Catalog page's two entry lists with their actions (officers with deployment-wide reach):
// unrecognized entries, most endpoints first (classify, or mark as not security software), and
// recognised entries found by a search (mark a false positive as not security software).
import { useFormatter, useTranslations } from "next-intl";
import { useRef } from "react";
import { AgentText } from "~/app/_components/agent-text";
import { LocalTime } from "~/app/_components/local-time";
import { categoryLabel } from "./category-label";
import { ClassifyDialog, type DialogHandle, type VendorOption } from "./classify-dialog";
import type { Entry } from "./match-fields";

type Unrecognized = Entry & { category: string | null; firstSeenAt: number; endpoints: number };
type Recognised = Entry & { vendorName: string; productName: string; category: string; endpoints: number };

function EntryCell({ e }: { e: Entry }) {
  return (
    <td style={{ maxWidth: 320 }}>
      <div className="truncate" title={e.name}>
        <AgentText value={e.name} />
      </div>
      {e.identifier && e.identifier !== e.name && (
        <div className="mono small muted truncate" title={e.identifier}>
          <AgentText value={e.identifier} />
        </div>
      )}
    </td>
  );
}

export function UnrecognizedTable({ items, vendors, canChange }: { items: Unrecognized[]; vendors: VendorOption[]; canChange: boolean }) {
  const dialog = useRef<DialogHandle>(null);
  const t = useTranslations("catalog");
  const format = useFormatter();
  return (
    <>
      <div className="table-wrap">
        <table className="data" data-testid="unrecognized-table">
          <caption className="sr-only">{t("entries.unrecognizedCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("entries.name")}</th>
              <th scope="col">{t("entries.publisher")}</th>
              <th scope="col">{t("entries.foundIn")}</th>
              <th scope="col">{t("entries.firstSeen")}</th>
              <th scope="col" className="num">
                {t("entries.endpoints")}
              </th>
              {canChange && (
                <th scope="col">
                  <span className="sr-only">{t("actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={canChange ? 6 : 5} className="empty">
                  {canChange ? t("entries.noneUnrecognized") : t("entries.noneUnrecognizedAgency")}
                </td>
              </tr>
            )}
            {items.map((u) => (
              <tr key={u.id} data-entry={u.name}>
                <EntryCell e={u} />
                <td>
                  <AgentText value={u.publisher} empty={<span className="muted">—</span>} />
                </td>
                <td className="small">
                  {u.source}
                  {u.category && (
                    <div>
                      <span className="tag" title={t("entries.countedAsHelp")}>
                        {t("entries.countedAs", { category: categoryLabel(t, u.category) })}
                      </span>
                    </div>
                  )}
                </td>
                <td className="small nowrap">
                  <LocalTime ms={u.firstSeenAt} mode="date" />
                </td>
                <td className="num" data-testid="unrecognized-endpoints">
                  {format.number(u.endpoints)}
                </td>
                {canChange && (
                  <td className="nowrap">
                    <div className="row" style={{ gap: ".35rem", flexWrap: "nowrap" }}>
                      <button type="button" className="btn btn-small btn-primary" onClick={() => dialog.current?.open(u, "classify")} aria-label={t("entries.classifyLabel", { name: u.name })}>
                        {t("entries.classify")}
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => dialog.current?.open(u, "suppress")} aria-label={t("entries.notSecurityLabel", { name: u.name })}>
                        {t("entries.notSecurity")}
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canChange && <ClassifyDialog ref={dialog} vendors={vendors} />}
    </>
  );
}

export function RecognisedTable({ items, vendors }: { items: Recognised[]; vendors: VendorOption[] }) {
  const dialog = useRef<DialogHandle>(null);
  const t = useTranslations("catalog");
  const format = useFormatter();
  return (
    <>
      <div className="table-wrap">
        <table className="data" data-testid="recognised-table">
          <caption className="sr-only">{t("entries.recognisedCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("entries.name")}</th>
              <th scope="col">{t("entries.publisher")}</th>
              <th scope="col">{t("entries.recognisedAs")}</th>
              <th scope="col">{t("entries.foundIn")}</th>
              <th scope="col" className="num">
                {t("entries.endpoints")}
              </th>
              <th scope="col">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  {t("entries.noneRecognised")}
                </td>
              </tr>
            )}
            {items.map((r) => (
              <tr key={r.id}>
                <EntryCell e={r} />
                <td>
                  <AgentText value={r.publisher} empty={<span className="muted">—</span>} />
                </td>
                <td className="small">
                  {r.vendorName} · {r.productName}
                  <div className="muted">{categoryLabel(t, r.category)}</div>
                </td>
                <td className="small">{r.source}</td>
                <td className="num">{format.number(r.endpoints)}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => dialog.current?.open(r, "suppress")} aria-label={t("entries.notSecurityLabel", { name: r.name })}>
                    {t("entries.notSecurity")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ClassifyDialog ref={dialog} vendors={vendors} />
    </>
  );
}
