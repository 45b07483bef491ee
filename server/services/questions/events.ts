/**
 * The webhook events of a leervraag, recorded in the transaction of the change that caused them.
 *
 * Who receives which event: only the webhooks of the school that asked (the question's school), and only
 * while the question's circle is one that school's channel may read — `school` or `network`. A private
 * draft sends nothing; a community question sends nothing either, as the school's channel holds people
 * outside the community. No other school ever gets a school's question, and an answer shared by several
 * schools' questions goes to each school with its own question only. Brokers have no webhooks (webhooks
 * belong to schools); they see new questions in the list and feed per theme.
 *
 * - question.created: when a question is asked in such a circle, or a draft is first widened into one.
 * - question.answered: to each answered question's school, with the answer bundle opened by that school's
 *   offer key, so the whole team can read it without an account.
 * - question.followup: with `followupState: "due"` once, when the follow-up falls due (the answer plus the
 *   asker's follow-up weeks; reminders.ts), asking "Toegepast? Werkte het?"; with `followupState:
 *   "recorded"` when the asker (or coordinator) records whether it was applied and worked. One event name
 *   for both, as the contract's event list stays as it is; a receiver that only knows the name still sees
 *   `followup: null` for the reminder and the outcome for the record.
 *
 * The body carries no person's name: a school's channel may be wider than the colleagues who see names.
 */
import type { WebhookJsonPayload } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { NETWORK_AUDIENCE } from "../../core/viewer";
import { visibleItemSeqById } from "../../db/repositories/library/items";
import { offerWithSnapshot } from "../../db/repositories/offers";
import { answersByIds, followupsOf, questionById, type QuestionRow } from "../../db/repositories/questions/questions";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { saveScope } from "../access/visibility";
import { answerBundles } from "./answer-bundle";
import { shapeItems } from "../library/item-view";
import { recordSchoolEvent } from "../webhooks/events";
import type { QuestionEvent } from "../webhooks/payloads";

type WebhookQuestion = NonNullable<WebhookJsonPayload["question"]>;

/** The school whose webhooks hear about this question, or null when none may. */
const receivingSchool = (row: Pick<QuestionRow, "schoolId" | "visibility">) =>
  row.schoolId !== null && (row.visibility === "school" || row.visibility === "network") ? row.schoolId : null;

/** The answer as the school sees it: the bundle through its offer when it has one, the items the network may see. */
function answerOf(ctx: ServiceContext, row: QuestionRow, offerId: string | undefined): WebhookQuestion["answer"] {
  const answer = row.answerId ? answersByIds(ctx, [row.answerId])[0] : undefined;
  if (!answer) return null;
  let bundle: NonNullable<WebhookQuestion["answer"]>["bundle"] = null;
  const offer = offerId ? offerWithSnapshot(ctx, offerId) : undefined;
  if (offer) {
    const snapshot = JSON.parse(offer.content) as BundleSnapshot;
    bundle = { id: offer.bundleId, title: snapshot.title, url: ctx.links.bundleLink(offer.slug ?? offer.bundleId, offer.key) };
  } else if (answer.bundleId) {
    bundle = answerBundles(ctx, [answer.bundleId], null).get(answer.bundleId) ?? null;
  }
  const network = saveScope(NETWORK_AUDIENCE);
  const seqs = answer.itemIds.flatMap((id) => {
    const seq = visibleItemSeqById(ctx, network, id);
    return seq === null ? [] : [seq];
  });
  const items = shapeItems(ctx, NETWORK_AUDIENCE, seqs).map((item) => ({ id: item.id, title: item.title, url: item.url }));
  return { note: answer.note, bundle, items, answeredAt: answer.answeredAt };
}

type FollowupState = NonNullable<WebhookQuestion["followupState"]>;

function questionOf(ctx: ServiceContext, row: QuestionRow, offerId?: string, followupState?: FollowupState): WebhookQuestion {
  const followup = followupsOf(ctx, [row.id])[0];
  return {
    id: row.id,
    question: row.question,
    context: row.context,
    themes: row.themes,
    sector: row.sector,
    status: row.status,
    askedAt: row.createdAt,
    answer: answerOf(ctx, row, offerId),
    followup: followup ? { applied: followup.applied, worked: followup.worked, note: followup.note, recordedAt: followup.recordedAt } : null,
    ...(followupState ? { followupState } : {}),
  };
}

/** `offers`: those an answer made, one per school; the event names the one made to this question's school. */
function record(ctx: ServiceContext, event: QuestionEvent, questionId: string, followupState?: FollowupState, offers?: { id: string; schoolId: string }[]) {
  // Read after the change, inside its transaction: the event tells what was just stored.
  const row = questionById(ctx, questionId);
  const schoolId = row && receivingSchool(row);
  if (!row || !schoolId) return;
  const question = questionOf(ctx, row, offers?.find((o) => o.schoolId === row.schoolId)?.id, followupState);
  const url = event === "question.answered" && question.answer?.bundle?.url ? question.answer.bundle.url : ctx.links.questionPage(row.id);
  recordSchoolEvent(ctx, [schoolId], { event, question, url });
}

/** After asking, or after a change of circle: announced once, when the question first reaches its school. */
export function questionAsked(ctx: ServiceContext, questionId: string, before?: Pick<QuestionRow, "schoolId" | "visibility">) {
  // A draft is announced when it first leaves "private"; a question moved between other circles is not announced again.
  if (before && before.visibility !== "private") return;
  record(ctx, "question.created", questionId);
}

/** Each answered question to its own school; `offers` are the offers the answer made, one per school. */
export function questionsAnswered(ctx: ServiceContext, questionIds: string[], offers: { id: string; schoolId: string }[]) {
  for (const id of questionIds) record(ctx, "question.answered", id, undefined, offers);
}

export const questionFollowedUp = (ctx: ServiceContext, questionId: string) => record(ctx, "question.followup", questionId, "recorded");

/** The reminder: the follow-up fell due and nobody recorded it yet. */
export const followupDueNow = (ctx: ServiceContext, questionId: string) => record(ctx, "question.followup", questionId, "due");
