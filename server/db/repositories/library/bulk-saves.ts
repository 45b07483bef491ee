/**
 * The import's write path: the same rows a clip writes (items, saves, save_themes, save_tags), for many
 * new saves at once, through statements prepared once per database and reused for every row. The caller
 * runs it inside its batch's transaction; migration 0012's triggers see the same inserts and updates as
 * for a clip, so the feed change counters move alike. The search row (saves_fts) is not written here: the
 * import writes those for a thousand saves at a time (indexMissingSaves, see the import runner), because
 * an FTS5 segment per small batch and the merging of those segments were the largest part of each commit.
 */
import type Database from "better-sqlite3";
import type { ServiceContext } from "../../../core/context";
import type { PageFacts, SaveFields } from "./items";

interface Statements {
  itemsByKeys: Database.Statement;
  ownSaved: Database.Statement;
  insertItem: Database.Statement;
  insertSave: Database.Statement;
  insertTheme: Database.Statement;
  insertTag: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function prepared(sqlite: Database.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      // One array parameter instead of one placeholder per key: the batch's size never meets SQLite's variable limit.
      itemsByKeys: sqlite.prepare("SELECT url_key AS urlKey, seq, id FROM items WHERE url_key IN (SELECT value FROM json_each(?))"),
      ownSaved: sqlite.prepare("SELECT item_seq AS itemSeq FROM saves WHERE user_id = ? AND item_seq IN (SELECT value FROM json_each(?))"),
      insertItem: sqlite.prepare("INSERT INTO items (id, url_key, url) VALUES (?, ?, ?) RETURNING seq"),
      insertSave: sqlite.prepare(
        `INSERT INTO saves (item_seq, user_id, url, canonical_url, title, kind, site_name, author, published_at, language, image_url, favicon_url,
           excerpt, text, video_provider, video_id, video_duration_seconds, video_embed_url,
           note, quote, tags, themes, sector, visibility, community_id, school_id, applied, worked, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'untested', ?, ?) RETURNING seq`,
      ),
      insertTheme: sqlite.prepare("INSERT INTO save_themes (save_seq, theme) VALUES (?, ?)"),
      insertTag: sqlite.prepare("INSERT INTO save_tags (save_seq, tag) VALUES (?, ?)"),
    };
    statements.set(sqlite, s);
  }
  return s;
}

export interface KnownItem {
  seq: number;
  id: string;
}

/** The items these dedup keys already have, in one query. */
export function itemsByKeys(ctx: ServiceContext, keys: readonly string[]): Map<string, KnownItem> {
  const found = new Map<string, KnownItem>();
  if (keys.length === 0) return found;
  for (const row of prepared(ctx.sqlite).itemsByKeys.all(JSON.stringify(keys)) as { urlKey: string; seq: number; id: string }[]) {
    found.set(row.urlKey, { seq: row.seq, id: row.id });
  }
  return found;
}

/** Of these items, those the person saved already, in one query. */
export function itemsSavedBy(ctx: ServiceContext, userId: string, itemSeqs: readonly number[]): Set<number> {
  if (itemSeqs.length === 0) return new Set();
  return new Set((prepared(ctx.sqlite).ownSaved.all(userId, JSON.stringify(itemSeqs)) as { itemSeq: number }[]).map((row) => row.itemSeq));
}

export const insertBulkItem = (ctx: ServiceContext, id: string, urlKey: string) => (prepared(ctx.sqlite).insertItem.get(id, urlKey, urlKey) as { seq: number }).seq;

export interface NewSaveRow {
  itemSeq: number;
  userId: string;
  facts: PageFacts;
  fields: SaveFields;
  /** Resolved theme slugs. */
  themes: string[];
  at: string;
}

/**
 * Writes one new save with its themes and tags, in the order a clip writes them; returns its seq. Its
 * search row comes later, from the caller (indexMissingSaves: an import a thousand saves at a time, the
 * bench's seed at the end of each batch), never between two saves: FTS5 writes what it holds in memory
 * to disk before any later statement that may need undoing (any insert into a table with a unique key),
 * so a search row written between two saves costs a segment of its own, ~0.5 ms a save.
 */
export function insertBulkSave(ctx: ServiceContext, row: NewSaveRow): number {
  const s = prepared(ctx.sqlite);
  const { facts: f, fields } = row;
  const tags = [...new Set(fields.tags)];
  const themes = [...new Set(row.themes)].sort();
  const { seq } = s.insertSave.get(
    row.itemSeq,
    row.userId,
    f.url,
    f.canonicalUrl,
    f.title,
    f.kind,
    f.siteName,
    f.author,
    f.publishedAt,
    f.language,
    f.imageUrl,
    f.faviconUrl,
    f.excerpt,
    f.text,
    f.videoProvider,
    f.videoId,
    f.videoDurationSeconds,
    f.videoEmbedUrl,
    fields.note,
    fields.quote,
    JSON.stringify(tags),
    JSON.stringify(themes),
    JSON.stringify(fields.sector),
    fields.visibility,
    fields.communityId,
    fields.schoolId,
    row.at,
    row.at,
  ) as { seq: number };
  for (const theme of themes) s.insertTheme.run(seq, theme);
  for (const tag of tags) s.insertTag.run(seq, tag);
  return seq;
}
