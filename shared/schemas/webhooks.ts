/**
 * A school's webhooks, the log of their deliveries (a delivery is one outbox row: one event sent to one
 * webhook, with its tries), and the JSON a receiver gets, so a receiver written in TypeScript can
 * validate with the same schema.
 */
import { z } from "zod";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "../vocabulary";
import { HttpUrl, ItemKind, Outcome, PageQuery } from "./common";

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

/** What the operator allows beyond public https addresses (WEBHOOK_ALLOW_HOSTS), for the form's hint. */
export const WebhookPolicy = z.object({
  /** Hosts a webhook may reach over plain http (and inside the operator's own network). */
  httpAllowedHosts: z.array(z.string()),
});
export type WebhookPolicy = z.infer<typeof WebhookPolicy>;

export const WebhooksResponse = z.object({ webhooks: z.array(Webhook), policy: WebhookPolicy });
export type WebhooksResponse = z.infer<typeof WebhooksResponse>;

/**
 * Why a webhook URL is refused: the `code` of the `url` issue in a `webhook_url_refused` error, so a
 * client can say it in the person's language (the message is English).
 */
export const WEBHOOK_URL_REFUSALS = ["invalid_url", "https_required", "credentials", "internal_address", "unresolvable"] as const;
export type WebhookUrlRefusal = (typeof WEBHOOK_URL_REFUSALS)[number];
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

/**
 * A leervraag as its own school's webhook gets it (question.*): what was asked, the answer and the
 * follow-up. No person's name: the receiving channel may be wider than the colleagues who see names.
 */
export const WebhookQuestion = z.object({
  id: z.string(),
  question: z.string(),
  context: z.string(),
  themes: z.array(z.string()),
  sector: z.array(z.string()),
  status: z.enum(["open", "claimed", "answered", "closed"]),
  askedAt: z.string(),
  answer: z
    .object({
      note: z.string(),
      /** The answer bundle; its url carries the school's offer key when the school was offered it. */
      bundle: z.object({ id: z.string(), title: z.string(), url: z.string().nullable() }).nullable(),
      /** The answer's library items the network may see. */
      items: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
      answeredAt: z.string(),
    })
    .nullable(),
  followup: z.object({ applied: z.boolean(), worked: Outcome, note: z.string(), recordedAt: z.string() }).nullable(),
  /**
   * question.followup only: `due` when the follow-up fell due and the asker is asked "Toegepast? Werkte
   * het?" (sent once), `recorded` when the asker answered it.
   */
  followupState: z.enum(["due", "recorded"]).optional(),
});

export const WebhookJsonPayload = z.object({
  event: WebhookEvent,
  deliveryId: z.string(),
  occurredAt: z.string(),
  school: z.object({ id: z.string(), name: z.string() }),
  bundle: WebhookBundle.optional(),
  offer: WebhookOffer.optional(),
  item: WebhookItem.optional(),
  question: WebhookQuestion.optional(),
  url: z.string(),
});
export type WebhookJsonPayload = z.infer<typeof WebhookJsonPayload>;
