/**
 * What is stored about one person, read for their export (AVG art. 15 and 20): their own rows in each
 * table, never secrets (token and webhook secrets, password hashes) and never other people's data.
 */
import { asc, eq, sql } from "drizzle-orm";
import { saves } from "../../schema";
import type { ServiceContext } from "../../../core/context";
import { queryAll } from "../../statements";

/**
 * The person's saves, oldest first, with the page as they captured it: one statement for any number of
 * saves; drizzle reads the JSON lists and flags as the schema declares them.
 */
export const savesOf = (ctx: ServiceContext, userId: string) =>
  ctx.db
    .select({
      itemSeq: saves.itemSeq,
      url: saves.url,
      title: saves.title,
      kind: saves.kind,
      excerpt: saves.excerpt,
      author: saves.author,
      siteName: saves.siteName,
      publishedAt: saves.publishedAt,
      note: saves.note,
      quote: saves.quote,
      tags: saves.tags,
      themes: saves.themes,
      sector: saves.sector,
      visibility: saves.visibility,
      communityId: saves.communityId,
      schoolId: saves.schoolId,
      applied: saves.applied,
      worked: saves.worked,
      createdAt: saves.createdAt,
      updatedAt: saves.updatedAt,
    })
    .from(saves)
    .where(eq(saves.userId, userId))
    .orderBy(asc(saves.createdAt), asc(saves.seq))
    .all();
export type ExportSaveRow = ReturnType<typeof savesOf>[number];

export interface CuratedBundleRow {
  id: string;
  title: string;
  about: string;
  use: string;
  themes: string;
  audience: string;
  status: string;
  slug: string | null;
  role: "owner" | "curator";
  createdAt: string;
  updatedAt: string;
}

export const curatedBundlesOf = (ctx: ServiceContext, userId: string) =>
  queryAll<CuratedBundleRow>(
    ctx,
    sql`SELECT b.id AS id, b.title AS title, b.about AS about, b.use AS use, b.themes AS themes, b.audience AS audience, b.status AS status,
          b.slug AS slug, c.role AS role, b.created_at AS createdAt, b.updated_at AS updatedAt
        FROM bundle_curators c JOIN bundles b ON b.id = c.bundle_id WHERE c.user_id = ${userId} ORDER BY b.created_at, b.id`,
  );

export const bundleItemsOf = (ctx: ServiceContext, bundleIds: string[]) =>
  queryAll<{ bundleId: string; itemSeq: number; position: number; note: string }>(
    ctx,
    sql`SELECT bundle_id AS bundleId, item_seq AS itemSeq, position, note FROM bundle_items
        WHERE bundle_id IN (SELECT value FROM json_each(${JSON.stringify(bundleIds)})) ORDER BY bundle_id, position`,
  );

/** Webhooks the person registered for a school: where they point, never their signing secret. */
export const webhooksCreatedBy = (ctx: ServiceContext, userId: string) =>
  queryAll<{ id: string; schoolId: string; url: string; format: string; events: string; createdAt: string }>(
    ctx,
    sql`SELECT id, school_id AS schoolId, url, format, events, created_at AS createdAt FROM webhooks WHERE created_by = ${userId} ORDER BY created_at, id`,
  );

/** Offers the person made (as a broker) or answered (for a school), without their capability keys. */
export const offersOf = (ctx: ServiceContext, userId: string) =>
  queryAll<{
    id: string;
    bundleId: string;
    version: number;
    schoolId: string;
    message: string;
    status: string;
    reason: string | null;
    offeredAt: string;
    respondedAt: string | null;
    offeredByMe: number;
    answeredByMe: number;
  }>(
    ctx,
    sql`SELECT id, bundle_id AS bundleId, version, school_id AS schoolId, message, status, reason, offered_at AS offeredAt,
          responded_at AS respondedAt, coalesce(offered_by = ${userId}, 0) AS offeredByMe, coalesce(responded_by = ${userId}, 0) AS answeredByMe
        FROM offers WHERE offered_by = ${userId} OR responded_by = ${userId} ORDER BY offered_at, id`,
  );
