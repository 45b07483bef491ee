import { createHash } from "node:crypto";
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
import { cancelImport, createImport, getImport, startImport } from "../../services/imports/jobs";
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

/**
 * Reads the body up to the cap: a declared size beyond it is refused before a byte is read. A declared
 * size is read straight into one buffer of that size, not gathered in pieces and copied once more: for
 * a 20 MB file of bookmarks, 20 MB less at the moment the import's memory peaks.
 */
async function readUpload(c: Context): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(c.req.header("Content-Length") ?? "NaN");
  if (declared > IMPORT_MAX_BYTES) throw tooLarge();
  const body = c.req.raw.body;
  const sized = Number.isSafeInteger(declared) && declared >= 0 ? new Uint8Array(declared) : null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.length > IMPORT_MAX_BYTES || (sized && size + value.length > sized.length)) {
        await reader.cancel();
        throw tooLarge();
      }
      if (sized) sized.set(value, size);
      else chunks.push(value);
      size += value.length;
    }
  }
  if (sized) return size === sized.length ? sized : sized.slice(0, size);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** A form upload (`file`, and optionally `format`) or the file itself as the body. */
async function uploadedFile(c: Context, query: { format?: ImportFormat; name?: string }) {
  const bytes = await readUpload(c);
  const type = c.req.header("Content-Type") ?? "";
  let file: { bytes: Uint8Array; format?: ImportFormat; fileName: string | null } = { bytes, format: query.format, fileName: query.name ?? null };
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await new Response(new Blob([bytes]), { headers: { "Content-Type": type } }).formData();
    } catch {
      throw invalid("malformed_request", "Het formulier kon niet gelezen worden. / The form could not be read.");
    }
    const sent = form.get("file");
    if (!(sent instanceof Blob)) throw invalid("import_file_missing", "Stuur het bestand in het veld file. / Send the file in the field file.", [{ path: ["file"], message: "required" }]);
    const format = ImportUploadQuery.shape.format.safeParse(form.get("format") ?? query.format);
    if (!format.success) throw invalid("invalid_request", "Onbekend formaat. / Unknown format.", [{ path: ["format"], message: "unknown format" }]);
    file = { bytes: new Uint8Array(await sent.arrayBuffer()), format: format.data, fileName: query.name ?? ("name" in sent ? String(sent.name) : null) };
  }
  if (file.bytes.length === 0) throw invalid("import_empty", "Het bestand is leeg. / The file is empty.");
  return file;
}

type Upload = Awaited<ReturnType<typeof uploadedFile>>;
type UploadEnv = AppEnv & { Variables: { upload: Upload } };

/** Reads the file before the Idempotency-Key is checked: a retry is the same upload when its file is. */
const readUploadedFile = createMiddleware<UploadEnv>(async (c, next) => {
  c.set("upload", await uploadedFile(c, ImportUploadQuery.parse(c.req.query())));
  return next();
});

/**
 * The file's bytes, format and name, not the body: a form sent again carries the same file inside a new
 * multipart boundary, and must still count as the same upload.
 */
const sameUpload = idempotentAs<UploadEnv>(async (c) => {
  const { bytes, format, fileName } = c.var.upload;
  return JSON.stringify({ format: format ?? null, fileName, sha256: createHash("sha256").update(bytes).digest("hex") });
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
      return c.json({ import: createImport(c.var.ctx, c.var.viewer, file.bytes, file) }, 201);
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
  .get(
    "/imports/:id/report.csv",
    doc({
      tag,
      summary: "The report as CSV: every link of the file with its outcome (imported, merged, skipped, pending) and the reason it was skipped",
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
