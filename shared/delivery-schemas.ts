/**
 * How a school receives knowledge (API.md "Schools: … subscriptions, feeds, webhooks" and "Feeds and
 * pages"): subscriptions, private feed URLs, webhooks and their delivery log, and the JSON a webhook
 * receiver gets, so a receiver written in TypeScript can validate with the same schema.
 */
import { z } from "zod";
import { HttpUrl, ItemKind, ItemSector, PageQuery, ThemeSlug } from "./schemas";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "./vocabulary";

// ---------------------------------------------------------------------------------------------------
// Subscriptions

/** A school's subscriptions: themes (sub-themes included) and, optionally, the sectors to narrow to. */
export const SubscriptionsRequest = z.object({
  themes: z.array(ThemeSlug).max(100),
  /** Empty or absent: every sector. */
  sector: z.array(ItemSector).max(6).optional(),
});
export type SubscriptionsRequest = z.input<typeof SubscriptionsRequest>;

export const Subscriptions = z.object({ themes: z.array(z.string()), sector: z.array(ItemSector) });
export type Subscriptions = z.infer<typeof Subscriptions>;

// ---------------------------------------------------------------------------------------------------
// Feeds

export const FEED_FORMATS = ["atom", "rss", "json"] as const;
export const FeedFormat = z.enum(FEED_FORMATS);
export type FeedFormat = z.infer<typeof FeedFormat>;

/** The school's private feed in each format; the token inside them is revocable (rotate). */
export const FeedUrlsResponse = z.object({ atom: z.string(), rss: z.string(), json: z.string() });
export type FeedUrlsResponse = z.infer<typeof FeedUrlsResponse>;

const feedFile = (pattern: RegExp) =>
  z.object({
    file: z
      .string()
      .regex(pattern, "not a feed file name")
      .transform((file) => {
        const dot = file.lastIndexOf(".");
        return { name: file.slice(0, dot), format: file.slice(dot + 1) as FeedFormat };
      }),
  });
export const ThemeFeedPath = feedFile(/^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:atom|rss|json)$/);
export const SchoolFeedPath = feedFile(/^[A-Za-z0-9_-]{1,64}\.(?:atom|rss|json)$/);
export const BundleFeedPath = feedFile(/^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:atom|rss|json)$/);

export const FeedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The school feed's token. */
  token: z.string().max(200).optional(),
  /** An offer's capability key, for a network bundle's feed. */
  key: z.string().max(200).optional(),
});
export type FeedQuery = z.output<typeof FeedQuery>;

// ---------------------------------------------------------------------------------------------------
// Webhooks

export { WEBHOOK_EVENTS };
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const WebhookFormat = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const CreateWebhookRequest = z.object({
  url: HttpUrl,
  format: WebhookFormat,
  /** Absent: every event. */
  events: z
    .array(WebhookEvent)
    .min(1, "choose at least one event, or leave events out for all of them")
    .max(WEBHOOK_EVENTS.length)
    .optional(),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  format: WebhookFormat,
  events: z.array(WebhookEvent),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;

export const WebhooksResponse = z.object({ webhooks: z.array(Webhook) });
/** The signing secret is in this response only: it is never shown again. */
export const CreatedWebhookResponse = z.object({ webhook: Webhook, secret: z.string() });

export const DeliveryStatus = z.enum(["pending", "delivered", "failed"]);

export const DeliveryAttempt = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const Delivery = z.object({
  id: z.string(),
  event: WebhookEvent,
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** When the next try is due; null once delivered or given up. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** Every try, oldest first. */
  attemptLog: z.array(DeliveryAttempt),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveriesQuery = PageQuery;
export const DeliveriesResponse = z.object({ deliveries: z.array(Delivery), nextCursor: z.string().nullable() });

// ---------------------------------------------------------------------------------------------------
// What a webhook receiver gets (format "json")

export const WebhookBundle = z.object({
  id: z.string(),
  title: z.string(),
  about: z.string(),
  use: z.string(),
  themes: z.array(z.string()),
  audience: z.enum(["public", "network"]),
  /** The bundle page; carries the offer's key so the whole team can open it without an account. */
  url: z.string(),
  items: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), kind: ItemKind, note: z.string() })),
});

export const WebhookOffer = z.object({
  id: z.string(),
  status: z.enum(["offered", "opened", "accepted", "declined"]),
  message: z.string(),
  offeredAt: z.string(),
  respondedAt: z.string().nullable(),
});

export const WebhookItem = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  kind: ItemKind,
  siteName: z.string().nullable(),
  author: z.string().nullable(),
  excerpt: z.string().nullable(),
  imageUrl: z.string().nullable(),
  themes: z.array(z.string()),
  /** The savers' notes that the network may read ("Wat kan ik ermee?"), without their names. */
  notes: z.array(z.string()),
});

export const WebhookJsonPayload = z.object({
  event: WebhookEvent,
  deliveryId: z.string(),
  occurredAt: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  bundle: WebhookBundle.optional(),
  offer: WebhookOffer.optional(),
  item: WebhookItem.optional(),
  url: z.string(),
});
export type WebhookJsonPayload = z.infer<typeof WebhookJsonPayload>;
