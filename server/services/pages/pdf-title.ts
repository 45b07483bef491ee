/**
 * A PDF's own title from its document information dictionary, read straight from the bytes: the last
 * trailer's (or cross-reference stream's) `/Info n g R`, that object, its `/Title` as a literal or hex
 * string. No PDF library: a title is worth a few string searches, not a parser of hostile files. An Info
 * dictionary packed into a compressed object stream, or a title given by reference, is not found, and the
 * extractor falls back to the file name as a browser's PDF tab does.
 */

// An Info dictionary is a few hundred bytes; past this the search has found something else.
const MAX_INFO_OBJECT_CHARS = 64 * 1024;
const MAX_TITLE_BYTES = 4096;

export function pdfTitle(body: Uint8Array): string | null {
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString("latin1");
  const infoRefs = [...text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R\b/g)];
  const last = infoRefs[infoRefs.length - 1];
  if (!last) return null;
  // The object may be defined more than once (incremental updates): the last definition counts.
  const definitions = [...text.matchAll(new RegExp(`(?:^|[^0-9])${last[1]}\\s+${last[2]}\\s+obj\\b`, "g"))];
  const definition = definitions[definitions.length - 1];
  if (!definition) return null;
  const start = definition.index + definition[0].length;
  const end = text.indexOf("endobj", start);
  const object = text.slice(start, end < 0 ? start + MAX_INFO_OBJECT_CHARS : Math.min(end, start + MAX_INFO_OBJECT_CHARS));
  const title = /\/Title\s*([(<])/.exec(object);
  if (!title) return null;
  const at = title.index + title[0].length;
  const bytes = title[1] === "(" ? literalString(object, at) : hexString(object, at);
  if (!bytes) return null;
  const decoded = decodeTextString(bytes).replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return decoded || null;
}

/** The bytes of a literal string whose opening parenthesis ends just before `at`: escapes, nested parentheses. */
function literalString(text: string, at: number): Uint8Array | null {
  const bytes: number[] = [];
  let depth = 1;
  for (let i = at; i < text.length && bytes.length < MAX_TITLE_BYTES; i++) {
    const char = text[i]!;
    if (char === "\\") {
      const next = text[++i] ?? "";
      const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
      if (octal) {
        bytes.push(parseInt(octal[0], 8) & 0xff);
        i += octal[0].length - 1;
      } else if (next === "\r") {
        if (text[i + 1] === "\n") i++; // a line continuation: nothing
      } else if (next !== "\n") {
        const escaped: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        bytes.push(escaped[next] ?? next.charCodeAt(0));
      }
      continue;
    }
    if (char === "(") depth++;
    if (char === ")" && --depth === 0) return Uint8Array.from(bytes);
    bytes.push(char.charCodeAt(0));
  }
  return null;
}

function hexString(text: string, at: number): Uint8Array | null {
  const end = text.indexOf(">", at);
  if (end < 0) return null;
  const digits = text.slice(at, Math.min(end, at + MAX_TITLE_BYTES * 2)).replace(/\s+/g, "");
  if (!/^[0-9a-f]*$/i.test(digits)) return null;
  const padded = digits.length % 2 ? `${digits}0` : digits;
  return Uint8Array.from(Buffer.from(padded, "hex"));
}

/** A PDF text string: UTF-16BE behind its byte order mark, UTF-8 behind its own (PDF 2.0), else PDFDocEncoding, which is Latin-1 for letters. */
function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  return Buffer.from(bytes).toString("latin1");
}
