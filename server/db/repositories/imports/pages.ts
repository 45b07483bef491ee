/**
 * The SQL of reading an import's pages afterwards (services/imports/page-reader.ts): which entries still
 * wait for their page, and the end of each read, counted on the job in the same transaction.
 */
import { sql } from "drizzle-orm";
import type { Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import { queryAll, queryGet, queryRun } from "../../statements";

/** Imports with pages still to read, oldest first; not those of a person whose account is disabled. */
export const importsWithDuePages = (ctx: ServiceContext) =>
  queryAll<{ id: string; userId: string }>(
    ctx,
    sql`SELECT m.id, m.user_id AS userId FROM imports m JOIN users u ON u.id = m.user_id
        WHERE m.pages_due > 0 AND NOT m.pages_stopped AND m.status <> 'cancelled' AND NOT u.disabled
        ORDER BY m.created_at, m.id`,
  );

export interface DuePage {
  importId: string;
  userId: string;
  position: number;
  /** The person's save the entry wrote; null when they removed it since. */
  saveSeq: number | null;
  /** The save's circle: a page from an allow-listed private host is read only for a private or school save. */
  visibility: Visibility | null;
  /** The address as saved (the file's, made shareable). */
  url: string;
  site: string;
  /** Whether the file gave the link no title of its own: then the page's title is taken. */
  untitled: boolean;
  /** Whether the kind was guessed from the address (not the file's own): then the page's kind is taken. */
  guessedKind: boolean;
}

/**
 * The first entry of an import whose page is due, in the file's order, on none of the `busy` sites: the
 * walk along import_entries_page_due_idx passes over those sites' entries (a folder of one site's links
 * does not hold up the rest).
 */
export function nextDuePage(ctx: ServiceContext, importId: string, userId: string, busy: readonly string[]): DuePage | null {
  const row = queryGet<Omit<DuePage, "untitled" | "guessedKind"> & { untitled: number; guessedKind: number }>(
    ctx,
    sql`SELECT e.import_id AS importId, ${userId} AS userId, e.position, s.seq AS saveSeq, s.visibility, coalesce(s.url, e.url) AS url,
          coalesce(e.page_site, '') AS site, e.title IS NULL OR e.title = '' AS untitled, e.file_save IS NULL AS guessedKind
        FROM import_entries e LEFT JOIN items i ON i.id = e.item_id LEFT JOIN saves s ON s.item_seq = i.seq AND s.user_id = ${userId}
        WHERE e.import_id = ${importId} AND e.page_state = 'due'${busy.length ? sql` AND coalesce(e.page_site, '') NOT IN ${busy}` : sql``}
        ORDER BY e.position LIMIT 1`,
  );
  return row ? { ...row, untitled: row.untitled === 1, guessedKind: row.guessedKind === 1 } : null;
}

/** Whether an entry's page is still due (the person may have stopped the reading while it was read). */
export const isPageDue = (ctx: ServiceContext, importId: string, position: number) =>
  queryGet<{ due: number }>(ctx, sql`SELECT 1 AS due FROM import_entries WHERE import_id = ${importId} AND position = ${position} AND page_state = 'due'`) !== undefined;

/**
 * Ends one page's read: `read` (with what was left out of it, if anything), `failed` (with the rule
 * that stopped it) or `dropped`; false when the entry was no longer due, and then nothing is counted.
 * The caller's transaction holds both writes.
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

/**
 * Drops every page of an import still to read, and with `stop` the pages of links it saves later too
 * (the person stopped the reading). The count of pages due is taken again from the entries, so it is
 * right afterwards whatever it said before.
 */
export function dropDuePages(ctx: ServiceContext, importId: string, stop: boolean) {
  queryRun(ctx, sql`UPDATE import_entries SET page_state = 'dropped' WHERE import_id = ${importId} AND page_state = 'due'`);
  queryRun(
    ctx,
    sql`UPDATE imports SET pages_due = (SELECT count(*) FROM import_entries WHERE import_id = ${importId} AND page_state = 'due')${stop ? sql`, pages_stopped = 1` : sql``}
        WHERE id = ${importId}`,
  );
}
