/**
 * "Doorgeven aan de Kennisrotonde": NRO's Kennisrotonde answers teachers' questions from research, for
 * what no local expert can answer. Knooppunt only builds a link to NRO's question form with the question
 * filled in; nothing is sent to NRO unless the person submits that form themselves. The asker's name and
 * school are left out: the form asks for them itself.
 */
export const KENNISROTONDE_FORM = "https://www.nro.nl/kennisrotonde/stel-je-vraag";
/** Long enough for a question and what was tried; short enough for any browser's address bar. */
const MAX_TEXT = 1500;

export function kennisrotondeLink(question: { question: string; context: string }): string {
  const context = question.context.trim();
  const text = context ? `${question.question.trim()}\n\nWat we al geprobeerd hebben: ${context}` : question.question.trim();
  const url = new URL(KENNISROTONDE_FORM);
  url.searchParams.set("vraag", text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
  return url.toString();
}
