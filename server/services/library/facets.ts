import type { ItemFacetsQuery, ItemFacetsResponse, ItemKind, ItemSector, Visibility } from "../../../shared/schemas";
import { facetRows, facetSignatures, ftsHitsUpTo, saveSeqCeiling } from "../../db/repositories/library/facets";
import { ftsQuery, type FtsQuery, type LibraryFilter } from "../../db/repositories/library/search";
import type { ServiceContext } from "../../core/context";
import type { SaveScope, Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { themeIndex, type ThemeIndex } from "../taxonomy/theme-index";
import { libraryFilter } from "./search";

/**
 * Facet counts for the library's filters, over the same matches as listItems (found without ranking:
 * counts need no scores), exact for every value, counted one of two ways by how many saves hold the
 * query's words:
 * - few (a tenth of the library or fewer, or SMALL_MATCHES in a small one): from the visible saves of
 *   the matching items, one row each into JavaScript (`facetsFromSaves`). Its cost follows the matches:
 *   a rare word costs a few milliseconds, where a walk over the library would cost the library.
 * - many, or no query: inside SQLite, one walk over saves_facets_idx that leaves one row per kind of
 *   item (its kind, circles, sectors and themes) with how many items share it (`facetsFromSignatures`).
 *   Its cost follows the library, not the matches, and nothing per save reaches JavaScript.
 *
 * Why counted this way (issue 18). Side by side in one process on a 247k-item bench library (264k
 * saves), the machine at a load average of 11–18, so only the ratios count; p95 of each round, median of
 * 3 rounds, ms — search (listItems, limit 20) / the pass over every matching save, as before / now:
 *   no query            465 / 3522 / 2403   (7.6× → 5.2× the search)
 *   leerlingen         2422 / 5951 / 2087   (2.5× → 0.86×)
 *   begrijpend lezen   1170 / 1591 / 1335   (1.4× → 1.1×)
 *   ouderbetrokkenheid  203 /  250 /  246   (1.2× → 1.2×; 9k matches, still the pass)
 *   tamazight            14 /   25 /   18   (539 matches, the pass)
 * Over HTTP (tests/bench/facets-vs-search.ts, same library, 3 rounds of 4, load 12–18), facets ÷ search
 * went from 5.70 / 1.82 / 1.60 / 1.15 / 0.72 to 4.11 / 0.93 / 0.88 / 1.45 / 0.87 for the same queries
 * (ouderbetrokkenheid takes the same pass as before: 217 and 220 ms; its search side moved).
 * A common word's matches were each read from the saves table to see whether the viewer may see them,
 * a page of text each; the walk tests a hit against the index entry's rowid instead, so it costs about
 * what the search costs. Without a query it does not: the search walks the same index but keeps only
 * the newest 20 items, while the counts also build and sort a signature per item (the SQL alone was
 * 1.2–2.7 s of the 2.4 s; the signatures' parts are parsed once each). The goal (facets p95 ≤ search p95) is met for common words and not for the
 * library without a query; that needs counts that stop early, the first item below. Measured and not
 * taken (100k library, load 12):
 * - counts per value up to 1,001 and shown as "1.000+" beyond, walking each value's postings and
 *   stopping early: the only postings there are, save_themes, name a save, whose circle is then read
 *   from its row (26,078 rows for the 26 themes took 1,094 ms, more than the whole walk's share for the
 *   themes); kinds, sectors and circles have no postings, so a value that is rare or absent among the
 *   matches needs the whole walk anyway: a walk cannot stop before every value has been seen 1,001
 *   times. Probing FTS5 per posting for a query's words took 18 ms a probe ("leerlingen"*: prefix terms
 *   are merged anew for each probe). It is the way to meet the goal without a query, but needs postings
 *   per kind, sector and circle that carry what visibility reads (a migration).
 * - one sum per value in SQL (max(visibility = …), instr(themes, …) per theme): slower than the
 *   signatures (1,149 ms without the themes, 2,204 ms with them, against 1,628 ms with them).
 * - counts kept per circle and theme, updated with writes: a viewer sees a union of circles (their
 *   own saves, schools, communities, network, public) and an item saved in two of them counts once, so
 *   kept counts cannot be added up per viewer; nor do they follow a query or a filter.
 */
export function itemFacets(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  const fts = query.q ? ftsQuery(query.q) : null;
  if (fts) {
    const few = Math.max(SMALL_MATCHES, Math.floor(saveSeqCeiling(ctx) / 10));
    if (ftsHitsUpTo(ctx, fts, few + 1) <= few) return facetsFromSaves(ctx, viewer, query);
  }
  return facetsFromSignatures(ctx, viewer, query);
}

/** At or below this many saves holding the query's words the pass over them is always taken. */
const SMALL_MATCHES = 2000;

const prepare = (ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): [SaveScope, FtsQuery | null, LibraryFilter] => [
  saveScope(viewer),
  query.q ? ftsQuery(query.q) : null,
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
  // Tens of thousands of signatures are made of a few hundred different parts: each part's keys are
  // worked out once (the first version parsed every signature and cost as much as the SQL).
  const parts = new Map<string, string[]>();
  const keysOf = (part: string, make: () => Iterable<string>) => {
    let keys = parts.get(part);
    if (!keys) parts.set(part, (keys = [...new Set(make())]));
    return keys;
  };
  for (const [signature, items] of facetSignatures(ctx, ...prepare(ctx, viewer, query))) {
    const [kind, visibilities, sectors, themes] = signature.split("|") as [string, string, string, string];
    counts.total += items;
    counts.add(`kind:${kind}`, items);
    for (const key of keysOf(`v${visibilities}`, () => visibilities.split(",").map((v) => `visibility:${v}`))) counts.add(key, items);
    for (const key of keysOf(`s${sectors}`, () => quoted(sectors).map((v) => `sector:${v}`))) counts.add(key, items);
    for (const key of keysOf(`t${themes}`, () => quoted(themes).flatMap((slug) => counts.themeKeys(slug)))) counts.add(key, items);
  }
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

  /** A theme's key and those of the themes above it: a theme counts the items of its sub-themes once. */
  themeKeys(slug: string): string[] {
    let chain = this.rollUp.get(slug);
    if (!chain) this.rollUp.set(slug, (chain = this.index.withAncestors([slug]).map((s) => `theme:${s}`)));
    return chain;
  }

  response(): ItemFacetsResponse {
    const counted = <N extends string>(prefix: string, name: N) =>
      [...this.byKey.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, count]) => ({ [name]: key.slice(prefix.length), count }) as Record<N, string> & { count: number })
        .sort((x, y) => y.count - x.count);
    return {
      total: this.total,
      themes: this.index.all.filter((t) => this.byKey.has(`theme:${t.slug}`)).map((t) => ({ slug: t.slug, count: this.byKey.get(`theme:${t.slug}`)! })),
      kinds: counted("kind:", "kind") as { kind: ItemKind; count: number }[],
      sectors: counted("sector:", "sector") as { sector: ItemSector; count: number }[],
      visibilities: counted("visibility:", "visibility") as { visibility: Visibility; count: number }[],
    };
  }
}
