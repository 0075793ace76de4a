// Bytes to text for the parsers, streaming: the encoding is decided from the first chunk (a BOM
// says UTF-8 or UTF-16; otherwise UTF-8, unless the start is not valid UTF-8, then Windows-1252 as
// SQL Server tools write it), and the BOM itself is dropped.
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function encodingOf(head: Buffer): { encoding: string; skip: number } {
  if (head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2]) return { encoding: "utf-8", skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return { encoding: "utf-8", skip: 0 };
  } catch {
    return { encoding: "windows-1252", skip: 0 };
  }
}

/** Decoded text chunks of a byte stream, and the encoding used (known after the first chunk). */
export async function* decodeText(bytes: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>, info: { encoding?: string } = {}): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let head: Buffer | null = null;
  for await (const chunk of bytes) {
    if (typeof chunk === "string") {
      info.encoding ??= "utf-16 (string)";
      yield chunk.charCodeAt(0) === 0xfeff && !decoder ? chunk.slice(1) : chunk;
      decoder ??= new TextDecoder();
      continue;
    }
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (!decoder) {
      // The encoding is decided on at least the first 4 bytes (a byte order mark may be cut).
      head = head ? Buffer.concat([head, buf]) : buf;
      if (head.length < 4) continue;
      buf = head;
      head = null;
      const { encoding, skip } = encodingOf(buf);
      info.encoding = encoding;
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      const text = decoder.decode(buf.subarray(skip), { stream: true });
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(buf, { stream: true });
    if (text) yield text;
  }
  if (!decoder && head?.length) {
    const { encoding, skip } = encodingOf(head);
    info.encoding = encoding;
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
    const text = decoder.decode(head.subarray(skip), { stream: true });
    if (text) yield text;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

/** Splits text chunks into lines (without their line break), with 1-based line numbers. */
export async function* textLines(text: AsyncIterable<string>, maxLine: number): AsyncGenerator<{ line: number; text: string; tooLong?: true }> {
  let carry = "";
  let line = 0;
  let skipping = false;
  for await (const chunk of text) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf("\n", start);
      if (nl < 0) break;
      let piece = carry + chunk.slice(start, nl);
      carry = "";
      start = nl + 1;
      line++;
      if (skipping) {
        skipping = false;
        yield { line, text: "", tooLong: true };
        continue;
      }
      if (piece.endsWith("\r")) piece = piece.slice(0, -1);
      yield { line, text: piece };
    }
    if (!skipping) {
      carry += chunk.slice(start);
      if (carry.length > maxLine) {
        carry = "";
        skipping = true;
      }
    }
  }
  if (skipping) yield { line: line + 1, text: "", tooLong: true };
  else if (carry.length) yield { line: line + 1, text: carry.endsWith("\r") ? carry.slice(0, -1) : carry };
}

/** The first chunk of a text stream and the whole stream again. */
export async function peek(text: AsyncIterable<string>): Promise<[string, AsyncIterable<string>]> {
  const it = text[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? "" : first.value;
  async function* again() {
    if (!first.done) yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  return [head, again()];
}
