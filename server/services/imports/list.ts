/** A person's earlier imports: only their own, newest first, with state and counts. */
import type { ImportFormat, ImportListQuery, ImportSummary } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { decodePosition, pageOf } from "../../db/paging";
import { importsPage, type ImportListRow } from "../../db/repositories/imports/list";

/** An import's state and counts (its view without the review), from its row. */
export function summaryOf(row: ImportListRow): ImportSummary {
  return {
    id: row.id,
    status: row.status,
    format: row.format as ImportFormat,
    fileName: row.fileName,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    progress: { total: row.total, processed: row.processed, imported: row.imported, merged: row.merged, skipped: row.skipped },
    circle: row.visibility ? { visibility: row.visibility, schoolId: row.schoolId, communityId: row.communityId } : null,
    error: row.error,
    reportUrl: `/api/v1/imports/${row.id}/report.csv`,
    pages: row.readPages ? { due: row.pagesDue, read: row.pagesRead, failed: row.pagesFailed, stopped: row.pagesStopped } : null,
  };
}

export function listImports(ctx: ServiceContext, viewer: SignedInViewer, query: ImportListQuery) {
  const rows = importsPage(ctx, viewer.user.id, decodePosition(query.cursor), query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { imports: page.map(summaryOf), nextCursor };
}
