/**
 * The candidate rows of a feed: what it would show, with the stamps that change whenever its entries
 * would. A feed reader's revalidation (304) runs only these queries, so they are kept cheap; the entries
 * are shaped from them only for a 200. The audience is a SaveScope (anonymous for theme feeds, the
 * network for school feeds).
 */
import { sql, type SQL } from "drizzle-orm";
import type { ItemSector } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { SaveScope } from "../../core/viewer";
import type { Audience } from "../../../shared/schemas";
import { jsonField, jsonListEmpty, jsonListHasAny } from "../sqlite";
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

/**
 * "Carries one of these themes on a save the audience sees", in the form that is cheap for this theme:
 * for a rare theme, looking up the theme's saves first; for a common one, checking each item. The costs
 * meet near sqrt(limit × items) tagged saves; counting them on the theme index, stopping at that
 * number, costs next to nothing. (An item's place in a feed is its first save the audience sees, known
 * only after reading its visible saves, so a feed reads every matching item, not only the newest.)
 */
function themeFilter(ctx: ServiceContext, scope: SaveScope, themes: string[], limit: number): SQL {
  const librarySize = queryGet<{ n: number | null }>(ctx, sql`SELECT max(seq) AS n FROM items`)?.n ?? 0;
  const crossover = Math.ceil(Math.sqrt(limit * librarySize));
  const tagged = queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (SELECT 1 FROM save_themes WHERE theme IN ${themes} LIMIT ${crossover})`)?.n ?? 0;
  if (tagged < crossover) {
    return sql`i.seq IN (SELECT ts.item_seq FROM save_themes st JOIN saves ts ON ts.seq = st.save_seq
      WHERE st.theme IN ${themes} AND ${visibleSave(scope, "ts")})`;
  }
  return sql`EXISTS (SELECT 1 FROM saves ts JOIN save_themes st ON st.save_seq = ts.seq
    WHERE ts.item_seq = i.seq AND st.theme IN ${themes} AND ${visibleSave(scope, "ts")})`;
}

/**
 * Items visible to the audience that carry one of the themes on a save the audience sees. With sectors:
 * items labelled only for other sectors are left out: the sector rule of services/schools/subscriptions.ts
 * (`sectorAllows`), written here in SQL so that the feed's LIMIT counts only what the school receives.
 */
export function itemCandidates(ctx: ServiceContext, scope: SaveScope, themes: string[], sectors: ItemSector[], limit: number): ItemCandidate[] {
  if (!themes.length) return [];
  const where: SQL[] = [themeFilter(ctx, scope, themes, limit)];
  if (sectors.length) {
    where.push(sql`(NOT EXISTS (SELECT 1 FROM saves xs WHERE xs.item_seq = i.seq AND NOT ${jsonListEmpty(sql`xs.sector`)} AND ${visibleSave(scope, "xs")})
      OR EXISTS (SELECT 1 FROM saves ys WHERE ys.item_seq = i.seq AND ${jsonListHasAny(sql`ys.sector`, sectors)} AND ${visibleSave(scope, "ys")}))`);
  }
  // Times come only from saves the audience sees: an item's first save may be a private one.
  const rows = queryAll<{ seq: number; id: string; at: string; savesUpdated: string; saveCount: number; saveSum: number }>(
    ctx,
    sql`SELECT i.seq AS seq, i.id AS id, min(s.created_at) AS at, max(s.updated_at) AS savesUpdated, count(s.seq) AS saveCount, total(s.seq) AS saveSum
        FROM items i JOIN saves s ON s.item_seq = i.seq AND ${visibleSave(scope, "s")}
        WHERE ${sql.join(where, sql` AND `)}
        GROUP BY i.seq ORDER BY at DESC, i.seq DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    at: r.at,
    updated: r.savesUpdated,
    stamp: `i${r.seq}:${r.savesUpdated}:${r.saveCount}:${r.saveSum}`,
  }));
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
    sql`SELECT bundleId, slug, version, at, firstPublished, offerId, capabilityKey, keyIssuedAt, keyRevokedAt, offeredAt FROM (
          SELECT o.bundle_id AS bundleId, b.slug AS slug, o.version AS version, o.responded_at AS at, o.id AS offerId,
            o.capability_key AS capabilityKey, o.key_issued_at AS keyIssuedAt, o.key_revoked_at AS keyRevokedAt,
            o.offered_at AS offeredAt, v.published_at AS firstPublished,
            row_number() OVER (PARTITION BY o.bundle_id ORDER BY o.version DESC) AS n
          FROM offers o JOIN bundles b ON b.id = o.bundle_id
          JOIN bundle_versions v ON v.bundle_id = o.bundle_id AND v.number = o.version
          WHERE o.school_id = ${schoolId} AND o.status = 'accepted' AND b.slug IS NOT NULL AND o.responded_at IS NOT NULL
        ) WHERE n = 1 ORDER BY at DESC, bundleId LIMIT ${limit}`,
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
