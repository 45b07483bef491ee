/**
 * The library's search and facet queries: FTS5 over the page (items_fts: title, excerpt, text) and over
 * saves (saves_fts: note, quote, tags, theme names), bm25 scores (lower is better), and the filters a
 * person chose, each read through the saves their scope may see. FTS5 syntax is written here and nowhere
 * else; services/library decides what to ask and how to page.
 */
import { sql, type SQL } from "drizzle-orm";
import type { ItemKind, ItemSector, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import { inList, jsonListHasAny } from "../../sqlite";
import { queryAll, queryGet, queryRows } from "../../statements";
import { visibleItem, visibleSave } from "../../visibility";

/** A search in FTS5's own syntax, made only by `ftsQuery`. */
export type FtsQuery = string & { readonly fts: unique symbol };

const FTS_OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/** Turns user input into an FTS5 query of quoted prefix terms, so no input can reach FTS5 syntax. */
export function ftsQuery(q: string): FtsQuery | null {
  // Operators typed in capitals ("NT2 OR NT1") are not supported; treating them as words would make
  // "or" a required prefix and find nothing.
  const words = (q.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FTS_OPERATORS.has(w));
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  const terms = [...new Set((useful.length ? useful : words).map((w) => w.toLowerCase()))].slice(0, 12);
  return terms.length ? (terms.map((t) => `"${t}"*`).join(" ") as FtsQuery) : null;
}

/** The filters a person chose, resolved (themes with their sub-themes, tags without '#'). */
export interface LibraryFilter {
  kinds?: ItemKind[];
  themes?: string[];
  tags?: string[];
  sectors?: ItemSector[];
  savedBy?: string;
  visibilities?: Visibility[];
  communityId?: string;
  schoolId?: string;
}

/** Each chosen filter as a condition on item `i`, read through the saves the scope may see. */
function narrowing(scope: SaveScope, f: LibraryFilter): SQL[] {
  const where: SQL[] = [];
  if (f.kinds?.length) where.push(sql`i.kind IN ${f.kinds}`);
  if (f.themes?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves ts JOIN save_themes st ON st.save_seq = ts.seq
      WHERE ts.item_seq = i.seq AND st.theme IN ${f.themes} AND ${visibleSave(scope, "ts")})`);
  }
  if (f.tags?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves gs JOIN save_tags sg ON sg.save_seq = gs.seq
      WHERE gs.item_seq = i.seq AND sg.tag IN ${f.tags} AND ${visibleSave(scope, "gs")})`);
  }
  if (f.sectors?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves ss
      WHERE ss.item_seq = i.seq AND ${jsonListHasAny(sql`ss.sector`, f.sectors)} AND ${visibleSave(scope, "ss")})`);
  }
  if (f.savedBy) where.push(sql`EXISTS (SELECT 1 FROM saves ms WHERE ms.item_seq = i.seq AND ms.user_id = ${f.savedBy})`);
  if (f.visibilities?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves vf WHERE vf.item_seq = i.seq AND vf.visibility IN ${f.visibilities} AND ${visibleSave(scope, "vf")})`);
  }
  if (f.communityId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves cs WHERE cs.item_seq = i.seq AND cs.community_id = ${f.communityId} AND ${visibleSave(scope, "cs")})`);
  }
  if (f.schoolId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves hs WHERE hs.item_seq = i.seq AND hs.school_id = ${f.schoolId} AND ${visibleSave(scope, "hs")})`);
  }
  return where;
}

const allFilters = (scope: SaveScope, f: LibraryFilter) => sql.join([visibleItem(scope), ...narrowing(scope, f)], sql` AND `);

/** The items a search matches with their bm25 score, before filters; `i` and `r` are in scope. */
function matching(scope: SaveScope, fts: FtsQuery | null): SQL {
  return fts
    ? sql`WITH hits(item_seq, score) AS (
        SELECT rowid, bm25(items_fts, 10.0, 3.0, 1.0) FROM items_fts WHERE items_fts MATCH ${fts}
        UNION ALL
        SELECT s.item_seq, bm25(saves_fts, 4.0, 4.0, 6.0, 6.0) FROM saves_fts JOIN saves s ON s.seq = saves_fts.rowid
        WHERE saves_fts MATCH ${fts} AND ${visibleSave(scope, "s")}
      ), ranked AS (SELECT item_seq, min(score) AS score FROM hits GROUP BY item_seq)
      SELECT i.seq AS seq, i.created_at AS createdAt, r.score AS score FROM ranked r JOIN items i ON i.seq = r.item_seq`
    : sql`SELECT i.seq AS seq, i.created_at AS createdAt, 0 AS score FROM items i`;
}

export type SearchRow = { seq: number; createdAt: string; score: number };
export type RelevancePosition = { s: number; q: number };
export type RecentPosition = { c: string; q: number };

/** Every match ranked, after the position: the complete query, for deep pages and narrow filters. */
export function rankedPage(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery, filter: LibraryFilter, after: RelevancePosition | null, limit: number) {
  const page = after ? sql`(r.score > ${after.s} OR (r.score = ${after.s} AND i.seq > ${after.q}))` : sql`1`;
  return queryAll<SearchRow>(ctx, sql`${matching(scope, fts)} WHERE ${allFilters(scope, filter)} AND ${page} ORDER BY r.score, i.seq LIMIT ${limit}`);
}

/** Matches (or everything, without a query) newest first, after the position. */
export function recentPage(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter, after: RecentPosition | null, limit: number) {
  const page = after ? sql`(i.created_at < ${after.c} OR (i.created_at = ${after.c} AND i.seq < ${after.q}))` : sql`1`;
  return queryAll<SearchRow>(
    ctx,
    sql`${matching(scope, fts)} WHERE ${allFilters(scope, filter)} AND ${page} ORDER BY i.created_at DESC, i.seq DESC LIMIT ${limit}`,
  );
}

export const countMatches = (ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (${matching(scope, fts)} WHERE ${allFilters(scope, filter)})`)!.n;

/** How many of each index's best scores to take: `top` of them, or every one scoring no worse than `atMost`. */
export type ScoreBound = { top: number } | { atMost: number };

const bounded = (ranking: SQL, bound: ScoreBound) =>
  "top" in bound ? sql`SELECT * FROM (${ranking}) ORDER BY score LIMIT ${bound.top}` : sql`SELECT * FROM (${ranking}) WHERE score <= ${bound.atMost}`;

/** The best-scoring items of the page index: FTS5 keeps only a small heap for ORDER BY … LIMIT. */
export const topItemMatches = (ctx: ServiceContext, fts: FtsQuery, bound: ScoreBound) =>
  queryAll<{ seq: number; score: number }>(
    ctx,
    bounded(sql`SELECT rowid AS seq, bm25(items_fts, 10.0, 3.0, 1.0) AS score FROM items_fts WHERE items_fts MATCH ${fts}`, bound),
  );

/**
 * The best-scoring saves, ranked before their circle is checked (so the cut-off is taken over all saves),
 * each with its item and whether the scope may see it.
 */
export const topSaveMatches = (ctx: ServiceContext, scope: SaveScope, fts: FtsQuery, bound: ScoreBound) =>
  queryAll<{ seq: number; score: number; visible: number }>(
    ctx,
    sql`WITH top AS MATERIALIZED (${bounded(sql`SELECT rowid AS save_seq, bm25(saves_fts, 4.0, 4.0, 6.0, 6.0) AS score FROM saves_fts WHERE saves_fts MATCH ${fts}`, bound)})
        SELECT s.item_seq AS seq, top.score AS score, ${visibleSave(scope, "s")} AS visible FROM top JOIN saves s ON s.seq = top.save_seq`,
  );

/** Of these candidate items, those that pass visibility and the filters, with their creation time. */
export const filteredCandidates = (ctx: ServiceContext, scope: SaveScope, filter: LibraryFilter, seqs: number[]) =>
  queryAll<{ seq: number; createdAt: string }>(
    ctx,
    sql`SELECT i.seq AS seq, i.created_at AS createdAt FROM items i WHERE i.seq IN ${inList(seqs)} AND ${allFilters(scope, filter)}`,
  );

export type FacetRow = [item: number, kind: ItemKind, visibility: Visibility, sector: string, themes: string];

/**
 * One row per visible save of the matching items, its item's saves together: an item is visible exactly
 * when one of its saves is, so the counts can tell a new item from the one before without a set per
 * value. One statement: one consistent snapshot, no writes. Without a query the kind index is walked in
 * its own order (the item rows, a few KB each, stay unread); with one, the matches lead, so a rare word
 * reads only its own items. Rows are arrays: building an object per row was a quarter of the time.
 */
export function facetRows(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter): FacetRow[] {
  const where = sql.join([visibleSave(scope, "s"), ...narrowing(scope, filter)], sql` AND `);
  return queryRows<FacetRow>(
    ctx,
    fts
      ? sql`WITH matched(seq) AS MATERIALIZED (
              SELECT rowid FROM items_fts WHERE items_fts MATCH ${fts}
              UNION SELECT ms.item_seq FROM saves_fts JOIN saves ms ON ms.seq = saves_fts.rowid WHERE saves_fts MATCH ${fts} AND ${visibleSave(scope, "ms")})
            SELECT i.seq, i.kind, s.visibility, s.sector, s.themes
            FROM matched m CROSS JOIN items i ON i.seq = m.seq JOIN saves s ON s.item_seq = i.seq
            WHERE ${where}
            ORDER BY m.seq`
      : sql`SELECT i.seq, i.kind, s.visibility, s.sector, s.themes
            FROM items i JOIN saves s ON s.item_seq = i.seq
            WHERE ${where}
            ORDER BY i.kind, i.seq`,
  );
}
