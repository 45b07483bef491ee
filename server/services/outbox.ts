import type { ServiceContext } from "../domain/context";

/**
 * Events that schools' webhooks can receive. Callers record them inside the transaction of the change
 * that caused them; the deliveries are written in that same transaction and sent by the webhook worker.
 */
export type SchoolEvent =
  | { event: "offer.created"; offerId: string }
  | { event: "bundle.accepted"; offerId: string }
  | { event: "item.published"; itemSeq: number };

/** Filled in with the webhooks work: writes one delivery per matching webhook. */
export function recordEvent(_ctx: ServiceContext, _event: SchoolEvent): void {}
