/** The school's inbox: offers arrive, members read them, coordinators accept or decline. */
import type { InboxOffer, InboxQuery } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { decodePosition, pageOf } from "../../db/paging";
import { inboxPage, inboxRow, recordOfferEvent, updateOffer, type InboxRow } from "../../db/repositories/offers";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { offerForCoordinator, type SchoolMember } from "../access/schools";
import { publicNames } from "../accounts/public-name";
import { recordEvent } from "../webhooks/events";
import { freshKey, keyState, usableKey } from "./keys";

/** An offer as the school sees it: the version it was offered, and a page link that carries the school's key while it opens. */
/** Offers as the inbox lists them, the brokers named in one query for the whole page. */
function toInboxOffers(ctx: ServiceContext, rows: InboxRow[]): InboxOffer[] {
  const brokers = publicNames(ctx, rows.map((r) => r.offer.offeredBy ?? ""), "colleagues");
  return rows.map((row) => toInboxOffer(ctx, row, brokers.get(row.offer.offeredBy ?? "")!));
}

function toInboxOffer(ctx: ServiceContext, row: InboxRow, offeredBy: string): InboxOffer {
  const { offer } = row;
  const snapshot = row.content as BundleSnapshot;
  return {
    id: offer.id,
    schoolId: offer.schoolId,
    status: offer.status,
    version: offer.version,
    message: offer.message,
    offeredBy,
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
      url: ctx.links.bundleLink(row.slug!, usableKey(ctx, offer)),
    },
    key: keyState(ctx, offer),
  };
}

/** Members of the school read its inbox, newest first (others never reach this: see access/schools). */
export function schoolInbox(ctx: ServiceContext, school: SchoolMember, query: InboxQuery) {
  const rows = inboxPage(ctx, school.id, query.status, decodePosition(query.cursor), query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.offer.offeredAt, id: r.offer.id }));
  return { offers: toInboxOffers(ctx, page), nextCursor };
}

/**
 * A coordinator's decision. The school may change its mind later (accept what it declined, or the other
 * way round); repeating the same decision records nothing new and sends no second webhook. Declining
 * revokes the offer's key: whoever has the link from the channel no longer opens what the school
 * refused. Accepting a declined offer gives it a new key, so the old copies stay dead.
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
    const key = decision === "declined" ? { keyRevokedAt: offer.keyRevokedAt ?? now } : offer.status === "declined" ? freshKey(now) : {};
    updateOffer(ctx, offer.id, { status: decision, reason: newReason, respondedAt: now, respondedBy: viewer.user.id, ...key });
    recordOfferEvent(ctx, offer.id, decision, now);
    if (decision === "accepted") recordEvent(ctx, { event: "bundle.accepted", offerId: offer.id });
  });
  return toInboxOffers(ctx, [inboxRow(ctx, offerId)!])[0]!;
}
