/**
 * Leervragen: the questions, their wordings, comments, brokers, answers and follow-ups. Which questions a
 * viewer reads is decided in services/questions/access.ts and rendered here through the same SQL fragment
 * that decides which saves a viewer reads.
 */
import { asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import type { Position } from "../../paging";
import { questionAnswers, questionBrokers, questionComments, questionFollowups, questions, questionWordings, schools } from "../../schema";
import { queryAll, queryGet } from "../../statements";
import { inList, jsonField, jsonListHasAny } from "../../sqlite";
import { visibleSave } from "../../visibility";
import { followupDueBy } from "./followups";

export type QuestionRow = typeof questions.$inferSelect;
export type AnswerRow = typeof questionAnswers.$inferSelect;
export type FollowupRow = typeof questionFollowups.$inferSelect;

/** A save's visibility scope, and whether the viewer also reads school and community questions as a broker. */
export interface QuestionScope extends SaveScope {
  brokerCircles: boolean;
}

/** The one visibility rule for saves, applied to questions (same columns), widened for brokers. */
export function visibleQuestion(scope: QuestionScope, alias = "q"): SQL {
  const own = visibleSave(scope, alias);
  return scope.brokerCircles ? sql`(${own} OR ${sql.raw(alias)}.visibility IN ('school', 'community'))` : own;
}

export const questionById = (ctx: ServiceContext, id: string) => ctx.db.select().from(questions).where(eq(questions.id, id)).get();

/** The question if the scope lets the viewer read it. */
export const visibleQuestionById = (ctx: ServiceContext, scope: QuestionScope, id: string) =>
  queryGet<{ id: string }>(ctx, sql`SELECT q.id AS id FROM questions q WHERE q.id = ${id} AND ${visibleQuestion(scope)}`) !== undefined;

export const insertQuestion = (ctx: ServiceContext, row: typeof questions.$inferInsert) => ctx.db.insert(questions).values(row).run();

export const updateQuestion = (ctx: ServiceContext, id: string, change: Partial<typeof questions.$inferInsert>) =>
  ctx.db.update(questions).set(change).where(eq(questions.id, id)).run();

export const insertWording = (ctx: ServiceContext, row: typeof questionWordings.$inferInsert) => ctx.db.insert(questionWordings).values(row).run();

export const wordingsOf = (ctx: ServiceContext, questionId: string) =>
  ctx.db.select().from(questionWordings).where(eq(questionWordings.questionId, questionId)).orderBy(asc(questionWordings.seq)).all();

export const insertComment = (ctx: ServiceContext, row: typeof questionComments.$inferInsert) => ctx.db.insert(questionComments).values(row).run();

export const commentsOf = (ctx: ServiceContext, questionId: string) =>
  ctx.db.select().from(questionComments).where(eq(questionComments.questionId, questionId)).orderBy(asc(questionComments.createdAt), asc(questionComments.id)).all();

export function commentCounts(ctx: ServiceContext, ids: string[]): Map<string, number> {
  if (ids.length === 0) return new Map();
  const rows = ctx.db
    .select({ id: questionComments.questionId, n: sql<number>`count(*)` })
    .from(questionComments)
    .where(inArray(questionComments.questionId, ids))
    .groupBy(questionComments.questionId)
    .all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

export const brokersOf = (ctx: ServiceContext, ids: string[]) =>
  ids.length === 0 ? [] : ctx.db.select().from(questionBrokers).where(inArray(questionBrokers.questionId, ids)).orderBy(desc(questionBrokers.role), asc(questionBrokers.at)).all(); // the owner first

export const putBroker = (ctx: ServiceContext, questionId: string, userId: string, role: "owner" | "joined", at: string) =>
  ctx.db
    .insert(questionBrokers)
    .values({ questionId, userId, role, at })
    .onConflictDoUpdate({ target: [questionBrokers.questionId, questionBrokers.userId], set: { role } })
    .run();

export const insertAnswer = (ctx: ServiceContext, row: typeof questionAnswers.$inferInsert) => ctx.db.insert(questionAnswers).values(row).run();

export const answersByIds = (ctx: ServiceContext, ids: string[]): AnswerRow[] =>
  ids.length === 0 ? [] : ctx.db.select().from(questionAnswers).where(inArray(questionAnswers.id, ids)).all();

export const followupsOf = (ctx: ServiceContext, ids: string[]): FollowupRow[] =>
  ids.length === 0 ? [] : ctx.db.select().from(questionFollowups).where(inArray(questionFollowups.questionId, ids)).all();

export const putFollowup = (ctx: ServiceContext, row: typeof questionFollowups.$inferInsert) =>
  ctx.db.insert(questionFollowups).values(row).onConflictDoUpdate({ target: questionFollowups.questionId, set: row }).run();

export const schoolNames = (ctx: ServiceContext, ids: string[]) =>
  new Map((ids.length === 0 ? [] : ctx.db.select({ id: schools.id, name: schools.name }).from(schools).where(inArray(schools.id, ids)).all()).map((s) => [s.id, s.name]));

/** When the bundle's first version was published; null for a draft. */
export const firstPublishedAt = (ctx: ServiceContext, bundleId: string) =>
  queryGet<{ at: string | null }>(ctx, sql`SELECT min(published_at) AS at FROM bundle_versions WHERE bundle_id = ${bundleId}`)?.at ?? null;

/** Of these items, the ids the scope lets the viewer read. */
export function visibleItemIds(ctx: ServiceContext, scope: SaveScope, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = queryAll<{ id: string }>(
    ctx,
    sql`SELECT i.id AS id FROM items i WHERE i.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
        AND EXISTS (SELECT 1 FROM saves vs WHERE vs.item_seq = i.seq AND ${visibleSave(scope, "vs")})`,
  );
  return new Set(rows.map((r) => r.id));
}

export interface QuestionFilter {
  status?: string;
  themes?: string[];
  schoolId?: string;
  communityId?: string;
  askedBy?: string;
  brokerId?: string;
  /** Only questions whose follow-up is due at this moment and not recorded. */
  followupDueBy?: string;
}

/** A page of the questions the scope lets the viewer read, newest first, after the position. */
export function visibleQuestionsPage(ctx: ServiceContext, scope: QuestionScope, filter: QuestionFilter, after: Position | null, limit: number): QuestionRow[] {
  const where: SQL[] = [visibleQuestion(scope)];
  if (filter.status) where.push(sql`q.status = ${filter.status}`);
  if (filter.themes) where.push(sql`EXISTS (SELECT 1 FROM json_each(q.themes) t WHERE t.value IN (SELECT value FROM json_each(${JSON.stringify(filter.themes)})))`);
  if (filter.schoolId) where.push(sql`q.school_id = ${filter.schoolId}`);
  if (filter.communityId) where.push(sql`q.community_id = ${filter.communityId}`);
  if (filter.askedBy) where.push(sql`q.user_id = ${filter.askedBy}`);
  if (filter.brokerId) where.push(sql`EXISTS (SELECT 1 FROM question_brokers b WHERE b.question_id = q.id AND b.user_id = ${filter.brokerId})`);
  if (filter.followupDueBy) where.push(followupDueBy(filter.followupDueBy));
  if (after) where.push(sql`(q.created_at < ${after.at} OR (q.created_at = ${after.at} AND q.id < ${after.id}))`);
  const ids = queryAll<{ id: string }>(
    ctx,
    sql`SELECT q.id AS id FROM questions q WHERE ${sql.join(where, sql` AND `)} ORDER BY q.created_at DESC, q.id DESC LIMIT ${limit}`,
  ).map((r) => r.id);
  if (ids.length === 0) return [];
  const byId = new Map(ctx.db.select().from(questions).where(inArray(questions.id, ids)).all().map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** The questions that share an answer. */
export const questionsOfAnswer = (ctx: ServiceContext, answerId: string) =>
  ctx.db.select().from(questions).where(eq(questions.answerId, answerId)).orderBy(asc(questions.createdAt)).all();

export interface StatsRow {
  createdAt: string;
  answeredAt: string | null;
  fromExistingBundle: number | null;
  worked: string | null;
}

/** Every shared question asked in [from, to) with its answer and follow-up: what the network overview counts. */
export const questionsAskedBetween = (ctx: ServiceContext, from: string, to: string) =>
  queryAll<StatsRow>(
    ctx,
    sql`SELECT q.created_at AS createdAt, q.answered_at AS answeredAt, a.from_existing_bundle AS fromExistingBundle, f.worked AS worked
        FROM questions q LEFT JOIN question_answers a ON a.id = q.answer_id LEFT JOIN question_followups f ON f.question_id = q.id
        WHERE q.visibility <> 'private' AND q.created_at >= ${from} AND q.created_at < ${to}`,
  );


/**
 * Published bundles in these audiences that share a theme or mention one of the words in their title or
 * "Waar gaat dit over?", the theme matches first, newest first. Everything is read from the published
 * snapshot: a curator's unpublished edits to the working copy are nobody else's to see or match on.
 */
export function bundlesMatching(ctx: ServiceContext, audiences: readonly string[], themes: string[], words: string[], limit: number) {
  if (audiences.length === 0 || (themes.length === 0 && words.length === 0)) return [];
  const published = (path: string) => jsonField(sql`v.content`, path);
  const themeMatch = themes.length ? jsonListHasAny(published("$.themes"), themes) : sql`0`;
  const wordMatch = words.length
    ? sql.join(words.map((w) => sql`(${published("$.title")} LIKE ${`%${w}%`} OR ${published("$.about")} LIKE ${`%${w}%`})`), sql` OR `)
    : sql`0`;
  return queryAll<{ id: string; title: string; about: string; themes: string; slug: string }>(
    ctx,
    sql`SELECT b.id AS id, ${published("$.title")} AS title, ${published("$.about")} AS about, json(${published("$.themes")}) AS themes, b.slug AS slug
        FROM bundles b JOIN bundle_versions v ON v.bundle_id = b.id AND v.number = b.published_version
        WHERE b.status = 'published' AND b.slug IS NOT NULL AND ${published("$.audience")} IN ${inList(audiences)}
          AND (${themeMatch} OR ${wordMatch})
        ORDER BY ${themes.length ? sql`${themeMatch} DESC, ` : sql``}b.created_at DESC LIMIT ${limit}`,
  );
}

/** What a person wrote about leervragen, for their export: their questions with every wording, their comments, the follow-ups they gave. */
export function questionDataOf(ctx: ServiceContext, userId: string) {
  const asked = ctx.db.select().from(questions).where(eq(questions.userId, userId)).orderBy(asc(questions.createdAt)).all();
  const wordings = ctx.db.select().from(questionWordings).where(eq(questionWordings.changedBy, userId)).orderBy(asc(questionWordings.seq)).all();
  const comments = ctx.db.select().from(questionComments).where(eq(questionComments.authorId, userId)).orderBy(asc(questionComments.createdAt)).all();
  const followups = ctx.db.select().from(questionFollowups).where(eq(questionFollowups.recordedBy, userId)).all();
  return { asked, wordings, comments, followups };
}
