// The printable page of an agency pack (turned into a tagged PDF by the shared Chromium) in the
// language asked for: the counts, the removal steps per product, every endpoint that needs action
// with its findings, and the waivers in force. Every value from endpoints is escaped: hostnames
// are not trusted. Removal steps in the pack's language where the catalog has them translated;
// steps left in the catalog's English are marked lang="en" (the PDF is tagged).
import { csvWords } from "../i18n/csv-words";
import type { ReportText } from "../reports/i18n";
import { escapeHtml as esc } from "../reports/pdf";
import { type PackData, packGuideSteps } from "./agency-pack";

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const PLATFORM: Record<string, string> = { windows: "Windows", darwin: "macOS", linux: "Linux" };

const CSS = `body{font-family:'Liberation Sans',Arial,sans-serif;font-size:9pt;color:#101828;margin:0}
h1{font-size:16pt;margin:0 0 2mm}h2{font-size:12pt;margin:6mm 0 2mm;break-after:avoid}h3{font-size:10pt;margin:3mm 0 1mm}
.muted{color:#475467}.mono{font-family:'DejaVu Sans Mono',monospace;font-size:8pt}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d5dd;padding:1.2mm 1.5mm;text-align:left;vertical-align:top}
thead{display:table-header-group}tr{break-inside:avoid}.n{text-align:right;font-variant-numeric:tabular-nums}
.figs{display:flex;gap:3mm;margin:3mm 0}.fig{border:1px solid #d0d5dd;padding:2mm 3mm;flex:1}.fig b{display:block;font-size:14pt}
ol{margin:1mm 0 2mm 5mm;padding:0}li{margin:.6mm 0}.guide{break-inside:avoid}`;

export function packHtml(p: PackData, maxRows: number, rt: ReportText): string {
  const { t, f } = rt;
  const words = csvWords(rt.locale);
  const c = p.counts;
  const shown = p.endpoints.slice(0, maxRows);
  const when = (ms: number | null) => (ms === null ? t("reports.pack.never") : iso(ms));
  const fig = (label: string, value: number) => `<div class="fig">${esc(label)}<b>${f.num(value)}</b></div>`;
  const rows = shown
    .map(
      (e) => `<tr><td class="mono">${esc(e.hostname)}</td><td>${esc(e.agencyCode)}</td><td>${esc(words.word("state", e.state))}</td><td>${esc(e.os)}</td><td>${when(e.lastReportAt)}</td>
<td>${e.findings.map((x) => `${esc(x.productName)} <span class="mono">${esc(x.version || "—")}</span>${x.presence === "remnants" ? ` ${esc(t("reports.pack.remnantsNote"))}` : ""}`).join("<br>")}</td>
<td class="n">${e.findings.map((x) => f.num(x.daysOpen)).join("<br>")}</td></tr>`,
    )
    .join("\n");
  const guides = p.guides
    .map((g) => {
      const shown = packGuideSteps(g, words);
      const lang = shown.lang !== rt.locale ? ` lang="${shown.lang}"` : "";
      return `<div class="guide"><h3>${esc(t("reports.pack.guideTitle", { product: g.productName, platform: PLATFORM[g.platform] ?? g.platform }))}</h3><ol${lang}>${shown.steps.map((s) => `<li>${esc(s)}</li>`).join("")}</ol></div>`;
    })
    .join("\n");
  const waivers = p.waivers.length
    ? `<table><thead><tr><th>${esc(t("reports.pack.endpoint"))}</th><th>${esc(t("reports.pack.agency"))}</th><th>${esc(t("reports.pack.product"))}</th><th>${esc(t("reports.pack.justification"))}</th><th>${esc(t("reports.pack.approvedBy"))}</th><th>${esc(t("reports.pack.expires"))}</th></tr></thead><tbody>${p.waivers
        .map(
          (w) =>
            `<tr><td class="mono">${esc(w.hostname)}</td><td>${esc(w.agencyCode)}</td><td>${esc(w.product)}</td><td>${esc(w.justification)}${w.controls ? `<div class="muted">${esc(t("reports.pack.controls", { controls: w.controls }))}</div>` : ""}</td><td>${esc(w.approvedBy)}</td><td>${iso(w.expiresAt).slice(0, 10)}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p>${esc(t("reports.pack.noWaivers"))}</p>`;
  const th = (key: Parameters<typeof t>[0], cls = "") => `<th${cls ? ` class="${cls}"` : ""}>${esc(t(key))}</th>`;
  return `<!doctype html><html lang="${rt.locale}"><head><meta charset="utf-8"><title>${esc(t("reports.pack.title", { name: p.agency.name }))}</title><style>${CSS}</style></head><body>
<h1>${esc(t("reports.pack.title", { name: p.agency.name }))} <span class="mono">${esc(p.agency.code)}</span></h1>
<p class="muted">${esc(t("reports.pack.intro", { time: iso(p.generatedAt), deadline: p.deadline ? f.longDay(p.deadline) : t("reports.pack.noDeadline") }))}
${esc(t("reports.pack.needsActionHelp"))} ${esc(t("reports.pack.csvNote"))}</p>
<div class="figs">${fig(t("reports.pack.needsAction"), c.total)}${fig(t("reports.pack.banned"), c.banned)}${fig(t("reports.pack.remnants"), c.remnants)}${fig(t("reports.pack.staleBanned"), c.staleBanned)}${fig(t("reports.pack.excepted"), c.excepted)}</div>
<h2>${esc(t("reports.pack.howToRemove"))}</h2>
${guides || `<p>${esc(t("reports.pack.nothingToRemove"))}</p>`}
<h2>${esc(t("reports.pack.endpointsTitle", { n: f.num(p.endpoints.length) }))}</h2>
${p.endpoints.length > shown.length ? `<p class="muted">${esc(t("reports.pack.firstN", { shown: f.num(shown.length), total: f.num(p.endpoints.length) }))}</p>` : ""}
<table><thead><tr>${th("reports.pack.hostname")}${th("reports.pack.agency")}${th("reports.pack.state")}${th("reports.pack.os")}${th("reports.pack.lastReport")}${th("reports.pack.products")}${th("reports.pack.daysOpen", "n")}</tr></thead>
<tbody>${rows || `<tr><td colspan="7">${esc(t("reports.pack.noneNeeds"))}</td></tr>`}</tbody></table>
<h2>${esc(t("reports.pack.waiversTitle", { n: f.num(p.waivers.length) }))}</h2>
${waivers}
</body></html>`;
}
