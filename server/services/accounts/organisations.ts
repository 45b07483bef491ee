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
  adminInstituteById,
  adminInstitutesByName,
  adminSchoolById,
  adminSchoolsByName,
  bestuurById,
  bestuurIdByName,
  besturenByName,
  codeHolder,
  insertBestuurWithCodes,
  insertInstituteWithDomains,
  membersOf,
  updateBestuurFields,
  updateInstituteFields,
  updateSchoolFields,
  type CodeColumn,
  type CodeHolderKind,
  communitiesByName,
  communityById,
  insertBestuur,
  insertCommunity,
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
import { conflict, notFound } from "../../core/errors";
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
  input: { name: string; sector: SchoolSector; region?: string; bestuur?: string; brinCodes?: string[]; entraTenants?: string[]; googleDomains?: string[] },
) {
  const id = newId();
  transaction(ctx, () => {
    const codes = { brinCodes: input.brinCodes ?? [], entraTenants: input.entraTenants ?? [], googleDomains: input.googleDomains ?? [] };
    requireSchoolCodesFree(ctx, id, codes);
    insertSchool(ctx, {
      id,
      name: input.name,
      sector: input.sector,
      region: input.region ?? null,
      bestuurId: bestuurIdFor(ctx, input.bestuur),
      at: isoNow(ctx),
    });
    if (codes.brinCodes.length || codes.entraTenants.length || codes.googleDomains.length) {
      const made = adminSchoolById(ctx, id)!;
      updateSchoolFields(ctx, id, { ...made, ...codes });
    }
  });
  return adminSchool(ctx, id);
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

export function createInstitute(ctx: ServiceContext, input: { name: string; kind: InstituteKind; domains?: string[] }) {
  const row = { id: newId(), name: input.name, kind: input.kind, domains: input.domains ?? [], at: isoNow(ctx) };
  transaction(ctx, () => {
    requireFree(ctx, "institute", "domains", row.domains, row.id, "institute_domain_taken");
    insertInstituteWithDomains(ctx, row);
  });
  return { id: row.id, name: row.name, kind: row.kind, domains: row.domains };
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

// ---------------------------------------------------------------------------------------------------
// What places people in an organisation at sign-in: BRIN codes (Entree), Entra tenants, Google
// domains (schools and besturen) and SURFconext home organisations (institutes). Each code places people
// in one organisation only: a code held twice would make a sign-in's school a matter of chance.

const CODE_TAKEN_MESSAGES: Record<string, string> = {
  brin_code_taken: "This BRIN code already belongs to another school.",
  entra_tenant_taken: "This Entra tenant already belongs to another school or bestuur.",
  google_domain_taken: "This Google domain already belongs to another school or bestuur.",
  institute_domain_taken: "This domain already belongs to another institute.",
};

function requireFree(ctx: ServiceContext, kind: CodeHolderKind, column: CodeColumn, codes: readonly string[], exceptId: string | null, code: keyof typeof CODE_TAKEN_MESSAGES) {
  const holder = codeHolder(ctx, kind, column, codes, exceptId);
  if (holder) throw conflict(code, CODE_TAKEN_MESSAGES[code]!, { value: holder.code, holder: { kind, id: holder.id, name: holder.name } });
}

type SignInCodes = { brinCodes?: readonly string[]; entraTenants?: readonly string[]; googleDomains?: readonly string[] };

function requireSchoolCodesFree(ctx: ServiceContext, schoolId: string, codes: SignInCodes) {
  requireFree(ctx, "school", "brin_codes", codes.brinCodes ?? [], schoolId, "brin_code_taken");
  requireFree(ctx, "school", "entra_tenants", codes.entraTenants ?? [], schoolId, "entra_tenant_taken");
  requireFree(ctx, "bestuur", "entra_tenants", codes.entraTenants ?? [], null, "entra_tenant_taken");
  requireFree(ctx, "school", "google_domains", codes.googleDomains ?? [], schoolId, "google_domain_taken");
  requireFree(ctx, "bestuur", "google_domains", codes.googleDomains ?? [], null, "google_domain_taken");
}

function requireBestuurCodesFree(ctx: ServiceContext, bestuurId: string, codes: SignInCodes) {
  requireFree(ctx, "bestuur", "entra_tenants", codes.entraTenants ?? [], bestuurId, "entra_tenant_taken");
  requireFree(ctx, "school", "entra_tenants", codes.entraTenants ?? [], null, "entra_tenant_taken");
  requireFree(ctx, "bestuur", "google_domains", codes.googleDomains ?? [], bestuurId, "google_domain_taken");
  requireFree(ctx, "school", "google_domains", codes.googleDomains ?? [], null, "google_domain_taken");
}

/** Schools with their bestuur's id and their sign-in codes, for administrators. */
export const adminSchools = (ctx: ServiceContext) => adminSchoolsByName(ctx);

export function adminSchool(ctx: ServiceContext, id: string) {
  const school = adminSchoolById(ctx, id);
  if (!school) throw notFound("school");
  return school;
}

export interface SchoolChanges extends SignInCodes {
  name?: string;
  sector?: SchoolSector;
  /** null: no region. */
  region?: string | null;
  /** A bestuur by name (made when new, as at creation); null: no bestuur. */
  bestuur?: string | null;
}

/** Changes the fields given; a code another organisation holds is refused and nothing changes. */
export function updateSchool(ctx: ServiceContext, id: string, changes: SchoolChanges) {
  transaction(ctx, () => {
    const existing = adminSchool(ctx, id);
    requireSchoolCodesFree(ctx, id, changes);
    updateSchoolFields(ctx, id, {
      name: changes.name ?? existing.name,
      sector: changes.sector ?? existing.sector,
      region: changes.region === undefined ? existing.region : changes.region,
      bestuurId: changes.bestuur === undefined ? existing.bestuurId : bestuurIdFor(ctx, changes.bestuur ?? undefined),
      brinCodes: changes.brinCodes ? [...changes.brinCodes] : existing.brinCodes,
      entraTenants: changes.entraTenants ? [...changes.entraTenants] : existing.entraTenants,
      googleDomains: changes.googleDomains ? [...changes.googleDomains] : existing.googleDomains,
    });
  });
  return adminSchool(ctx, id);
}

export const listBesturen = (ctx: ServiceContext) => besturenByName(ctx);

export function getBestuur(ctx: ServiceContext, id: string) {
  const bestuur = bestuurById(ctx, id);
  if (!bestuur) throw notFound("bestuur");
  return bestuur;
}

export function createBestuur(ctx: ServiceContext, input: { name: string; entraTenants?: string[]; googleDomains?: string[] }) {
  const id = newId();
  transaction(ctx, () => {
    if (bestuurIdByName(ctx, input.name)) throw conflict("bestuur_exists", "A bestuur with this name already exists.");
    requireBestuurCodesFree(ctx, id, input);
    insertBestuurWithCodes(ctx, { id, name: input.name, entraTenants: input.entraTenants ?? [], googleDomains: input.googleDomains ?? [], at: isoNow(ctx) });
  });
  return getBestuur(ctx, id);
}

export function updateBestuur(ctx: ServiceContext, id: string, changes: { name?: string } & SignInCodes) {
  transaction(ctx, () => {
    const existing = getBestuur(ctx, id);
    const named = changes.name ? bestuurIdByName(ctx, changes.name) : null;
    if (named && named !== id) throw conflict("bestuur_exists", "A bestuur with this name already exists.");
    requireBestuurCodesFree(ctx, id, changes);
    updateBestuurFields(ctx, id, {
      name: changes.name ?? existing.name,
      entraTenants: changes.entraTenants ? [...changes.entraTenants] : existing.entraTenants,
      googleDomains: changes.googleDomains ? [...changes.googleDomains] : existing.googleDomains,
    });
  });
  return getBestuur(ctx, id);
}

/** Institutes with the domains SURFconext names them by, for administrators. */
export const adminInstitutes = (ctx: ServiceContext) => adminInstitutesByName(ctx);

export function adminInstitute(ctx: ServiceContext, id: string) {
  const institute = adminInstituteById(ctx, id);
  if (!institute) throw notFound("institute");
  return institute;
}

export function updateInstitute(ctx: ServiceContext, id: string, changes: { name?: string; kind?: InstituteKind; domains?: string[] }) {
  transaction(ctx, () => {
    const existing = adminInstitute(ctx, id);
    requireFree(ctx, "institute", "domains", changes.domains ?? [], id, "institute_domain_taken");
    updateInstituteFields(ctx, id, { name: changes.name ?? existing.name, kind: changes.kind ?? existing.kind, domains: changes.domains ?? existing.domains });
  });
  return adminInstitute(ctx, id);
}

/** Who belongs to a school, institute or community (which must exist), by name. */
export function membersOfOrganisation(ctx: ServiceContext, kind: "school" | "institute" | "community", id: string) {
  if (kind === "school") adminSchool(ctx, id);
  else if (kind === "institute") adminInstitute(ctx, id);
  else requireCommunity(ctx, id);
  return membersOf(ctx, kind, id);
}

export function getCommunity(ctx: ServiceContext, id: string) {
  const row = requireCommunity(ctx, id);
  return { ...row, memberCount: communityMemberCounts(ctx).get(id) ?? 0, myRole: null };
}
