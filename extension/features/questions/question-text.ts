/** What a question is on these screens and how its state and follow-up read: one rule for the list and the detail. */
import type { MessageKey } from "../../../shared/i18n";
import type { Question } from "../../../shared/schemas";
import type { KnooppuntApi } from "../../lib/api";

/** A question as its own screen has it: with the thread and every earlier wording. */
export type QuestionWithThread = Awaited<ReturnType<KnooppuntApi["question"]>>;

/** A private question is a draft, whatever its state. */
export const questionStateKey = (question: Pick<Question, "status" | "visibility">): MessageKey =>
  question.visibility === "private" ? "questions.status.draft" : (`questions.status.${question.status}` as const satisfies MessageKey);

export const workedKey = (worked: "yes" | "no" | "untested"): MessageKey => `questions.followup.worked.${worked}` as const satisfies MessageKey;

/** Waiting questions stand out; answered, closed and drafts do not. */
export const stateBadge = (question: Pick<Question, "status" | "visibility">) =>
  question.visibility !== "private" && (question.status === "open" || question.status === "claimed") ? "badge warn" : "badge";
