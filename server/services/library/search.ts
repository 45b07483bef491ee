/**
 * Search and browse. With a query: FTS5 over the page and over the saves the caller may see, ranked by
 * bm25 (the queries are in db/repositories/library/search.ts); otherwise newest first.
 */
import type { ItemFacetsQuery, ItemSearchQuery } from "../../../shared/schemas";
import {
  countMatches,
  filteredCandidates,
  ftsQuery,
  rankedPage,
  recentPage,
  topItemMatches,
  topSaveMatches,
  type FtsQuery,
  type LibraryFilter,
  type RecentPosition,
  type RelevancePosition,
  type ScoreBound,
  type SearchRow,
} from "../../db/repositories/library/search";
import { decodeCursor, pageOf } from "../../db/paging";
import type { ServiceContext } from "../../core/context";
import { invalid, unauthenticated } from "../../core/errors";
import type { SaveScope, Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { themeIndex } from "../taxonomy/theme-index";
import { shapeItems } from "./item-view";

/** The filters the caller chose, resolved: themes with their sub-themes, tags without '#'. */
export function libraryFilter(ctx: ServiceContext, viewer: Viewer, query: Omit<ItemFacetsQuery, "q">): LibraryFilter {
  const filter: LibraryFilter = {};
  if (query.kind?.length) filter.kinds = query.kind;
  if (query.theme?.length) {
    const index = themeIndex(ctx);
    const slugs = query.theme.flatMap((term) => {
      const slug = index.resolve(term);
      if (!slug) throw invalid("unknown_theme", `Unknown theme '${term}'.`, [{ path: ["theme"], message: "unknown theme" }]);
      return index.withDescendants(slug);
    });
    filter.themes = [...new Set(slugs)];
  }
  if (query.tag?.length) filter.tags = query.tag.map((t) => t.replace(/^#/, "").toLowerCase());
  if (query.sector?.length) filter.sectors = query.sector;
  if (query.savedBy === "me") {
    if (viewer.kind !== "user") throw unauthenticated();
    filter.savedBy = viewer.user.id;
  }
  if (query.visibility?.length) filter.visibilities = query.visibility;
  if (query.communityId) filter.communityId = query.communityId;
  if (query.schoolId) filter.schoolId = query.schoolId;
  return filter;
}

const relevancePosition = (v: Record<string, unknown>): RelevancePosition | null =>
  typeof v.s === "number" && typeof v.q === "number" ? { s: v.s, q: v.q } : null;
const recentPosition = (v: Record<string, unknown>): RecentPosition | null =>
  typeof v.c === "string" && typeof v.q === "number" ? { c: v.c, q: v.q } : null;

export function listItems(ctx: ServiceContext, viewer: Viewer, query: ItemSearchQuery) {
  const fts = query.q ? ftsQuery(query.q) : null;
  const relevance = fts !== null && query.sort !== "recent";
  // The cursor is read before the filters, so a forged cursor is reported as one whatever else is wrong.
  const relevanceAfter = relevance ? decodeCursor(query.cursor, relevancePosition) : null;
  const recentAfter = relevance ? null : decodeCursor(query.cursor, recentPosition);
  const scope = saveScope(viewer);
  const filter = libraryFilter(ctx, viewer, query);
  const rows = relevance
    ? (topRankedPage(ctx, scope, fts, filter, relevanceAfter, query.limit + 1) ?? rankedPage(ctx, scope, fts, filter, relevanceAfter, query.limit + 1))
    : recentPage(ctx, scope, fts, filter, recentAfter, query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => (relevance ? { s: r.score, q: r.seq } : { c: r.createdAt, q: r.seq }));
  const total = query.total ? countMatches(ctx, scope, fts, filter) : undefined;
  return { items: shapeItems(ctx, viewer, page.map((r) => r.seq)), nextCursor, ...(total === undefined ? {} : { total }) };
}

/** Candidates taken from the top of each full-text index before visibility and filters are checked. */
const TOP_K = 200;

/**
 * The fast path of relevance search. Ranking every match, then checking visibility and filters on all
 * of them, costs several times the bare FTS5 query on a large library; instead take the best TOP_K of
 * each index (FTS5 keeps only a small heap for ORDER BY … LIMIT), merge, and check the few candidates.
 * That page is exact when its last row scores better than the K-th score of every index that was cut
 * off: anything not among the candidates scores at least that. When many matches tie at the cut-off
 * (a theme word scores every save of that theme alike), a second pass takes every match scoring no
 * worse than the page's last row, which is exact too. Otherwise (deep pages, narrow filters) returns
 * null and the caller runs the complete query.
 */
function topRankedPage(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery, filter: LibraryFilter, after: RelevancePosition | null, want: number): SearchRow[] | null {
  const first = rankedCandidates(ctx, scope, fts, filter, after, want, { top: TOP_K });
  if (first.exact) return first.rows;
  if (first.rows.length < want) return null;
  const second = rankedCandidates(ctx, scope, fts, filter, after, want, { atMost: first.rows[want - 1]!.score });
  return second.exact ? second.rows : null;
}

function rankedCandidates(
  ctx: ServiceContext,
  scope: SaveScope,
  fts: FtsQuery,
  filter: LibraryFilter,
  after: RelevancePosition | null,
  want: number,
  bound: ScoreBound,
): { rows: SearchRow[]; exact: boolean } {
  const fromItems = topItemMatches(ctx, fts, bound);
  const fromSaves = topSaveMatches(ctx, scope, fts, bound);
  const truncated = (rows: { score: number }[]) => "top" in bound && rows.length === bound.top;
  const cutoff = Math.min(
    truncated(fromItems) ? fromItems.at(-1)!.score : Infinity,
    truncated(fromSaves) ? Math.max(...fromSaves.map((r) => r.score)) : Infinity,
  );

  const best = new Map<number, number>();
  for (const { seq, score } of [...fromItems, ...fromSaves.filter((r) => r.visible)]) {
    const known = best.get(seq);
    if (known === undefined || score < known) best.set(seq, score);
  }
  const allowed = new Map(best.size === 0 ? [] : filteredCandidates(ctx, scope, filter, [...best.keys()]).map((r) => [r.seq, r.createdAt] as const));
  const rows = [...best.entries()]
    .map(([seq, score]) => ({ seq, score, createdAt: allowed.get(seq) }))
    .filter((r): r is SearchRow => r.createdAt !== undefined)
    .filter((r) => !after || r.score > after.s || (r.score === after.s && r.seq > after.q))
    .sort((a, b) => a.score - b.score || a.seq - b.seq)
    .slice(0, want);
  const exact = rows.length === want ? rows[want - 1]!.score < cutoff : cutoff === Infinity;
  return { rows, exact };
}
