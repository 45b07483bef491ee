import { offerEvents } from "../../db/schema";
import type { ServiceContext } from "../../core/context";

export type OfferEventKind = "offered" | "opened" | "accepted" | "declined" | "reshared";

/** The history reach is counted from: per school, never per person. */
export function recordOfferEvent(ctx: ServiceContext, offerId: string, kind: OfferEventKind, at: string) {
  ctx.db.insert(offerEvents).values({ offerId, kind, at }).run();
}

/** An accepted bundle that reached the school's channel (its webhook delivered it) has spread further. */
export const recordReshare = (ctx: ServiceContext, offerId: string, at: string) => recordOfferEvent(ctx, offerId, "reshared", at);
