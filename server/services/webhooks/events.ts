import type { WebhookEvent, WebhookFormat } from "../../../shared/schemas";
import { offerWithSnapshot } from "../../db/repositories/offers";
import { anyWebhookListening, insertDelivery, webhooksListening } from "../../db/repositories/webhooks";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { isoNow, type ServiceContext } from "../../core/context";
import { newId } from "../../core/ids";
import { NETWORK_AUDIENCE } from "../../core/viewer";
import { shapeItems } from "../library/item-view";
import { schoolsReceiving } from "../schools/subscriptions";
import { webhookBody, type EventSubject } from "./payloads";

/**
 * Events that schools' webhooks can receive. Callers record them inside the transaction of the change
 * that caused them; the deliveries are written in that same transaction and sent by the webhook worker.
 */
export type SchoolEvent =
  | { event: "offer.created"; offerId: string }
  | { event: "bundle.accepted"; offerId: string }
  | { event: "item.published"; itemSeq: number };

interface Target {
  webhookId: string;
  format: WebhookFormat;
  school: { id: string; name: string };
}

/** The webhooks of these schools that asked for this event. */
const webhooksFor = (ctx: ServiceContext, schoolIds: string[], event: WebhookEvent): Target[] =>
  schoolIds.length
    ? webhooksListening(ctx, schoolIds, event).map((r) => ({ webhookId: r.webhookId, format: r.format, school: { id: r.schoolId, name: r.schoolName } }))
    : [];

/**
 * item.published: every school subscribed to one of the item's themes or an ancestor of one, with the
 * sector narrowing applied, and only while the network may see the item. Themes and sectors count only
 * from saves the network may see, as in the school feed.
 */
function itemPublished(ctx: ServiceContext, itemSeq: number): { targets: Target[]; subject: EventSubject } | null {
  // Most clips reach no webhook at all: answer that before shaping the item (this runs inside every clip).
  if (!anyWebhookListening(ctx, "item.published")) return null;
  // Shaped for the network: themes come only from saves it may see, so an item it cannot see has none.
  const item = shapeItems(ctx, NETWORK_AUDIENCE, [itemSeq])[0];
  if (!item || item.themes.length === 0) return null;
  const schools = schoolsReceiving(ctx, item.themes, item.sector);
  const targets = webhooksFor(ctx, schools, "item.published");
  if (!targets.length) return null;
  const subject: EventSubject = {
    event: "item.published",
    url: item.url,
    item: {
      id: item.id,
      title: item.title,
      url: item.url,
      kind: item.kind,
      siteName: item.siteName,
      author: item.author,
      excerpt: item.excerpt,
      imageUrl: item.imageUrl,
      themes: item.themes,
      notes: item.notes.map((n) => n.note.trim()).filter(Boolean),
    },
  };
  return { targets, subject };
}

/** offer.created and bundle.accepted: the offered school's webhooks, about the offered snapshot. */
function offerEvent(ctx: ServiceContext, event: "offer.created" | "bundle.accepted", offerId: string): { targets: Target[]; subject: EventSubject } | null {
  const offer = offerWithSnapshot(ctx, offerId);
  // Recorded by the offer's own transaction, so it exists; if not, that is a caller's bug worth hearing about.
  if (!offer) throw new Error(`recordEvent(${event}): no published offer ${offerId}`);
  const targets = webhooksFor(ctx, [offer.schoolId], event);
  if (!targets.length) return null;
  const snapshot = JSON.parse(offer.content) as BundleSnapshot;
  const url = ctx.links.bundleLink(offer.slug ?? offer.bundleId, offer.key);
  return {
    targets,
    subject: {
      event,
      url,
      bundle: {
        id: offer.bundleId,
        title: snapshot.title,
        about: snapshot.about ?? "",
        use: snapshot.use ?? "",
        themes: snapshot.themes ?? [],
        audience: snapshot.audience,
        url,
        items: (snapshot.entries ?? []).map((e) => ({ id: e.itemId, title: e.title, url: e.url, kind: e.kind, note: e.note })),
      },
      offer: { id: offer.id, status: offer.status, message: offer.message, offeredAt: offer.offeredAt, respondedAt: offer.respondedAt },
    },
  };
}

/**
 * Writes one delivery per matching webhook, with its exact body, in the caller's transaction: the change
 * and its deliveries are stored together or not at all, and the worker sends them after the commit.
 */
export function recordEvent(ctx: ServiceContext, event: SchoolEvent): void {
  const found = event.event === "item.published" ? itemPublished(ctx, event.itemSeq) : offerEvent(ctx, event.event, event.offerId);
  if (!found) return;
  writeDeliveries(ctx, found.targets, found.subject, event.event === "item.published" ? null : event.offerId);
}

/**
 * The same, for an event whose subject the caller shaped (leervragen: services/questions/events.ts), sent
 * to the webhooks of exactly these schools that asked for it.
 */
export function recordSchoolEvent(ctx: ServiceContext, schoolIds: string[], subject: EventSubject): void {
  if (!anyWebhookListening(ctx, subject.event)) return;
  const targets = webhooksFor(ctx, schoolIds, subject.event);
  if (targets.length) writeDeliveries(ctx, targets, subject, null);
}

function writeDeliveries(ctx: ServiceContext, targets: Target[], subject: EventSubject, offerId: string | null): void {
  const now = isoNow(ctx);
  for (const target of targets) {
    const id = newId();
    const body = webhookBody(target.format, { deliveryId: id, occurredAt: now, school: target.school, subject });
    insertDelivery(ctx, { id, webhookId: target.webhookId, event: subject.event, offerId, body, at: now });
  }
  // Still inside the writing transaction: the worker is told after this synchronous work, and its commit, is done.
  ctx.outbox.written();
}
