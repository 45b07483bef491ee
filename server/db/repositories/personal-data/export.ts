/**
 * What is stored about one person, read for their export (AVG art. 15 and 20): their own rows in each
 * table, never secrets (token and webhook secrets, password hashes) and never other people's data.
 */
import { sql } from "drizzle-orm";
import type { ItemSector, Outcome, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import { queryAll } from "../../statements";

export interface ExportSaveRow {
  itemSeq: number;
  /** The page as this person captured it (each save keeps its own page facts). */
  url: string;
  title: string;
  kind: string;
  excerpt: string | null;
  author: string | null;
  siteName: string | null;
  publishedAt: string | null;
  note: string;
  quote: string;
  tags: string[];
  themes: string[];
  sector: ItemSector[];
  visibility: Visibility;
  communityId: string | null;
  schoolId: string | null;
  applied: boolean;
  worked: Outcome;
  createdAt: string;
  updatedAt: string;
}

/** The person's saves, oldest first, as raw rows: one statement for any number of saves. */
export function savesOf(ctx: ServiceContext, userId: string): ExportSaveRow[] {
  return queryAll<Record<string, unknown>>(
    ctx,
    sql`SELECT item_seq, url, title, kind, excerpt, author, site_name, published_at, note, quote, tags, themes, sector, visibility, community_id, school_id, applied, worked, created_at, updated_at
        FROM saves WHERE user_id = ${userId} ORDER BY created_at, seq`,
  ).map((r) => ({
    itemSeq: r.item_seq as number,
    url: r.url as string,
    title: r.title as string,
    kind: r.kind as string,
    excerpt: r.excerpt as string | null,
    author: r.author as string | null,
    siteName: r.site_name as string | null,
    publishedAt: r.published_at as string | null,
    note: r.note as string,
    quote: r.quote as string,
    tags: JSON.parse(r.tags as string) as string[],
    themes: JSON.parse(r.themes as string) as string[],
    sector: JSON.parse(r.sector as string) as ItemSector[],
    visibility: r.visibility as Visibility,
    communityId: r.community_id as string | null,
    schoolId: r.school_id as string | null,
    applied: Boolean(r.applied),
    worked: r.worked as Outcome,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  }));
}

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
