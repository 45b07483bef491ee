/**
 * The library's facet queries: counts per theme, kind, sector and circle over the same matches and
 * filters as the search (library/search.ts), read only through the saves the viewer's scope may see.
 */
import { sql } from "drizzle-orm";
import type { ItemKind, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import { queryRows } from "../../statements";
import { factsSaveOrder, visibleSave } from "../../visibility";
import { narrowing, type FtsQuery, type LibraryFilter } from "./search";

export type FacetRow = [item: number, kind: ItemKind, visibility: Visibility, sector: string, themes: string];

/**
 * One row per visible save of the matching items, its item's saves together and the save that speaks
 * for the item to the viewer first (its kind is the one they are shown): an item is visible exactly
 * when one of its saves is, so the counts can tell a new item from the one before without a set per
 * value. One statement: one consistent snapshot, no writes. Rows are arrays: building an object per row
 * was a quarter of the time.
 */
export function facetRows(ctx: ServiceContext, scope: SaveScope, fts: FtsQuery | null, filter: LibraryFilter): FacetRow[] {
  // Every column read here is in saves_facets_idx: the rows themselves, each about a page long with its
  // page text, are never read (that reading was most of the facets' time), nor the items table.
  return queryRows<FacetRow>(
    ctx,
    fts
      ? sql`WITH matched(seq) AS MATERIALIZED (
              SELECT DISTINCT ms.item_seq FROM saves_fts JOIN saves ms ON ms.seq = saves_fts.rowid WHERE saves_fts MATCH ${fts} AND ${visibleSave(scope, "ms")})
            SELECT s.item_seq, s.kind, s.visibility, s.sector, s.themes
            FROM matched m CROSS JOIN saves s INDEXED BY saves_facets_idx ON s.item_seq = m.seq
            WHERE ${sql.join([visibleSave(scope, "s"), ...narrowing(scope, filter, "m.seq")], sql` AND `)}
            ORDER BY m.seq, ${factsSaveOrder(scope, "s")}`
      : sql`SELECT s.item_seq, s.kind, s.visibility, s.sector, s.themes
            FROM saves s INDEXED BY saves_facets_idx
            WHERE ${sql.join([visibleSave(scope, "s"), ...narrowing(scope, filter, "s.item_seq")], sql` AND `)}
            ORDER BY s.item_seq, ${factsSaveOrder(scope, "s")}`,
  );
}

/** How many saves hold the query's words, counted no further than `limit` (FTS5 alone, no save read). */
export const ftsHitsUpTo = (ctx: ServiceContext, fts: FtsQuery, limit: number) =>
  queryRows<[number]>(ctx, sql`SELECT count(*) FROM (SELECT 1 FROM saves_fts WHERE saves_fts MATCH ${fts} LIMIT ${limit})`)[0]![0];

/** The highest save seq: the size of the library, without counting it. */
export const saveSeqCeiling = (ctx: ServiceContext) => queryRows<[number | null]>(ctx, sql`SELECT max(seq) FROM saves`)[0]![0] ?? 0;

/**
 * Per kind of matching item, how many items share it: `signature` is the kind of the save that speaks
 * for the item to the viewer, then '|', the circles of its visible saves (comma-separated), '|', their
 * sector lists and '|' their theme lists, each list as stored (JSON arrays, written one after another).
 * The whole count happens inside SQLite, in one walk over saves_facets_idx in item order (the item's
 * saves come together, so the GROUP BY needs no sort): no row per save reaches JavaScript, and a query's
 * hits are checked against the save's seq (the index entry's rowid), never by reading the save.
 */
export function facetSignatures(
  ctx: ServiceContext,
  scope: SaveScope,
  fts: FtsQuery | null,
  filter: LibraryFilter,
  only: "every item" | "shared items" | "shared items counted from saves" = "every item",
): [signature: string, items: number][] {
  // Nearly every item has one visible save: its own kind speaks for it, and the ordered look-up is only
  // made for the few with more.
  const speaking = sql`CASE WHEN count(*) = 1 THEN s.kind ELSE (SELECT fk.kind FROM saves fk WHERE fk.item_seq = s.item_seq AND ${visibleSave(scope, "fk")} ORDER BY ${factsSaveOrder(scope, "fk")} LIMIT 1) END`;
  return queryRows<[string, number]>(
    ctx,
    sql`SELECT signature, count(*) FROM (
          SELECT ${speaking} || '|' || group_concat(s.visibility) || '|' || group_concat(s.sector, '') || '|' || group_concat(s.themes, '') AS signature
          FROM ${only === "every item" ? sql`` : sql`shared_items si CROSS JOIN `}saves s INDEXED BY saves_facets_idx
          WHERE ${sql.join([...(only === "every item" ? [] : [sql`s.item_seq = si.item_seq`]), ...(only === "shared items counted from saves" ? [sql`si.counted_from_saves`] : []), visibleSave(scope, "s"), ...narrowing(scope, filter, "s.item_seq")], sql` AND `)}
          GROUP BY s.item_seq
          ${fts ? sql`HAVING max(s.seq IN (SELECT rowid FROM saves_fts WHERE saves_fts MATCH ${fts}))` : sql``})
        GROUP BY signature`,
  );
}

/**
 * Whether a scope reads the shared items' kept rows (audiences `shared` and `shared:<circle>`): they hold
 * what a signed-in reader sees of each item and what its school or community circle and each saver's
 * own save add (schema.ts `sharedItemParts`).
 */
export const readsSharedTallies = (scope: SaveScope) => scope.ownerId !== null && scope.open.includes("public") && scope.open.includes("network");

/** Whether a scope reads public saves only (a reader who is not signed in): the shared items' `shared-public` rows are theirs. */
export const readsPublicOnly = (scope: SaveScope) =>
  scope.ownerId === null && scope.open.length === 1 && scope.open[0] === "public" && !scope.schoolIds.length && !scope.communityIds.length;

/** The circles whose saves a scope reads, as facet_tallies names their audiences. */
export const tallyAudiences = (scope: SaveScope): string[] => [
  ...scope.open,
  ...scope.schoolIds.map((id) => `school:${id}`),
  ...scope.communityIds.map((id) => `community:${id}`),
];

/**
 * The kept counts a scope reads, per audience and part (facet_tallies): every reader's rows of its
 * audiences (and of the shared items as seen from its circles), and the owner's own rows of the others
 * (their private saves, a save in a school they have left) and of the shared items they saved. A few
 * hundred index rows, however large the library.
 */
export function tallyRows(ctx: ServiceContext, scope: SaveScope): [audience: string, part: string, items: number][] {
  const circles = tallyAudiences(scope);
  const shared = readsSharedTallies(scope)
    ? ["shared", ...[...scope.schoolIds.map((id) => `school:${id}`), ...scope.communityIds.map((id) => `community:${id}`)].map((c) => `shared:${c}`)]
    : readsPublicOnly(scope)
      ? ["shared-public"]
      : [];
  return queryRows<[string, string, number]>(
    ctx,
    sql`SELECT audience, part, items FROM facet_tallies WHERE owner = '' AND audience IN ${[...circles, ...shared]} AND items <> 0
        ${
          scope.ownerId === null
            ? sql``
            : sql`UNION ALL SELECT audience, part, items FROM facet_tallies WHERE owner = ${scope.ownerId} AND items <> 0
                  AND ((audience NOT IN ${circles} AND audience NOT GLOB 'shared*')${shared.length ? sql` OR audience IN ${shared}` : sql``})`
        }`,
  );
}
