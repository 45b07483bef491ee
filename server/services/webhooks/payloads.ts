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
type Question = NonNullable<WebhookJsonPayload["question"]>;
export type QuestionEvent = "question.created" | "question.answered" | "question.followup";

export type EventSubject =
  | { event: "item.published"; item: Item; url: string }
  | { event: "offer.created" | "bundle.accepted"; bundle: Bundle; offer: Offer; url: string }
  | { event: QuestionEvent; question: Question; url: string };

export interface BodyInput {
  deliveryId: string;
  occurredAt: string;
  school: { id: string; name: string };
  subject: EventSubject;
}

function jsonBody({ deliveryId, occurredAt, school, subject }: BodyInput): WebhookJsonPayload {
  const base = { event: subject.event, deliveryId, occurredAt, school };
  if ("question" in subject) return { ...base, question: subject.question, url: subject.url };
  return subject.event === "item.published"
    ? { ...base, item: subject.item, url: subject.url }
    : { ...base, bundle: subject.bundle, offer: subject.offer, url: subject.url };
}

/*
 * A TextBlock's text is markdown (bold, italic, lists, links), so text a person wrote is escaped to show
 * exactly as typed: a title like "[klik](https://…)" must not become a link in the school's channel, nor
 * "**x**" bold or "- x" a list. Characters that mark up anywhere get a backslash; those that only mark
 * up at the start of a line (headings, quotes, lists, underlines) get one there; indentation goes, as
 * four spaces would start a code block.
 */
const MARKUP_ANYWHERE = /[\\`*_~[\]()<>]/g;
const MARKUP_AT_LINE_START = /^([#>+=-]|\d+(?=[.]))/;
const escapeLine = (line: string) => line.trim().replace(MARKUP_ANYWHERE, "\\$&").replace(MARKUP_AT_LINE_START, (marker) => (/\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
/** Text of several lines (notes, about, a message): its line breaks stay, each line escaped. */
const markdownText = (text: string) => text.replace(/\r\n?/g, "\n").split("\n").map(escapeLine).join("\n");
/** Text of one line (titles, names): its line breaks become spaces, so it cannot start a list or a heading. */
const markdownLine = (text: string) => escapeLine(text.replace(/\s+/g, " "));

/**
 * A link target for card markdown: http(s) only, or null, and with the characters that could end the
 * target or mark up inside it percent-encoded (the URL it names stays the same for the receiving site).
 */
function markdownTarget(raw: string): string | null {
  const url = safeHttpUrl(raw);
  return url && url.replace(/[()[\]<>*_`\\~\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The URL when it is an absolute http(s) one: the only kind a card may open. */
function safeHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/*
 * Teams refuses a Workflows message over about 28 KB. What people write may be long (a bundle's about and
 * use, 4,000 characters each; a note, 5,000), and escaping and JSON can take a character to several bytes,
 * so a card is measured and, when too big, written again with its texts cut (ending in "…"): first to a few
 * thousand characters, then to half as many at each try, until it fits. The button still opens the whole page. A margin below 28 KB is left for
 * what Workflows wraps around the card.
 */
export const TEAMS_MESSAGE_MAX_BYTES = 27 * 1024;

/** The most characters of each text on the first card that is cut; halved at each further try. */
const TEXT_LIMITS = { name: 200, title: 300, about: 3000, use: 3000, message: 1500, notes: 3000, source: 300, listedTitle: 200, link: 2048 } as const;
type TextLimits = Record<keyof typeof TEXT_LIMITS, number>;
/** A card that fits is sent as people wrote it. */
const UNCUT: TextLimits = Object.fromEntries(Object.keys(TEXT_LIMITS).map((field) => [field, Infinity])) as TextLimits;
const scaledLimits = (share: number): TextLimits =>
  Object.fromEntries(Object.entries(TEXT_LIMITS).map(([field, max]) => [field, Math.max(16, Math.floor(max * share))])) as TextLimits;

/** At most `max` characters, the last being "…" when cut; never half of a character outside the BMP. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** A listed item links to its page unless that address is longer than the card can carry; its title stays. */
const listedItem = (item: { title: string; url: string }, limits: TextLimits) => {
  const target = item.url.length <= limits.link ? markdownTarget(item.url) : null;
  const title = markdownLine(cut(item.title, limits.listedTitle));
  return target ? `- [${title}](${target})` : `- ${title}`;
};
const MAX_LISTED = 10;

// Teams cards are written in Dutch, the language of the schools they go to.
const say = (key: MessageKey, params?: Record<string, string | number>) => translate("nl", key, params);
const HEADLINES: Record<WebhookEvent, (school: string) => string> = {
  "offer.created": (school) => say("webhook.headline.offer.created", { school }),
  "bundle.accepted": (school) => say("webhook.headline.bundle.accepted", { school }),
  "item.published": (school) => say("webhook.headline.item.published", { school }),
  "question.created": (school) => say("webhook.headline.question.created", { school }),
  "question.answered": (school) => say("webhook.headline.question.answered", { school }),
  "question.followup": (school) => say("webhook.headline.question.followup", { school }),
};

type CardElement = Record<string, unknown> & { type: string };
const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({ type: "TextBlock", text, wrap: true, ...extra });

/** An Adaptive Card 1.4 as Teams renders it: headline, title, what it is about, the items, one button. */
export function adaptiveCard({ school, subject }: BodyInput, limits: TextLimits = UNCUT) {
  const body: CardElement[] = [textBlock(HEADLINES[subject.event](markdownLine(cut(school.name, limits.name))), { size: "Small", isSubtle: true })];
  let action: { title: string; url: string };
  if ("question" in subject) {
    action = questionCard(body, subject, limits);
  } else if (subject.event === "item.published") {
    const { item } = subject;
    body.push(textBlock(markdownLine(cut(item.title, limits.title)), { size: "Large", weight: "Bolder" }));
    const about = item.notes.length ? markdownText(cut(item.notes.join("\n\n"), limits.notes)) : item.excerpt && markdownText(cut(item.excerpt, limits.notes));
    if (about) body.push(textBlock(about));
    const source = [item.siteName, item.author].filter(Boolean).map((part) => markdownLine(cut(part!, limits.source))).join(" · ");
    if (source) body.push(textBlock(source, { isSubtle: true, spacing: "Small" }));
    action = { title: say("webhook.openItem"), url: subject.url };
  } else {
    const { bundle, offer } = subject;
    body.push(textBlock(markdownLine(cut(bundle.title, limits.title)), { size: "Large", weight: "Bolder" }));
    if (bundle.about) body.push(textBlock(markdownText(cut(bundle.about, limits.about))));
    if (bundle.use) body.push(textBlock(`**${say("bundle.use")}** ${markdownText(cut(bundle.use, limits.use))}`));
    if (subject.event === "offer.created" && offer.message) {
      body.push(textBlock(say("webhook.brokerMessage", { message: markdownText(cut(offer.message, limits.message)) }), { isSubtle: true }));
    }
    if (bundle.items.length) {
      const listed = bundle.items.slice(0, MAX_LISTED).map((item) => listedItem(item, limits));
      if (bundle.items.length > MAX_LISTED) listed.push(`- ${say("webhook.moreItems", { count: bundle.items.length - MAX_LISTED })}`);
      body.push(textBlock(`**${say("bundle.itemsCounted", { count: bundle.items.length })}**`, { spacing: "Medium" }), textBlock(listed.join("\n")));
    }
    action = { title: say("webhook.openBundle"), url: subject.url };
  }
  // The button opens only a web page, never a javascript: or data: address.
  const openUrl = safeHttpUrl(action.url);
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    actions: openUrl ? [{ type: "Action.OpenUrl", title: action.title, url: openUrl }] : [],
    msteams: { width: "Full" },
  };
}

const OUTCOME_KEYS = { yes: "webhook.question.yes", no: "webhook.question.no", untested: "webhook.question.untested" } as const;

/** A leervraag's card: the question, what was tried, and then the answer or the follow-up; the button opens the answer or the question. */
function questionCard(body: CardElement[], subject: Extract<EventSubject, { question: Question }>, limits: TextLimits) {
  const { question } = subject;
  body.push(textBlock(markdownLine(cut(question.question, limits.title)), { size: "Large", weight: "Bolder" }));
  if (question.context) body.push(textBlock(`**${say("webhook.question.context")}** ${markdownText(cut(question.context, limits.about))}`));
  const answer = question.answer;
  if (subject.event === "question.answered" && answer) {
    if (answer.note) body.push(textBlock(say("webhook.question.answerNote", { note: markdownText(cut(answer.note, limits.message)) })));
    const listed = [
      ...(answer.bundle ? [answer.bundle.url ? listedItem({ title: answer.bundle.title, url: answer.bundle.url }, limits) : `- ${markdownLine(cut(answer.bundle.title, limits.listedTitle))}`] : []),
      ...answer.items.slice(0, MAX_LISTED).map((item) => listedItem(item, limits)),
    ];
    if (listed.length) body.push(textBlock(listed.join("\n"), { spacing: "Medium" }));
  }
  if (subject.event === "question.followup" && question.followup) {
    const { followup } = question;
    body.push(
      textBlock(
        [
          say("webhook.question.applied", { answer: say(followup.applied ? "webhook.question.yes" : "webhook.question.no") }),
          say("webhook.question.worked", { answer: say(OUTCOME_KEYS[followup.worked]) }),
        ].join("\n\n"),
      ),
    );
    if (followup.note) body.push(textBlock(markdownText(cut(followup.note, limits.notes)), { isSubtle: true }));
  }
  if (subject.event === "question.followup" && question.followupState === "due") {
    body.push(textBlock(`**${say("webhook.question.followupDue")}**`, { spacing: "Medium" }), textBlock(say("webhook.question.followupDueHint"), { isSubtle: true }));
    return { title: say("webhook.question.tellHowItWent"), url: subject.url };
  }
  const opensAnswer = subject.event === "question.answered" && answer?.bundle?.url === subject.url;
  return { title: say(opensAnswer ? "webhook.openBundle" : "webhook.openQuestion"), url: subject.url };
}

export function webhookBody(format: WebhookFormat, input: BodyInput): string {
  if (format === "json") return JSON.stringify(jsonBody(input));
  const message = (limits: TextLimits) =>
    JSON.stringify({ type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: adaptiveCard(input, limits) }] });
  // Every text at 16 characters at most (the last try) fits many times over, whatever the characters.
  let written = message(UNCUT);
  for (let share = 1; Buffer.byteLength(written) > TEAMS_MESSAGE_MAX_BYTES && share >= 1 / 256; share /= 2) written = message(scaledLimits(share));
  return written;
}
