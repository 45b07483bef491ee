import type { ItemFacetsQuery, ItemFacetsResponse, ItemKind, ItemSector, Visibility } from "../../../shared/schemas";
import { facetRows, facetSignatures, ftsHitsUpTo, readsPublicOnly, readsSharedTallies, saveSeqCeiling, tallyRows } from "../../db/repositories/library/facets";
import { narrowing, searchMatch, type FtsQuery, type LibraryFilter } from "../../db/repositories/library/search";
import type { ServiceContext } from "../../core/context";
import { ClientGone } from "../../core/errors";
import type { SaveScope, Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { themeIndex, type ThemeIndex } from "../taxonomy/theme-index";
import type { CountingThread } from "./counting-thread";
import { libraryFilter } from "./search";

/**
 * Facet counts for the library's filters, over the same matches as listItems (found without ranking:
 * counts need no scores), exact for every value, counted one of three ways:
 * - no query and no filter (the side panel as it opens): from counts the write triggers keep in the
 *   same transaction as every save write (migration facet_tallies, `facetsFromTallies`). A few hundred
 *   index rows per reader, whatever the size of the library.
 * - few saves holding the query's words (a tenth of the library or fewer, or SMALL_MATCHES in a small
 *   one): from the visible saves of the matching items, one row each into JavaScript
 *   (`facetsFromSaves`). Its cost follows the matches: a rare word costs a few milliseconds.
 * - many, or a filter without a query: inside SQLite, one walk over saves_facets_idx that leaves one
 *   row per kind of item (its kind, circles, sectors and themes) with how many items share it
 *   (`facetsFromSignatures`). Its cost follows the library, not the matches.
 * Through HTTP, a count of either of the last two kinds that reads many saves runs on a thread of its own
 * (`countFacets`, `offThread`, counting-thread.ts), so the server goes on answering meanwhile.
 *
 * Kept counts and the union of circles. A reader sees a union of circles (their own saves, schools,
 * communities, network, public) and an item saved in two of them counts once, so counts kept per
 * circle cannot simply be added up. They can for items with one save, nine in ten: per audience of that
 * save, and per owner for the saver (who reads their own save in any circle). An item with more saves
 * is kept as a sum of differences that comes out right for each kind of reader: as anyone signed in sees
 * it, plus what its one school or community circle adds for that circle's members, plus what each
 * saver's own save adds for them (schema.ts `sharedItemParts`), and apart from that as a reader who is
 * not signed in sees it (its public saves); the few with saves in two such circles or more than 16
 * savers are grouped from their saves when a signed-in reader asks. A theme's count includes its sub-themes' items once (theme_lineage, rebuilt
 * with every tally when a theme moves). Tests: facet-tallies-follow-every-write (every kind of write,
 * every viewer, against the saves and a recount from scratch), facet-counts-both-ways.
 *
 * Measured (tests/bench/facets-vs-search.ts over HTTP, 100k-item bench library, 107k saves, 7k of them
 * shared items, 5 rounds of 10, load 1.3–2), facets p95 ÷ search p95 without a query: 40× when grouped
 * from every save (231 ms), 9.2× with only single-save items kept (58.7 ms), 2.2× with shared items in
 * open circles kept too (12.3 ms), 0.86× now (4.87 ms against 5.66 ms; in process 0.6 ms). A clip pays
 * for it in its transaction: +0.01–0.15 ms in process (0.83 → 0.84 ms written by hand, 0.92 → 1.07 ms
 * through saveItem, 3 rounds of 800 clips each way, load 2–5); the migration counts a 100k library in 5 s.
 *
 * Not met: a word in many saves (12–26× its search at 100k): the search stops after its newest
 * matches, the counts cannot. Measured before and not taken (100k library, load 12):
 * - counts per value up to 1,001 and shown as "1.000+" beyond, walking each value's postings and
 *   stopping early: the only postings there are, save_themes, name a save, whose circle is then read
 *   from its row (26,078 rows for the 26 themes took 1,094 ms); kinds, sectors and circles have no
 *   postings, so a value that is rare among the matches needs the whole walk anyway: a walk cannot stop
 *   before every value has been seen 1,001 times. Probing FTS5 per posting took 18 ms a probe.
 * - one sum per value in SQL (max(visibility = …), instr(themes, …) per theme): slower than the
 *   signatures (1,149 ms without the themes, 2,204 ms with them, against 1,628 ms with them).
 * The signatures against the old pass over every save, on a 247k-item library (load 11–18), p95 ms,
 * search / old / signatures: leerlingen 2422 / 5951 / 2087, begrijpend lezen 1170 / 1591 / 1335.
 */
export function itemFacets(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  return countedHere(ctx, viewer, query, facetWay(ctx, viewer, query).way);
}

/**
 * As `itemFacets`, with the counts that take long (`offThread`) made on `thread` (counting-thread.ts), so
 * that the server's own thread goes on answering meanwhile; the others are counted here, as is every
 * count when there is no thread or it failed. `asked` is the request's signal (read only for a count
 * that goes to the thread): a count whose request went away before the thread took it up is not made
 * at all (ClientGone).
 */
export async function countFacets(
  ctx: ServiceContext,
  viewer: Viewer,
  query: ItemFacetsQuery,
  thread: CountingThread | null,
  asked?: () => AbortSignal,
): Promise<ItemFacetsResponse> {
  const { way, rows } = facetWay(ctx, viewer, query);
  if (thread && way !== "tallies" && offThread(way, rows)) {
    try {
      return await thread.count(viewer, query, way, asked?.());
    } catch (error) {
      // Nobody waits for these counts any more (a newer search replaced them): they are not made here either.
      if (error instanceof ClientGone) throw error;
      // Otherwise the thread told the log why (counting-thread.ts); the person still gets their counts.
    }
  }
  return countedHere(ctx, viewer, query, way);
}

/**
 * Whether a count is sent to the counting thread: when it would take more than some 30 ms, reading
 * `rows` saves at about 1.4 µs each (`signatures`: every save of the library) or 4 µs each (`saves`: the
 * matching ones). A shorter count holds the server's thread up no longer than a search does, and the
 * thread would cost more to start (and to hold in memory) than it spares.
 */
export const offThread = (way: "saves" | "signatures", rows: number) => rows >= (way === "signatures" ? 20_000 : 7_500);

export type FacetWay = "tallies" | "saves" | "signatures";

/**
 * How a query's facets are counted (see above) and how many saves that reads (for the ways that read
 * saves: the library's size, or the matching saves); also checks the filters (an unknown theme is an
 * error here).
 */
function facetWay(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): { way: FacetWay; rows: number } {
  const fts = matchOf(ctx, query);
  if (!fts && !narrowing(saveScope(viewer), libraryFilter(ctx, viewer, query)).length) return { way: "tallies", rows: 0 };
  const library = saveSeqCeiling(ctx);
  if (fts) {
    const few = Math.max(SMALL_MATCHES, Math.floor(library / 10));
    const hits = ftsHitsUpTo(ctx, fts, few + 1);
    if (hits <= few) return { way: "saves", rows: hits };
  }
  return { way: "signatures", rows: library };
}

/** The counts one way, on whichever thread calls it (the counting thread too). */
export const countedHere = (ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery, way: FacetWay) =>
  way === "tallies" ? facetsFromTallies(ctx, viewer) : way === "saves" ? facetsFromSaves(ctx, viewer, query) : facetsFromSignatures(ctx, viewer, query);

/** At or below this many saves holding the query's words the pass over them is always taken. */
const SMALL_MATCHES = 2000;

/**
 * The query's words as the search asks FTS5 for them, prefixes spelled out as whole terms where that is
 * exact: FTS5 merges a prefix's doclists into one list before it hands over a row, so the count that
 * chooses the way of counting read every match of `taal` (58 ms at 100k) to stop after a tenth of them.
 */
const matchOf = (ctx: ServiceContext, query: ItemFacetsQuery): FtsQuery | null => (query.q ? (searchMatch(ctx, query.q)?.all ?? null) : null);

const prepare = (ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): [SaveScope, FtsQuery | null, LibraryFilter] => [
  saveScope(viewer),
  matchOf(ctx, query),
  libraryFilter(ctx, viewer, query),
];

/** Every count from one row per visible save of the matching items (exported beside the other way for the tests that compare them). */
export function facetsFromSaves(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  const rows = facetRows(ctx, ...prepare(ctx, viewer, query));
  const index = themeIndex(ctx);
  const counts = new Counts(index);
  // The rows come grouped by item, its speaking save first, so a count tells a new item from the one
  // before without a set per value.
  const last = new Map<string, number>();
  const once = (key: string, item: number) => {
    if (last.get(key) === item) return;
    last.set(key, item);
    counts.add(key, 1);
  };
  let previous = -1;
  for (const [item, kind, visibility, sector, themes] of rows) {
    if (item !== previous) {
      previous = item;
      counts.total++;
      once(`kind:${kind}`, item);
    }
    once(`visibility:${visibility}`, item);
    if (sector !== "[]") for (const value of JSON.parse(sector) as ItemSector[]) once(`sector:${value}`, item);
    if (themes !== "[]") for (const slug of JSON.parse(themes) as string[]) for (const key of counts.themeKeys(slug)) once(key, item);
  }
  return counts.response();
}

/** Every count from the items grouped by their kind, circles, sectors and themes, counted in SQLite. */
export function facetsFromSignatures(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  const counts = new Counts(themeIndex(ctx));
  counts.addSignatures(facetSignatures(ctx, ...prepare(ctx, viewer, query)));
  return counts.response();
}

/**
 * Every count of the whole library as the viewer reads it, without a query or a filter, from the tallies
 * the write triggers keep (migration facet_tallies): items with one save per audience and owner; shared
 * items (two saves or more) as every signed-in reader sees them plus what their school or community
 * circle and each saver's own save add, or as a reader who is not signed in sees them; the few shared
 * items whose view depends on more (saves in two such circles, many savers) grouped from their saves
 * as above.
 * The sets never overlap, so their counts add up.
 */
export function facetsFromTallies(ctx: ServiceContext, viewer: Viewer): ItemFacetsResponse {
  const scope = saveScope(viewer);
  // Owner rows are kept only for saves outside the open circles, which every signed-in reader reads;
  // a reader with saves of their own who did not would be counted from the saves.
  if (scope.ownerId !== null && !readsSharedTallies(scope)) return facetsFromSignatures(ctx, viewer, {});
  const counts = new Counts(themeIndex(ctx));
  for (const [audience, part, items] of tallyRows(ctx, scope)) {
    // Every other part is already a count's key (`kind:…`, `sector:…`, `theme:…` rolled up, `visibility:…`).
    if (part !== "total") counts.add(part, items);
    else {
      counts.total += items;
      // An item with one save is in that save's circle; a shared item has its circles as parts.
      if (!audience.startsWith("shared")) counts.add(`visibility:${audience.split(":")[0]}`, items);
    }
  }
  // Every shared item is kept as a reader who is not signed in sees it; for a signed-in reader all but a few.
  if (!readsPublicOnly(scope)) counts.addSignatures(facetSignatures(ctx, scope, null, {}, readsSharedTallies(scope) ? "shared items counted from saves" : "shared items"));
  return counts.response();
}

/** The strings of JSON arrays of slugs written one after another ('["po"]["po","vo"]'); no slug holds a quote. */
const quoted = (lists: string) => Array.from(lists.matchAll(/"([^"]+)"/g), (m) => m[1]!);

class Counts {
  total = 0;
  private readonly byKey = new Map<string, number>();
  private readonly rollUp = new Map<string, string[]>();
  constructor(private readonly index: ThemeIndex) {}

  add(key: string, n: number) {
    this.byKey.set(key, (this.byKey.get(key) ?? 0) + n);
  }

  /** Adds `n` items to each value of stored JSON lists of sectors or themes, written one after another. */
  addList(facet: "sector" | "theme", lists: string, n: number) {
    for (const key of this.keysOf(`${facet}${lists}`, () => (facet === "sector" ? quoted(lists).map((v) => `sector:${v}`) : quoted(lists).flatMap((slug) => this.themeKeys(slug))))) {
      this.add(key, n);
    }
  }

  addSignatures(rows: Iterable<[signature: string, items: number]>) {
    for (const [signature, items] of rows) {
      const [kind, visibilities, sectors, themes] = signature.split("|") as [string, string, string, string];
      this.total += items;
      this.add(`kind:${kind}`, items);
      for (const key of this.keysOf(`v${visibilities}`, () => visibilities.split(",").map((v) => `visibility:${v}`))) this.add(key, items);
      this.addList("sector", sectors, items);
      this.addList("theme", themes, items);
    }
  }

  // Tens of thousands of signatures are made of a few hundred different parts: each part's keys are
  // worked out once (the first version parsed every signature and cost as much as the SQL).
  private readonly parts = new Map<string, string[]>();
  private keysOf(part: string, make: () => Iterable<string>): string[] {
    let keys = this.parts.get(part);
    if (!keys) this.parts.set(part, (keys = [...new Set(make())]));
    return keys;
  }

  /** A theme's key and those of the themes above it: a theme counts the items of its sub-themes once. */
  themeKeys(slug: string): string[] {
    let chain = this.rollUp.get(slug);
    if (!chain) this.rollUp.set(slug, (chain = this.index.withAncestors([slug]).map((s) => `theme:${s}`)));
    return chain;
  }

  response(): ItemFacetsResponse {
    // Kept counts arrive as differences too (a saver's own view less everyone's): a value they cancel out is absent.
    for (const [key, count] of this.byKey) if (count === 0) this.byKey.delete(key);
    const counted = <N extends string>(prefix: string, name: N) =>
      [...this.byKey.entries()]
        .filter(([key]) => key.startsWith(prefix))
        // Most first; equal counts by value, so every way of counting answers in the same order.
        .sort(([xKey, x], [yKey, y]) => y - x || (xKey < yKey ? -1 : xKey > yKey ? 1 : 0))
        .map(([key, count]) => ({ [name]: key.slice(prefix.length), count }) as Record<N, string> & { count: number });
    return {
      total: this.total,
      themes: this.index.all.filter((t) => this.byKey.has(`theme:${t.slug}`)).map((t) => ({ slug: t.slug, count: this.byKey.get(`theme:${t.slug}`)! })),
      kinds: counted("kind:", "kind") as { kind: ItemKind; count: number }[],
      sectors: counted("sector:", "sector") as { sector: ItemSector; count: number }[],
      visibilities: counted("visibility:", "visibility") as { visibility: Visibility; count: number }[],
    };
  }
}
