// A streaming reader of large JSON exports: the elements of a top-level array, or of the arrays
// under chosen keys of top-level objects (`value` of a Graph page, `hosts` of a Fleet response),
// are parsed one at a time, so a file of any size never sits in memory whole. Several top-level
// values one after the other (pages saved into one file) are read in turn. Other members of the
// top-level objects (`@odata.nextLink`, a report's `Schema`) come out as `meta` items.
import type { Said } from "~/server/i18n/said";
import { quoted, say } from "../texts";

export type JsonItem =
  | { kind: "element"; line: number; key: string | null; value: unknown }
  | { kind: "meta"; line: number; key: string; value: unknown }
  | { kind: "error"; line: number; text: Said };

type State = "top" | "arrayStart" | "arrayNext" | "objectStart" | "objectKey" | "colon" | "objectValue" | "objectNext";

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

export async function* jsonElements(text: AsyncIterable<string>, arrayKeys: readonly string[], maxElement = 16 << 20): AsyncGenerator<JsonItem> {
  const wanted = new Set(arrayKeys);
  let buf = "";
  let i = 0;
  let line = 1;
  let state: State = "top";
  let arrayKey: string | null = null;
  let memberKey = "";
  // The value being captured: where it starts in buf, its line, nesting, string state.
  let cap: (Capture & { line: number; into: "element" | "meta" | "key" }) | null = null;
  const fail = (text: Said): JsonItem => ({ kind: "error", line, text });

  for await (const chunk of text) {
    const keep = cap ? cap.start : i;
    buf = keep < buf.length ? buf.slice(keep) + chunk : chunk;
    i = 0;
    if (cap) {
      if (cap.pos !== undefined) cap.pos -= keep;
      cap.start = 0;
    }
    for (;;) {
      if (cap) {
        const end = scan(buf, cap);
        if (end < 0) {
          if (buf.length - cap.start > maxElement) {
            yield fail(say("jsonTooLong", { max: maxElement, line: cap.line }));
            return;
          }
          i = buf.length;
          break;
        }
        const raw = buf.slice(cap.start, end);
        const at = cap.line;
        line += cap.lines;
        const into = cap.into;
        cap = null;
        i = end;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (err) {
          yield { kind: "error", line: at, text: say("notJson", { detail: (err as Error).message }) };
          return;
        }
        if (into === "key") {
          memberKey = String(value);
          state = "colon";
        } else if (into === "element") {
          yield { kind: "element", line: at, key: arrayKey, value };
          state = "arrayNext";
        } else {
          yield { kind: "meta", line: at, key: memberKey, value };
          state = "objectNext";
        }
        continue;
      }
      // Skip whitespace, counting lines.
      while (i < buf.length && WS.has(buf.charCodeAt(i))) {
        if (buf.charCodeAt(i) === 0x0a) line++;
        i++;
      }
      if (i >= buf.length) break;
      const ch = buf[i]!;
      const start = (into: "element" | "meta" | "key") => ({ start: i, line, depth: 0, inStr: false, esc: false, scalar: !'{["'.includes(ch), into, lines: 0 });
      switch (state) {
        case "top":
          if (ch === "[") {
            arrayKey = null;
            state = "arrayStart";
          } else if (ch === "{") state = "objectStart";
          else {
            yield fail(say("jsonArrayOrObject", { found: ch }));
            return;
          }
          i++;
          break;
        case "arrayStart":
          if (ch === "]") {
            state = arrayKey === null ? "top" : "objectNext";
            i++;
          } else cap = start("element");
          break;
        case "arrayNext":
          if (ch === ",") {
            state = "arrayStart";
            i++;
            // "[1,]" is not JSON: the next token must be a value.
            continue;
          }
          if (ch === "]") {
            state = arrayKey === null ? "top" : "objectNext";
            i++;
            break;
          }
          yield fail(say("jsonArrayComma", { found: ch }));
          return;
        case "objectStart":
        case "objectKey":
          if (ch === "}" && state === "objectStart") {
            state = "top";
            i++;
          } else if (ch === '"') cap = start("key");
          else {
            yield fail(say("jsonMemberName", { found: ch }));
            return;
          }
          break;
        case "colon":
          if (ch !== ":") {
            yield fail(say("jsonColon", { member: quoted(memberKey), found: ch }));
            return;
          }
          state = "objectValue";
          i++;
          break;
        case "objectValue":
          if (ch === "[" && wanted.has(memberKey)) {
            arrayKey = memberKey;
            state = "arrayStart";
            i++;
          } else cap = start("meta");
          break;
        case "objectNext":
          if (ch === ",") state = "objectKey";
          else if (ch === "}") state = "top";
          else {
            yield fail(say("jsonObjectComma", { found: ch }));
            return;
          }
          i++;
          break;
      }
    }
  }
  if (cap) {
    yield { kind: "error", line: (cap as { line: number }).line, text: say("jsonEndsInside") };
    return;
  }
  if (state !== "top") yield fail(say("jsonIncomplete"));
}

type Capture = { start: number; depth: number; inStr: boolean; esc: boolean; scalar: boolean; lines: number; pos?: number };

/** Continues scanning a captured value; returns its end (exclusive) or -1 when buf ends first. */
function scan(buf: string, c: Capture): number {
  let i = c.pos ?? c.start;
  const n = buf.length;
  if (c.scalar) {
    while (i < n) {
      const code = buf.charCodeAt(i);
      if (code === 0x2c || code === 0x5d || code === 0x7d || WS.has(code)) {
        c.pos = undefined;
        return i;
      }
      i++;
    }
    c.pos = i;
    return -1;
  }
  while (i < n) {
    const code = buf.charCodeAt(i);
    if (c.inStr) {
      if (c.esc) c.esc = false;
      else if (code === 0x5c) c.esc = true;
      else if (code === 0x22) {
        c.inStr = false;
        if (c.depth === 0) {
          c.pos = undefined;
          return i + 1;
        }
      }
    } else if (code === 0x22) c.inStr = true;
    else if (code === 0x7b || code === 0x5b) c.depth++;
    else if (code === 0x7d || code === 0x5d) {
      c.depth--;
      if (c.depth === 0) {
        c.pos = undefined;
        return i + 1;
      }
    } else if (code === 0x0a) c.lines++;
    i++;
  }
  c.pos = i;
  return -1;
}
