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
import { MusterError } from "../lib/errors";
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
  if (process.env.MUSTER_INTERNAL_URL) return process.env.MUSTER_INTERNAL_URL.replace(/\/$/, "");
  const host = process.env.HOST || "0.0.0.0";
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

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PdfJob = { reportId: number; token: string; sha256: string; heading: string; baseUrl?: string; path?: string };

export async function renderReportPdf(job: PdfJob): Promise<Buffer> {
  const base = job.baseUrl ?? internalBaseUrl();
  const origin = new URL(base).origin;
  const page = await acquire();
  try {
    await page.setExtraHTTPHeaders({ [RENDER_TOKEN_HEADER]: job.token });
    await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
    const res = await page.goto(`${base}${job.path ?? `/report-print/${job.reportId}`}`, { waitUntil: "load", timeout: NAV_TIMEOUT_MS });
    if (!res || res.status() !== 200) throw new MusterError("UNAVAILABLE", `PDF rendering failed: the print page answered ${res?.status() ?? "nothing"}`);
    const style = "font-family:'Liberation Sans',Arial,sans-serif;font-size:7pt;color:#475467;width:100%;padding:0 14mm;display:flex;justify-content:space-between;gap:6mm";
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${style}"><span>${escapeHtml(job.heading)}</span><span>Muster report ${job.reportId}</span></div>`,
      footerTemplate: `<div style="${style}"><span>SHA-256 <span style="font-family:'DejaVu Sans Mono',monospace;font-size:6.5pt">${escapeHtml(job.sha256)}</span></span><span style="white-space:nowrap">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      margin: { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" },
    });
  } catch (err) {
    if (err instanceof MusterError) throw err;
    throw new MusterError("UNAVAILABLE", `PDF rendering failed: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    await page.close().catch(() => {});
    release();
  }
}
