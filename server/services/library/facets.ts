import type { ItemFacetsQuery, ItemFacetsResponse, ItemKind, ItemSector, Visibility } from "../../../shared/schemas";
import { facetRows } from "../../db/repositories/library/facets";
import { ftsQuery } from "../../db/repositories/library/search";
import type { ServiceContext } from "../../core/context";
import type { Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { themeIndex } from "../taxonomy/theme-index";
import { libraryFilter } from "./search";

/**
 * Facet counts for the library's filters, over the same matches as listItems (found without ranking:
 * counts need no scores), exact for every value. One pass over the visible saves of the matching items
 * feeds every count; the rows come grouped by item, so each count can tell a new item from the one
 * before without a set per value.
 *
 * Why counted this way (issue 18): most of the facets' time was SQLite reading save rows, each about a
 * page long with its page text, to get five short columns. The rows now come from one covering index
 * (saves_facets_idx, db/repositories/library/facets.ts), never from the table: on the bench library
 * (100k items) that halved a facets call. Weighed and not taken:
 * - counts kept per circle and theme, updated with writes: a viewer sees a union of circles (their
 *   own saves, schools, communities, network, public) and an item saved in two of them counts once, so
 *   kept counts cannot be added up per viewer; nor do they follow a query or a filter, which is when
 *   the side panel asks most.
 * - every count as GROUP BY / count(DISTINCT) in one SQL statement: measured slower than this pass on
 *   the same index (a temporary b-tree per value group, a sort for the kind of the speaking save).
 * - approximate counts above a threshold ("1.000+"): exact below it still needs the whole candidate
 *   set, which is what costs.
 */
export function itemFacets(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  const fts = query.q ? ftsQuery(query.q) : null;
  const rows = facetRows(ctx, saveScope(viewer), fts, libraryFilter(ctx, viewer, query));

  const index = themeIndex(ctx);
  const counters = new Map<string, { last: number; count: number }>();
  const count = (key: string, item: number) => {
    const counter = counters.get(key);
    if (!counter) counters.set(key, { last: item, count: 1 });
    else if (counter.last !== item) {
      counter.last = item;
      counter.count++;
    }
  };
  // Themes roll up the tree, so a theme counts the items of its sub-themes once.
  const rollUp = new Map<string, string[]>();
  const ancestorsOf = (slug: string) => {
    let chain = rollUp.get(slug);
    if (!chain) rollUp.set(slug, (chain = index.withAncestors([slug]).map((s) => `theme:${s}`)));
    return chain;
  };
  let total = 0;
  let previous = -1;
  for (const [item, kind, visibility, sector, themes] of rows) {
    if (item !== previous) {
      previous = item;
      total++;
      count(`kind:${kind}`, item);
    }
    count(`visibility:${visibility}`, item);
    if (sector !== "[]") for (const value of JSON.parse(sector) as ItemSector[]) count(`sector:${value}`, item);
    if (themes !== "[]") for (const slug of JSON.parse(themes) as string[]) for (const key of ancestorsOf(slug)) count(key, item);
  }

  const counted = <N extends string>(prefix: string, name: N) =>
    [...counters.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, c]) => ({ [name]: key.slice(prefix.length), count: c.count }) as Record<N, string> & { count: number })
      .sort((x, y) => y.count - x.count);
  return {
    total,
    themes: index.all.filter((t) => counters.has(`theme:${t.slug}`)).map((t) => ({ slug: t.slug, count: counters.get(`theme:${t.slug}`)!.count })),
    kinds: counted("kind:", "kind") as { kind: ItemKind; count: number }[],
    sectors: counted("sector:", "sector") as { sector: ItemSector; count: number }[],
    visibilities: counted("visibility:", "visibility") as { visibility: Visibility; count: number }[],
  };
}
