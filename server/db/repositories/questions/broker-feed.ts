/** A broker's feed token, and the new leervragen their per-theme feed shows. */
import { eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { brokerFeeds, users } from "../../schema";
import { queryAll } from "../../statements";
import { jsonListHasAny } from "../../sqlite";
import { visibleQuestion, type QuestionScope } from "./questions";

export const brokerFeedToken = (ctx: ServiceContext, userId: string) =>
  ctx.db.select({ token: brokerFeeds.feedToken }).from(brokerFeeds).where(eq(brokerFeeds.userId, userId)).get()?.token ?? null;

export const writeBrokerFeedToken = (ctx: ServiceContext, userId: string, token: string, at: string) =>
  ctx.db.insert(brokerFeeds).values({ userId, feedToken: token, updatedAt: at }).onConflictDoUpdate({ target: brokerFeeds.userId, set: { feedToken: token, updatedAt: at } }).run();

/** The person a feed token belongs to, with what decides whether it still opens anything. */
export const brokerOfFeedToken = (ctx: ServiceContext, token: string) =>
  ctx.db
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, disabled: users.disabled })
    .from(brokerFeeds)
    .innerJoin(users, eq(users.id, brokerFeeds.userId))
    .where(eq(brokerFeeds.feedToken, token))
    .get();

export interface NewQuestionRow {
  id: string;
  question: string;
  context: string;
  themes: string;
  schoolName: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Questions still waiting for an answer (open or claimed) in these themes that the scope reads, drafts never; newest first. */
export const newQuestionsInThemes = (ctx: ServiceContext, scope: QuestionScope, themes: string[], limit: number) =>
  queryAll<NewQuestionRow>(
    ctx,
    sql`SELECT q.id AS id, q.question AS question, q.context AS context, q.themes AS themes, s.name AS schoolName, q.created_at AS createdAt, q.updated_at AS updatedAt
        FROM questions q LEFT JOIN schools s ON s.id = q.school_id
        WHERE ${visibleQuestion(scope)} AND q.visibility <> 'private' AND q.status IN ('open', 'claimed')
          AND ${jsonListHasAny(sql`q.themes`, themes)}
        ORDER BY q.created_at DESC, q.id DESC LIMIT ${limit}`,
  );
