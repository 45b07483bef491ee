/**
 * An import as a job: created with its review at upload (the whole file read and checked, then stored in
 * one transaction, so a refused file leaves nothing behind), started when the person confirms the circle
 * and the themes, run in the background by the import worker, cancelled at any time before it ends.
 */
import type { ImportFormat, ImportJob, StartImportRequest } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import { endImport, entryWriter, importOf, insertImport, setImportReview, startImportRow, type ImportRow } from "../../db/repositories/imports/jobs";
import { dropDuePages } from "../../db/repositories/imports/pages";
import { transaction } from "../../db/statements";
import { resolveCircle } from "../library/circles";
import { requireThemes } from "../taxonomy/theme-index";
import { parseImport, type ImportSource } from "./formats";
import { indexImportTail } from "./runner";
import { summaryOf } from "./list";
import { reviewImport } from "./review";

export const importView = (row: ImportRow): ImportJob => ({ ...summaryOf(row), review: row.review as ImportJob["review"] });

/** An import as its person sees it: with whether this server can read the links' pages afterwards. */
const viewFor = (ctx: ServiceContext, row: ImportRow): ImportJob => ({ ...importView(row), canReadPages: ctx.importReadsPages });

export function createImport(ctx: ServiceContext, viewer: SignedInViewer, source: ImportSource, options: { format?: ImportFormat; fileName?: string | null }): ImportJob {
  const parsed = parseImport(source, options.format);
  const id = newId();
  // The links are read, reviewed and written into the table one by one; the job row comes first (the
  // entries refer to it) and gets its review last, all in one transaction: nobody sees it half made, and
  // a file found unreadable halfway leaves nothing.
  transaction(ctx, () => {
    insertImport(ctx, { id, userId: viewer.user.id, format: parsed.format, fileName: options.fileName ?? null, total: 0, review: {}, files: parsed.files, createdAt: isoNow(ctx) });
    const review = reviewImport(ctx, viewer.user.id, parsed, entryWriter(ctx, id));
    setImportReview(ctx, id, review.links, review);
  });
  return viewFor(ctx, importOf(ctx, id, viewer.user.id)!);
}

/** Another person's import is as unknown as one that does not exist. */
function ownImport(ctx: ServiceContext, viewer: SignedInViewer, id: string): ImportRow {
  const row = importOf(ctx, id, viewer.user.id);
  if (!row) throw notFound("import");
  return row;
}

export const getImport = (ctx: ServiceContext, viewer: SignedInViewer, id: string) => viewFor(ctx, ownImport(ctx, viewer, id));

/**
 * Confirms the review: one circle for everything (private unless the person chooses wider: an import
 * never widens silently) and the themes per folder or tag, the suggested ones unless changed.
 */
export function startImport(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: StartImportRequest): ImportJob {
  const row = ownImport(ctx, viewer, id);
  const circle = resolveCircle(viewer, { visibility: input.visibility ?? "private", schoolId: input.schoolId, communityId: input.communityId });
  const mapping: Record<string, string[]> = {};
  for (const label of (row.review as ImportJob["review"]).labels) mapping[label.label] = label.themes;
  for (const [label, slugs] of Object.entries(input.themes ?? {})) mapping[label] = requireThemes(ctx, slugs);
  if (input.readPages && !ctx.importReadsPages) {
    throw invalid("page_reading_off", "Deze server leest geen pagina's voor imports. / This server does not read pages for imports.", [{ path: ["readPages"], message: "switched off on this server" }]);
  }
  if (!startImportRow(ctx, id, circle, mapping, input.readPages ?? ctx.importReadsPages, isoNow(ctx))) {
    throw conflict("import_not_reviewing", `Deze import is al ${row.status === "running" ? "gestart" : "afgelopen"}. / This import has already ${row.status === "running" ? "started" : "ended"}.`, { status: row.status });
  }
  return viewFor(ctx, importOf(ctx, id, viewer.user.id)!);
}

/**
 * Stops an import; what it already saved stays saved, and findable: the search rows its last batches
 * still owed are written with the cancel (the worker writes them too when it notices; never twice). The
 * pages still to be read are not read.
 */
export function cancelImport(ctx: ServiceContext, viewer: SignedInViewer, id: string): ImportJob {
  const row = ownImport(ctx, viewer, id);
  const cancelled = transaction(ctx, () => {
    if (!endImport(ctx, id, "cancelled", isoNow(ctx))) return false;
    indexImportTail(ctx, row);
    dropDuePages(ctx, id, true);
    return true;
  });
  if (!cancelled) {
    throw conflict("import_ended", "Deze import is al afgelopen. / This import has already ended.", { status: row.status });
  }
  return viewFor(ctx, importOf(ctx, id, viewer.user.id)!);
}

/**
 * Stops reading an import's pages, also while the import still runs (the links it saves from then on are
 * not read either); what was filled in stays.
 */
export function stopReadingPages(ctx: ServiceContext, viewer: SignedInViewer, id: string): ImportJob {
  ownImport(ctx, viewer, id);
  transaction(ctx, () => dropDuePages(ctx, id, true));
  return viewFor(ctx, importOf(ctx, id, viewer.user.id)!);
}
