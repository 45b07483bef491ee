import type Database from "better-sqlite3";
import { siteHost } from "../../../../shared/url";
import type { ServiceContext } from "../../../core/context";

/**
 * Keeps saves_fts in step with the saves: one row per save holding that save's own page facts, note,
 * quote, tags and theme names, so a word matches only through a save the searcher may see. Callers run
 * these inside the transaction that changes the save, so search never sees a half-written clip. A save
 * is findable by its themes' names and synonyms: the caller passes the taxonomy's words for a list of
 * theme slugs.
 */
export type ThemeTerms = (slugs: string[]) => string;

interface Statements {
  deleteSave: Database.Statement;
  insertSave: Database.Statement;
  saveForIndex: Database.Statement;
  savesWithTheme: Database.Statement;
  hasRow: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      deleteSave: sqlite.prepare("DELETE FROM saves_fts WHERE rowid = ?"),
      insertSave: sqlite.prepare("INSERT INTO saves_fts (rowid, title, excerpt, text, note, quote, tags, themes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
      saveForIndex: sqlite.prepare("SELECT seq, url, title, excerpt, site_name AS siteName, text, note, quote, tags, themes FROM saves WHERE seq = ?"),
      savesWithTheme: sqlite.prepare("SELECT DISTINCT save_seq FROM save_themes WHERE theme = ?"),
      hasRow: sqlite.prepare("SELECT rowid FROM saves_fts WHERE rowid = ?"),
    };
    statements.set(sqlite, s);
  }
  return s;
}

interface IndexedSave {
  seq: number;
  url: string;
  title: string;
  excerpt: string | null;
  siteName: string | null;
  text: string | null;
  note: string;
  quote: string;
  tags: string;
  themes: string;
}

/**
 * Writes a save's row in saves_fts from what the save holds now, when the save exists (whether it did).
 * The site's name and host are searchable with the excerpt ("lowan", "nji").
 */
function insertSearchRow(s: Statements, saveSeq: number, themeTerms: ThemeTerms): boolean {
  const save = s.saveForIndex.get(saveSeq) as IndexedSave | undefined;
  if (!save) return false;
  const excerpt = [save.excerpt, save.siteName, siteHost(save.url)].filter(Boolean).join(" — ");
  const tags = (JSON.parse(save.tags) as string[]).join(" ; ");
  s.insertSave.run(save.seq, save.title, excerpt, save.text ?? "", save.note, save.quote, tags, themeTerms(JSON.parse(save.themes) as string[]));
  return true;
}

/**
 * Search rows held back until the end of a group commit's batch, per connection: the saves to index,
 * each with the theme words to index it with.
 *
 * FTS5 writes the rows it holds in memory to disk as a segment of their own before any later statement
 * of the transaction that may need undoing (a savepoint, an insert into a table with a unique key). A
 * search row written in the middle of a batch of clips therefore cost a segment per clip, and the merges
 * of all those segments later: as much as the clip's other writes together. Held back, the batch's rows
 * go in together as one segment.
 */
const heldBack = new WeakMap<Database.Database, Map<number, HeldRow>>();

/** A held-back row: the theme words to index it with, and whether its save was written in this batch (so has no row to replace). */
interface HeldRow {
  themeTerms: ThemeTerms;
  fresh: boolean;
}

/**
 * Runs `work` with the search rows of the saves it indexes held back, then writes them, each from its
 * save as it is then, in the caller's transaction. Nothing may search the index inside `work`: it does
 * not hold the held-back rows yet. A save whose write was undone meanwhile loses its row, as it should.
 */
export function withSearchRowsHeldBack<T>(sqlite: Database.Database, work: () => T): T {
  if (heldBack.has(sqlite)) return work();
  const held = new Map<number, HeldRow>();
  heldBack.set(sqlite, held);
  let result: T;
  try {
    result = work();
  } finally {
    heldBack.delete(sqlite);
  }
  for (const [saveSeq, { themeTerms, fresh }] of held) writeSearchRow(prepared(sqlite), saveSeq, themeTerms, fresh);
  return result;
}

/**
 * Indexes a save (at the end of the batch, inside {@link withSearchRowsHeldBack}). `fresh`: the save was
 * inserted in this transaction, so it has no row yet to remove (save seqs are never reused: AUTOINCREMENT).
 */
export function indexSave(ctx: ServiceContext, saveSeq: number, themeTerms: ThemeTerms, fresh = false) {
  const held = heldBack.get(ctx.sqlite);
  if (held) {
    const before = held.get(saveSeq);
    // Re-added, so that the rows are written in the order of their last change; fresh only if it was
    // each time (a savepoint undone meanwhile would otherwise leave nothing to tell).
    held.delete(saveSeq);
    held.set(saveSeq, { themeTerms, fresh: fresh && (before?.fresh ?? true) });
    return;
  }
  writeSearchRow(prepared(ctx.sqlite), saveSeq, themeTerms, fresh);
}

function writeSearchRow(s: Statements, saveSeq: number, themeTerms: ThemeTerms, fresh: boolean) {
  if (!fresh) s.deleteSave.run(saveSeq);
  insertSearchRow(s, saveSeq, themeTerms);
}

/**
 * Indexes those of these saves that have no search row yet, from what each save holds now: an import
 * writes its saves first and their rows a little later (server/services/imports/runner.ts), and a save
 * edited or deleted in between is indexed as it is, or not at all. Running it again adds nothing, so a
 * job resumed after a restart can pass every save it may have missed and still index each once.
 * Returns how many rows it wrote.
 */
export function indexMissingSaves(ctx: ServiceContext, saveSeqs: Iterable<number>, themeTerms: ThemeTerms): number {
  const s = prepared(ctx.sqlite);
  let written = 0;
  for (const seq of saveSeqs) {
    if (!s.hasRow.get(seq) && insertSearchRow(s, seq, themeTerms)) written++;
  }
  return written;
}

export function unindexSave(ctx: ServiceContext, saveSeq: number) {
  // A save indexed earlier in the batch keeps its held-back entry: removed for good, its save is gone at
  // the end of the batch and no row is written; removed in a job whose savepoint is undone, it is written
  // as the save then is. Dropping the entry here would lose the row in that second case.
  prepared(ctx.sqlite).deleteSave.run(saveSeq);
}

export function reindexSavesWithThemes(ctx: ServiceContext, slugs: string[], themeTerms: ThemeTerms) {
  const s = prepared(ctx.sqlite);
  for (const slug of slugs) {
    for (const { save_seq } of s.savesWithTheme.all(slug) as { save_seq: number }[]) indexSave(ctx, save_seq, themeTerms);
  }
}
