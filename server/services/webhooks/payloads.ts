/**
 * The bodies webhooks receive: `json` (WebhookJsonPayload in shared/schemas/webhooks.ts) and `teams`, a
 * Teams Workflows message carrying an Adaptive Card 1.4. Both are written once, when the event is
 * recorded, and sent byte for byte on every try, so the signature and the delivery id never change.
 */
import { translate, type MessageKey } from "../../../shared/i18n";
import type { WebhookEvent, WebhookFormat, WebhookJsonPayload } from "../../../shared/schemas";

type Bundle = NonNullable<WebhookJsonPayload["bundle"]>;
type Offer = NonNullable<WebhookJsonPayload["offer"]>;
type Item = NonNullable<WebhookJsonPayload["item"]>;

export type EventSubject =
  | { event: "item.published"; item: Item; url: string }
  | { event: "offer.created" | "bundle.accepted"; bundle: Bundle; offer: Offer; url: string };

export interface BodyInput {
  deliveryId: string;
  occurredAt: string;
  school: { id: string; name: string };
  subject: EventSubject;
}

function jsonBody({ deliveryId, occurredAt, school, subject }: BodyInput): WebhookJsonPayload {
  const base = { event: subject.event, deliveryId, occurredAt, school };
  return subject.event === "item.published"
    ? { ...base, item: subject.item, url: subject.url }
    : { ...base, bundle: subject.bundle, offer: subject.offer, url: subject.url };
}

// Adaptive Card text is markdown: keep link labels from breaking out of their brackets.
const linkLabel = (text: string) => text.replace(/[[\]]/g, "").replace(/\s+/g, " ").trim();
const MAX_LISTED = 10;

// Teams cards are written in Dutch, the language of the schools they go to.
const say = (key: MessageKey, params?: Record<string, string | number>) => translate("nl", key, params);
const HEADLINES: Record<WebhookEvent, (school: string) => string> = {
  "offer.created": (school) => say("webhook.headline.offer.created", { school }),
  "bundle.accepted": (school) => say("webhook.headline.bundle.accepted", { school }),
  "item.published": (school) => say("webhook.headline.item.published", { school }),
};

type CardElement = Record<string, unknown> & { type: string };
const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text, wrap: true, ...extra });

/** An Adaptive Card 1.4 as Teams renders it: headline, title, what it is about, the items, one button. */
export function adaptiveCard({ school, subject }: BodyInput) {
  const body: CardElement[] = [textBlock(HEADLINES[subject.event](school.name), { size: "Small", isSubtle: true })];
  let action: { title: string; url: string };
  if (subject.event === "item.published") {
    const { item } = subject;
    body.push(textBlock(item.title, { size: "Large", weight: "Bolder" }));
    const about = item.notes.length ? item.notes.join("\n\n") : item.excerpt;
    if (about) body.push(textBlock(about));
    const source = [item.siteName, item.author].filter(Boolean).join(" · ");
    if (source) body.push(textBlock(source, { isSubtle: true, spacing: "Small" }));
    action = { title: say("webhook.openItem"), url: subject.url };
  } else {
    const { bundle, offer } = subject;
    body.push(textBlock(bundle.title, { size: "Large", weight: "Bolder" }));
    if (bundle.about) body.push(textBlock(bundle.about));
    if (bundle.use) body.push(textBlock(`**${say("bundle.use")}** ${bundle.use}`));
    if (subject.event === "offer.created" && offer.message) body.push(textBlock(say("webhook.brokerMessage", { message: offer.message }), { isSubtle: true }));
    if (bundle.items.length) {
      const listed = bundle.items.slice(0, MAX_LISTED).map((i) => `- [${linkLabel(i.title)}](${i.url})`);
      if (bundle.items.length > MAX_LISTED) listed.push(`- ${say("webhook.moreItems", { count: bundle.items.length - MAX_LISTED })}`);
      body.push(textBlock(`**${say("bundle.itemsCounted", { count: bundle.items.length })}**`, { spacing: "Medium" }), textBlock(listed.join("\n")));
    }
    action = { title: say("webhook.openBundle"), url: subject.url };
  }
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    actions: [{ type: "Action.OpenUrl", title: action.title, url: action.url }],
    msteams: { width: "Full" },
  };
}

export function webhookBody(format: WebhookFormat, input: BodyInput): string {
  if (format === "json") return JSON.stringify(jsonBody(input));
  return JSON.stringify({
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: adaptiveCard(input) }],
  });
}
