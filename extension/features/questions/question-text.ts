/** What a question is on these screens and how its state and follow-up read: one rule for the list and the detail. */
import { useMemo } from "preact/hooks";
import type { MessageKey } from "../../../shared/i18n";
import { translateQuestion, type QuestionKey } from "../../../shared/i18n/extension/questions/question-screens";
import type { Question } from "../../../shared/schemas";
import type { KnooppuntApi } from "../../lib/api";
import { useSession } from "../context";

/** A question as its own screen has it: with the thread and every earlier wording. */
export type QuestionWithThread = Awaited<ReturnType<KnooppuntApi["question"]>>;

/** The questions tab's translate: its own texts, and every other text of the catalogue. */
export type QuestionTranslate = (key: QuestionKey | MessageKey, params?: Record<string, string | number>) => string;

/** The tab's texts travel with the tab's script, not in the first screen's catalogue. */
export function useQuestionText(): QuestionTranslate {
  const { language } = useSession();
  return useMemo<QuestionTranslate>(() => (key, params) => translateQuestion(language, key, params), [language]);
}

/** A private question is a draft, whatever its state. */
export const questionStateKey = (question: Pick<Question, "status" | "visibility">): QuestionKey =>
  question.visibility === "private" ? "questions.status.draft" : (`questions.status.${question.status}` as const satisfies QuestionKey);

export const workedKey = (worked: "yes" | "no" | "untested"): QuestionKey => `questions.followup.worked.${worked}` as const satisfies QuestionKey;

/** Waiting questions stand out; answered, closed and drafts do not. */
export const stateBadge = (question: Pick<Question, "status" | "visibility">) =>
  question.visibility !== "private" && (question.status === "open" || question.status === "claimed") ? "badge warn" : "badge";
