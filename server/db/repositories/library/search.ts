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
 *
 * Words found in nearly every save. Ranking every match of such a word read every matching save (its
 * circle, its item, its date) and grew with the library: `leerlingen` is in 97% of the bench library's
 * saves, 1.2 s over HTTP at 100k items on a busy machine, and the bare FTS5 query alone took 0.5 s at 1M.
 * A relevance search therefore ranks at most the newest `cap` matching saves the viewer may see and
 * whose item passes the filters (SEARCH_RANK_CAP, 2000 by default): FTS5 hands its matches over newest
 * first (rowid order) and the search stops after cap + 1 of them, so the work for a common word no
 * longer grows with the library (a filter that lets few items through still means reading further, as
 * it did before). Measured side by side with the bare FTS5 query at 100k items (library.bench.ts, a
 * machine at load 10–15): `leerlingen` went from 1182 ms over HTTP (4.1× the bare query) to 29 ms
 * (0.12×), all bench queries pooled from 4.8× to 0.18× at the median. Chosen over the alternatives because:
 * - a search with fewer matches than the cap ranks all of them: ordinary searches give exactly the
 *   results they gave before, and the rule for the rest is simple to state and to test;
 * - the ranking puts title matches first and newer before older, so its first pages come from the
 *   newest matches anyway: on the bench library the first 20 results of every bench query were the
 *   same with a cap of 2000 as without one (only further pages, which nobody reaches for a word in
 *   every page, differ);
 * - scoring first and cutting later (top-k by score) would still read every match, and a threshold on
 *   the number of matches needs that number first, itself a pass over every match;
 * - what was left out is still reachable: `sort=recent` lists every match, `total` still counts them
 *   all, and the response's `rankedNewest` says that the ranking was capped.
 * "Newest" here is the most recently added: FTS5 orders by rowid, the save's seq, which follows the
 * order saves were written, not the date a save carries. An import of old bookmarks with their own dates
 * therefore counts as new for this window (it was added last) while the ranking itself still orders
 * ties by the saves' dates; taking the window by date instead would mean a walk joined to FTS5 per match.
 * The window is fixed by the first page: a capped page's cursor carries its oldest save (`w`), so the
 * later pages rank the same saves (plus any that arrived since, which rank before the cursor or after
 * it as any new match does): no item twice, none of the window left out.
 * For FTS5 to hand matches over newest first without reading all of them, a prefix word must be spelled
 * out as its whole terms (`wordTerms`): a prefix term is merged into one list first, whatever the LIMIT.
 */
import { sql, type SQL } from "drizzle-orm";
import type { ItemKind, ItemSector, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import { jsonListHasAny } from "../../sqlite";
import { queryAll, queryGet, queryRows, transaction } from "../../statements";
import { factsSaveOrder, visibleSave } from "../../visibility";

/** A search in FTS5's own syntax, made only by `ftsQuery` and `searchMatch`. */
export type FtsQuery = string & { readonly fts: unique symbol };

const FTS_OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/** The words of user input that a search looks for, lower-cased, at most 12. */
function searchWords(q: string): string[] {
  // Operators typed in capitals ("NT2 OR NT1") are not supported; treating them as words would make
  // "or" a required prefix and find nothing.
  const words = (q.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FTS_OPERATORS.has(w));
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  return [...new Set((useful.length ? useful : words).map((w) => w.toLowerCase()))].slice(0, 12);
}

/** Turns user input into an FTS5 query of quoted prefix terms, so no input can reach FTS5 syntax. */
export function ftsQuery(q: string): FtsQuery | null {
  const terms = searchWords(q);
  return terms.length ? (terms.map((t) => `"${t}"*`).join(" ") as FtsQuery) : null;
}

/** What a search asks FTS5: every word anywhere, and any word in the title or in what a person added. */
export interface SearchMatch {
  all: FtsQuery;
  title: FtsQuery;
  added: FtsQuery;
}

/** A word spelled out as more whole terms than this keeps its prefix form (see `wordTerms`). */
const MAX_TERMS_PER_WORD = 64;
const vocabularies = new WeakSet<ServiceContext["sqlite"]>();

/**
 * The whole terms of the index that start with `word`, or null to keep `"word"*`. FTS5 answers a
 * prefix term by merging the doclists of every term it stands for into one list before it returns a
 * row, so even "the newest 200 matches" of a word in every save read all of them (80 ms for
 * `leerlingen` at 100k saves, 320 ms for `taal`); the same terms written out are read lazily, newest
 * first, in 0.2 ms. The terms come from an fts5vocab table (a temporary one, per connection), one seek
 * per term. Only plain ASCII words are spelled out: for those the tokenizer's own folding (case,
 * diacritics) cannot differ from ours, so the terms are exactly those the prefix stands for; anything
 * else, and very short prefixes standing for many terms, stay prefixes, slower but the same matches.
 */
function wordTerms(ctx: ServiceContext, word: string): string[] | null {
  if (!/^[a-z0-9]+$/.test(word)) return null;
  if (!vocabularies.has(ctx.sqlite)) {
    ctx.sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.saves_fts_terms USING fts5vocab(main, saves_fts, instance)");
    vocabularies.add(ctx.sqlite);
  }
  // Just past every string starting with `word`: its last character raised by one (ASCII, so no carry).
  const end = word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1);
  const terms: string[] = [];
  let from = word;
  for (;;) {
    const next = queryGet<{ term: string }>(ctx, sql`SELECT term FROM temp.saves_fts_terms WHERE term >= ${from} AND term < ${end} LIMIT 1`);
    if (!next) return terms;
    if (terms.length === MAX_TERMS_PER_WORD) return null;
    terms.push(next.term);
    // The smallest string after this term (terms never hold control characters): the seek skips its rows.
    from = `${next.term}\u0001`;
  }
}

const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** User input as a `SearchMatch`, or null when it holds no word; prefixes spelled out where that is exact. */
export function searchMatch(ctx: ServiceContext, q: string): SearchMatch | null {
  const words = searchWords(q);
  if (!words.length) return null;
  const groups = words.map((word) => {
    const terms = wordTerms(ctx, word);
    if (terms === null) return `"${word}"*`;
    // No term starts with the word: nothing can match it, which a quoted prefix says as well as any.
    if (!terms.length) return `"${word}"*`;
    return terms.length === 1 ? quoted(terms[0]!) : `(${terms.map(quoted).join(" OR ")})`;
  });
  const any = groups.join(" OR ");
  const all = groups.join(" AND ");
  // The places are asked of matches only: FTS5 then skips through a column's long list to the few
  // rows of the match instead of reading all of it (`nieuwkomers` is a theme name, in 15k saves' themes).
  // One word is its own match: the column filter alone finds the same rows without walking its list
  // twice (0.75 → 0.62 ms for the added places of `ouderbetrokkenheid` at 100k items).
  const within = (columns: string) => (groups.length === 1 ? `{${columns}} : (${any})` : `(${all}) AND ({${columns}} : (${any}))`) as FtsQuery;
  return { all: all as FtsQuery, title: within("title"), added: within("note quote tags themes") };
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
 * visible save that matches: looking up every match's other saves cost more than the search itself).
 * Only the newest-first list and the count use it, so `score` is 0 here; the ranking is `rankedPage`.
 */
function matching(scope: SaveScope, match: SearchMatch | null): SQL {
  if (!match) {
    return sql`WITH m AS (SELECT s.item_seq AS seq, min(s.created_at) AS createdAt, 0 AS score FROM saves s WHERE ${visibleSave(scope, "s")} GROUP BY s.item_seq)`;
  }
  return sql`WITH hits AS MATERIALIZED (SELECT rowid AS save_seq FROM saves_fts WHERE saves_fts MATCH ${match.all}),
      m AS (SELECT s.item_seq AS seq, min(s.created_at) AS createdAt, 0 AS score
        FROM hits h JOIN saves s ON s.seq = h.save_seq WHERE ${visibleSave(scope, "s")} GROUP BY s.item_seq)`;
}

const fromMatches = (scope: SaveScope, match: SearchMatch | null, filter: LibraryFilter) =>
  sql`${matching(scope, match)} SELECT m.seq AS seq, m.createdAt AS createdAt, m.score AS score FROM m JOIN items i ON i.seq = m.seq WHERE ${allFilters(scope, filter)}`;

export type SearchRow = { seq: number; createdAt: string; score: number };
/**
 * Where a ranked page ended; `w`, the window's oldest save when the ranking was capped, 0 when it ranked
 * every match (so a later page never becomes capped because matches arrived meanwhile); absent in
 * cursors made before it was carried.
 */
export type RelevancePosition = { s: number; c: string; q: number; w?: number };
export type RecentPosition = { c: string; q: number };

/**
 * Matches best first (score, then newest), after the position: the page's rows, and `window`: when the
 * words matched more than `cap` saves, the oldest save the ranking took in (see the head of this file),
 * else 0.
 */
export function rankedPage(
  ctx: ServiceContext,
  scope: SaveScope,
  match: SearchMatch,
  filter: LibraryFilter,
  after: RelevancePosition | null,
  limit: number,
  cap: number,
): { rows: SearchRow[]; window: number } {
  // A later page of a capped ranking keeps the window its first page had; otherwise the newest cap + 1
  // candidates tell whether there are more than cap.
  const first = after?.w === undefined;
  // Three statements, one snapshot. Each is a plain walk of FTS5 (the candidates joined to their saves,
  // then the title and the added places from the window's oldest save on), and the grouping, scoring
  // and ordering of at most `cap` rows happen here: as one statement, the probes of each candidate into
  // the two place lists cost more than the walks themselves (in process at 100k items: rare word 0.86 →
  // 0.41 ms, theme word 4.6 → 3.9 ms, common word 3.9 → 3.4 ms).
  return transaction(ctx, () => {
    const candidates = queryRows<[seq: number, item: number, createdAt: string]>(
      ctx,
      sql`SELECT s.seq, s.item_seq, s.created_at FROM saves_fts f CROSS JOIN saves s ON s.seq = f.rowid
          WHERE saves_fts MATCH ${match.all} AND f.rowid >= ${rowidBound(after?.w ?? 0)} AND ${sql.join([visibleSave(scope, "s"), ...narrowing(scope, filter, "s.item_seq")], sql` AND `)}
          ORDER BY f.rowid DESC LIMIT ${first ? cap + 1 : -1}`,
    );
    // Newest first: beyond cap, the oldest is left out and the window starts at the one before it.
    const kept = first && candidates.length > cap ? candidates.slice(0, cap) : candidates;
    const oldest = kept.length ? kept[kept.length - 1]![0] : null;
    const placed = (words: FtsQuery) =>
      oldest === null ? new Set<number>() : new Set(queryRows<[number]>(ctx, sql`SELECT rowid FROM saves_fts WHERE saves_fts MATCH ${words} AND rowid >= ${rowidBound(oldest)}`).map((r) => r[0]));
    const titled = placed(match.title);
    const added = placed(match.added);
    const items = new Map<number, SearchRow>();
    for (const [seq, item, createdAt] of kept) {
      const score = titled.has(seq) ? 3 : added.has(seq) ? 2 : 1;
      const row = items.get(item);
      if (!row) items.set(item, { seq: item, createdAt, score });
      else {
        if (createdAt < row.createdAt) row.createdAt = createdAt;
        if (score > row.score) row.score = score;
      }
    }
    // Dates are ISO strings (ASCII): JavaScript orders them as SQLite did.
    const before = (a: SearchRow, b: { s: number; c: string; q: number }) =>
      a.score !== b.s ? a.score < b.s : a.createdAt !== b.c ? a.createdAt < b.c : a.seq < b.q;
    const rows = [...items.values()]
      .filter((row) => !after || before(row, after))
      .sort((a, b) => (before(a, { s: b.score, c: b.createdAt, q: b.seq }) ? 1 : -1))
      .slice(0, limit);
    // A later page keeps what its first page decided: 0 there means every match was ranked, and still is.
    const capped = first ? candidates.length > cap : after.w! > 0;
    return { rows, window: capped ? (after?.w ?? oldest!) : 0 };
  });
}

/**
 * A save seq as FTS5's bound on rowid: FTS5 takes the bound only from an INTEGER value and ignores a
 * REAL one, and better-sqlite3 binds JavaScript numbers as REAL, so a page after a capped window read
 * every older match too (5 ms instead of 0.2 ms for the title places of a common word at 100k items).
 */
const rowidBound = (seq: number) => sql`CAST(${seq} AS INTEGER)`;

/** Matches (or everything, without a query) newest first, after the position. */
export function recentPage(ctx: ServiceContext, scope: SaveScope, match: SearchMatch | null, filter: LibraryFilter, after: RecentPosition | null, limit: number) {
  if (!match) return newestItems(ctx, scope, filter, after, limit);
  const page = after ? sql`(m.createdAt < ${after.c} OR (m.createdAt = ${after.c} AND m.seq < ${after.q}))` : sql`1`;
  return queryAll<SearchRow>(ctx, sql`${fromMatches(scope, match, filter)} AND ${page} ORDER BY m.createdAt DESC, m.seq DESC LIMIT ${limit}`);
}

/**
 * The library without words, newest first, as `m` orders it: saves are walked newest first along
 * saves_created_idx and an item is taken at its first visible save (the one no earlier visible save of
 * the same item precedes), so a page reads about as many saves as it shows. Grouping every visible save
 * of the library first, as `matching` does, took 564 ms for the first page at 247k items on a busy
 * machine; this walk 0.14 ms, with the same rows. A filter few items pass still means walking further.
 */
function newestItems(ctx: ServiceContext, scope: SaveScope, filter: LibraryFilter, after: RecentPosition | null, limit: number) {
  const page = after ? sql`(s.created_at < ${after.c} OR (s.created_at = ${after.c} AND s.item_seq < ${after.q}))` : sql`1`;
  const firstVisible = sql`NOT EXISTS (SELECT 1 FROM saves e WHERE e.item_seq = s.item_seq AND ${visibleSave(scope, "e")}
    AND (e.created_at < s.created_at OR (e.created_at = s.created_at AND e.seq < s.seq)))`;
  return queryAll<SearchRow>(
    ctx,
    sql`SELECT s.item_seq AS seq, s.created_at AS createdAt, 0 AS score FROM saves s INDEXED BY saves_created_idx
      WHERE ${sql.join([visibleSave(scope, "s"), firstVisible, ...narrowing(scope, filter, "s.item_seq"), page], sql` AND `)}
      ORDER BY s.created_at DESC, s.item_seq DESC LIMIT ${limit}`,
  );
}

export const countMatches = (ctx: ServiceContext, scope: SaveScope, match: SearchMatch | null, filter: LibraryFilter) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (${fromMatches(scope, match, filter)})`)!.n;
