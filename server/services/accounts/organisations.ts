import { and, asc, count, eq, inArray, or } from "drizzle-orm";
import type { CommunityKind, CommunityRole, SchoolRole, SchoolSector } from "../../../shared/schemas";
import { besturen, communities, communityMembers, instituteMembers, institutes, schoolMembers, schools, users } from "../../db/schema";
import { isoNow, type ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";

const schoolColumns = {
  id: schools.id,
  name: schools.name,
  sector: schools.sector,
  region: schools.region,
  bestuur: besturen.name,
};

export function listSchools(ctx: ServiceContext) {
  return ctx.db
    .select(schoolColumns)
    .from(schools)
    .leftJoin(besturen, eq(besturen.id, schools.bestuurId))
    .orderBy(asc(schools.name))
    .all();
}

export function getSchool(ctx: ServiceContext, id: string) {
  const school = ctx.db.select(schoolColumns).from(schools).leftJoin(besturen, eq(besturen.id, schools.bestuurId)).where(eq(schools.id, id)).get();
  if (!school) throw notFound("school");
  return school;
}

function bestuurIdFor(ctx: ServiceContext, name: string | undefined) {
  if (!name) return null;
  const existing = ctx.db.select().from(besturen).where(eq(besturen.name, name)).get();
  if (existing) return existing.id;
  const id = newId();
  ctx.db.insert(besturen).values({ id, name, createdAt: isoNow(ctx) }).run();
  return id;
}

export function createSchool(
  ctx: ServiceContext,
  input: { name: string; sector: SchoolSector; region?: string; bestuur?: string },
) {
  const id = newId();
  ctx.db.transaction(() => {
    ctx.db
      .insert(schools)
      .values({
        id,
        name: input.name,
        sector: input.sector,
        region: input.region ?? null,
        bestuurId: bestuurIdFor(ctx, input.bestuur),
        createdAt: isoNow(ctx),
      })
      .run();
  });
  return getSchool(ctx, id);
}

function requireUser(ctx: ServiceContext, userId: string) {
  if (!ctx.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw notFound("user");
}

export function setSchoolMember(ctx: ServiceContext, schoolId: string, userId: string, role: SchoolRole) {
  getSchool(ctx, schoolId);
  requireUser(ctx, userId);
  ctx.db
    .insert(schoolMembers)
    .values({ schoolId, userId, role, createdAt: isoNow(ctx) })
    .onConflictDoUpdate({ target: [schoolMembers.schoolId, schoolMembers.userId], set: { role } })
    .run();
  return { userId, role };
}

export function removeSchoolMember(ctx: ServiceContext, schoolId: string, userId: string) {
  const result = ctx.db
    .delete(schoolMembers)
    .where(and(eq(schoolMembers.schoolId, schoolId), eq(schoolMembers.userId, userId)))
    .run();
  if (result.changes === 0) throw notFound("membership");
}

export function createInstitute(ctx: ServiceContext, input: { name: string; kind: "pabo" | "lerarenopleiding" | "universiteit" }) {
  const row = { id: newId(), name: input.name, kind: input.kind, createdAt: isoNow(ctx) };
  ctx.db.insert(institutes).values(row).run();
  return { id: row.id, name: row.name, kind: row.kind };
}

export const listInstitutes = (ctx: ServiceContext) =>
  ctx.db.select({ id: institutes.id, name: institutes.name, kind: institutes.kind }).from(institutes).orderBy(asc(institutes.name)).all();

export function setInstituteMember(ctx: ServiceContext, instituteId: string, userId: string, role: SchoolRole) {
  if (!ctx.db.select({ id: institutes.id }).from(institutes).where(eq(institutes.id, instituteId)).get()) throw notFound("institute");
  requireUser(ctx, userId);
  ctx.db
    .insert(instituteMembers)
    .values({ instituteId, userId, role, createdAt: isoNow(ctx) })
    .onConflictDoUpdate({ target: [instituteMembers.instituteId, instituteMembers.userId], set: { role } })
    .run();
  return { userId, role };
}

export function removeInstituteMember(ctx: ServiceContext, instituteId: string, userId: string) {
  const result = ctx.db
    .delete(instituteMembers)
    .where(and(eq(instituteMembers.instituteId, instituteId), eq(instituteMembers.userId, userId)))
    .run();
  if (result.changes === 0) throw notFound("membership");
}

export function createCommunity(
  ctx: ServiceContext,
  input: { name: string; kind: CommunityKind; description?: string; open?: boolean },
) {
  const row = {
    id: newId(),
    name: input.name,
    kind: input.kind,
    description: input.description ?? null,
    open: input.open ?? false,
    createdAt: isoNow(ctx),
  };
  ctx.db.insert(communities).values(row).run();
  return { ...row, memberCount: 0, myRole: null };
}

function requireCommunity(ctx: ServiceContext, id: string) {
  const row = ctx.db.select().from(communities).where(eq(communities.id, id)).get();
  if (!row) throw notFound("community");
  return row;
}

export function setCommunityMember(ctx: ServiceContext, communityId: string, userId: string, role: CommunityRole) {
  requireCommunity(ctx, communityId);
  requireUser(ctx, userId);
  ctx.db
    .insert(communityMembers)
    .values({ communityId, userId, role, createdAt: isoNow(ctx) })
    .onConflictDoUpdate({ target: [communityMembers.communityId, communityMembers.userId], set: { role } })
    .run();
  return { userId, role };
}

export function removeCommunityMember(ctx: ServiceContext, communityId: string, userId: string) {
  const result = ctx.db
    .delete(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)))
    .run();
  if (result.changes === 0) throw notFound("membership");
}

export const listCommunities = (ctx: ServiceContext) => ctx.db.select().from(communities).orderBy(asc(communities.name)).all();

/** The caller's communities and the open ones; closed communities stay invisible to outsiders. */
export function communitiesFor(ctx: ServiceContext, viewer: Viewer) {
  const mine = viewer.kind === "user" ? viewer.communities.map((c) => c.id) : [];
  const roleOf = new Map(viewer.kind === "user" ? viewer.communities.map((c) => [c.id, c.role] as const) : []);
  const rows = ctx.db
    .select()
    .from(communities)
    .where(mine.length ? or(eq(communities.open, true), inArray(communities.id, mine)) : eq(communities.open, true))
    .orderBy(asc(communities.name))
    .all();
  const counts = new Map(
    ctx.db
      .select({ id: communityMembers.communityId, n: count() })
      .from(communityMembers)
      .groupBy(communityMembers.communityId)
      .all()
      .map((r) => [r.id, r.n] as const),
  );
  return rows.map((row) => ({ ...row, memberCount: counts.get(row.id) ?? 0, myRole: roleOf.get(row.id) ?? null }));
}
