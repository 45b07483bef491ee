/**
 * Who belongs to which school, institute and community, and in what role. A person's schools and
 * communities are read on every signed-in request (they decide what the person may see).
 */
import { and, count, eq, sql } from "drizzle-orm";
import type { CommunityRole, SchoolRole } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { communityMembers, instituteMembers, schoolMembers } from "../schema";
import { queryAll } from "../statements";

export interface Membership<Role> {
  id: string;
  name: string;
  role: Role;
}

export const schoolsOf = (ctx: ServiceContext, userId: string) =>
  queryAll<Membership<SchoolRole>>(
    ctx,
    sql`SELECT s.id AS id, s.name AS name, m.role AS role FROM school_members m JOIN schools s ON s.id = m.school_id
        WHERE m.user_id = ${userId} ORDER BY s.name`,
  );

export const communitiesOf = (ctx: ServiceContext, userId: string) =>
  queryAll<Membership<CommunityRole>>(
    ctx,
    sql`SELECT c.id AS id, c.name AS name, m.role AS role FROM community_members m JOIN communities c ON c.id = m.community_id
        WHERE m.user_id = ${userId} ORDER BY c.name`,
  );

export const institutesOf = (ctx: ServiceContext, userId: string) =>
  queryAll<Membership<SchoolRole>>(
    ctx,
    sql`SELECT i.id AS id, i.name AS name, m.role AS role FROM institute_members m JOIN institutes i ON i.id = m.institute_id
        WHERE m.user_id = ${userId} ORDER BY i.name`,
  );

/** The person's role in the school, or null when they do not belong to it. */
export const schoolRoleOf = (ctx: ServiceContext, schoolId: string, userId: string): SchoolRole | null =>
  ctx.db
    .select({ role: schoolMembers.role })
    .from(schoolMembers)
    .where(and(eq(schoolMembers.schoolId, schoolId), eq(schoolMembers.userId, userId)))
    .get()?.role ?? null;

/** Adds the person to the school, or gives them this role if they already belong to it. */
export function putSchoolMember(ctx: ServiceContext, schoolId: string, userId: string, role: SchoolRole, at: string) {
  ctx.db
    .insert(schoolMembers)
    .values({ schoolId, userId, role, createdAt: at })
    .onConflictDoUpdate({ target: [schoolMembers.schoolId, schoolMembers.userId], set: { role } })
    .run();
}

/** False when the person did not belong to the school. */
export const deleteSchoolMember = (ctx: ServiceContext, schoolId: string, userId: string) =>
  ctx.db.delete(schoolMembers).where(and(eq(schoolMembers.schoolId, schoolId), eq(schoolMembers.userId, userId))).run().changes > 0;

export function putInstituteMember(ctx: ServiceContext, instituteId: string, userId: string, role: SchoolRole, at: string) {
  ctx.db
    .insert(instituteMembers)
    .values({ instituteId, userId, role, createdAt: at })
    .onConflictDoUpdate({ target: [instituteMembers.instituteId, instituteMembers.userId], set: { role } })
    .run();
}

export const deleteInstituteMember = (ctx: ServiceContext, instituteId: string, userId: string) =>
  ctx.db
    .delete(instituteMembers)
    .where(and(eq(instituteMembers.instituteId, instituteId), eq(instituteMembers.userId, userId)))
    .run().changes > 0;

export function putCommunityMember(ctx: ServiceContext, communityId: string, userId: string, role: CommunityRole, at: string) {
  ctx.db
    .insert(communityMembers)
    .values({ communityId, userId, role, createdAt: at })
    .onConflictDoUpdate({ target: [communityMembers.communityId, communityMembers.userId], set: { role } })
    .run();
}

export const deleteCommunityMember = (ctx: ServiceContext, communityId: string, userId: string) =>
  ctx.db
    .delete(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)))
    .run().changes > 0;

/** How many members each community has; communities without members are absent. */
export const communityMemberCounts = (ctx: ServiceContext) =>
  new Map(
    ctx.db
      .select({ id: communityMembers.communityId, n: count() })
      .from(communityMembers)
      .groupBy(communityMembers.communityId)
      .all()
      .map((r) => [r.id, r.n] as const),
  );

/**
 * The people with an account who can see a save in a circle, by the one visibility rule: a school's or a
 * community's members, or everyone signed in for `network` and `public`. Disabled accounts see nothing.
 */
export function circleMemberIds(ctx: ServiceContext, circle: { visibility: string; schoolId: string | null; communityId: string | null }): string[] {
  const active = sql`SELECT id FROM users WHERE disabled = 0`;
  const rows =
    circle.visibility === "school"
      ? queryAll<{ id: string }>(ctx, sql`SELECT user_id AS id FROM school_members WHERE school_id = ${circle.schoolId} AND user_id IN (${active})`)
      : circle.visibility === "community"
        ? queryAll<{ id: string }>(ctx, sql`SELECT user_id AS id FROM community_members WHERE community_id = ${circle.communityId} AND user_id IN (${active})`)
        : circle.visibility === "private"
          ? []
          : queryAll<{ id: string }>(ctx, active);
  return rows.map((row) => row.id);
}
