/**
 * Taking, answering and following up a leervraag. An answer is a bundle (new or existing) and/or library
 * items with a note; similar questions of several schools share one answer (003:283), and each asking
 * school is offered the bundle through the ordinary offer and inbox. After the follow-up period the asker
 * says whether it was applied and worked, kept like an item's outcome, failures included (000:723).
 */
import type { AnswerInput, FollowupInput } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, DomainError, invalid } from "../../core/errors";
import { newId } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import {
  brokersOf,
  firstPublishedAt,
  insertAnswer,
  putBroker,
  putFollowup,
  questionById,
  updateQuestion,
  visibleItemIds,
  type QuestionRow,
} from "../../db/repositories/questions/questions";
import { transaction } from "../../db/statements";
import { bundleForRead } from "../access/bundles";
import { saveScope } from "../access/visibility";
import { offerBundle } from "../offers/offering";
import { questionForAsker, questionForBroker } from "./access";
import { getQuestion } from "./asking";
import { questionFollowedUp, questionsAnswered } from "./events";
import { questionViews } from "./view";

const closedOrAnswered = (row: QuestionRow) => {
  if (row.status === "closed") throw conflict("question_closed", "The asker closed this question. / De vrager heeft deze vraag gesloten.");
  if (row.status === "answered") throw conflict("already_answered", "The question was answered already. / De vraag is al beantwoord.");
};

/** `own` makes the caller the one owner (409 while another broker owns it); `join` works beside the owner. */
export function claimQuestion(ctx: ServiceContext, viewer: SignedInViewer, id: string, mode: "own" | "join") {
  return transaction(ctx, () => {
    const row = questionForBroker(ctx, viewer, id);
    closedOrAnswered(row);
    const now = isoNow(ctx);
    const owner = brokersOf(ctx, [row.id]).find((b) => b.role === "owner");
    if (mode === "own" && owner && owner.userId !== viewer.user.id) {
      throw conflict("already_claimed", "Another broker owns this question; join it instead. / Een andere makelaar heeft deze vraag; doe mee in plaats daarvan.", { ownerId: owner.userId });
    }
    const role = mode === "own" || !owner ? "owner" : owner.userId === viewer.user.id ? "owner" : "joined";
    putBroker(ctx, row.id, viewer.user.id, role, now);
    updateQuestion(ctx, row.id, { status: "claimed", ownerId: role === "owner" ? viewer.user.id : row.ownerId, updatedAt: now });
    return getQuestion(ctx, viewer, row.id);
  });
}

export function answerQuestion(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: AnswerInput) {
  return transaction(ctx, () => {
    const row = questionForBroker(ctx, viewer, id);
    closedOrAnswered(row);
    // Similar questions: each must be one the broker reads and still open; an unknown one is named.
    const others = [...new Set(input.questionIds ?? [])].filter((q) => q !== row.id);
    const similar = others.map((otherId, index) => {
      try {
        const other = questionForBroker(ctx, viewer, otherId);
        closedOrAnswered(other);
        return other;
      } catch (error) {
        if (error instanceof DomainError && error.kind === "not_found") {
          throw invalid("unknown_question", `No such question: ${otherId}. / Die vraag bestaat niet.`, [{ path: ["questionIds", index], message: "unknown question" }]);
        }
        throw error;
      }
    });
    const all = [row, ...similar];

    const itemIds = [...new Set(input.itemIds ?? [])];
    const seen = visibleItemIds(ctx, saveScope(viewer), itemIds);
    const unknown = itemIds.flatMap((itemId, index) => (seen.has(itemId) ? [] : [{ itemId, index }]));
    if (unknown.length) {
      throw invalid("unknown_items", `No such item: ${unknown.map((u) => u.itemId).join(", ")}. / Onbekend item.`, unknown.map((u) => ({ path: ["itemIds", u.index], message: "unknown item" })));
    }

    const now = isoNow(ctx);
    let fromExistingBundle = false;
    let offers: { id: string; schoolId: string; status: string; existing: boolean }[] = [];
    if (input.bundleId) {
      const bundle = bundleForRead(ctx, viewer, input.bundleId);
      const published = firstPublishedAt(ctx, bundle.row.id);
      const firstAsked = all.map((q) => q.createdAt).sort()[0]!;
      fromExistingBundle = published !== null && published <= firstAsked;
      const schoolIds = [...new Set(all.flatMap((q) => (q.schoolId ? [q.schoolId] : [])))];
      // The asking schools get the bundle the usual way: an offer in their inbox (curators of a published bundle only).
      if (schoolIds.length) offers = offerBundle(ctx, viewer, bundle.row.id, { schoolIds, message: input.note }).map(({ id: offerId, schoolId, status, existing }) => ({ id: offerId, schoolId, status, existing }));
    }

    const answerId = newId();
    insertAnswer(ctx, { id: answerId, bundleId: input.bundleId ?? null, itemIds, note: input.note, fromExistingBundle, answeredBy: viewer.user.id, answeredAt: now });
    for (const q of all) {
      if (!brokersOf(ctx, [q.id]).some((b) => b.userId === viewer.user.id)) putBroker(ctx, q.id, viewer.user.id, q.ownerId ? "joined" : "owner", now);
      updateQuestion(ctx, q.id, { status: "answered", answerId, answeredAt: now, ownerId: q.ownerId ?? viewer.user.id, updatedAt: now });
    }
    questionsAnswered(ctx, all.map((q) => q.id), offers);
    return { questions: questionViews(ctx, viewer, all.map((q) => questionById(ctx, q.id)!)), offers };
  });
}

export function recordFollowup(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: FollowupInput) {
  return transaction(ctx, () => {
    const row = questionForAsker(ctx, viewer, id, true);
    if (row.status !== "answered") throw conflict("not_answered", "The question has no answer yet to follow up. / De vraag heeft nog geen antwoord om op terug te kijken.");
    const now = isoNow(ctx);
    putFollowup(ctx, { questionId: row.id, applied: input.applied, worked: input.worked, note: input.note, recordedBy: viewer.user.id, recordedAt: now });
    updateQuestion(ctx, row.id, { updatedAt: now });
    questionFollowedUp(ctx, row.id);
    return getQuestion(ctx, viewer, row.id);
  });
}
