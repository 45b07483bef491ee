/**
 * Offers: a broker's published bundle offered to schools, which accept or decline it (an offer, never a
 * mandate). One offer per school per bundle version; its capability key lets the whole school open the
 * bundle's page without accounts. Reach is counted per school, never per person.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { CreateOffersRequest, InboxOffer, InboxQuery, OfferStatus, ReachResponse } from "../../shared/schemas";
import { bundles, bundleVersions, offerEvents, offers, schools, users } from "../db/schema";
import type { BundleSnapshot } from "../domain/bundle-snapshot";
import { isoNow, type ServiceContext } from "../domain/context";
import { conflict, forbidden, invalid, notFound } from "../domain/errors";
import { newId } from "../domain/ids";
import type { SignedInViewer } from "../domain/viewer";
import { decodePosition, pageOf } from "./bundle-paging";
import { bundleForChange, bundleLink } from "./bundles";
import { recordEvent } from "./outbox";
import { schoolsReceiving } from "./subscriptions";

type CreateOffersInput = z.output<typeof CreateOffersRequest>;
type OfferRow = typeof offers.$inferSelect;

const DAY_MS = 24 * 60 * 60 * 1000;

/** 144 random bits: the key is the only thing standing between a network bundle and the open web. */
const newCapabilityKey = () => randomBytes(18).toString("base64url");

function recordOfferEvent(ctx: ServiceContext, offerId: string, kind: "offered" | "opened" | "accepted" | "declined", at: string) {
  ctx.db.insert(offerEvents).values({ offerId, kind, at }).run();
}

// ---------------------------------------------------------------------------------------------------
// Offering


/**
 * Offers the newest published version to the chosen schools and/or the theme's subscribers. A school
 * that already has an offer of this version keeps it (`existing: true`); a new version is a new offer.
 */
export function offerBundle(ctx: ServiceContext, viewer: SignedInViewer, bundleId: string, input: CreateOffersInput) {
  return ctx.db.transaction(() => {
    const { row, snapshot } = bundleForChange(ctx, viewer, bundleId);
    if (row.publishedVersion === null || !snapshot) throw conflict("not_published", "Publish the bundle before offering it to schools.");
    const version = row.publishedVersion;

    const chosen = [...new Set(input.schoolIds ?? [])];
    if (chosen.length) {
      const known = new Set(ctx.db.select({ id: schools.id }).from(schools).where(inArray(schools.id, chosen)).all().map((s) => s.id));
      const unknown = (input.schoolIds ?? []).flatMap((id, index) => (known.has(id) ? [] : [{ id, index }]));
      if (unknown.length) {
        throw invalid(
          "unknown_schools",
          `No school with id ${unknown.map((u) => u.id).join(", ")}.`,
          unknown.map((u) => ({ path: ["schoolIds", u.index], message: "unknown school" })),
        );
      }
    }
    const targets = new Set(chosen);
    if (input.subscribers) for (const id of schoolsReceiving(ctx, snapshot.themes, snapshot.sector)) targets.add(id);

    const now = isoNow(ctx);
    return [...targets].map((schoolId) => {
      const existing = ctx.db
        .select()
        .from(offers)
        .where(and(eq(offers.bundleId, row.id), eq(offers.version, version), eq(offers.schoolId, schoolId)))
        .get();
      if (existing) return { id: existing.id, schoolId, status: existing.status, version, existing: true };
      const id = newId();
      ctx.db
        .insert(offers)
        .values({ id, bundleId: row.id, version, schoolId, message: input.message ?? "", offeredBy: viewer.user.id, status: "offered", capabilityKey: newCapabilityKey(), offeredAt: now })
        .run();
      recordOfferEvent(ctx, id, "offered", now);
      recordEvent(ctx, { event: "offer.created", offerId: id });
      return { id, schoolId, status: "offered" as const, version, existing: false };
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The school's inbox

const inboxColumns = {
  offer: offers,
  content: bundleVersions.content,
  slug: bundles.slug,
  offeredByName: users.name,
};

function inboxRows(ctx: ServiceContext, where: SQL | undefined, limit?: number) {
  const query = ctx.db
    .select(inboxColumns)
    .from(offers)
    .innerJoin(bundleVersions, and(eq(bundleVersions.bundleId, offers.bundleId), eq(bundleVersions.number, offers.version)))
    .innerJoin(bundles, eq(bundles.id, offers.bundleId))
    .innerJoin(users, eq(users.id, offers.offeredBy))
    .where(where)
    .orderBy(desc(offers.offeredAt), desc(offers.id));
  return limit === undefined ? query.all() : query.limit(limit).all();
}

/** An offer as the school sees it: the version it was offered, and a page link that carries the school's key. */
function toInboxOffer(row: ReturnType<typeof inboxRows>[number], siteUrl: string): InboxOffer {
  const { offer } = row;
  const snapshot = row.content as BundleSnapshot;
  return {
    id: offer.id,
    schoolId: offer.schoolId,
    status: offer.status,
    version: offer.version,
    message: offer.message,
    offeredBy: row.offeredByName,
    offeredAt: offer.offeredAt,
    openedAt: offer.openedAt,
    respondedAt: offer.respondedAt,
    reason: offer.reason,
    bundle: {
      id: offer.bundleId,
      title: snapshot.title,
      about: snapshot.about,
      use: snapshot.use,
      themes: snapshot.themes,
      itemCount: snapshot.entries.length,
      url: bundleLink(siteUrl, row.slug!, offer.capabilityKey),
    },
  };
}

/** Members of the school read its inbox, newest first; to everybody else the school's inbox does not exist. */
export function schoolInbox(ctx: ServiceContext, viewer: SignedInViewer, schoolId: string, query: InboxQuery, siteUrl: string) {
  if (!viewer.schools.some((s) => s.id === schoolId)) throw notFound("school inbox");
  const cursor = decodePosition(query.cursor);
  const where = and(
    eq(offers.schoolId, schoolId),
    query.status ? eq(offers.status, query.status) : undefined,
    cursor ? or(lt(offers.offeredAt, cursor.at), and(eq(offers.offeredAt, cursor.at), lt(offers.id, cursor.id))) : undefined,
  );
  const rows = inboxRows(ctx, where, query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.offer.offeredAt, id: r.offer.id }));
  return { offers: page.map((r) => toInboxOffer(r, siteUrl)), nextCursor };
}

/** The offer if the caller coordinates its school: 404 for outsiders, 403 for members who are not coordinators. */
function offerForCoordinator(ctx: ServiceContext, viewer: SignedInViewer, offerId: string): OfferRow {
  const offer = ctx.db.select().from(offers).where(eq(offers.id, offerId)).get();
  const membership = offer && viewer.schools.find((s) => s.id === offer.schoolId);
  if (!offer || !membership) throw notFound("offer");
  if (membership.role !== "coordinator") throw forbidden("coordinator_only", "Only the school's coordinators can accept or decline an offer.");
  return offer;
}

/**
 * A coordinator's decision. The school may change its mind later (accept what it declined, or the other
 * way round); repeating the same decision records nothing new and sends no second webhook.
 */
export function respondToOffer(
  ctx: ServiceContext,
  viewer: SignedInViewer,
  offerId: string,
  decision: "accepted" | "declined",
  reason: string | undefined,
  siteUrl: string,
): InboxOffer {
  ctx.db.transaction(() => {
    const offer = offerForCoordinator(ctx, viewer, offerId);
    const now = isoNow(ctx);
    const newReason = decision === "declined" ? (reason || null) : null;
    if (offer.status === decision) {
      if (decision === "declined" && reason !== undefined) ctx.db.update(offers).set({ reason: newReason }).where(eq(offers.id, offer.id)).run();
      return;
    }
    ctx.db
      .update(offers)
      .set({ status: decision, reason: newReason, respondedAt: now, respondedBy: viewer.user.id })
      .where(eq(offers.id, offer.id))
      .run();
    recordOfferEvent(ctx, offer.id, decision, now);
    if (decision === "accepted") recordEvent(ctx, { event: "bundle.accepted", offerId: offer.id });
  });
  return toInboxOffer(inboxRows(ctx, eq(offers.id, offerId))[0]!, siteUrl);
}

/**
 * Opening the bundle's page with an offer's key marks that offer opened for its school, once, without
 * recording who opened it. A school that already accepted or declined keeps its decision.
 * Returns whether the key belongs to an offer of this bundle.
 */
export function openOfferByKey(ctx: ServiceContext, bundleId: string, key: string, countAsOpened = true): boolean {
  return ctx.db.transaction(() => {
    const offer = ctx.db.select().from(offers).where(and(eq(offers.capabilityKey, key), eq(offers.bundleId, bundleId))).get();
    if (!offer) return false;
    if (countAsOpened && offer.openedAt === null) {
      const now = isoNow(ctx);
      const status: OfferStatus = offer.status === "offered" ? "opened" : offer.status;
      ctx.db.update(offers).set({ openedAt: now, status }).where(eq(offers.id, offer.id)).run();
      recordOfferEvent(ctx, offer.id, "opened", now);
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------
// Reach

const utcDay = (iso: string) => iso.slice(0, 10);

/**
 * Reach for the bundle's curators. Each school appears once, with its newest offer (the version says
 * which); totals count those schools. The daily series counts opens and acceptances across all versions
 * from the first publication to today, and `reshared` counts schools that passed the bundle on.
 */
export function bundleReach(ctx: ServiceContext, viewer: SignedInViewer, bundleId: string): ReachResponse {
  const { row } = bundleForChange(ctx, viewer, bundleId);
  const perSchool = ctx.db.all<ReachResponse["schools"][number]>(
    sql`SELECT o.school_id AS schoolId, s.name AS name, s.sector AS sector, s.region AS region, o.version AS version,
               o.status AS status, o.offered_at AS offeredAt, o.opened_at AS openedAt, o.responded_at AS respondedAt
        FROM offers o JOIN schools s ON s.id = o.school_id
        WHERE o.bundle_id = ${row.id}
          AND o.version = (SELECT max(o2.version) FROM offers o2 WHERE o2.bundle_id = o.bundle_id AND o2.school_id = o.school_id)
        ORDER BY s.name, s.id`,
  );
  const reshared = ctx.db.get<{ n: number }>(
    sql`SELECT count(DISTINCT o.school_id) AS n FROM offer_events e JOIN offers o ON o.id = e.offer_id
        WHERE o.bundle_id = ${row.id} AND e.kind = 'reshared'`,
  ).n;
  const totals = {
    offered: perSchool.length,
    opened: perSchool.filter((s) => s.openedAt !== null).length,
    accepted: perSchool.filter((s) => s.status === "accepted").length,
    declined: perSchool.filter((s) => s.status === "declined").length,
    reshared,
  };

  const first = ctx.db.get<{ at: string | null }>(sql`SELECT min(published_at) AS at FROM bundle_versions WHERE bundle_id = ${row.id}`).at;
  const series: ReachResponse["series"] = [];
  if (first) {
    const counts = new Map<string, { opened: number; accepted: number }>();
    const events = ctx.db.all<{ day: string; kind: "opened" | "accepted"; n: number }>(
      sql`SELECT substr(e.at, 1, 10) AS day, e.kind AS kind, count(*) AS n FROM offer_events e JOIN offers o ON o.id = e.offer_id
          WHERE o.bundle_id = ${row.id} AND e.kind IN ('opened', 'accepted') GROUP BY day, kind`,
    );
    for (const { day, kind, n } of events) counts.set(day, { ...(counts.get(day) ?? { opened: 0, accepted: 0 }), [kind]: n });
    const today = utcDay(isoNow(ctx));
    for (let t = Date.parse(`${utcDay(first)}T00:00:00Z`); ; t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      series.push({ date, ...(counts.get(date) ?? { opened: 0, accepted: 0 }) });
      if (date >= today) break;
    }
  }
  return { schools: perSchool, totals, series };
}
