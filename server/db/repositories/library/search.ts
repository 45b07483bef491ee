/**
 * The library's search and facet queries: FTS5 over saves (saves_fts: each save's title, excerpt, text,
 * note, quote, tags and theme names) and the filters a person chose, each read through the saves their
 * scope may see. FTS5 syntax is written here and nowhere else; services/library decides what to ask and
 * how to page.
 *
 * Ranking uses only the matching rows the viewer may see and the query, never whole-index statistics:
 * FTS5's bm25 weighs a word by how many rows hold it (all rows, also those the viewer cannot see), so
 * the order of a person's own results would shift when someone else privately clipped pages with that
 * word, and counting hidden saves would be possible. A match's score is the best place a query word
 * shows up in a visible save, 3 the title, 2 what a person added (note, quote, tags, themes), 1 the page
 * (excerpt, readable text), found with FTS5 column filters; ties go to the newer item.
 */
import { sql, type SQL } from "drizzle-orm";
import type { ItemKind, ItemSector, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import { jsonListHasAny } from "../../sqlite";
import { queryAll, queryGet } from "../../statements";
import { factsSaveOrder, visibleSave } from "../../visibility";

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

/** The same terms, any of them, within these columns only (an FTS5 column filter). */
const inColumns = (fts: FtsQuery, columns: string[]) => `{${columns.join(" ")}} : (${fts.split(" ").join(" OR ")})`;

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

/**
 * Each chosen filter as a condition on the item whose seq is `itemSeq` (item `i` unless said otherwise),
 * read through the saves the scope may see.
 */
export function narrowing(scope: SaveScope, f: LibraryFilter, itemSeq = "i.seq"): SQL[] {
  const where: SQL[] = [];
  const i = { seq: sql.raw(itemSeq) };
  // The kind is the one the viewer is shown: that of the save speaking for the item to them.
  if (f.kinds?.length) {
    where.push(sql`(SELECT fk.kind FROM saves fk WHERE fk.item_seq = ${i.seq} AND ${visibleSave(scope, "fk")} ORDER BY ${factsSaveOrder(scope, "fk")} LIMIT 1) IN ${f.kinds}`);
  }
  if (f.themes?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves ts JOIN save_themes st ON st.save_seq = ts.seq
      WHERE ts.item_seq = ${i.seq} AND st.theme IN ${f.themes} AND ${visibleSave(scope, "ts")})`);
  }
  if (f.tags?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves gs JOIN save_tags sg ON sg.save_seq = gs.seq
      WHERE gs.item_seq = ${i.seq} AND sg.tag IN ${f.tags} AND ${visibleSave(scope, "gs")})`);
  }
  if (f.sectors?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves ss
      WHERE ss.item_seq = ${i.seq} AND ${jsonListHasAny(sql`ss.sector`, f.sectors)} AND ${visibleSave(scope, "ss")})`);
  }
  if (f.savedBy) where.push(sql`EXISTS (SELECT 1 FROM saves ms WHERE ms.item_seq = ${i.seq} AND ms.user_id = ${f.savedBy})`);
  if (f.visibilities?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves vf WHERE vf.item_seq = ${i.seq} AND vf.visibility IN ${f.visibilities} AND ${visibleSave(scope, "vf")})`);
  }
  if (f.communityId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves cs WHERE cs.item_seq = ${i.seq} AND cs.community_id = ${f.communityId} AND ${visibleSave(scope, "cs")})`);
  }
  if (f.schoolId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves hs WHERE hs.item_seq = ${i.seq} AND hs.school_id = ${f.schoolId} AND ${visibleSave(scope, "hs")})`);
  }
  return where;
}

const allFilters = (scope: SaveScope, f: LibraryFilter) => {
  const where = narrowing(scope, f);
  return where.length ? sql.join(where, sql` AND `) : sql`1`;
};

/**
 * The items a search matches (or every item, without a query), as CTE `m(seq, createdAt, score)`, only
 * through saves the scope may see: `createdAt` is the item's first visible save (with a query, its first
 * visible save that matches: looking up every match's other saves cost more than the search itself),
 * `score` as above.
 */
function matching(scope: SaveScope, fts: FtsQuery | null): SQL {
  if (!fts) {
    return sql`WITH m AS (SELECT s.item_seq AS seq, min(s.created_at) AS createdAt, 0 AS score FROM saves s WHERE ${visibleSave(scope, "s")} GROUP BY s.item_seq)`;
  }
  return sql`WITH hits AS MATERIALIZED (SELECT rowid AS save_seq FROM saves_fts WHERE saves_fts MATCH ${fts}),
      titled AS MATERIALIZED (SELECT rowid AS save_seq FROM saves_fts WHERE saves_fts MATCH ${inColumns(fts, ["title"])}),
      added AS MATERIALIZED (SELECT rowid AS save_seq FROM saves_fts WHERE saves_fts MATCH ${inColumns(fts, ["note", "quote", "tags", "themes"])}),
      m AS (
        SELECT s.item_seq AS seq, min(s.created_at) AS createdAt,
          max(CASE WHEN s.seq IN (SELECT save_seq FROM titled) THEN 3 WHEN s.seq IN (SELECT save_seq FROM added) THEN 2 ELSE 1 END) AS score
        FROM hits h JOIN saves s ON s.seq = h.save_seq WHERE ${visibleSave(scope, "s")} GROUP BY s.item_seq)`;
}

const fromMatches = (scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter) =>
  sql`${matching(scope, fts)} SELECT m.seq AS seq, m.createdAt AS createdAt, m.score AS score FROM m JOIN items i ON i.seq = m.seq WHERE ${allFilters(scope, filter)}`;

export type SearchRow = { seq: number; createdAt: string; score: number };
export type RelevancePosition = { s: number; c: string; q: number };
export type RecentPosition = { c: string; q: number };

/** Matches best first (score, then newest), after the position. */
export function rankedPage(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery, filter: LibraryFilter, after: RelevancePosition | null, limit: number) {
  const page = after
    ? sql`(m.score < ${after.s} OR (m.score = ${after.s} AND (m.createdAt < ${after.c} OR (m.createdAt = ${after.c} AND m.seq < ${after.q}))))`
    : sql`1`;
  return queryAll<SearchRow>(ctx, sql`${fromMatches(scope, fts, filter)} AND ${page} ORDER BY m.score DESC, m.createdAt DESC, m.seq DESC LIMIT ${limit}`);
}

/** Matches (or everything, without a query) newest first, after the position. */
export function recentPage(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter, after: RecentPosition | null, limit: number) {
  const page = after ? sql`(m.createdAt < ${after.c} OR (m.createdAt = ${after.c} AND m.seq < ${after.q}))` : sql`1`;
  return queryAll<SearchRow>(ctx, sql`${fromMatches(scope, fts, filter)} AND ${page} ORDER BY m.createdAt DESC, m.seq DESC LIMIT ${limit}`);
}

export const countMatches = (ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (${fromMatches(scope, fts, filter)})`)!.n;
