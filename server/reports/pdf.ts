// PDF rendering: the server's own headless Chromium (playwright-core, the binary found by
// requireChromium) opens the report's print page on this server over loopback, authenticated by
// a one-minute render token for that report, with JavaScript off and every request to another
// origin refused, and prints it to A4 with the page numbers and the fingerprint in the footer.
// One browser and one context (no cookies, no script) are shared, with a blank page kept ready for
// the next render; all are closed after a minute idle. At most two renders run at once.
import "server-only";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { config } from "../config";
import { CHROMIUM_ARGS, requireChromium } from "../lib/chromium";
import type { Locale } from "../i18n/locales";
import { MusterError } from "../lib/errors";
import { reportText } from "./i18n";
import { RENDER_TOKEN_HEADER } from "./render-token";

const IDLE_CLOSE_MS = 60_000;
const MAX_CONCURRENT = 2;
const NAV_TIMEOUT_MS = 60_000;

type Session = { browser: Browser; context: BrowserContext; spare: Promise<Page> | null };
type Shared = { session: Promise<Session> | null; idle: NodeJS.Timeout | null; active: number; waiting: (() => void)[] };
const g = globalThis as unknown as { __musterPdf?: Shared };
const shared: Shared = (g.__musterPdf ??= { session: null, idle: null, active: 0, waiting: [] });

/** Where this server can reach itself: MUSTER_INTERNAL_URL, else loopback on the listening port. */
export function internalBaseUrl(): string {
  if (config.internalUrl) return config.internalUrl;
  const host = config.host;
  const h = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
  return `http://${h}:${config.port}`;
}

async function launch(): Promise<Session> {
  let executablePath: string;
  try {
    executablePath = requireChromium();
  } catch (err) {
    throw new MusterError("UNAVAILABLE", `PDF rendering is not available on this server. ${(err as Error).message}`);
  }
  const { chromium } = await import("playwright-core");
  try {
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, "--no-proxy-server"], timeout: 30_000 });
    browser.on("disconnected", () => {
      shared.session = null;
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    return { browser, context, spare: context.newPage() };
  } catch (err) {
    throw new MusterError("UNAVAILABLE", `PDF rendering failed: Chromium (${executablePath}) did not start: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** A blank page of the shared context (the spare one if ready), and a new spare for the next render. */
async function acquire(): Promise<Page> {
  if (shared.active >= MAX_CONCURRENT) await new Promise<void>((resolve) => shared.waiting.push(resolve));
  shared.active++;
  if (shared.idle) clearTimeout(shared.idle);
  shared.idle = null;
  try {
    shared.session ??= launch();
    const session = await shared.session;
    const page = await (session.spare ?? session.context.newPage());
    session.spare = session.context.newPage();
    session.spare.catch(() => {});
    return page;
  } catch (err) {
    shared.session = null;
    release();
    throw err;
  }
}

function release(): void {
  shared.active--;
  shared.waiting.shift()?.();
  if (shared.active === 0 && !shared.idle) {
    shared.idle = setTimeout(() => {
      shared.idle = null;
      const s = shared.session;
      shared.session = null;
      void s?.then((x) => x.browser.close()).catch(() => {});
    }, IDLE_CLOSE_MS);
    shared.idle.unref();
  }
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const BAND = "font-family:'Liberation Sans',Arial,sans-serif;font-size:7pt;color:#475467;width:100%;padding:0 14mm;display:flex;justify-content:space-between;gap:6mm";

/** A4 with a header and a footer band (page numbers at the right), tagged for screen readers
 *  (structure tree, headings, tables) with an outline from the headings. */
function printOptions(header: string, footer: string, locale: Locale) {
  // Chromium fills the page number and count into these spans.
  const page = escapeHtml(reportText(locale).t("report.pdf.page", { page: "\u0001", total: "\u0002" }))
    .replace("\u0001", '<span class="pageNumber"></span>')
    .replace("\u0002", '<span class="totalPages"></span>');
  return {
    format: "A4",
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${BAND}">${header}</div>`,
    footerTemplate: `<div style="${BAND}">${footer}<span style="white-space:nowrap">${page}</span></div>`,
    margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
  };
}

export type PdfJob = { reportId: number; token: string; sha256: string; heading: string; locale: Locale; baseUrl?: string; path?: string };

/** A page of the shared browser for one render, closed and released whatever happens; failures
 *  come back as a MusterError (503) with Chromium's first line. */
async function withPage<T>(render: (page: Page) => Promise<T>): Promise<T> {
  const page = await acquire();
  try {
    return await render(page);
  } catch (err) {
    if (err instanceof MusterError) throw err;
    throw new MusterError("UNAVAILABLE", `PDF rendering failed: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    await page.close().catch(() => {});
    release();
  }
}

export async function renderReportPdf(job: PdfJob): Promise<Buffer> {
  const base = job.baseUrl ?? internalBaseUrl();
  const origin = new URL(base).origin;
  return withPage(async (page) => {
    // The print page is in the language asked for: named in its address, and as the browser's
    // language (the page has no session, so the root layout's <html lang> follows the browser).
    await page.setExtraHTTPHeaders({ [RENDER_TOKEN_HEADER]: job.token, "accept-language": job.locale });
    await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
    const res = await page.goto(`${base}${job.path ?? `/report-print/${job.reportId}?lang=${job.locale}`}`, { waitUntil: "load", timeout: NAV_TIMEOUT_MS });
    if (res?.status() !== 200) throw new MusterError("UNAVAILABLE", `PDF rendering failed: the print page answered ${res?.status() ?? "nothing"}`);
    return page.pdf(
      printOptions(
        `<span>${escapeHtml(job.heading)}</span><span>${escapeHtml(reportText(job.locale).t("report.pdf.reportNo", { id: job.reportId }))}</span>`,
        `<span>SHA-256 <span style="font-family:'DejaVu Sans Mono',monospace;font-size:6.5pt">${escapeHtml(job.sha256)}</span></span>`,
        job.locale,
      ),
    );
  });
}

/** A self-contained HTML document (no network: every request is refused) printed to a tagged A4 PDF. */
export async function renderHtmlPdf(html: string, opts: { heading: string; footer: string; locale: Locale }): Promise<Buffer> {
  return withPage(async (page) => {
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load", timeout: NAV_TIMEOUT_MS });
    return page.pdf(printOptions(`<span>${escapeHtml(opts.heading)}</span>`, `<span>${escapeHtml(opts.footer)}</span>`, opts.locale));
  });
}
