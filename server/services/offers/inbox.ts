/** The school's inbox: offers arrive, members read them, coordinators accept or decline; a key opens one. */
import type { InboxOffer, InboxQuery, OfferStatus } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { decodePosition, pageOf } from "../../db/paging";
import { inboxPage, inboxRow, offerByKey, recordOfferEvent, updateOffer, type InboxRow } from "../../db/repositories/offers";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { offerForCoordinator, type SchoolMember } from "../access/schools";
import { publicName } from "../accounts/public-name";
import { recordEvent } from "../webhooks/events";

/** An offer as the school sees it: the version it was offered, and a page link that carries the school's key. */
function toInboxOffer(ctx: ServiceContext, row: InboxRow): InboxOffer {
  const { offer } = row;
  const snapshot = row.content as BundleSnapshot;
  return {
    id: offer.id,
    schoolId: offer.schoolId,
    status: offer.status,
    version: offer.version,
    message: offer.message,
    offeredBy: publicName(ctx, offer.offeredBy ?? "", "colleagues"),
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
      url: ctx.links.bundleLink(row.slug!, offer.capabilityKey),
    },
  };
}

/** Members of the school read its inbox, newest first (others never reach this: see access/schools). */
export function schoolInbox(ctx: ServiceContext, school: SchoolMember, query: InboxQuery) {
  const rows = inboxPage(ctx, school.id, query.status, decodePosition(query.cursor), query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.offer.offeredAt, id: r.offer.id }));
  return { offers: page.map((r) => toInboxOffer(ctx, r)), nextCursor };
}

/**
 * A coordinator's decision. The school may change its mind later (accept what it declined, or the other
 * way round); repeating the same decision records nothing new and sends no second webhook.
 */
export function respondToOffer(ctx: ServiceContext, viewer: SignedInViewer, offerId: string, decision: "accepted" | "declined", reason: string | undefined): InboxOffer {
  transaction(ctx, () => {
    const offer = offerForCoordinator(ctx, viewer, offerId);
    const now = isoNow(ctx);
    const newReason = decision === "declined" ? reason || null : null;
    if (offer.status === decision) {
      if (decision === "declined" && reason !== undefined) updateOffer(ctx, offer.id, { reason: newReason });
      return;
    }
    updateOffer(ctx, offer.id, { status: decision, reason: newReason, respondedAt: now, respondedBy: viewer.user.id });
    recordOfferEvent(ctx, offer.id, decision, now);
    if (decision === "accepted") recordEvent(ctx, { event: "bundle.accepted", offerId: offer.id });
  });
  return toInboxOffer(ctx, inboxRow(ctx, offerId)!);
}

/**
 * Opening the bundle's page with an offer's key marks that offer opened for its school, once, without
 * recording who opened it. A school that already accepted or declined keeps its decision.
 * Returns whether the key belongs to an offer of this bundle.
 */
export function openOfferByKey(ctx: ServiceContext, bundleId: string, key: string, countAsOpened = true): boolean {
  return transaction(ctx, () => {
    const offer = offerByKey(ctx, bundleId, key);
    if (!offer) return false;
    if (countAsOpened && offer.openedAt === null) {
      const now = isoNow(ctx);
      const status: OfferStatus = offer.status === "offered" ? "opened" : offer.status;
      updateOffer(ctx, offer.id, { openedAt: now, status });
      recordOfferEvent(ctx, offer.id, "opened", now);
    }
    return true;
  });
}
