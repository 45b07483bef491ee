/**
 * What a leaving person holds that others rely on, and the moves that hand it over: the communities they
 * own, the leervragen they own as broker, their place among a bundle's curators, their saves per circle.
 */
import { sql } from "drizzle-orm";
import type { ServiceContext } from "../../../core/context";
import { queryAll, queryGet, queryRun } from "../../statements";

export const savesPerCircle = (ctx: ServiceContext, userId: string) =>
  queryAll<{ visibility: string; n: number }>(ctx, sql`SELECT visibility, count(*) AS n FROM saves WHERE user_id = ${userId} GROUP BY visibility`);

export const removeCurator = (ctx: ServiceContext, bundleId: string, userId: string) =>
  queryRun(ctx, sql`DELETE FROM bundle_curators WHERE bundle_id = ${bundleId} AND user_id = ${userId}`);

export interface OwnedCommunity {
  communityId: string;
  name: string;
  otherOwners: number;
  /** Active members other than the person, owners first, then longest-standing first. */
  candidates: { id: string; name: string }[];
}

export function ownedCommunities(ctx: ServiceContext, userId: string): OwnedCommunity[] {
  const rows = queryAll<{ communityId: string; name: string; otherOwners: number; candidates: string }>(
    ctx,
    sql`SELECT m.community_id AS communityId, c.name AS name,
          (SELECT count(*) FROM community_members o JOIN users u ON u.id = o.user_id
             WHERE o.community_id = m.community_id AND o.user_id <> ${userId} AND o.role = 'owner' AND u.disabled = 0) AS otherOwners,
          (SELECT json_group_array(json_object('id', id, 'name', name)) FROM (
             SELECT u.id AS id, u.name AS name FROM community_members o JOIN users u ON u.id = o.user_id
             WHERE o.community_id = m.community_id AND o.user_id <> ${userId} AND u.disabled = 0
             ORDER BY o.role = 'owner' DESC, o.created_at, u.id)) AS candidates
        FROM community_members m JOIN communities c ON c.id = m.community_id
        WHERE m.user_id = ${userId} AND m.role = 'owner' ORDER BY c.name, c.id`,
  );
  return rows.map((r) => ({ ...r, candidates: JSON.parse(r.candidates) as { id: string; name: string }[] }));
}

export const communityRoleOf = (ctx: ServiceContext, communityId: string, userId: string) =>
  queryGet<{ role: "member" | "owner" }>(
    ctx,
    sql`SELECT m.role AS role FROM community_members m JOIN users u ON u.id = m.user_id WHERE m.community_id = ${communityId} AND m.user_id = ${userId} AND u.disabled = 0`,
  )?.role ?? null;

export const setCommunityRole = (ctx: ServiceContext, communityId: string, userId: string, role: "member" | "owner") =>
  queryRun(ctx, sql`UPDATE community_members SET role = ${role} WHERE community_id = ${communityId} AND user_id = ${userId}`);

export interface OwnedQuestion {
  questionId: string;
  question: string;
  /** Active brokers who joined the question, longest-standing first. */
  joined: string[];
}

/** Leervragen the person owns as broker that are not answered or closed yet: these need a broker. */
export function ownedOpenQuestions(ctx: ServiceContext, userId: string): OwnedQuestion[] {
  const rows = queryAll<{ questionId: string; question: string; joined: string }>(
    ctx,
    sql`SELECT q.id AS questionId, q.question AS question,
          (SELECT json_group_array(user_id) FROM (SELECT b.user_id FROM question_brokers b JOIN users u ON u.id = b.user_id
             WHERE b.question_id = q.id AND b.user_id <> ${userId} AND u.disabled = 0 ORDER BY b.at, b.user_id)) AS joined
        FROM questions q WHERE q.owner_id = ${userId} AND q.status = 'claimed' ORDER BY q.created_at, q.id`,
  );
  return rows.map((r) => ({ ...r, joined: JSON.parse(r.joined) as string[] }));
}

export function passQuestion(ctx: ServiceContext, questionId: string, from: string, to: string, at: string) {
  queryRun(
    ctx,
    sql`INSERT INTO question_brokers (question_id, user_id, role, at) VALUES (${questionId}, ${to}, 'owner', ${at})
        ON CONFLICT (question_id, user_id) DO UPDATE SET role = 'owner'`,
  );
  queryRun(ctx, sql`DELETE FROM question_brokers WHERE question_id = ${questionId} AND user_id = ${from}`);
  queryRun(ctx, sql`UPDATE questions SET owner_id = ${to}, updated_at = ${at} WHERE id = ${questionId}`);
}

/** Back to open, so the question appears again among every broker's open questions. */
export function releaseQuestion(ctx: ServiceContext, questionId: string, from: string, at: string) {
  queryRun(ctx, sql`DELETE FROM question_brokers WHERE question_id = ${questionId} AND user_id = ${from}`);
  queryRun(ctx, sql`UPDATE questions SET owner_id = NULL, status = 'open', updated_at = ${at} WHERE id = ${questionId}`);
}

/** The person's place beside another broker on questions still being worked on. */
export const leaveJoinedQuestions = (ctx: ServiceContext, userId: string) =>
  queryRun(
    ctx,
    sql`DELETE FROM question_brokers WHERE user_id = ${userId} AND role = 'joined'
        AND question_id IN (SELECT id FROM questions WHERE status IN ('open', 'claimed'))`,
  );

export const bundleOwner = (ctx: ServiceContext, bundleId: string) =>
  queryGet<{ userId: string }>(ctx, sql`SELECT user_id AS userId FROM bundle_curators WHERE bundle_id = ${bundleId} AND role = 'owner' ORDER BY created_at, user_id LIMIT 1`)?.userId ?? null;
