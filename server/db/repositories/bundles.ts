/**
 * Bundles: the working copy curators edit (bundles, bundle_items, bundle_curators) and the published
 * snapshots (bundle_versions) that pages, feeds and offers read.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Bundle } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import type { BundleSnapshot } from "../bundle-snapshot";
import type { Position } from "../paging";
import { bundleCurators, bundleItems, bundles, bundleVersions, items, users } from "../schema";
import { jsonField, jsonListHas } from "../sqlite";
import { queryAll, queryGet } from "../statements";

export type BundleRow = typeof bundles.$inferSelect;
type CuratorView = Bundle["curators"][number];

export const bundleById = (ctx: ServiceContext, id: string) => ctx.db.select().from(bundles).where(eq(bundles.id, id)).get();

export const bundleBySlug = (ctx: ServiceContext, slug: string) => ctx.db.select().from(bundles).where(eq(bundles.slug, slug)).get();

export const slugTaken = (ctx: ServiceContext, slug: string) =>
  ctx.db.select({ id: bundles.id }).from(bundles).where(eq(bundles.slug, slug)).get() !== undefined;

/** These bundles, in the order of `ids`. */
export function bundlesByIds(ctx: ServiceContext, ids: string[]): BundleRow[] {
  if (ids.length === 0) return [];
  const byId = new Map(ctx.db.select().from(bundles).where(inArray(bundles.id, ids)).all().map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The newest published snapshot of each bundle that has one. */
export function latestSnapshots(ctx: ServiceContext, ids: string[]): Map<string, BundleSnapshot> {
  if (ids.length === 0) return new Map();
  return new Map(
    ctx.db
      .select({ id: bundleVersions.bundleId, content: bundleVersions.content })
      .from(bundleVersions)
      .innerJoin(bundles, and(eq(bundles.id, bundleVersions.bundleId), eq(bundles.publishedVersion, bundleVersions.number)))
      .where(inArray(bundles.id, ids))
      .all()
      .map((r) => [r.id, r.content as BundleSnapshot] as const),
  );
}

export const snapshotOf = (ctx: ServiceContext, bundleId: string, version: number) => {
  const row = queryGet<{ content: string }>(ctx, sql`SELECT content FROM bundle_versions WHERE bundle_id = ${bundleId} AND number = ${version}`);
  return row ? (JSON.parse(row.content) as BundleSnapshot) : null;
};

/** Of these bundles, those the person curates. */
export const curatedAmong = (ctx: ServiceContext, userId: string, ids: string[]) =>
  new Set(
    ctx.db
      .select({ id: bundleCurators.bundleId })
      .from(bundleCurators)
      .where(and(eq(bundleCurators.userId, userId), inArray(bundleCurators.bundleId, ids)))
      .all()
      .map((r) => r.id),
  );

export interface WorkingItem {
  bundleId: string;
  seq: number;
  itemId: string;
  note: string;
}

/** Each bundle's working item list, in the curators' order. */
export function workingItems(ctx: ServiceContext, bundleIds: string[]): Map<string, WorkingItem[]> {
  const out = new Map<string, WorkingItem[]>(bundleIds.map((id) => [id, []]));
  if (bundleIds.length === 0) return out;
  const rows = ctx.db
    .select({ bundleId: bundleItems.bundleId, seq: bundleItems.itemSeq, itemId: items.id, note: bundleItems.note })
    .from(bundleItems)
    .innerJoin(items, eq(items.seq, bundleItems.itemSeq))
    .where(inArray(bundleItems.bundleId, bundleIds))
    .orderBy(asc(bundleItems.bundleId), asc(bundleItems.position))
    .all();
  for (const row of rows) out.get(row.bundleId)!.push(row);
  return out;
}

/** Curators per bundle, the owner first, then in the order they joined. */
export function curatorsOf(ctx: ServiceContext, bundleIds: string[]): Map<string, CuratorView[]> {
  const out = new Map<string, CuratorView[]>(bundleIds.map((id) => [id, []]));
  if (bundleIds.length === 0) return out;
  const rows = ctx.db
    .select({ bundleId: bundleCurators.bundleId, id: users.id, name: users.name, role: bundleCurators.role, since: bundleCurators.createdAt })
    .from(bundleCurators)
    .innerJoin(users, eq(users.id, bundleCurators.userId))
    .where(inArray(bundleCurators.bundleId, bundleIds))
    .orderBy(sql`CASE ${bundleCurators.role} WHEN 'owner' THEN 0 ELSE 1 END`, asc(bundleCurators.createdAt), asc(users.name), asc(users.id))
    .all();
  for (const { bundleId, id, name, role } of rows) out.get(bundleId)!.push({ id, name, role });
  return out;
}

/**
 * A page of bundle ids, newest first: those the person curates, and (unless `curatedOnly`) the published
 * ones whose snapshot's audience is among `audiences`.
 */
export function bundlePage(
  ctx: ServiceContext,
  query: { curatorId: string | null; curatedOnly: boolean; audiences: readonly string[]; status?: "draft" | "published"; after: Position | null; limit: number },
) {
  const curated = query.curatorId ? sql`EXISTS (SELECT 1 FROM bundle_curators bc WHERE bc.bundle_id = b.id AND bc.user_id = ${query.curatorId})` : sql`0`;
  const published = sql`(b.status = 'published' AND ${jsonField(sql`bv.content`, "$.audience")} IN ${query.audiences})`;
  const where: SQL[] = [query.curatedOnly ? curated : sql`(${curated} OR ${published})`];
  if (query.status) where.push(sql`b.status = ${query.status}`);
  if (query.after) where.push(sql`(b.created_at < ${query.after.at} OR (b.created_at = ${query.after.at} AND b.id < ${query.after.id}))`);
  return queryAll<{ id: string; createdAt: string }>(
    ctx,
    sql`SELECT b.id AS id, b.created_at AS createdAt FROM bundles b
        LEFT JOIN bundle_versions bv ON bv.bundle_id = b.id AND bv.number = b.published_version
        WHERE ${sql.join(where, sql` AND `)} ORDER BY b.created_at DESC, b.id DESC LIMIT ${query.limit}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Writing

export function insertBundle(ctx: ServiceContext, row: typeof bundles.$inferInsert, ownerId: string) {
  ctx.db.insert(bundles).values(row).run();
  ctx.db.insert(bundleCurators).values({ bundleId: row.id, userId: ownerId, role: "owner", createdAt: row.createdAt }).run();
}

/** Writes a change only if the bundle is still at version `basedOn`; false when someone else was first. */
export const updateBundleAt = (ctx: ServiceContext, id: string, basedOn: number, set: Partial<BundleRow>) =>
  ctx.db
    .update(bundles)
    .set(set)
    .where(and(eq(bundles.id, id), eq(bundles.version, basedOn)))
    .run().changes === 1;

export const updateBundleRow = (ctx: ServiceContext, id: string, set: Partial<BundleRow>) => ctx.db.update(bundles).set(set).where(eq(bundles.id, id)).run();

export function replaceBundleItems(ctx: ServiceContext, bundleId: string, list: { itemSeq: number; note: string }[]) {
  ctx.db.delete(bundleItems).where(eq(bundleItems.bundleId, bundleId)).run();
  if (list.length) ctx.db.insert(bundleItems).values(list.map((entry, position) => ({ bundleId, itemSeq: entry.itemSeq, position, note: entry.note }))).run();
}

export const deleteBundleRow = (ctx: ServiceContext, id: string) => ctx.db.delete(bundles).where(eq(bundles.id, id)).run();

export const insertSnapshot = (ctx: ServiceContext, row: typeof bundleVersions.$inferInsert) => ctx.db.insert(bundleVersions).values(row).run();

/** Adds a curator; false when they already curate the bundle. */
export const addCuratorRow = (ctx: ServiceContext, bundleId: string, userId: string, at: string) =>
  ctx.db.insert(bundleCurators).values({ bundleId, userId, role: "curator", createdAt: at }).onConflictDoNothing().run().changes > 0;

export const removeCuratorRow = (ctx: ServiceContext, bundleId: string, userId: string) =>
  ctx.db.delete(bundleCurators).where(and(eq(bundleCurators.bundleId, bundleId), eq(bundleCurators.userId, userId))).run();

export const setCuratorRole = (ctx: ServiceContext, bundleId: string, userId: string, role: "owner" | "curator") =>
  ctx.db.update(bundleCurators).set({ role }).where(and(eq(bundleCurators.bundleId, bundleId), eq(bundleCurators.userId, userId))).run();

/** Active people with the broker role, by name: who can be invited to curate. */
export const activeBrokers = (ctx: ServiceContext) =>
  queryAll<{ id: string; name: string }>(
    ctx,
    sql`SELECT u.id AS id, u.name AS name FROM users u WHERE u.disabled = 0 AND ${jsonListHas(sql`u.roles`, "broker")} ORDER BY u.name, u.id`,
  );

export const userById = (ctx: ServiceContext, id: string) => ctx.db.select().from(users).where(eq(users.id, id)).get();
