import { Hono, type Context } from "hono";
import { z } from "zod";
import { BundleExportQuery, Id, KnooppuntExport, SavesExportQuery, SchoolExportQuery, type ExportFileFormat } from "../../../shared/schemas";
import { themeSlug } from "../../../shared/themes";
import type { ServiceContext } from "../../core/context";
import type { AppEnv } from "../../http/env";
import { requireUser } from "../../http/auth";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { exportBundle, exportOwnSaves, exportSchool } from "../../services/exports/collect";
import { exportAsBookmarks, exportAsCsv, exportAsOpml } from "../../services/exports/formats";

const tag = "exports";
const IdParam = z.object({ id: Id });

const MEDIA_TYPES: Record<ExportFileFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  html: "text/html; charset=utf-8",
  // OPML has no registered media type; this is the one feed readers and browsers know it by.
  opml: "text/x-opml; charset=utf-8",
};

/** A file name any system accepts: lower-case letters, digits and dashes, the date, the format's extension. */
const fileName = (parts: string[], date: string, format: ExportFileFormat) =>
  `${["knooppunt", ...parts.map((p) => themeSlug(p).slice(0, 60)).filter(Boolean), date].join("-")}.${format}`;

function download(c: Context, ctx: ServiceContext, data: KnooppuntExport, format: ExportFileFormat, title: string, nameParts: string[]) {
  const body =
    format === "json"
      ? JSON.stringify(data, null, 1)
      : format === "csv"
        ? exportAsCsv(ctx, data)
        : format === "html"
          ? exportAsBookmarks(ctx, data, title)
          : exportAsOpml(data, title);
  c.header("Content-Type", MEDIA_TYPES[format]);
  c.header("Content-Disposition", `attachment; filename="${fileName(nameParts, data.exportedAt.slice(0, 10), format)}"`);
  return c.body(body, 200);
}

const files = (what: string) =>
  `${what} as a download: \`format=json\` (default; the KnooppuntExport schema, versioned by its \`format\` field, which the importer reads back), \`csv\` (Knooppunt's import header url,title,folder,tags,note,added_at first, then themes,kind,visibility,school,community,updated_at), \`html\` (a Netscape bookmark file every browser imports; themes as folders, themes and tags in TAGS, notes as DD) or \`opml\` (the feeds followed)`;

const responses = (notFound: string, more: Record<number, { description: string }> = {}) => ({
  200: { description: "The file, as an attachment named with the date; for format=json its body is KnooppuntExport", schema: KnooppuntExport },
  404: { description: notFound },
  ...more,
});

/** Exports: a person's saves, a bundle, a school's accepted bundles and subscriptions (issue 16). */
export const exportRoutes = new Hono<AppEnv>()
  .get(
    "/exports/saves",
    doc({ tag, summary: files("The caller's own saves in every circle, private ones included, with themes, note, circle, kind and dates;"), responses: responses("Never: a person always has their own saves") }),
    requireUser,
    valid("query", SavesExportQuery),
    (c) => download(c, c.var.ctx, exportOwnSaves(c.var.ctx, c.var.viewer), c.req.valid("query").format, "Knooppunt", ["bewaard"]),
  )
  .get(
    "/exports/bundles/:id",
    doc({
      tag,
      summary: files("One bundle with its items in order and the curator's notes — the published snapshot, or (`copy=working`, curators only) the working copy;"),
      responses: responses("Unknown, a draft of someone else, or outside the caller's audience", {
        403: { description: "`not_a_curator`: the working copy is for the bundle's curators; `not_published`: a draft has no published copy" },
      }),
    }),
    requireUser,
    valid("param", IdParam),
    valid("query", BundleExportQuery),
    (c) => {
      const query = c.req.valid("query");
      const data = exportBundle(c.var.ctx, c.var.viewer, c.req.valid("param").id, query.copy);
      const title = data.bundles[0]!.title;
      return download(c, c.var.ctx, data, query.format, title, ["bundel", title]);
    },
  )
  .get(
    "/exports/schools/:id",
    doc({
      tag,
      summary: files(
        "The school's accepted bundles (each at the version accepted), its theme subscriptions and the feeds it follows (coordinators); the school feed's address carries its secret token, which the file says;",
      ),
      responses: responses("Not the caller's school", { 403: { description: "`coordinator_only`: members of the school who are not its coordinators" } }),
    }),
    requireUser,
    valid("param", IdParam),
    valid("query", SchoolExportQuery),
    (c) => {
      const data = exportSchool(c.var.ctx, c.var.viewer, c.req.valid("param").id);
      return download(c, c.var.ctx, data, c.req.valid("query").format, data.school!.name, ["school", data.school!.name]);
    },
  );
