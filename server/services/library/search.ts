/**
 * Search and browse. With a query: FTS5 over the saves the caller may see, ranked by where the words
 * show up in them, then newest first (the queries and why not bm25 are in
 * db/repositories/library/search.ts); otherwise newest first.
 */
import type { ItemFacetsQuery, ItemSearchQuery } from "../../../shared/schemas";
import {
  countMatches,
  rankedPage,
  searchMatch,
  recentPage,
  type LibraryFilter,
  type RecentPosition,
  type RelevancePosition,
  type SearchRow,
} from "../../db/repositories/library/search";
import { decodeCursor, pageOf } from "../../db/paging";
import type { ServiceContext } from "../../core/context";
import { invalid, unauthenticated } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
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

const relevancePosition = (v: Record<string, unknown>): RelevancePosition | null => {
  if (typeof v.s !== "number" || typeof v.c !== "string" || typeof v.q !== "number") return null;
  if (v.w === undefined) return { s: v.s, c: v.c, q: v.q };
  return Number.isSafeInteger(v.w) && (v.w as number) >= 0 ? { s: v.s, c: v.c, q: v.q, w: v.w as number } : null;
};
const recentPosition = (v: Record<string, unknown>): RecentPosition | null =>
  typeof v.c === "string" && typeof v.q === "number" ? { c: v.c, q: v.q } : null;

/** `rankCap`: rank at most this many of the newest matches instead of SEARCH_RANK_CAP (for callers that show a handful). */
export function listItems(ctx: ServiceContext, viewer: Viewer, query: ItemSearchQuery, options: { rankCap?: number } = {}) {
  const cap = Math.min(options.rankCap ?? ctx.searchRankCap, ctx.searchRankCap);
  const match = query.q ? searchMatch(ctx, query.q) : null;
  const relevance = match !== null && query.sort !== "recent";
  // The cursor is read before the filters, so a forged cursor is reported as one whatever else is wrong.
  const relevanceAfter = relevance ? decodeCursor(query.cursor, relevancePosition) : null;
  const recentAfter = relevance ? null : decodeCursor(query.cursor, recentPosition);
  const scope = saveScope(viewer);
  const filter = libraryFilter(ctx, viewer, query);
  let rows: SearchRow[];
  let window = 0;
  if (relevance) {
    ({ rows, window } = rankedPage(ctx, scope, match, filter, relevanceAfter, query.limit + 1, cap));
  } else {
    rows = recentPage(ctx, scope, match, filter, recentAfter, query.limit + 1);
  }
  // A ranking's cursor carries its window (0: every match), so its later pages rank the same saves.
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => (relevance ? { s: r.score, c: r.createdAt, q: r.seq, w: window } : { c: r.createdAt, q: r.seq }));
  const total = query.total ? countMatches(ctx, scope, match, filter) : undefined;
  return {
    items: shapeItems(ctx, viewer, page.map((r) => r.seq)),
    nextCursor,
    ...(total === undefined ? {} : { total }),
    ...(window > 0 ? { rankedNewest: cap } : {}),
  };
}
