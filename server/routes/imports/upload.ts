/**
 * What the app knows of an import's upload before the import routes are loaded, and how the upload is
 * received: written to a private temporary file as it arrives, never gathered in memory (a browser's
 * 100,000 bookmarks are ~20 MB; the server reads them back a piece at a time). Its SHA-256 is taken on
 * the way (a retried upload is recognised by it), and a body beyond the cap is refused at the byte that
 * crosses it. The file is the request's: removed when the request ends,
 * whatever happened (and, should the process stop first, at the next start).
 */
import { createHash, randomUUID } from "node:crypto";
import { open, unlink } from "node:fs/promises";
import { readdirSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Context } from "hono";

/** The upload is a file, not JSON, and larger than other bodies: the API's JSON and size rules skip it. */
export const isImportUpload = (c: Context) => c.req.method === "POST" && /\/api\/v1\/imports\/?$/.test(c.req.path);

export interface SpooledUpload {
  path: string;
  bytes: number;
  sha256: string;
  /** Removes the file; safe to call more than once. */
  dispose(): void;
}

/** The prefix that tells a waiting upload from the database's own files. */
export const SPOOL_PREFIX = "knooppunt-upload-";

/**
 * Uploads wait beside the database, on the disk meant for the installation's data: a /tmp kept in memory
 * (as many systems keep it) would hold the whole file in RAM again.
 */
export const spoolDirFor = (databasePath: string) => (databasePath === ":memory:" ? tmpdir() : dirname(resolve(databasePath)));

/** A file older than this was left by a process that stopped mid-request; no request runs this long. */
const LEFT_BEHIND_MS = 60 * 60 * 1000;

/** Removes uploads that a server stopped in the middle of a request left behind (by the files' own clock). */
export function sweepSpooled(dir: string) {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > LEFT_BEHIND_MS) unlinkSync(path);
    } catch {
      // Gone meanwhile, or not ours to remove: left as it is.
    }
  }
}

interface SpoolRules {
  maxBytes: number;
  /** The error for a body beyond maxBytes. */
  tooLarge: () => Error;
  /** The error for a body the client stopped sending: theirs to answer, not the server's to log. */
  brokenOff: () => Error;
}

export async function spoolBody(dir: string, body: ReadableStream<Uint8Array> | null, { maxBytes, tooLarge, brokenOff }: SpoolRules): Promise<SpooledUpload> {
  const path = join(dir, `${SPOOL_PREFIX}${randomUUID()}`);
  // Readable by this process alone: an upload can hold a person's whole library.
  const file = await open(path, "wx", 0o600);
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    if (body) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read().catch(() => {
          throw brokenOff();
        });
        if (done) break;
        bytes += value.length;
        if (bytes > maxBytes) {
          await reader.cancel();
          throw tooLarge();
        }
        hash.update(value);
        for (let written = 0; written < value.length; ) written += (await file.write(value, written, value.length - written)).bytesWritten;
      }
    }
  } catch (error) {
    await file.close();
    await unlink(path).catch(() => {});
    throw error;
  }
  await file.close();
  let disposed = false;
  return {
    path,
    bytes,
    sha256: hash.digest("hex"),
    dispose() {
      if (disposed) return;
      disposed = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone: nothing of it is left either way.
      }
    },
  };
}
