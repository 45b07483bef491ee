/**
 * The organisations of the network and who belongs to them: schools under their bestuur, teacher-education
 * institutes and communities, as administrators set them up and the directory shows them.
 */
import type { CommunityKind, CommunityRole, SchoolRole, SchoolSector } from "../../../shared/schemas";
import { userExists } from "../../db/repositories/accounts";
import {
  communityMemberCounts,
  deleteCommunityMember,
  deleteInstituteMember,
  deleteSchoolMember,
  putCommunityMember,
  putInstituteMember,
  putSchoolMember,
  schoolRoleOf,
} from "../../db/repositories/memberships";
import {
  bestuurIdByName,
  communitiesByName,
  communityById,
  insertBestuur,
  insertCommunity,
  insertInstitute,
  insertSchool,
  instituteExists,
  institutesByName,
  openCommunitiesAnd,
  schoolById,
  schoolsByName,
  type CommunityRow,
  type InstituteKind,
} from "../../db/repositories/organisations";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import type { Viewer } from "../../core/viewer";
import { replaceFeedTokenOfFormerCoordinator } from "../schools/subscriptions";

export const listSchools = (ctx: ServiceContext) => schoolsByName(ctx);

export function getSchool(ctx: ServiceContext, id: string) {
  const school = schoolById(ctx, id);
  if (!school) throw notFound("school");
  return school;
}

/** A bestuur is named, not chosen from a list: the first school that names it creates it. */
function bestuurIdFor(ctx: ServiceContext, name: string | undefined) {
  if (!name) return null;
  const existing = bestuurIdByName(ctx, name);
  if (existing) return existing;
  const id = newId();
  insertBestuur(ctx, { id, name, at: isoNow(ctx) });
  return id;
}

export function createSchool(
  ctx: ServiceContext,
  input: { name: string; sector: SchoolSector; region?: string; bestuur?: string },
) {
  const id = newId();
  transaction(ctx, () => {
    insertSchool(ctx, {
      id,
      name: input.name,
      sector: input.sector,
      region: input.region ?? null,
      bestuurId: bestuurIdFor(ctx, input.bestuur),
      at: isoNow(ctx),
    });
  });
  return getSchool(ctx, id);
}

function requireUser(ctx: ServiceContext, userId: string) {
  if (!userExists(ctx, userId)) throw notFound("user");
}

/** Adds a person to a school or changes their role; a coordinator made a member takes no feed URL along. */
export function setSchoolMember(ctx: ServiceContext, schoolId: string, userId: string, role: SchoolRole) {
  getSchool(ctx, schoolId);
  requireUser(ctx, userId);
  transaction(ctx, () => {
    const before = schoolRoleOf(ctx, schoolId, userId);
    putSchoolMember(ctx, schoolId, userId, role, isoNow(ctx));
    if (before === "coordinator" && role !== "coordinator") replaceFeedTokenOfFormerCoordinator(ctx, schoolId);
  });
  return { userId, role };
}

/** Removes a person from a school; a coordinator who leaves takes no feed URL along. */
export function removeSchoolMember(ctx: ServiceContext, schoolId: string, userId: string) {
  transaction(ctx, () => {
    const before = schoolRoleOf(ctx, schoolId, userId);
    if (!deleteSchoolMember(ctx, schoolId, userId)) throw notFound("membership");
    if (before === "coordinator") replaceFeedTokenOfFormerCoordinator(ctx, schoolId);
  });
}

export function createInstitute(ctx: ServiceContext, input: { name: string; kind: InstituteKind }) {
  const row = { id: newId(), name: input.name, kind: input.kind, at: isoNow(ctx) };
  insertInstitute(ctx, row);
  return { id: row.id, name: row.name, kind: row.kind };
}

export const listInstitutes = (ctx: ServiceContext) => institutesByName(ctx);

export function setInstituteMember(ctx: ServiceContext, instituteId: string, userId: string, role: SchoolRole) {
  if (!instituteExists(ctx, instituteId)) throw notFound("institute");
  requireUser(ctx, userId);
  putInstituteMember(ctx, instituteId, userId, role, isoNow(ctx));
  return { userId, role };
}

export function removeInstituteMember(ctx: ServiceContext, instituteId: string, userId: string) {
  if (!deleteInstituteMember(ctx, instituteId, userId)) throw notFound("membership");
}

export function createCommunity(
  ctx: ServiceContext,
  input: { name: string; kind: CommunityKind; description?: string; open?: boolean },
) {
  const row: CommunityRow = {
    id: newId(),
    name: input.name,
    kind: input.kind,
    description: input.description ?? null,
    open: input.open ?? false,
    createdAt: isoNow(ctx),
  };
  insertCommunity(ctx, row);
  return { ...row, memberCount: 0, myRole: null };
}

function requireCommunity(ctx: ServiceContext, id: string) {
  const row = communityById(ctx, id);
  if (!row) throw notFound("community");
  return row;
}

export function setCommunityMember(ctx: ServiceContext, communityId: string, userId: string, role: CommunityRole) {
  requireCommunity(ctx, communityId);
  requireUser(ctx, userId);
  putCommunityMember(ctx, communityId, userId, role, isoNow(ctx));
  return { userId, role };
}

export function removeCommunityMember(ctx: ServiceContext, communityId: string, userId: string) {
  if (!deleteCommunityMember(ctx, communityId, userId)) throw notFound("membership");
}

export const listCommunities = (ctx: ServiceContext) => communitiesByName(ctx);

/** The caller's communities and the open ones; closed communities stay invisible to outsiders. */
export function communitiesFor(ctx: ServiceContext, viewer: Viewer) {
  const mine = viewer.kind === "user" ? viewer.communities.map((c) => c.id) : [];
  const roleOf = new Map(viewer.kind === "user" ? viewer.communities.map((c) => [c.id, c.role] as const) : []);
  const rows = openCommunitiesAnd(ctx, mine);
  const counts = communityMemberCounts(ctx);
  return rows.map((row) => ({ ...row, memberCount: counts.get(row.id) ?? 0, myRole: roleOf.get(row.id) ?? null }));
}
