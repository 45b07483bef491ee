/**
 * Offers of published bundle versions to schools, their history (offer_events) and the reach counted
 * from it: per school, never per person.
 */
import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import type { OfferStatus, ReachResponse } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { Position } from "../paging";
import { bundles, bundleVersions, offerEvents, offers } from "../schema";
import { queryAll, queryGet } from "../statements";

export type OfferRow = typeof offers.$inferSelect;
export type OfferEventKind = (typeof offerEvents.$inferSelect)["kind"];

export const offerById = (ctx: ServiceContext, id: string) => ctx.db.select().from(offers).where(eq(offers.id, id)).get();

export const offerOfVersion = (ctx: ServiceContext, bundleId: string, version: number, schoolId: string) =>
  ctx.db
    .select()
    .from(offers)
    .where(and(eq(offers.bundleId, bundleId), eq(offers.version, version), eq(offers.schoolId, schoolId)))
    .get();

export const insertOffer = (ctx: ServiceContext, row: typeof offers.$inferInsert) => ctx.db.insert(offers).values(row).run();

export const updateOffer = (ctx: ServiceContext, id: string, change: Partial<typeof offers.$inferInsert>) =>
  ctx.db.update(offers).set(change).where(eq(offers.id, id)).run();

/** The offer of this bundle that a capability key belongs to. */
export const offerByKey = (ctx: ServiceContext, bundleId: string, key: string) =>
  ctx.db.select().from(offers).where(and(eq(offers.capabilityKey, key), eq(offers.bundleId, bundleId))).get();

export const recordOfferEvent = (ctx: ServiceContext, offerId: string, kind: OfferEventKind, at: string) =>
  ctx.db.insert(offerEvents).values({ offerId, kind, at }).run();

/** An offer with the snapshot it offered and the bundle's page slug: what a webhook says about it. */
export const offerWithSnapshot = (ctx: ServiceContext, offerId: string) =>
  queryGet<{
    id: string;
    schoolId: string;
    status: OfferStatus;
    message: string;
    offeredAt: string;
    respondedAt: string | null;
    key: string;
    bundleId: string;
    slug: string | null;
    content: string;
  }>(
    ctx,
    sql`SELECT o.id AS id, o.school_id AS schoolId, o.status AS status, o.message AS message, o.offered_at AS offeredAt,
          o.responded_at AS respondedAt, o.capability_key AS key, o.bundle_id AS bundleId, b.slug AS slug, v.content AS content
        FROM offers o JOIN bundles b ON b.id = o.bundle_id JOIN bundle_versions v ON v.bundle_id = o.bundle_id AND v.number = o.version
        WHERE o.id = ${offerId}`,
  );

// ---------------------------------------------------------------------------------------------------
// The school's inbox

const inboxColumns = {
  offer: offers,
  content: bundleVersions.content,
  slug: bundles.slug,
};

function inboxRows(ctx: ServiceContext, where: SQL | undefined, limit?: number) {
  const query = ctx.db
    .select(inboxColumns)
    .from(offers)
    .innerJoin(bundleVersions, and(eq(bundleVersions.bundleId, offers.bundleId), eq(bundleVersions.number, offers.version)))
    .innerJoin(bundles, eq(bundles.id, offers.bundleId))
    .where(where)
    .orderBy(desc(offers.offeredAt), desc(offers.id));
  return limit === undefined ? query.all() : query.limit(limit).all();
}

export type InboxRow = ReturnType<typeof inboxRows>[number];

/** A page of the school's offers, newest first, after the position. */
export const inboxPage = (ctx: ServiceContext, schoolId: string, status: OfferStatus | undefined, after: Position | null, limit: number) =>
  inboxRows(
    ctx,
    and(
      eq(offers.schoolId, schoolId),
      status ? eq(offers.status, status) : undefined,
      after ? or(lt(offers.offeredAt, after.at), and(eq(offers.offeredAt, after.at), lt(offers.id, after.id))) : undefined,
    ),
    limit,
  );

export const inboxRow = (ctx: ServiceContext, offerId: string) => inboxRows(ctx, eq(offers.id, offerId))[0];

// ---------------------------------------------------------------------------------------------------
// Reach

/** Each school once, with its newest offer of the bundle (the version says which). */
export const reachPerSchool = (ctx: ServiceContext, bundleId: string) =>
  queryAll<
    Omit<ReachResponse["schools"][number], "key"> & Pick<OfferRow, "capabilityKey" | "keyIssuedAt" | "keyRevokedAt">
  >(
    ctx,
    sql`SELECT o.id AS offerId, o.school_id AS schoolId, s.name AS name, s.sector AS sector, s.region AS region, o.version AS version,
               o.status AS status, o.offered_at AS offeredAt, o.opened_at AS openedAt, o.responded_at AS respondedAt,
               o.capability_key AS capabilityKey, o.key_issued_at AS keyIssuedAt, o.key_revoked_at AS keyRevokedAt
        FROM offers o JOIN schools s ON s.id = o.school_id
        WHERE o.bundle_id = ${bundleId}
          AND o.version = (SELECT max(o2.version) FROM offers o2 WHERE o2.bundle_id = o.bundle_id AND o2.school_id = o.school_id)
        ORDER BY s.name, s.id`,
  );

/** Schools that passed the bundle on (its accepted offer reached their channel). */
export const resharingSchools = (ctx: ServiceContext, bundleId: string) =>
  queryGet<{ n: number }>(
    ctx,
    sql`SELECT count(DISTINCT o.school_id) AS n FROM offer_events e JOIN offers o ON o.id = e.offer_id
        WHERE o.bundle_id = ${bundleId} AND e.kind = 'reshared'`,
  )!.n;

export const firstPublication = (ctx: ServiceContext, bundleId: string) =>
  queryGet<{ at: string | null }>(ctx, sql`SELECT min(published_at) AS at FROM bundle_versions WHERE bundle_id = ${bundleId}`)!.at;

/** Opens and acceptances per UTC day, over all versions. */
export const dailyOpensAndAcceptances = (ctx: ServiceContext, bundleId: string) =>
  queryAll<{ day: string; kind: "opened" | "accepted"; n: number }>(
    ctx,
    sql`SELECT substr(e.at, 1, 10) AS day, e.kind AS kind, count(*) AS n FROM offer_events e JOIN offers o ON o.id = e.offer_id
        WHERE o.bundle_id = ${bundleId} AND e.kind IN ('opened', 'accepted') GROUP BY day, kind`,
  );
