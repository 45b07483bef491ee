/**
 * The texts of the Teams card a webhook receives (the `json` format carries data only). Cards are
 * written in Dutch today; the English is here so a school could choose without new texts.
 */
import { questionEvents } from "./question-events";

const nl = {
  "webhook.headline.offer.created": "Nieuw aanbod voor {school}",
  "webhook.headline.bundle.accepted": "{school} heeft deze bundel aangenomen",
  "webhook.headline.item.published": "Nieuw in de thema's van {school}",
  "webhook.brokerMessage": "Bericht van de makelaar: {message}",
  "webhook.moreItems": "… en nog {count}",
  "webhook.openItem": "Openen",
  "webhook.openBundle": "Open de bundel",
} as const;

const en: Record<keyof typeof nl, string> = {
  "webhook.headline.offer.created": "New offer for {school}",
  "webhook.headline.bundle.accepted": "{school} accepted this bundle",
  "webhook.headline.item.published": "New in the themes of {school}",
  "webhook.brokerMessage": "Message from the broker: {message}",
  "webhook.moreItems": "… and {count} more",
  "webhook.openItem": "Open",
  "webhook.openBundle": "Open the bundle",
};

export const webhooks = { nl: { ...nl, ...questionEvents.nl }, en: { ...en, ...questionEvents.en } };
