/**
 * The texts of the leervraag events: the Teams card a school's channel shows, and the event's name in
 * the webhook form. Kept apart from the other webhook texts, merged into them in webhooks.ts.
 */
const nl = {
  "webhook.headline.question.created": "Nieuwe leervraag van {school}",
  "webhook.headline.question.answered": "Antwoord op een leervraag van {school}",
  "webhook.headline.question.followup": "{school} kijkt terug op een leervraag",
  "webhook.question.context": "Wat we al geprobeerd hebben:",
  "webhook.question.answerNote": "Antwoord van de makelaar: {note}",
  "webhook.question.applied": "Toegepast: {answer}",
  "webhook.question.worked": "Werkte het? {answer}",
  "webhook.question.yes": "ja",
  "webhook.question.no": "nee",
  "webhook.question.untested": "nog niet te zeggen",
  "webhook.openQuestion": "Open de vraag",
  "webhooks.event.question.created": "Nieuwe leervraag van de school",
  "webhooks.event.question.answered": "Leervraag beantwoord",
  "webhooks.event.question.followup": "Terugblik op een leervraag",
  "webhook.question.followupDue": "Toegepast? Werkte het?",
  "webhook.question.followupDueHint": "Het antwoord kwam een paar weken geleden. Vertel in Knooppunt of het toegepast is en of het werkte — ook als het niet werkte, want daar leert het netwerk van.",
  "webhook.question.tellHowItWent": "Vertel hoe het ging",
  "webhook.question.followupDueTitle": "Toegepast? Werkte het? {question}",
  "feeds.questions.title": "Leervragen — {theme}",
  "feeds.questions.subtitle": "Nieuwe leervragen in {theme} die nog op een antwoord wachten",
} as const;

const en: Record<keyof typeof nl, string> = {
  "webhook.headline.question.created": "New question from {school}",
  "webhook.headline.question.answered": "Answer to a question from {school}",
  "webhook.headline.question.followup": "{school} looks back on a question",
  "webhook.question.context": "What we tried already:",
  "webhook.question.answerNote": "The broker's answer: {note}",
  "webhook.question.applied": "Applied: {answer}",
  "webhook.question.worked": "Did it work? {answer}",
  "webhook.question.yes": "yes",
  "webhook.question.no": "no",
  "webhook.question.untested": "too early to say",
  "webhook.openQuestion": "Open the question",
  "webhooks.event.question.created": "New question from the school",
  "webhooks.event.question.answered": "Question answered",
  "webhooks.event.question.followup": "Follow-up on a question",
  "webhook.question.followupDue": "Applied? Did it work?",
  "webhook.question.followupDueHint": "The answer came a few weeks ago. Tell in Knooppunt whether it was applied and whether it worked — also when it did not, as the network learns from that too.",
  "webhook.question.tellHowItWent": "Tell how it went",
  "webhook.question.followupDueTitle": "Applied? Did it work? {question}",
  "feeds.questions.title": "Questions — {theme}",
  "feeds.questions.subtitle": "New questions in {theme} still waiting for an answer",
};

export const questionEvents = { nl, en };
