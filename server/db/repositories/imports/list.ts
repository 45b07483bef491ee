/** The person's own imports, newest first, for the list of earlier imports. */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import type { Position } from "../../paging";
import { queryAll } from "../../statements";
import type { ImportRow } from "./jobs";

export type ImportListRow = Omit<ImportRow, "review" | "files" | "themeMapping" | "userId" | "updatedAt">;

/** Keyset on (created_at, id), the order of imports_user_idx, so a page reads only its own rows. */
export const importsPage = (ctx: ServiceContext, userId: string, after: Position | null, limit: number): ImportListRow[] =>
  queryAll<Omit<ImportListRow, "readPages" | "pagesStopped"> & { readPages: number; pagesStopped: number }>(
    ctx,
    sql`SELECT id, status, format, file_name AS fileName, total, processed, imported, merged, skipped,
          visibility, school_id AS schoolId, community_id AS communityId, read_pages AS readPages, pages_stopped AS pagesStopped, pages_due AS pagesDue, pages_read AS pagesRead,
          pages_failed AS pagesFailed, error, created_at AS createdAt, finished_at AS finishedAt
        FROM imports
        WHERE user_id = ${userId}
          ${after ? sql`AND (created_at < ${after.at} OR (created_at = ${after.at} AND id < ${after.id}))` : sql``}
        ORDER BY created_at DESC, id DESC
        LIMIT ${limit}`,
  ).map((row) => ({ ...row, readPages: row.readPages === 1, pagesStopped: row.pagesStopped === 1 }));
