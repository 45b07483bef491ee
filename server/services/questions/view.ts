/** Questions as the API shows them to one viewer: names as colleagues see them, only items the viewer may read. */
import type { Question } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import type { SignedInViewer } from "../../core/viewer";
import { answerBundles } from "./answer-bundle";
import {
  answersByIds,
  brokersOf,
  commentCounts,
  commentsOf,
  followupsOf,
  schoolNames,
  visibleItemIds,
  wordingsOf,
  type QuestionRow,
} from "../../db/repositories/questions/questions";
import { publicNames } from "../accounts/public-name";
import { saveScope } from "../access/visibility";
import { kennisrotondeLink } from "./kennisrotonde";

const WEEK = 7 * 24 * 60 * 60 * 1000;

export const followupDueAt = (row: Pick<QuestionRow, "answeredAt" | "followupWeeks">) =>
  row.answeredAt === null ? null : new Date(Date.parse(row.answeredAt) + row.followupWeeks * WEEK).toISOString();

export function questionViews(ctx: ServiceContext, viewer: SignedInViewer, rows: QuestionRow[]): Question[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const brokers = brokersOf(ctx, ids);
  const answers = new Map(answersByIds(ctx, [...new Set(rows.flatMap((r) => (r.answerId ? [r.answerId] : [])))]).map((a) => [a.id, a]));
  const followups = new Map(followupsOf(ctx, ids).map((f) => [f.questionId, f]));
  const counts = commentCounts(ctx, ids);
  const schools = schoolNames(ctx, [...new Set(rows.flatMap((r) => (r.schoolId ? [r.schoolId] : [])))]);
  const bundles = answerBundles(ctx, [...new Set([...answers.values()].flatMap((a) => (a.bundleId ? [a.bundleId] : [])))], viewer.user.id);
  const seenItems = visibleItemIds(ctx, saveScope(viewer), [...new Set([...answers.values()].flatMap((a) => a.itemIds))]);
  const names = publicNames(
    ctx,
    [...new Set(["", ...rows.map((r) => r.userId), ...brokers.map((b) => b.userId), ...[...answers.values()].flatMap((a) => (a.answeredBy ? [a.answeredBy] : []))])],
    "colleagues",
  );
  // A deleted account's id is gone (null): "" names the former colleague.
  const person = (id: string | null) => ({ id: id ?? "", name: names.get(id ?? "")! });
  const now = isoNow(ctx);

  return rows.map((row) => {
    const answer = row.answerId ? answers.get(row.answerId) : undefined;
    const bundle = answer?.bundleId ? bundles.get(answer.bundleId) : undefined;
    const followup = followups.get(row.id);
    const dueAt = followupDueAt(row);
    return {
      id: row.id,
      question: row.question,
      context: row.context,
      themes: row.themes,
      sector: row.sector,
      visibility: row.visibility as Question["visibility"],
      school: row.schoolId ? { id: row.schoolId, name: schools.get(row.schoolId) ?? "" } : null,
      communityId: row.communityId,
      status: row.status,
      askedBy: person(row.userId),
      askedByMe: row.userId === viewer.user.id,
      brokers: brokers.filter((b) => b.questionId === row.id).map((b) => ({ ...person(b.userId), role: b.role })),
      answer: answer
        ? {
            id: answer.id,
            bundle: bundle ?? null,
            itemIds: answer.itemIds.filter((id) => seenItems.has(id)),
            note: answer.note,
            fromExistingBundle: answer.fromExistingBundle,
            answeredBy: person(answer.answeredBy),
            answeredAt: answer.answeredAt,
          }
        : null,
      followupWeeks: row.followupWeeks,
      followupDueAt: dueAt,
      followup: followup ? { applied: followup.applied, worked: followup.worked, note: followup.note, recordedAt: followup.recordedAt } : null,
      followupDue: row.status === "answered" && !followup && dueAt !== null && dueAt <= now,
      followupRemindedAt: row.followupRemindedAt,
      closedWith: row.closedWith ?? null,
      commentCount: counts.get(row.id) ?? 0,
      kennisrotondeUrl: kennisrotondeLink(row),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      answeredAt: row.answeredAt,
    };
  });
}

/** One question with its thread and every wording it had. */
export function questionDetail(ctx: ServiceContext, viewer: SignedInViewer, row: QuestionRow) {
  const comments = commentsOf(ctx, row.id);
  const wordings = wordingsOf(ctx, row.id);
  const names = publicNames(ctx, [...new Set([...comments.map((c) => c.authorId ?? ""), ...wordings.map((w) => w.changedBy ?? "")])], "colleagues");
  const person = (id: string | null) => ({ id: id ?? "", name: names.get(id ?? "")! });
  return {
    ...questionViews(ctx, viewer, [row])[0]!,
    comments: comments.map((c) => ({ id: c.id, author: person(c.authorId), body: c.body, createdAt: c.createdAt })),
    wordings: wordings.map((w) => ({ question: w.question, context: w.context, changedBy: person(w.changedBy), at: w.at })),
  };
}
