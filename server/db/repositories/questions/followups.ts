/**
 * When a leervraag's follow-up falls due: its answer plus the asker's follow-up weeks, computed in SQL so
 * a changed period counts at once and the list of due questions can be filtered and paged like any other.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { questions } from "../../schema";
import { queryAll } from "../../statements";

/** The moment the follow-up falls due, as an ISO string like the stored times (SQLite date arithmetic). */
const followupDueSql = (alias = "q"): SQL =>
  sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.raw(alias)}.answered_at, '+' || (${sql.raw(alias)}.followup_weeks * 7) || ' days')`;

/** Answered, due at `now` or before, and nobody recorded the follow-up yet. */
export const followupDueBy = (now: string, alias = "q"): SQL =>
  sql`(${sql.raw(alias)}.status = 'answered' AND ${followupDueSql(alias)} <= ${now}
       AND NOT EXISTS (SELECT 1 FROM question_followups f WHERE f.question_id = ${sql.raw(alias)}.id))`;

/** Questions whose follow-up is due and whose asker was not reminded yet, oldest answer first. */
export const questionsToRemind = (ctx: ServiceContext, now: string, limit: number) =>
  queryAll<{ id: string }>(
    ctx,
    sql`SELECT q.id AS id FROM questions q WHERE q.followup_reminded_at IS NULL AND ${followupDueBy(now)}
        ORDER BY q.answered_at, q.id LIMIT ${limit}`,
  ).map((r) => r.id);

/** Marks the reminder sent, only if it was not: two sweeps never both claim one question. */
export const markReminded = (ctx: ServiceContext, id: string, at: string) =>
  ctx.db.update(questions).set({ followupRemindedAt: at }).where(and(eq(questions.id, id), isNull(questions.followupRemindedAt))).run().changes === 1;
