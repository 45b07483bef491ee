import type Database from "better-sqlite3";
import type { ServiceContext } from "../../../core/context";

/**
 * Keeps the FTS5 tables in step with items and saves. Callers run these inside the transaction that
 * changes the data, so search never sees a half-written clip. A save is findable by its themes' names
 * and synonyms: the caller passes the taxonomy's words for a list of theme slugs.
 */
export type ThemeTerms = (slugs: string[]) => string;

interface Statements {
  deleteItem: Database.Statement;
  insertItem: Database.Statement;
  deleteSave: Database.Statement;
  insertSave: Database.Statement;
  saveForIndex: Database.Statement;
  savesWithTheme: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      deleteItem: sqlite.prepare("DELETE FROM items_fts WHERE rowid = ?"),
      insertItem: sqlite.prepare("INSERT INTO items_fts (rowid, title, excerpt, text) VALUES (?, ?, ?, ?)"),
      deleteSave: sqlite.prepare("DELETE FROM saves_fts WHERE rowid = ?"),
      insertSave: sqlite.prepare("INSERT INTO saves_fts (rowid, note, quote, tags, themes) VALUES (?, ?, ?, ?, ?)"),
      saveForIndex: sqlite.prepare("SELECT seq, note, quote, tags, themes FROM saves WHERE seq = ?"),
      savesWithTheme: sqlite.prepare("SELECT DISTINCT save_seq FROM save_themes WHERE theme = ?"),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/** Indexes the page itself; the site's name and host are searchable with the excerpt ("lowan", "nji"). */
export function indexItem(
  ctx: ServiceContext,
  item: { seq: number; url: string; title: string; excerpt: string | null; text: string | null; siteName: string | null },
) {
  const s = prepared(ctx.sqlite);
  const host = new URL(item.url).hostname.replace(/^www\./, "");
  s.deleteItem.run(item.seq);
  s.insertItem.run(item.seq, item.title, [item.excerpt, item.siteName, host].filter(Boolean).join(" — "), item.text ?? "");
}

export function unindexItem(ctx: ServiceContext, seq: number) {
  prepared(ctx.sqlite).deleteItem.run(seq);
}

export function indexSave(ctx: ServiceContext, saveSeq: number, themeTerms: ThemeTerms) {
  const s = prepared(ctx.sqlite);
  const row = s.saveForIndex.get(saveSeq) as
    | { seq: number; note: string; quote: string; tags: string; themes: string }
    | undefined;
  s.deleteSave.run(saveSeq);
  if (!row) return;
  const tags = (JSON.parse(row.tags) as string[]).join(" ; ");
  const themes = themeTerms(JSON.parse(row.themes) as string[]);
  s.insertSave.run(row.seq, row.note, row.quote, tags, themes);
}

export function unindexSave(ctx: ServiceContext, saveSeq: number) {
  prepared(ctx.sqlite).deleteSave.run(saveSeq);
}

export function reindexSavesWithThemes(ctx: ServiceContext, slugs: string[], themeTerms: ThemeTerms) {
  const s = prepared(ctx.sqlite);
  for (const slug of slugs) {
    for (const { save_seq } of s.savesWithTheme.all(slug) as { save_seq: number }[]) indexSave(ctx, save_seq, themeTerms);
  }
}
