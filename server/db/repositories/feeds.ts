/**
 * The candidate rows of a feed: what it would show, with the stamps that change whenever its entries
 * would. They are read again only after a write moved one of the feed's change counters
 * (db/feed-versions.ts); the entries are shaped from them only for a 200. The audience is a SaveScope
 * (anonymous for theme feeds, the network for school feeds).
 */
import { sql, type SQL } from "drizzle-orm";
import type { ItemSector } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { SaveScope } from "../../core/viewer";
import type { Audience } from "../../../shared/schemas";
import { inList, jsonField, jsonListEmpty, jsonListHasAny } from "../sqlite";
import { queryAll, queryGet } from "../statements";
import { visibleSave } from "../visibility";

export interface ItemCandidate {
  seq: number;
  id: string;
  /** Sort time: the item's first save the audience sees. */
  at: string;
  /** Latest change to a save the audience sees. */
  updated: string;
  /** Changes when a visible save is added, widened, narrowed or deleted, even without a newer time. */
  stamp: string;
}

/** A save the walk below passes: newest first, visible to the audience, carrying one of the themes. */
interface WalkRow {
  seq: number;
  itemSeq: number;
  createdAt: string;
}

/**
 * The theme's visible saves, newest first, from `after` on. For a common theme the newest saves of the
 * whole library are read in order (saves_created_idx) and the theme looked up per save: the next
 * matching one is a few rows away. For a rare theme that would read most of the library, so its saves are
 * taken from the theme index and sorted. The costs meet near 2 × sqrt(limit × saves) tagged saves;
 * counting them on the theme index, stopping at that number, costs next to nothing. Both forms are pinned
 * (INDEXED BY, CROSS JOIN): tests/server/feed-query-plan.test.ts holds them.
 */
export function themeWalk(scope: SaveScope, themes: string[], common: boolean, after: WalkRow | null, batch: number): SQL {
  // One range on created_at (an OR of two would make SQLite sort the whole range): walks on down the index.
  const from = after ? sql`AND s.created_at <= ${after.createdAt} AND NOT (s.created_at = ${after.createdAt} AND s.seq >= ${after.seq})` : sql``;
  if (common) {
    return sql`SELECT s.seq AS seq, s.item_seq AS itemSeq, s.created_at AS createdAt FROM saves s INDEXED BY saves_created_idx
      WHERE ${visibleSave(scope, "s")} AND EXISTS (SELECT 1 FROM save_themes st INDEXED BY sqlite_autoindex_save_themes_1 WHERE st.save_seq = s.seq AND st.theme IN ${themes}) ${from}
      ORDER BY s.created_at DESC, s.seq DESC LIMIT ${batch}`;
  }
  return sql`SELECT s.seq AS seq, s.item_seq AS itemSeq, s.created_at AS createdAt FROM save_themes st CROSS JOIN saves s ON s.seq = st.save_seq
    WHERE st.theme IN ${themes} AND ${visibleSave(scope, "s")} ${from}
    ORDER BY s.created_at DESC, s.seq DESC LIMIT ${batch}`;
}

function isCommon(ctx: ServiceContext, themes: string[], limit: number): boolean {
  const librarySize = queryGet<{ n: number | null }>(ctx, sql`SELECT max(seq) AS n FROM saves`)?.n ?? 0;
  // A walked row costs a few times a sorted one (a table lookup for the circle, a probe for the theme),
  // and only about a third of a theme's saves are public: measured on the bench library, the forms
  // cost the same near twice sqrt(limit × saves).
  const crossover = 2 * Math.ceil(Math.sqrt(limit * librarySize));
  const tagged = queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (SELECT 1 FROM save_themes WHERE theme IN ${themes} LIMIT ${crossover})`)?.n ?? 0;
  return tagged >= crossover;
}

/**
 * Per item, over the saves the audience sees: first and latest change, and a stamp. With sectors, the
 * sector rule of services/schools/subscriptions.ts (`sectorAllows`), written here in SQL so that the
 * feed's limit counts only what the school receives: items labelled only for other sectors are left out.
 */
export function itemAggregates(scope: SaveScope, itemSeqs: number[], sectors: ItemSector[]): SQL {
  const sectorRule = sectors.length
    ? sql`HAVING sum(NOT ${jsonListEmpty(sql`s.sector`)}) = 0 OR sum(${jsonListHasAny(sql`s.sector`, sectors)}) > 0`
    : sql``;
  return sql`SELECT i.seq AS seq, i.id AS id, min(s.created_at) AS at, max(s.updated_at) AS savesUpdated, count(s.seq) AS saveCount, total(s.seq) AS saveSum
      FROM items i CROSS JOIN saves s ON s.item_seq = i.seq
      WHERE i.seq IN ${inList(itemSeqs)} AND ${visibleSave(scope, "s")}
      GROUP BY i.seq ${sectorRule}`;
}

function candidatesFor(ctx: ServiceContext, scope: SaveScope, itemSeqs: number[], sectors: ItemSector[]): ItemCandidate[] {
  const rows = queryAll<{ seq: number; id: string; at: string; savesUpdated: string; saveCount: number; saveSum: number }>(ctx, itemAggregates(scope, itemSeqs, sectors));
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    at: r.at,
    updated: r.savesUpdated,
    stamp: `i${r.seq}:${r.savesUpdated}:${r.saveCount}:${r.saveSum}`,
  }));
}

const newestFirst = (a: ItemCandidate, b: ItemCandidate) => (a.at === b.at ? b.seq - a.seq : a.at > b.at ? -1 : 1);

/**
 * Items visible to the audience that carry one of the themes on a save the audience sees, newest first by
 * their first save the audience sees (an item's first save may be a private one), cut to `limit`.
 *
 * The theme's visible saves are walked newest first. An item not met yet has all its theme saves below
 * the walk's position, and its first visible save no later than those: once `limit` items sort above the
 * position, no later one can enter, and the walk stops. A library of mostly single saves stops after
 * about `limit` rows, where grouping every matching item first read the whole theme (17 ms at 100k items,
 * 190 ms at 1M).
 */
export function itemCandidates(ctx: ServiceContext, scope: SaveScope, themes: string[], sectors: ItemSector[], limit: number): ItemCandidate[] {
  if (!themes.length) return [];
  const common = isCommon(ctx, themes, limit);
  const seen = new Set<number>();
  let found: ItemCandidate[] = [];
  let after: WalkRow | null = null;
  let batch = Math.max(2 * limit, 64);
  for (;;) {
    const rows: WalkRow[] = queryAll<WalkRow>(ctx, themeWalk(scope, themes, common, after, batch));
    const fresh = [...new Set(rows.map((r) => r.itemSeq))].filter((seq) => !seen.has(seq));
    for (const seq of fresh) seen.add(seq);
    if (fresh.length) found = [...found, ...candidatesFor(ctx, scope, fresh, sectors)].sort(newestFirst);
    if (rows.length < batch) break;
    after = rows[rows.length - 1]!;
    if (found.length >= limit && found[limit - 1]!.at > after.createdAt) break;
    batch = Math.min(batch * 2, 4096);
  }
  return found.slice(0, limit);
}

export interface BundleCandidate {
  bundleId: string;
  slug: string;
  version: number;
  /** Sort time: publication (theme feeds) or acceptance (school feeds). */
  at: string;
  firstPublished: string;
  /** The offer's capability key, on a school's accepted bundles: the link works for the whole team. */
  key: string | null;
  stamp: string;
}

export function publishedBundleCandidates(ctx: ServiceContext, audiences: readonly string[], themes: string[], limit: number): BundleCandidate[] {
  if (!themes.length) return [];
  const rows = queryAll<{ bundleId: string; slug: string; version: number; at: string; firstPublished: string }>(
    ctx,
    sql`SELECT b.id AS bundleId, b.slug AS slug, v.number AS version, v.published_at AS at,
          (SELECT min(f.published_at) FROM bundle_versions f WHERE f.bundle_id = b.id) AS firstPublished
        FROM bundles b JOIN bundle_versions v ON v.bundle_id = b.id AND v.number = b.published_version
        WHERE b.status = 'published' AND b.slug IS NOT NULL
          AND ${jsonField(sql`v.content`, "$.audience")} IN ${audiences}
          AND ${jsonListHasAny(jsonField(sql`v.content`, "$.themes"), themes)}
        ORDER BY v.published_at DESC, b.id LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, key: null, stamp: `b${r.bundleId}:${r.slug}:${r.version}:${r.at}` }));
}

/** The key of an accepted offer as stored: the service decides whether a link may still carry it. */
export interface OfferKeyFields {
  capabilityKey: string;
  keyIssuedAt: string | null;
  keyRevokedAt: string | null;
  offeredAt: string;
}

/** The newest accepted version of each bundle the school accepted, with that offer's key. */
export function acceptedBundleCandidates(ctx: ServiceContext, schoolId: string, limit: number): (BundleCandidate & { offerKey: OfferKeyFields })[] {
  const rows = queryAll<{ bundleId: string; slug: string; version: number; at: string; firstPublished: string; offerId: string } & OfferKeyFields>(
    ctx,
    // The newest accepted version per bundle, as a correlated max rather than a window function: SQLite
    // sets up a window's sorter even for no rows, which cost more than the rest of a feed poll together.
    sql`SELECT o.bundle_id AS bundleId, b.slug AS slug, o.version AS version, o.responded_at AS at, o.id AS offerId,
          o.capability_key AS capabilityKey, o.key_issued_at AS keyIssuedAt, o.key_revoked_at AS keyRevokedAt,
          o.offered_at AS offeredAt, v.published_at AS firstPublished
        FROM offers o JOIN bundles b ON b.id = o.bundle_id
        JOIN bundle_versions v ON v.bundle_id = o.bundle_id AND v.number = o.version
        WHERE o.school_id = ${schoolId} AND o.status = 'accepted' AND b.slug IS NOT NULL AND o.responded_at IS NOT NULL
          AND o.version = (SELECT max(n.version) FROM offers n WHERE n.bundle_id = o.bundle_id AND n.school_id = o.school_id
            AND n.status = 'accepted' AND n.responded_at IS NOT NULL)
        ORDER BY at DESC, bundleId LIMIT ${limit}`,
  );
  return rows.map(({ capabilityKey, keyIssuedAt, keyRevokedAt, offeredAt, ...r }) => ({
    ...r,
    key: capabilityKey,
    offerKey: { capabilityKey, keyIssuedAt, keyRevokedAt, offeredAt },
    stamp: `o${r.offerId}:${r.slug}:${r.version}:${r.at}`,
  }));
}

/** Changes whenever a theme's name changes: feeds print theme names as categories. */
export const taxonomyStamp = (ctx: ServiceContext) => queryGet<{ at: string | null }>(ctx, sql`SELECT max(updated_at) AS at FROM themes`)?.at ?? "";

/** The published bundle behind a slug at its newest version (or the one asked for), with that snapshot's audience. */
export const publishedBundleForFeed = (ctx: ServiceContext, slug: string, version: number | null = null) =>
  queryGet<{ id: string; version: number; publishedAt: string; audience: Audience }>(
    ctx,
    sql`SELECT b.id AS id, v.number AS version, v.published_at AS publishedAt, ${jsonField(sql`v.content`, "$.audience")} AS audience
        FROM bundles b JOIN bundle_versions v ON v.bundle_id = b.id AND v.number = coalesce(${version}, b.published_version)
        WHERE b.slug = ${slug} AND b.status = 'published'`,
  );

/**
 * The school a feed token opens, with its sector narrowing and subscribed themes, in one prepared
 * statement: every poll of a school feed starts here, before it knows whether anything changed.
 */
export function feedSchool(ctx: ServiceContext, schoolId: string, token: string) {
  const row = queryGet<{ id: string; name: string; sector: string; updatedAt: string; themes: string }>(
    ctx,
    sql`SELECT sc.id AS id, sc.name AS name, sf.sector AS sector, sf.updated_at AS updatedAt,
          (SELECT json_group_array(sub.theme) FROM subscriptions sub WHERE sub.school_id = sf.school_id) AS themes
        FROM school_feeds sf JOIN schools sc ON sc.id = sf.school_id
        WHERE sf.school_id = ${schoolId} AND sf.feed_token = ${token}`,
  );
  if (!row) return null;
  return { id: row.id, name: row.name, sector: JSON.parse(row.sector) as ItemSector[], updatedAt: row.updatedAt, themes: JSON.parse(row.themes) as string[] };
}
