/**
 * The text of an HTML body in the encoding it was written in: a byte order mark, else the charset of the
 * Content-Type header, else a <meta charset> (or http-equiv) near the top, else UTF-8. A browser guesses
 * further from the bytes; a page that says nothing and is not UTF-8 is rare enough to read with a few
 * replacement characters.
 */

// The HTML standard's prescan reads the first 1024 bytes for the <meta>; some CMSes put it after a long
// comment or a pile of <link>s, and looking a little further costs nothing.
const PRESCAN_BYTES = 4096;

const BOMS: [bytes: number[], label: string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

export function charsetOfContentType(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return match ? match[1]!.toLowerCase() : null;
}

function charsetOfMeta(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, PRESCAN_BYTES)).toString("latin1");
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([a-z0-9_:.\-]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

export function decodeHtml(body: Uint8Array, contentType: string | undefined): string {
  for (const [bytes, label] of BOMS) {
    if (bytes.every((byte, i) => body[i] === byte)) return new TextDecoder(label).decode(body.subarray(bytes.length));
  }
  let decoder = decoderFor(charsetOfContentType(contentType)) ?? decoderFor(charsetOfMeta(body)) ?? new TextDecoder("utf-8");
  // A page in UTF-16 cannot carry an ASCII <meta> that says so; one that claims it is lying (the HTML standard reads it as UTF-8).
  if (decoder.encoding.startsWith("utf-16") && !charsetOfContentType(contentType)) decoder = new TextDecoder("utf-8");
  return decoder.decode(body);
}
