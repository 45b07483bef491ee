/**
 * An offer's capability key: what lets a whole school open a network bundle's page without accounts.
 * It opens the bundle version it was offered with, never a later one: the school judged (and perhaps
 * accepted) that version, and a broker's later changes reach the school as a new offer it can judge
 * again, not silently behind a link already shared in its channel. It stops opening anything when it
 * expires (OFFER_KEY_DAYS after it was issued), when the school declines, or when a coordinator or a
 * curator revokes it; a stopped key is answered like any unknown key.
 */
import { randomBytes } from "node:crypto";
import type { OfferKeyResponse, OfferKeyStatus, OfferStatus } from "../../../shared/schemas";
import { inboxRow, offerByKey, recordOfferEvent, updateOffer, type OfferRow } from "../../db/repositories/offers";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { offerForKeyHolder } from "../access/offers";

const DAY_MS = 24 * 60 * 60 * 1000;

/** 144 random bits: the key is the only thing standing between a network bundle and the open web. */
export const newCapabilityKey = () => randomBytes(18).toString("base64url");

type KeyFields = Pick<OfferRow, "capabilityKey" | "keyIssuedAt" | "keyRevokedAt" | "offeredAt">;

/** Read from the setting at each use, so shortening OFFER_KEY_DAYS shortens keys already given out. */
export const keyExpiresAt = (ctx: ServiceContext, offer: KeyFields) =>
  new Date(Date.parse(offer.keyIssuedAt ?? offer.offeredAt) + ctx.offerKeyDays * DAY_MS).toISOString();

export function keyStatus(ctx: ServiceContext, offer: KeyFields): OfferKeyStatus {
  if (offer.keyRevokedAt !== null) return "revoked";
  return ctx.now().getTime() >= Date.parse(keyExpiresAt(ctx, offer)) ? "expired" : "active";
}

export const keyState = (ctx: ServiceContext, offer: KeyFields) => ({ status: keyStatus(ctx, offer), expiresAt: keyExpiresAt(ctx, offer) });

/** The key a link may carry: only one that still opens something. */
export const usableKey = (ctx: ServiceContext, offer: KeyFields) => (keyStatus(ctx, offer) === "active" ? offer.capabilityKey : null);

/** What a fresh key writes: a new secret, counted from now, not revoked. */
export const freshKey = (at: string) => ({ capabilityKey: newCapabilityKey(), keyIssuedAt: at, keyRevokedAt: null });

/**
 * The bundle version a key opens, or null when it opens nothing (unknown, another bundle's, revoked,
 * expired, declined). Opening the page with it marks that offer opened for its school, once, without
 * recording who opened it; a school that already accepted or declined keeps its decision.
 */
export function openOfferByKey(ctx: ServiceContext, bundleId: string, key: string, countAsOpened = true): { version: number } | null {
  return transaction(ctx, () => {
    const offer = offerByKey(ctx, bundleId, key);
    if (!offer || keyStatus(ctx, offer) !== "active") return null;
    if (countAsOpened && offer.openedAt === null) {
      const now = isoNow(ctx);
      const status: OfferStatus = offer.status === "offered" ? "opened" : offer.status;
      updateOffer(ctx, offer.id, { openedAt: now, status });
      recordOfferEvent(ctx, offer.id, "opened", now);
    }
    return { version: offer.version };
  });
}

function keyResponse(ctx: ServiceContext, offerId: string): OfferKeyResponse {
  const { offer, slug } = inboxRow(ctx, offerId)!;
  return { offerId, key: { ...keyState(ctx, offer), url: ctx.links.bundleLink(slug!, usableKey(ctx, offer)) } };
}

/** Stops the key at once; revoking a stopped key changes nothing. */
export function revokeOfferKey(ctx: ServiceContext, viewer: SignedInViewer, offerId: string): OfferKeyResponse {
  transaction(ctx, () => {
    const offer = offerForKeyHolder(ctx, viewer, offerId);
    if (offer.keyRevokedAt === null) updateOffer(ctx, offer.id, { keyRevokedAt: isoNow(ctx) });
  });
  return keyResponse(ctx, offerId);
}

/**
 * A new key for the offer, valid for OFFER_KEY_DAYS from now; the old one, revoked or not, stops. A
 * declined offer gets none: the school said no, and only its own change of mind (accepting) opens it.
 */
export function renewOfferKey(ctx: ServiceContext, viewer: SignedInViewer, offerId: string): OfferKeyResponse {
  transaction(ctx, () => {
    const offer = offerForKeyHolder(ctx, viewer, offerId);
    if (offer.status === "declined") {
      throw conflict("offer_declined", "The school declined this offer, so it gets no new key; a coordinator who accepts it after all gets one.");
    }
    updateOffer(ctx, offer.id, freshKey(isoNow(ctx)));
  });
  return keyResponse(ctx, offerId);
}
