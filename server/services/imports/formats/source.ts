/**
 * An uploaded file as the parsers read it: from the disk where the upload was spooled (or from memory,
 * for a form's file). Bookmarks and CSV are read as text in pieces, so a file of 100,000 links is never
 * held as one string nor as one array of links: the review takes each link as it is read and writes it
 * away. JSON and ZIP are read whole (a JSON value or a ZIP directory cannot be
 * understood from its first part); the upload's size cap bounds them.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { unreadableFile } from "./links";

/** Pieces small enough that a kept piece of text costs little, large enough that the reading loop is cheap. */
export const PIECE_BYTES = 256 * 1024;

export interface ImportSource {
  /** The file's first bytes (fewer when it is shorter), to tell its format by. */
  head(bytes: number): Uint8Array;
  /** The whole file in one buffer. */
  whole(): Uint8Array;
  /** The file in pieces of at most `bytes`, in order. */
  pieces(bytes?: number): Iterable<Uint8Array>;
  /** Lets go of what a reading left open (one stopped before its end without being told). */
  close(): void;
}

export function bytesSource(bytes: Uint8Array): ImportSource {
  return {
    head: (n) => bytes.subarray(0, n),
    whole: () => bytes,
    *pieces(size = PIECE_BYTES) {
      for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
    },
    close: () => {},
  };
}

/**
 * A file on disk (an upload spooled as it arrived), read synchronously: the upload's review runs in one
 * transaction, and a local file's pieces come faster than the transaction could wait for them.
 */
export function fileSource(path: string): ImportSource {
  const open = new Set<number>();
  return {
    head(n) {
      const fd = openSync(path, "r");
      try {
        const buffer = Buffer.alloc(n);
        return buffer.subarray(0, readSync(fd, buffer, 0, n, 0));
      } finally {
        closeSync(fd);
      }
    },
    whole: () => readFileSync(path),
    *pieces(size = PIECE_BYTES) {
      const fd = openSync(path, "r");
      open.add(fd);
      try {
        for (;;) {
          // A new buffer per piece: a reader may keep the piece it was given.
          const buffer = Buffer.allocUnsafe(size);
          const read = readSync(fd, buffer, 0, size, null);
          if (read === 0) return;
          yield buffer.subarray(0, read);
        }
      } finally {
        if (open.delete(fd)) closeSync(fd);
      }
    },
    close() {
      for (const fd of open) closeSync(fd);
      open.clear();
    },
  };
}

export function invalidUtf8() {
  return unreadableFile("import_invalid_utf8", "Het bestand is geen geldige UTF-8-tekst; exporteer het opnieuw als UTF-8.", "The file is not valid UTF-8 text; export it again as UTF-8.");
}

/**
 * The file as text, a piece at a time; a byte sequence that is not UTF-8 refuses the file wherever it
 * is (the parser's caller writes nothing it read before: the whole upload is one transaction). A
 * character split between two pieces comes whole with the second. A byte order mark is dropped.
 */
export function* textPieces(source: ImportSource, size = PIECE_BYTES): Generator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const piece of source.pieces(size)) {
    let text: string;
    try {
      text = decoder.decode(piece, { stream: true });
    } catch {
      throw invalidUtf8();
    }
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw invalidUtf8();
  }
  if (rest) yield rest;
}

/** The whole file as one string, for the formats read whole. */
export function wholeText(source: ImportSource): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(source.whole());
  } catch {
    throw invalidUtf8();
  }
}

/** The start of the file as text, to tell its format by; a character cut off at the end is left out. */
export function headText(source: ImportSource, bytes: number): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(source.head(bytes), { stream: true });
  } catch {
    throw invalidUtf8();
  }
}

/**
 * A copy of a string that does not keep alive the text it was cut from. V8 makes a cut-out string
 * (slice, trim, a match) a view of its source: a folder name kept for the whole import would otherwise
 * hold the whole piece of the file it was read from.
 */
export const detached = (value: string): string => (value.length < 13 ? value : Buffer.from(value, "utf8").toString("utf8"));

/** Ends the reading at the most links a file may hold. */
export function* atMost<T>(links: Iterable<T>, max: number, tooMany: () => Error): Generator<T> {
  let count = 0;
  for (const link of links) {
    if (++count > max) throw tooMany();
    yield link;
  }
}
