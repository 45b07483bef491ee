import { sql } from "drizzle-orm";
import type { WebhookEvent, WebhookFormat } from "../../shared/schemas";
import type { ItemSector } from "../../shared/schemas";
import { queryGet } from "../db/query";
import { webhookDeliveries } from "../db/schema";
import type { BundleSnapshot } from "../domain/bundle-snapshot";
import { isoNow, type ServiceContext } from "../domain/context";
import { newId } from "../domain/ids";
import { NETWORK_AUDIENCE } from "../domain/viewer";
import { bundleLink } from "./bundles";
import { shapeItems } from "./library";
import { schoolsReceiving } from "./subscriptions";
import { webhookBody, type EventSubject } from "./webhook-payloads";

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
function webhooksFor(ctx: ServiceContext, schoolIds: string[], event: WebhookEvent): Target[] {
  if (!schoolIds.length) return [];
  return ctx.db
    .all<{ webhookId: string; format: WebhookFormat; schoolId: string; schoolName: string }>(
      sql`SELECT w.id AS webhookId, w.format AS format, s.id AS schoolId, s.name AS schoolName
          FROM webhooks w JOIN schools s ON s.id = w.school_id
          WHERE w.school_id IN ${schoolIds} AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = ${event})
          ORDER BY w.created_at, w.id`,
    )
    .map((r) => ({ webhookId: r.webhookId, format: r.format, school: { id: r.schoolId, name: r.schoolName } }));
}

/**
 * item.published: every school subscribed to one of the item's themes or an ancestor of one, with the
 * sector narrowing applied, and only while the network may see the item. Themes and sectors count only
 * from saves the network may see, as in the school feed.
 */
function itemPublished(ctx: ServiceContext, itemSeq: number): { targets: Target[]; subject: EventSubject } | null {
  // Most clips reach no webhook at all: answer that before shaping the item (this runs inside every clip).
  const anyListener = queryGet(ctx, sql`SELECT 1 AS one FROM webhooks w WHERE EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = 'item.published') LIMIT 1`);
  if (!anyListener) return null;
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
  const offer = ctx.db.get<
    { id: string; schoolId: string; status: "offered" | "opened" | "accepted" | "declined"; message: string; offeredAt: string; respondedAt: string | null; key: string; bundleId: string; slug: string | null; content: string } | undefined
  >(
    sql`SELECT o.id AS id, o.school_id AS schoolId, o.status AS status, o.message AS message, o.offered_at AS offeredAt,
          o.responded_at AS respondedAt, o.capability_key AS key, o.bundle_id AS bundleId, b.slug AS slug, v.content AS content
        FROM offers o JOIN bundles b ON b.id = o.bundle_id JOIN bundle_versions v ON v.bundle_id = o.bundle_id AND v.number = o.version
        WHERE o.id = ${offerId}`,
  );
  // Recorded by the offer's own transaction, so it exists; if not, that is a caller's bug worth hearing about.
  if (!offer) throw new Error(`recordEvent(${event}): no published offer ${offerId}`);
  const targets = webhooksFor(ctx, [offer.schoolId], event);
  if (!targets.length) return null;
  const snapshot = JSON.parse(offer.content) as BundleSnapshot;
  const url = bundleLink(ctx.deliveries?.publicUrl ?? "", offer.slug ?? offer.bundleId, offer.key);
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
  const now = isoNow(ctx);
  for (const target of found.targets) {
    const id = newId();
    const body = webhookBody(target.format, { deliveryId: id, occurredAt: now, school: target.school, subject: found.subject });
    ctx.db.insert(webhookDeliveries).values({ id, webhookId: target.webhookId, event: event.event, body, nextAttemptAt: now, createdAt: now }).run();
  }
  // Still inside the writing transaction: the worker looks after this synchronous work, and its commit, is done.
  const wake = ctx.deliveries?.wake;
  if (wake) setTimeout(wake, 0);
}
