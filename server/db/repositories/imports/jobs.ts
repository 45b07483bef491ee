/** The SQL of imports: the job row, its entries, and the person's saved addresses the review compares with. */
import type Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { ItemKind, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import { queryAll, queryGet, queryRun } from "../../statements";

export type ImportStatusValue = "reviewing" | "running" | "done" | "cancelled" | "failed";
export type EntryOutcome = "imported" | "merged" | "skipped";

export interface ImportRow {
  id: string;
  userId: string;
  status: ImportStatusValue;
  format: string;
  fileName: string | null;
  total: number;
  processed: number;
  imported: number;
  merged: number;
  skipped: number;
  review: Record<string, unknown>;
  files: { path: string; bytes: number }[];
  visibility: Visibility | null;
  schoolId: string | null;
  communityId: string | null;
  themeMapping: Record<string, string[]>;
  readPages: boolean;
  pagesStopped: boolean;
  pagesDue: number;
  pagesRead: number;
  pagesFailed: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface EntryRow {
  position: number;
  url: string;
  title: string | null;
  folder: string[];
  tags: string[];
  note: string | null;
  addedAt: string | null;
  kind: ItemKind | null;
  skipReason: string | null;
  outcome: EntryOutcome | null;
  itemId: string | null;
  /** Exports: the save's own themes and circle from the file (null: the import's mapping and circle apply). */
  fileSave: FileSave | null;
  pageState: "due" | "read" | "failed" | "dropped" | null;
  pageError: string | null;
}

export interface FileSave {
  themes: string[];
  /** Null when the file's school or community is unknown here: the import's circle applies. */
  circle: { visibility: Visibility; schoolId: string | null; communityId: string | null } | null;
}

const COLUMNS = sql`id, user_id AS userId, status, format, file_name AS fileName, total, processed, imported, merged, skipped, review, files,
  visibility, school_id AS schoolId, community_id AS communityId, theme_mapping AS themeMapping,
  read_pages AS readPages, pages_stopped AS pagesStopped, pages_due AS pagesDue, pages_read AS pagesRead, pages_failed AS pagesFailed, error,
  created_at AS createdAt, updated_at AS updatedAt, finished_at AS finishedAt`;

type Stored = Omit<ImportRow, "review" | "files" | "themeMapping" | "readPages" | "pagesStopped"> & {
  review: string;
  files: string;
  themeMapping: string;
  readPages: number;
  pagesStopped: number;
};
const fromStored = (row: Stored): ImportRow => ({
  ...row,
  review: JSON.parse(row.review),
  files: JSON.parse(row.files),
  themeMapping: JSON.parse(row.themeMapping),
  readPages: row.readPages === 1,
  pagesStopped: row.pagesStopped === 1,
});

export function insertImport(ctx: ServiceContext, row: Pick<ImportRow, "id" | "userId" | "format" | "fileName" | "total" | "review" | "files" | "createdAt">) {
  queryRun(
    ctx,
    sql`INSERT INTO imports (id, user_id, status, format, file_name, total, review, files, created_at, updated_at)
        VALUES (${row.id}, ${row.userId}, 'reviewing', ${row.format}, ${row.fileName}, ${row.total}, ${JSON.stringify(row.review)},
          ${JSON.stringify(row.files)}, ${row.createdAt}, ${row.createdAt})`,
  );
}

/** The review and count of an import inserted before its entries (they refer to it), in the same transaction. */
export function setImportReview(ctx: ServiceContext, id: string, total: number, review: Record<string, unknown>) {
  queryRun(ctx, sql`UPDATE imports SET total = ${total}, review = ${JSON.stringify(review)} WHERE id = ${id}`);
}

/**
 * Writes an import's entries one at a time through one prepared statement, as the review hands them
 * over: an import of 100,000 links writes 100,000 rows at upload, never holding them all.
 */
export function entryWriter(ctx: ServiceContext, importId: string) {
  const insert = ctx.sqlite.prepare(
    `INSERT INTO import_entries (import_id, position, url, title, folder, tags, note, added_at, kind, skip_reason, file_save) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (e: Omit<EntryRow, "outcome" | "itemId" | "pageState" | "pageError">) => {
    insert.run(importId, e.position, e.url, e.title, JSON.stringify(e.folder), JSON.stringify(e.tags), e.note, e.addedAt, e.kind, e.skipReason, e.fileSave ? JSON.stringify(e.fileSave) : null);
  };
}

export function importOf(ctx: ServiceContext, id: string, userId: string): ImportRow | null {
  const row = queryGet<Stored>(ctx, sql`SELECT ${COLUMNS} FROM imports WHERE id = ${id} AND user_id = ${userId}`);
  return row ? fromStored(row) : null;
}

export const runningImportIds = (ctx: ServiceContext) =>
  queryAll<{ id: string }>(ctx, sql`SELECT id FROM imports WHERE status = 'running' ORDER BY created_at, id`).map((row) => row.id);

export function startImportRow(
  ctx: ServiceContext,
  id: string,
  circle: { visibility: Visibility; schoolId: string | null; communityId: string | null },
  mapping: Record<string, string[]>,
  readPages: boolean,
  at: string,
): boolean {
  return (
    queryRun(
      ctx,
      sql`UPDATE imports SET status = 'running', visibility = ${circle.visibility}, school_id = ${circle.schoolId}, community_id = ${circle.communityId},
            theme_mapping = ${JSON.stringify(mapping)}, read_pages = ${readPages ? 1 : 0}, updated_at = ${at}
          WHERE id = ${id} AND status = 'reviewing'`,
    ).changes === 1
  );
}

/** Ends a job that is not finished yet; false when it already was. */
export function endImport(ctx: ServiceContext, id: string, status: "done" | "cancelled" | "failed", at: string, error: string | null = null): boolean {
  return (
    queryRun(
      ctx,
      sql`UPDATE imports SET status = ${status}, error = ${error}, finished_at = ${at}, updated_at = ${at}
          WHERE id = ${id} AND status IN ('reviewing', 'running')`,
    ).changes === 1
  );
}

type StoredEntry = Omit<EntryRow, "folder" | "tags" | "fileSave"> & { folder: string; tags: string; fileSave: string | null };
const entryFromStored = (row: StoredEntry): EntryRow => ({ ...row, folder: JSON.parse(row.folder), tags: JSON.parse(row.tags), fileSave: row.fileSave ? JSON.parse(row.fileSave) : null });

const ENTRY_COLUMNS = sql`position, url, title, folder, tags, note, added_at AS addedAt, kind, skip_reason AS skipReason, outcome, item_id AS itemId, file_save AS fileSave,
  page_state AS pageState, page_error AS pageError`;

export const entriesFrom = (ctx: ServiceContext, importId: string, position: number, limit: number) =>
  queryAll<StoredEntry>(ctx, sql`SELECT ${ENTRY_COLUMNS} FROM import_entries WHERE import_id = ${importId} AND position >= ${position} ORDER BY position LIMIT ${limit}`).map(entryFromStored);

export interface EntryOutcomeRow {
  position: number;
  outcome: EntryOutcome;
  itemId: string | null;
  skipReason: string | null;
  /** `due` when the entry wrote a save whose page the import reads afterwards, with the page's site. */
  pageState: "due" | null;
  pageSite: string | null;
}

const outcomeStatements = new WeakMap<Database.Database, Database.Statement>();

/** A batch's outcomes through one prepared statement: building the query anew per entry cost more than running it. */
export function setEntryOutcomes(ctx: ServiceContext, importId: string, rows: readonly EntryOutcomeRow[]) {
  let update = outcomeStatements.get(ctx.sqlite);
  if (!update) {
    update = ctx.sqlite.prepare("UPDATE import_entries SET outcome = ?, item_id = ?, skip_reason = ?, page_state = ?, page_site = ? WHERE import_id = ? AND position = ?");
    outcomeStatements.set(ctx.sqlite, update);
  }
  for (const row of rows) update.run(row.outcome, row.itemId, row.skipReason, row.pageState, row.pageSite, importId, row.position);
}

/** A batch's counts and the position after it; `pagesDue`: how many of its saves wait for their page to be read. */
export function advanceImport(ctx: ServiceContext, id: string, processed: number, counts: Record<EntryOutcome, number>, pagesDue: number, at: string) {
  queryRun(
    ctx,
    sql`UPDATE imports SET processed = ${processed}, imported = imported + ${counts.imported}, merged = merged + ${counts.merged},
          skipped = skipped + ${counts.skipped}, pages_due = pages_due + ${pagesDue}, updated_at = ${at}
        WHERE id = ${id}`,
  );
}

/** The addresses (dedup keys) the person already saved, to tell them apart in the review. */
export const savedKeysOf = (ctx: ServiceContext, userId: string) =>
  new Set(queryAll<{ urlKey: string }>(ctx, sql`SELECT i.url_key AS urlKey FROM saves s JOIN items i ON i.seq = s.item_seq WHERE s.user_id = ${userId}`).map((row) => row.urlKey));

export const itemIdOfSeq = (ctx: ServiceContext, seq: number) => queryGet<{ id: string }>(ctx, sql`SELECT id FROM items WHERE seq = ${seq}`)!.id;

/** Every entry in order, for the report; read in pages so a large import never sits in memory at once. */
export function* allEntries(ctx: ServiceContext, importId: string): Generator<EntryRow> {
  for (let from = 0; ; ) {
    const page = entriesFrom(ctx, importId, from, 1000);
    yield* page;
    if (page.length < 1000) return;
    from = page[page.length - 1]!.position + 1;
  }
}

/**
 * The saves the entries at positions [from, to) of an import point to: the person's save of each item
 * an entry imported or merged. For the search rows a resumed or cancelled import may still owe.
 */
export const savesOfEntries = (ctx: ServiceContext, importId: string, userId: string, from: number, to: number) =>
  queryAll<{ seq: number }>(
    ctx,
    sql`SELECT s.seq FROM import_entries e JOIN items i ON i.id = e.item_id JOIN saves s ON s.item_seq = i.seq AND s.user_id = ${userId}
        WHERE e.import_id = ${importId} AND e.position >= ${from} AND e.position < ${to} AND e.item_id IS NOT NULL`,
  ).map((row) => row.seq);

export type RunState = Pick<ImportRow, "id" | "userId" | "status" | "processed" | "visibility" | "schoolId" | "communityId" | "themeMapping" | "readPages" | "pagesStopped">;

/** What a run needs of its job, without the review: read once per batch, so kept small. */
export function runStateOf(ctx: ServiceContext, id: string): RunState | null {
  const row = queryGet<Omit<RunState, "themeMapping" | "readPages" | "pagesStopped"> & { themeMapping: string; readPages: number; pagesStopped: number }>(
    ctx,
    sql`SELECT id, user_id AS userId, status, processed, visibility, school_id AS schoolId, community_id AS communityId, theme_mapping AS themeMapping,
          read_pages AS readPages, pages_stopped AS pagesStopped
        FROM imports WHERE id = ${id}`,
  );
  return row ? { ...row, themeMapping: JSON.parse(row.themeMapping), readPages: row.readPages === 1, pagesStopped: row.pagesStopped === 1 } : null;
}
