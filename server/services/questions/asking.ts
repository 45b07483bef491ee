/**
 * Asking, reading, sharpening and discussing a leervraag (access.ts says who sees and does what). Every
 * change of wording is kept, the first as asked: articulating the question is the first phase of a
 * werkplaats (002:773).
 */
import type { CreateQuestionInput, QuestionsQuery, UpdateQuestionInput } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, forbidden, invalid } from "../../core/errors";
import { newId } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import { decodePosition, pageOf } from "../../db/paging";
import { insertComment, insertQuestion, insertWording, updateQuestion, visibleQuestionsPage } from "../../db/repositories/questions/questions";
import { transaction } from "../../db/statements";
import { bundleForRead } from "../access/bundles";
import { resolveCircle } from "../library/circles";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";
import { askedBy, questionForRead, questionScope, worksOn } from "./access";
import { questionDetail, questionViews } from "./view";
import { visibleItemIds } from "../../db/repositories/questions/questions";
import { saveScope } from "../access/visibility";
import { publicName } from "../accounts/public-name";
import { questionAsked } from "./events";

export function askQuestion(ctx: ServiceContext, viewer: SignedInViewer, input: CreateQuestionInput) {
  const circle = resolveCircle(viewer, input);
  const themes = requireThemes(ctx, input.themes);
  const now = isoNow(ctx);
  const id = newId();
  return transaction(ctx, () => {
    insertQuestion(ctx, {
      id,
      userId: viewer.user.id,
      question: input.question,
      context: input.context ?? "",
      themes,
      sector: input.sector ?? [],
      ...circle,
      followupWeeks: input.followupWeeks ?? 6,
      createdAt: now,
      updatedAt: now,
    });
    insertWording(ctx, { questionId: id, question: input.question, context: input.context ?? "", changedBy: viewer.user.id, at: now });
    questionAsked(ctx, id);
    return getQuestion(ctx, viewer, id);
  });
}

export function listQuestions(ctx: ServiceContext, viewer: SignedInViewer, query: QuestionsQuery) {
  const themes = query.theme ? themeIndex(ctx).withDescendants(requireThemes(ctx, [query.theme])[0]!) : undefined;
  const rows = visibleQuestionsPage(
    ctx,
    questionScope(viewer),
    {
      status: query.status,
      themes,
      schoolId: query.schoolId,
      communityId: query.communityId,
      askedBy: query.mine === "asked" ? viewer.user.id : undefined,
      brokerId: query.mine === "claimed" ? viewer.user.id : undefined,
      followupDueBy: query.followup === "due" ? isoNow(ctx) : undefined,
    },
    decodePosition(query.cursor),
    query.limit + 1,
  );
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  return { questions: questionViews(ctx, viewer, page), nextCursor };
}

export const getQuestion = (ctx: ServiceContext, viewer: SignedInViewer, id: string) => questionDetail(ctx, viewer, questionForRead(ctx, viewer, id));

/**
 * The asker changes anything of their question; the brokers working on it sharpen its wording and
 * context only. A new wording is added to the history.
 */
export function changeQuestion(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: UpdateQuestionInput) {
  return transaction(ctx, () => {
    const row = questionForRead(ctx, viewer, id);
    const asker = askedBy(viewer, row);
    const wordingOnly = Object.keys(input).every((k) => k === "question" || k === "context");
    if (!asker && !(wordingOnly && worksOn(ctx, viewer, row))) {
      throw forbidden("not_the_asker", "Only the asker changes this question; the brokers working on it may sharpen its wording. / Alleen de vrager wijzigt deze vraag; makelaars die eraan werken mogen de formulering aanscherpen.");
    }
    const now = isoNow(ctx);
    const change: Parameters<typeof updateQuestion>[2] = { updatedAt: now };
    if (input.question !== undefined) change.question = input.question;
    if (input.context !== undefined) change.context = input.context;
    if (input.themes !== undefined) change.themes = requireThemes(ctx, input.themes);
    if (input.sector !== undefined) change.sector = input.sector;
    if (input.followupWeeks !== undefined) change.followupWeeks = input.followupWeeks;
    if (input.visibility !== undefined || input.schoolId !== undefined || input.communityId !== undefined) {
      Object.assign(change, resolveCircle(viewer, input, { visibility: row.visibility, schoolId: row.schoolId, communityId: row.communityId }));
    }
    if (input.closedWith) {
      if (row.status === "answered") throw conflict("already_answered", "The question was answered already. / De vraag is al beantwoord.");
      checkReadable(ctx, viewer, input.closedWith);
      change.closedWith = input.closedWith;
      change.status = "closed";
    }
    updateQuestion(ctx, row.id, change);
    const reworded = (input.question !== undefined && input.question !== row.question) || (input.context !== undefined && input.context !== row.context);
    if (reworded) insertWording(ctx, { questionId: row.id, question: change.question ?? row.question, context: change.context ?? row.context, changedBy: viewer.user.id, at: now });
    if (change.visibility !== undefined) questionAsked(ctx, row.id, row);
    return getQuestion(ctx, viewer, row.id);
  });
}

/** What the asker closes a question with must be something they can read. */
function checkReadable(ctx: ServiceContext, viewer: SignedInViewer, closedWith: { bundleId?: string; itemId?: string }) {
  if (closedWith.bundleId) bundleForRead(ctx, viewer, closedWith.bundleId);
  if (closedWith.itemId && !visibleItemIds(ctx, saveScope(viewer), [closedWith.itemId]).has(closedWith.itemId)) {
    throw invalid("unknown_item", "No such item in your library. / Dat item staat niet in jouw bibliotheek.", [{ path: ["closedWith", "itemId"], message: "unknown item" }]);
  }
}

export function commentOnQuestion(ctx: ServiceContext, viewer: SignedInViewer, id: string, body: string) {
  return transaction(ctx, () => {
    const row = questionForRead(ctx, viewer, id);
    const now = isoNow(ctx);
    const comment = { id: newId(), questionId: row.id, authorId: viewer.user.id, body, createdAt: now };
    insertComment(ctx, comment);
    updateQuestion(ctx, row.id, { updatedAt: now });
    return { id: comment.id, author: { id: viewer.user.id, name: publicName(ctx, viewer.user.id, "colleagues") }, body, createdAt: now };
  });
}
