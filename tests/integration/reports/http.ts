// Calling the real server as a browser would: tRPC over HTTP (superjson envelope) and the
// download routes, with a session cookie from signInHttp.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type TrpcResult<T> = { ok: true; data: T; status: number } | { ok: false; code: string; message: string; status: number };

async function parse<T>(res: Response): Promise<TrpcResult<T>> {
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string; data: { code: string } } } };
  if (body.result) return { ok: true, data: body.result.data.json, status: res.status };
  return { ok: false, code: body.error!.json.data.code, message: body.error!.json.message, status: res.status };
}

export async function trpcQuery<T>(url: string, cookie: string, proc: string, input: unknown): Promise<TrpcResult<T>> {
  const q = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return parse<T>(await fetch(`${url}/api/trpc/${proc}${q}`, { headers: { cookie } }));
}

export async function trpcMutation<T>(url: string, cookie: string, proc: string, input: unknown): Promise<TrpcResult<T>> {
  return parse<T>(await fetch(`${url}/api/trpc/${proc}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ json: input }) }));
}

export async function download(url: string, cookie: string, p: string): Promise<{ status: number; type: string | null; body: Buffer; disposition: string | null }> {
  const res = await fetch(`${url}${p}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), body: Buffer.from(await res.arrayBuffer()) };
}

/** RFC 4180 parsing (quotes, doubled quotes, CRLF); the BOM and the "#" fingerprint line are returned apart. */
export function parseCsv(text: string): { bom: boolean; header: string[]; rows: string[][]; trailer: string | null } {
  const bom = text.startsWith("\uFEFF");
  let s = bom ? text.slice(1) : text;
  let trailer: string | null = null;
  const m = /\r\n(# [^\r\n]*)\r\n$/.exec(s);
  if (m) {
    trailer = m[1]!;
    s = s.slice(0, m.index + 2);
  }
  const records: string[][] = [];
  let field = "";
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      rec.push(field);
      field = "";
    } else if (c === "\r" && s[i + 1] === "\n") {
      rec.push(field);
      records.push(rec);
      rec = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || rec.length) throw new Error("CSV does not end with CRLF");
  const [header, ...rows] = records;
  return { bom, header: header ?? [], rows, trailer };
}

/** The PDF's text (pdftotext -layout), one string per page. */
export function pdfPages(pdf: Buffer, dir: string, name = "report"): string[] {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p) => p.trim() !== "");
}
