/**
 * The organisations people belong to: schools (with the bestuur that governs them), teacher-education
 * institutes and communities. Their members live in memberships.ts.
 */
import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { SchoolSector } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { besturen, communities, institutes, schools } from "../schema";
import { inList } from "../sqlite";
import { queryAll, queryGet } from "../statements";

export type InstituteKind = (typeof institutes.$inferSelect)["kind"];
export type CommunityRow = typeof communities.$inferSelect;

/** A school as the directory shows it: its bestuur by name. */
const schoolColumns = {
  id: schools.id,
  name: schools.name,
  sector: schools.sector,
  region: schools.region,
  bestuur: besturen.name,
};

export const schoolsByName = (ctx: ServiceContext) =>
  ctx.db.select(schoolColumns).from(schools).leftJoin(besturen, eq(besturen.id, schools.bestuurId)).orderBy(asc(schools.name)).all();

export const schoolById = (ctx: ServiceContext, id: string) =>
  ctx.db.select(schoolColumns).from(schools).leftJoin(besturen, eq(besturen.id, schools.bestuurId)).where(eq(schools.id, id)).get();

export function insertSchool(
  ctx: ServiceContext,
  row: { id: string; name: string; sector: SchoolSector; region: string | null; bestuurId: string | null; at: string },
) {
  ctx.db
    .insert(schools)
    .values({ id: row.id, name: row.name, sector: row.sector, region: row.region, bestuurId: row.bestuurId, createdAt: row.at })
    .run();
}

export const bestuurIdByName = (ctx: ServiceContext, name: string) =>
  ctx.db.select({ id: besturen.id }).from(besturen).where(eq(besturen.name, name)).get()?.id ?? null;

export function insertBestuur(ctx: ServiceContext, row: { id: string; name: string; at: string }) {
  ctx.db.insert(besturen).values({ id: row.id, name: row.name, createdAt: row.at }).run();
}

export function insertInstitute(ctx: ServiceContext, row: { id: string; name: string; kind: InstituteKind; at: string }) {
  ctx.db.insert(institutes).values({ id: row.id, name: row.name, kind: row.kind, createdAt: row.at }).run();
}

export const institutesByName = (ctx: ServiceContext) =>
  ctx.db.select({ id: institutes.id, name: institutes.name, kind: institutes.kind }).from(institutes).orderBy(asc(institutes.name)).all();

export const instituteExists = (ctx: ServiceContext, id: string) =>
  ctx.db.select({ id: institutes.id }).from(institutes).where(eq(institutes.id, id)).get() !== undefined;

export function insertCommunity(ctx: ServiceContext, row: CommunityRow) {
  ctx.db.insert(communities).values(row).run();
}

export const communityById = (ctx: ServiceContext, id: string) => ctx.db.select().from(communities).where(eq(communities.id, id)).get();

export const communitiesByName = (ctx: ServiceContext) => ctx.db.select().from(communities).orderBy(asc(communities.name)).all();

/** The open communities and those with these ids, by name. */
export const openCommunitiesAnd = (ctx: ServiceContext, ids: readonly string[]) =>
  ctx.db
    .select()
    .from(communities)
    .where(ids.length ? or(eq(communities.open, true), inArray(communities.id, [...ids])) : eq(communities.open, true))
    .orderBy(asc(communities.name))
    .all();

/** A school or an item exists: people have set up or clipped something on this database. */
export const networkHasData = (ctx: ServiceContext) =>
  queryGet(ctx, sql`SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM schools) OR EXISTS (SELECT 1 FROM items)`) !== undefined;

// ---------------------------------------------------------------------------------------------------
// What places people in an organisation at sign-in (administrators only)

/** A school with its bestuur and the codes, tenants and domains that place people in it. */
const adminSchoolColumns = {
  ...schoolColumns,
  bestuurId: schools.bestuurId,
  brinCodes: schools.brinCodes,
  entraTenants: schools.entraTenants,
  googleDomains: schools.googleDomains,
};

export const adminSchoolsByName = (ctx: ServiceContext) =>
  ctx.db.select(adminSchoolColumns).from(schools).leftJoin(besturen, eq(besturen.id, schools.bestuurId)).orderBy(asc(schools.name), asc(schools.id)).all();

export const adminSchoolById = (ctx: ServiceContext, id: string) =>
  ctx.db.select(adminSchoolColumns).from(schools).leftJoin(besturen, eq(besturen.id, schools.bestuurId)).where(eq(schools.id, id)).get();

export interface SchoolFields {
  name: string;
  sector: SchoolSector;
  region: string | null;
  bestuurId: string | null;
  brinCodes: string[];
  entraTenants: string[];
  googleDomains: string[];
}

export function updateSchoolFields(ctx: ServiceContext, id: string, fields: SchoolFields) {
  ctx.db.update(schools).set(fields).where(eq(schools.id, id)).run();
}

/** The list column of schools, besturen or institutes in which codes are looked up. */
export type CodeColumn = "brin_codes" | "entra_tenants" | "google_domains" | "domains";
export type CodeHolderKind = "school" | "bestuur" | "institute";

const TABLE_OF: Record<CodeHolderKind, SQL> = { school: sql`schools`, bestuur: sql`besturen`, institute: sql`institutes` };

/**
 * The first of these codes that an organisation of this kind other than `exceptId` already holds in this
 * column, with that organisation; undefined when none does.
 */
export const codeHolder = (ctx: ServiceContext, kind: CodeHolderKind, column: CodeColumn, codes: readonly string[], exceptId: string | null) =>
  codes.length === 0
    ? undefined
    : queryGet<{ code: string; id: string; name: string }>(
        ctx,
        sql`SELECT e.value AS code, o.id AS id, o.name AS name FROM ${TABLE_OF[kind]} o, json_each(o.${sql.raw(column)}) e
            WHERE e.value IN ${inList(codes)} AND o.id IS NOT ${exceptId} ORDER BY o.name LIMIT 1`,
      );

export const besturenByName = (ctx: ServiceContext) =>
  queryAll<{ id: string; name: string; entraTenants: string; googleDomains: string; schoolCount: number }>(
    ctx,
    sql`SELECT b.id AS id, b.name AS name, b.entra_tenants AS entraTenants, b.google_domains AS googleDomains,
          (SELECT count(*) FROM schools s WHERE s.bestuur_id = b.id) AS schoolCount
        FROM besturen b ORDER BY b.name, b.id`,
  ).map((row) => ({ ...row, entraTenants: JSON.parse(row.entraTenants) as string[], googleDomains: JSON.parse(row.googleDomains) as string[] }));

export const bestuurById = (ctx: ServiceContext, id: string) => besturenByName(ctx).find((b) => b.id === id);

export function insertBestuurWithCodes(ctx: ServiceContext, row: { id: string; name: string; entraTenants: string[]; googleDomains: string[]; at: string }) {
  ctx.db.insert(besturen).values({ id: row.id, name: row.name, entraTenants: row.entraTenants, googleDomains: row.googleDomains, createdAt: row.at }).run();
}

export function updateBestuurFields(ctx: ServiceContext, id: string, fields: { name: string; entraTenants: string[]; googleDomains: string[] }) {
  ctx.db.update(besturen).set(fields).where(eq(besturen.id, id)).run();
}

const adminInstituteColumns = { id: institutes.id, name: institutes.name, kind: institutes.kind, domains: institutes.domains };

export const adminInstitutesByName = (ctx: ServiceContext) =>
  ctx.db.select(adminInstituteColumns).from(institutes).orderBy(asc(institutes.name), asc(institutes.id)).all();

export const adminInstituteById = (ctx: ServiceContext, id: string) => ctx.db.select(adminInstituteColumns).from(institutes).where(eq(institutes.id, id)).get();

export function insertInstituteWithDomains(ctx: ServiceContext, row: { id: string; name: string; kind: InstituteKind; domains: string[]; at: string }) {
  ctx.db.insert(institutes).values({ id: row.id, name: row.name, kind: row.kind, domains: row.domains, createdAt: row.at }).run();
}

export function updateInstituteFields(ctx: ServiceContext, id: string, fields: { name: string; kind: InstituteKind; domains: string[] }) {
  ctx.db.update(institutes).set(fields).where(eq(institutes.id, id)).run();
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string | null;
  role: string;
}

const MEMBER_TABLES = {
  school: { table: sql`school_members`, key: sql`school_id` },
  institute: { table: sql`institute_members`, key: sql`institute_id` },
  community: { table: sql`community_members`, key: sql`community_id` },
} as const;

/** Who belongs to this school, institute or community, by name. */
export const membersOf = (ctx: ServiceContext, kind: keyof typeof MEMBER_TABLES, id: string) =>
  queryAll<MemberRow>(
    ctx,
    sql`SELECT u.id AS userId, u.name AS name, u.email AS email, m.role AS role FROM ${MEMBER_TABLES[kind].table} m JOIN users u ON u.id = m.user_id
        WHERE m.${MEMBER_TABLES[kind].key} = ${id} ORDER BY u.name, u.id`,
  );
