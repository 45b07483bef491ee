/**
 * Leervragen in the shared catalogue: the tab's label (shown before the tab's script loads) and the API's
 * question errors, which the one error describer looks up. The screens' own texts are in ./question-screens.
 * Dutch first; `en` is typed by the Dutch keys, so a text missing in one language is a type error.
 */
const nl = {
  "panel.tab.questions": "Vragen",
  "apiError.already_claimed": "Een andere makelaar heeft deze vraag al opgepakt; je kunt meedoen.",
  "apiError.already_answered": "Deze vraag is al beantwoord.",
  "apiError.question_closed": "De vrager heeft deze vraag gesloten.",
  "apiError.not_answered": "De vraag heeft nog geen antwoord om op terug te kijken.",
  "apiError.not_the_asker": "Alleen wie de vraag stelde (of de schoolcoördinator) mag dit.",
  "apiError.unknown_items": "Een van de gekozen items bestaat niet (meer).",
  "apiError.unknown_question": "Een van de gekozen vragen bestaat niet (meer).",
};

const en: Record<keyof typeof nl, string> = {
  "panel.tab.questions": "Questions",
  "apiError.already_claimed": "Another broker has taken this question; you can join it.",
  "apiError.already_answered": "This question was answered already.",
  "apiError.question_closed": "The asker closed this question.",
  "apiError.not_answered": "The question has no answer yet to follow up.",
  "apiError.not_the_asker": "Only the person who asked (or the school's coordinator) may do this.",
  "apiError.unknown_items": "One of the chosen items does not exist (any more).",
  "apiError.unknown_question": "One of the chosen questions does not exist (any more).",
};

export const questions = { nl, en };
