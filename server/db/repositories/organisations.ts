/**
 * The organisations people belong to: schools (with the bestuur that governs them), teacher-education
 * institutes and communities. Their members live in memberships.ts.
 */
import { asc, eq, inArray, or, sql } from "drizzle-orm";
import type { SchoolSector } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { besturen, communities, institutes, schools } from "../schema";
import { queryGet } from "../statements";

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
