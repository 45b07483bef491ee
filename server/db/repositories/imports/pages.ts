/**
 * The SQL of reading an import's pages afterwards (services/imports/page-reader.ts): which entries still
 * wait for their page, and the end of each read, counted on the job in the same statement group.
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { queryAll, queryGet, queryRun } from "../../statements";

/** Imports with pages still to read, oldest first. */
export const importsWithDuePages = (ctx: ServiceContext) =>
  queryAll<{ id: string; userId: string }>(ctx, sql`SELECT id, user_id AS userId FROM imports WHERE pages_due > 0 AND status <> 'cancelled' ORDER BY created_at, id`);

export interface DuePage {
  importId: string;
  position: number;
  /** The person's save the entry wrote; null when they removed it since. */
  saveSeq: number | null;
  /** The address as saved (the file's, made shareable). */
  url: string;
  /** Whether the file gave the link no title of its own: then the page's title is taken. */
  untitled: boolean;
}

/** The next entries of an import whose page is due, after `position`, in the file's order (the partial index import_entries_page_due_idx). */
export const duePages = (ctx: ServiceContext, importId: string, userId: string, after: number, limit: number) =>
  queryAll<Omit<DuePage, "untitled"> & { untitled: number }>(
    ctx,
    sql`SELECT e.import_id AS importId, e.position, s.seq AS saveSeq, coalesce(s.url, e.url) AS url, e.title IS NULL OR e.title = '' AS untitled
        FROM import_entries e LEFT JOIN items i ON i.id = e.item_id LEFT JOIN saves s ON s.item_seq = i.seq AND s.user_id = ${userId}
        WHERE e.import_id = ${importId} AND e.page_state = 'due' AND e.position > ${after}
        ORDER BY e.position LIMIT ${limit}`,
  ).map((row): DuePage => ({ ...row, untitled: row.untitled === 1 }));

/** Whether an entry's page is still due (the person may have stopped the reading while it was read). */
export const isPageDue = (ctx: ServiceContext, importId: string, position: number) =>
  queryGet<{ due: number }>(ctx, sql`SELECT 1 AS due FROM import_entries WHERE import_id = ${importId} AND position = ${position} AND page_state = 'due'`) !== undefined;

/**
 * Ends one page's read: `read`, `failed` (with the rule that stopped it) or `dropped`; false when the
 * entry was no longer due (the person stopped the reading meanwhile), and then nothing is counted.
 */
export function endPageRead(ctx: ServiceContext, importId: string, position: number, state: "read" | "failed" | "dropped", error: string | null): boolean {
  const ended = queryRun(
    ctx,
    sql`UPDATE import_entries SET page_state = ${state}, page_error = ${error} WHERE import_id = ${importId} AND position = ${position} AND page_state = 'due'`,
  ).changes;
  if (ended !== 1) return false;
  queryRun(
    ctx,
    sql`UPDATE imports SET pages_due = pages_due - 1, pages_read = pages_read + ${state === "read" ? 1 : 0}, pages_failed = pages_failed + ${state === "failed" ? 1 : 0}
        WHERE id = ${importId}`,
  );
  return true;
}

/** Drops every page of an import still to read (the person stopped the reading, or the import); how many. */
export function dropDuePages(ctx: ServiceContext, importId: string): number {
  const dropped = queryRun(ctx, sql`UPDATE import_entries SET page_state = 'dropped' WHERE import_id = ${importId} AND page_state = 'due'`).changes;
  if (dropped) queryRun(ctx, sql`UPDATE imports SET pages_due = pages_due - ${dropped} WHERE id = ${importId}`);
  return dropped;
}
