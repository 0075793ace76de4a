// An e-mail as a short list of blocks, rendered twice: plain text and simple HTML (inline styles,
// one table-based column, as mail clients need). Every value is escaped here; templates never
// write markup. Texts come from the message catalog (i18n.ts), never from this file.
export type Item = { title: string; detail?: string; url?: string; linkLabel?: string };
export type Figure = { label: string; value: string };
export type Table = { head: string[]; rows: { cells: string[]; url?: string; tone?: Tone; indent?: number }[]; numeric: boolean[] };
export type Tone = "bad" | "warn" | "ok" | "neutral";

export type Block =
  | { type: "p"; text: string; muted?: boolean }
  | { type: "h2"; text: string }
  | { type: "items"; items: Item[] }
  | { type: "figures"; items: Figure[] }
  | { type: "table"; table: Table }
  | { type: "button"; label: string; url: string };

export type Doc = {
  lang: string;
  title: string;
  subtitle?: string;
  greeting: string;
  blocks: Block[];
  footer: { why: string; links: { label: string; url: string }[] };
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function renderText(doc: Doc): string {
  const out: string[] = [doc.title, "=".repeat(Math.min(doc.title.length, 72))];
  if (doc.subtitle) out.push(doc.subtitle);
  out.push("", doc.greeting, "");
  for (const b of doc.blocks) {
    if (b.type === "p") out.push(b.text, "");
    else if (b.type === "h2") out.push(b.text, "-".repeat(Math.min(b.text.length, 72)));
    else if (b.type === "button") out.push(`${b.label}: ${b.url}`, "");
    else if (b.type === "figures") {
      const w = Math.max(...b.items.map((f) => f.label.length));
      for (const f of b.items) out.push(`  ${f.label.padEnd(w)}  ${f.value}`);
      out.push("");
    } else if (b.type === "items") {
      for (const it of b.items) {
        out.push(`* ${it.title}`);
        if (it.detail) out.push(`  ${it.detail}`);
        if (it.url) out.push(`  ${it.url}`);
      }
      out.push("");
    } else {
      const { head, rows, numeric } = b.table;
      const cellsOf = (r: Table["rows"][number]) => r.cells.map((c, i) => (i === 0 ? `${"  ".repeat(r.indent ?? 0)}${c}` : c));
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => cellsOf(r)[i]!.length)));
      const line = (cells: string[]) =>
        cells
          .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
          .join("  ")
          .trimEnd();
      out.push(line(head), widths.map((w) => "-".repeat(w)).join("  "));
      for (const r of rows) out.push(line(cellsOf(r)));
      out.push("");
    }
  }
  out.push("--", doc.footer.why);
  for (const l of doc.footer.links) out.push(`${l.label}: ${l.url}`);
  return `${out.join("\n")}\n`;
}

const INK = "#101828";
const MUTED = "#667085";
const LINE = "#eaecf0";
const ACCENT = "#1f5fbf";
const TONES: Record<Tone, string> = { bad: "#b42318", warn: "#b54708", ok: "#067647", neutral: "#475467" };
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,'Liberation Sans',Arial,sans-serif";

function blockHtml(b: Block): string {
  switch (b.type) {
    case "p":
      return `<p style="margin:0 0 14px;${b.muted ? `color:${MUTED};` : ""}">${esc(b.text)}</p>`;
    case "h2":
      return `<h2 style="margin:22px 0 10px;font-size:16px;color:${INK}">${esc(b.text)}</h2>`;
    case "button":
      return `<p style="margin:18px 0"><a href="${esc(b.url)}" style="display:inline-block;background:${ACCENT};color:#ffffff;padding:9px 16px;border-radius:6px;text-decoration:none;font-weight:600">${esc(b.label)}</a></p>`;
    case "figures": {
      const cells = b.items
        .map(
          (f) =>
            `<td style="padding:8px 10px;border:1px solid ${LINE};border-radius:6px;vertical-align:top"><div style="font-size:12px;color:${MUTED}">${esc(f.label)}</div><div style="font-size:20px;font-weight:650;color:${INK}">${esc(f.value)}</div></td>`,
        )
        .join("");
      return `<table role="presentation" cellspacing="6" cellpadding="0" style="border-collapse:separate;margin:0 -6px 10px"><tr>${cells}</tr></table>`;
    }
    case "items":
      return b.items
        .map(
          (it) =>
            `<div style="border-left:3px solid ${ACCENT};padding:4px 0 4px 12px;margin:0 0 14px"><div style="font-weight:650;color:${INK}">${esc(it.title)}</div>` +
            (it.detail ? `<div style="color:#344054;margin-top:2px">${esc(it.detail)}</div>` : "") +
            (it.url ? `<div style="margin-top:4px"><a href="${esc(it.url)}" style="color:${ACCENT}">${esc(it.linkLabel ?? it.url)}</a></div>` : "") +
            "</div>",
        )
        .join("");
    case "table": {
      const { head, rows, numeric } = b.table;
      const align = (i: number) => (numeric[i] ? "right" : "left");
      const th = head.map((h, i) => `<th style="text-align:${align(i)};padding:6px 8px;border-bottom:2px solid ${LINE};font-size:12px;color:${MUTED};font-weight:600">${esc(h)}</th>`).join("");
      const tr = rows
        .map(
          (r) =>
            `<tr>${r.cells
              .map((c, i) => {
                const text = i === 0 && r.url ? `<a href="${esc(r.url)}" style="color:${ACCENT};text-decoration:none">${esc(c)}</a>` : esc(c);
                const tone = i === 1 && r.tone ? `color:${TONES[r.tone]};font-weight:600;` : "";
                const pad = i === 0 ? `padding:6px 8px 6px ${8 + 14 * (r.indent ?? 0)}px;` : "padding:6px 8px;white-space:nowrap;";
                return `<td style="text-align:${align(i)};${pad}border-bottom:1px solid ${LINE};${tone}${numeric[i] ? "font-variant-numeric:tabular-nums;" : ""}">${text}</td>`;
              })
              .join("")}</tr>`,
        )
        .join("");
      return `<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%;margin:0 0 14px;font-size:13px"><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
    }
  }
}

export function renderHtml(doc: Doc): string {
  const links = doc.footer.links.map((l) => `<a href="${esc(l.url)}" style="color:${MUTED}">${esc(l.label)}</a>`).join(" &middot; ");
  return `<!doctype html>
<html lang="${esc(doc.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(doc.title)}</title></head>
<body style="margin:0;padding:0;background:#f5f6f8">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f5f6f8"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="640" cellspacing="0" cellpadding="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid ${LINE};border-radius:8px;${FONT};font-size:14px;line-height:1.5;color:${INK}">
<tr><td style="background:#1d2b4f;color:#ffffff;padding:14px 24px;border-radius:8px 8px 0 0;font-weight:700;font-size:16px">Muster</td></tr>
<tr><td style="padding:22px 24px 8px">
<h1 style="margin:0 0 4px;font-size:20px;color:${INK}">${esc(doc.title)}</h1>
${doc.subtitle ? `<p style="margin:0 0 16px;color:${MUTED}">${esc(doc.subtitle)}</p>` : ""}
<p style="margin:0 0 14px">${esc(doc.greeting)}</p>
${doc.blocks.map(blockHtml).join("\n")}
</td></tr>
<tr><td style="padding:14px 24px 20px;border-top:1px solid ${LINE};font-size:12px;color:${MUTED}">${esc(doc.footer.why)}<br>${links}</td></tr>
</table></td></tr></table>
</body></html>
`;
}
