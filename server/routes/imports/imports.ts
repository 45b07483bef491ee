import { createHash } from "node:crypto";
import { openAsBlob } from "node:fs";
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { Id, ImportJobResponse, ImportListQuery, ImportListResponse, ImportUploadQuery, StartImportRequest, type ImportFormat } from "../../../shared/schemas";
import { DomainError, invalid } from "../../core/errors";
import { requireUser } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { idempotentAs } from "../../http/requests";
import { valid } from "../../http/validate";
import { bytesSource, fileSource, type ImportSource } from "../../services/imports/formats";
import { spoolBody } from "./upload";
import { cancelImport, createImport, getImport, startImport, stopReadingPages } from "../../services/imports/jobs";
import { listImports } from "../../services/imports/list";
import { importReportCsv } from "../../services/imports/report";

const tag = "imports";
const IdParam = z.object({ id: Id });

/** The largest file an import takes: a browser's 100,000 bookmarks are about 20 MB. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

// The app checks for the upload before this module is read (it is loaded on first use).
export { isImportUpload } from "./upload";

const tooLarge = () =>
  new DomainError(
    "too_large",
    "payload_too_large",
    `Het bestand is groter dan ${IMPORT_MAX_BYTES / 1024 / 1024} MB; splits het op. / The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it.`,
  );

const brokenOff = () => invalid("import_incomplete", "Het bestand kwam niet helemaal aan; stuur het opnieuw. / The file did not arrive whole; send it again.");

/**
 * The file: the body itself (what Knooppunt's own apps send), spooled to disk as it arrives and read back
 * a piece at a time; or a form's `file` field (and optionally `format`), which is read in memory. A
 * declared size beyond the cap is refused before a byte is read.
 */
async function uploadedFile(c: Context, query: { format?: ImportFormat; name?: string }): Promise<Upload> {
  const declared = Number(c.req.header("Content-Length") ?? "NaN");
  if (declared > IMPORT_MAX_BYTES) throw tooLarge();
  const spooled = await spoolBody(c.var.deps.uploadDir, c.req.raw.body, { maxBytes: IMPORT_MAX_BYTES, tooLarge, brokenOff });
  const type = c.req.header("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) {
    if (spooled.bytes === 0) {
      spooled.dispose();
      throw invalid("import_empty", "Het bestand is leeg. / The file is empty.");
    }
    const source = fileSource(spooled.path);
    const dispose = () => {
      source.close();
      spooled.dispose();
    };
    return { source, sha256: spooled.sha256, format: query.format, fileName: query.name ?? null, dispose };
  }
  // The form's file is read out of it into memory, and the spooled form removed at once.
  try {
    let form: FormData;
    try {
      form = await new Response(await openAsBlob(spooled.path), { headers: { "Content-Type": type } }).formData();
    } catch {
      throw invalid("malformed_request", "Het formulier kon niet gelezen worden. / The form could not be read.");
    }
    const sent = form.get("file");
    if (!(sent instanceof Blob)) throw invalid("import_file_missing", "Stuur het bestand in het veld file. / Send the file in the field file.", [{ path: ["file"], message: "required" }]);
    const format = ImportUploadQuery.shape.format.safeParse(form.get("format") ?? query.format);
    if (!format.success) throw invalid("invalid_request", "Onbekend formaat. / Unknown format.", [{ path: ["format"], message: "unknown format" }]);
    const bytes = new Uint8Array(await sent.arrayBuffer());
    if (bytes.length === 0) throw invalid("import_empty", "Het bestand is leeg. / The file is empty.");
    const fileName = query.name ?? ("name" in sent ? String(sent.name) : null);
    return { source: bytesSource(bytes), sha256: createHash("sha256").update(bytes).digest("hex"), format: format.data, fileName, dispose: () => {} };
  } finally {
    spooled.dispose();
  }
}

interface Upload {
  source: ImportSource;
  /** Of the file's bytes: a form sent again wraps the same file in a new boundary. */
  sha256: string;
  format?: ImportFormat;
  fileName: string | null;
  dispose(): void;
}
type UploadEnv = AppEnv & { Variables: { upload: Upload } };

/**
 * Reads the file before the Idempotency-Key is checked (a retry is the same upload when its file is),
 * and removes what it spooled when the request is answered, refused or broken off.
 */
const readUploadedFile = createMiddleware<UploadEnv>(async (c, next) => {
  const upload = await uploadedFile(c, ImportUploadQuery.parse(c.req.query()));
  c.set("upload", upload);
  try {
    await next();
  } finally {
    upload.dispose();
  }
});

/**
 * The file's bytes, format and name, not the body: a form sent again carries the same file inside a new
 * multipart boundary, and must still count as the same upload.
 */
const sameUpload = idempotentAs<UploadEnv>(async (c) => {
  const { sha256, format, fileName } = c.var.upload;
  return JSON.stringify({ format: format ?? null, fileName, sha256 });
});

export const importRoutes = new Hono<AppEnv>()
  .post(
    "/imports",
    doc({
      tag,
      summary:
        "Upload a file of links (bookmarks HTML, CSV, Raindrop or Pocket CSV, Karakeep or Linkwarden JSON, a folder ZIP) as multipart `file` or as the body itself; nothing is saved until the import is started",
      responses: {
        201: { description: "The import, in review: what was found, per folder and tag, with suggested themes. Sent again with the same Idempotency-Key and the same file, the first answer (no second import)", schema: ImportJobResponse },
        400: { description: "The file is empty, the form has no file, or the body stopped before it was whole" },
        409: { description: "The Idempotency-Key was already used for another file" },
        413: { description: "The file is larger than 64 MB" },
        422: { description: "The file cannot be read: not UTF-8, an unknown format, too many columns, a ZIP bomb…; nothing was stored" },
      },
      headers: [{ name: "Idempotency-Key", description: "The same key with the same file within 24 hours answers the first upload again and makes no second import" }],
    }),
    requireUser,
    valid("query", ImportUploadQuery),
    readUploadedFile,
    sameUpload,
    (c) => {
      const file = c.var.upload;
      return c.json({ import: createImport(c.var.ctx, c.var.viewer, file.source, file) }, 201);
    },
  )
  .get(
    "/imports",
    doc({ tag, summary: "The caller's own imports, newest first, with their state and counts", responses: { 200: { description: "A page of imports", schema: ImportListResponse } } }),
    requireUser,
    valid("query", ImportListQuery),
    (c) => c.json(listImports(c.var.ctx, c.var.viewer, c.req.valid("query"))),
  )
  .get(
    "/imports/:id",
    doc({ tag, summary: "An import: its review, status and progress", responses: { 200: { description: "The import", schema: ImportJobResponse }, 404: { description: "Unknown, or another person's" } } }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json({ import: getImport(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .post(
    "/imports/:id/start",
    doc({
      tag,
      summary: "Confirm the review: one circle for the whole import (private unless chosen) and the themes per folder or tag; the import then runs in the background",
      responses: { 200: { description: "The import, running", schema: ImportJobResponse }, 404: { description: "Unknown, or another person's" }, 409: { description: "Already started or ended" } },
    }),
    requireUser,
    valid("param", IdParam),
    valid("json", StartImportRequest),
    (c) => c.json({ import: startImport(c.var.ctx, c.var.viewer, c.req.valid("param").id, c.req.valid("json")) }),
  )
  .post(
    "/imports/:id/cancel",
    doc({
      tag,
      summary: "Stop an import; the links it already saved stay saved",
      responses: { 200: { description: "The import, cancelled", schema: ImportJobResponse }, 404: { description: "Unknown, or another person's" }, 409: { description: "Already ended" } },
    }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json({ import: cancelImport(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .post(
    "/imports/:id/pages/stop",
    doc({
      tag,
      summary: "Stop reading the import's pages (also after the import itself ended); what was filled in stays, the other links stay as the file had them",
      responses: { 200: { description: "The import, with no pages due", schema: ImportJobResponse }, 404: { description: "Unknown, or another person's" } },
    }),
    requireUser,
    valid("param", IdParam),
    (c) => c.json({ import: stopReadingPages(c.var.ctx, c.var.viewer, c.req.valid("param").id) }),
  )
  .get(
    "/imports/:id/report.csv",
    doc({
      tag,
      summary:
        "The report as CSV: every link of the file with its outcome (imported, merged, skipped, pending) and the reason it was skipped; with `page` and `page_reason`, whether its page was read afterwards (due, read, failed, dropped) and why not",
      responses: { 200: { description: "text/csv" }, 404: { description: "Unknown, or another person's" } },
    }),
    requireUser,
    valid("param", IdParam),
    (c) => {
      const id = c.req.valid("param").id;
      const csv = [...importReportCsv(c.var.ctx, c.var.viewer, id)].join("");
      c.header("Content-Type", "text/csv; charset=UTF-8");
      c.header("Content-Disposition", `attachment; filename="import-${id}.csv"`);
      return c.body(csv, 200);
    },
  );
