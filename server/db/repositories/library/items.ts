/**
 * Items and saves: the rows a clip writes and the rows an item's view is shaped from. Reads that can
 * reach other people's saves take the viewer's SaveScope and go through db/visibility.ts.
 */
import { sql } from "drizzle-orm";
import type { ItemKind, ItemSector, Outcome, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import type { items } from "../../schema";
import { inList } from "../../sqlite";
import { queryAll, queryGet, queryRun } from "../../statements";
import { visibleItem, visibleSave } from "../../visibility";

type ItemRow = typeof items.$inferSelect;

/** What a clip may complete on an item, plus what the search index needs. */
export type ItemFacts = Pick<
  ItemRow,
  | "seq"
  | "url"
  | "title"
  | "canonicalUrl"
  | "siteName"
  | "author"
  | "publishedAt"
  | "language"
  | "imageUrl"
  | "faviconUrl"
  | "excerpt"
  | "text"
  | "videoProvider"
  | "videoId"
  | "videoDurationSeconds"
  | "videoEmbedUrl"
>;
export type FillableFacts = Omit<ItemFacts, "seq" | "url" | "title">;

const ITEM_FACT_COLUMNS = sql.raw(`seq, url, title, canonical_url AS canonicalUrl, site_name AS siteName, author, published_at AS publishedAt,
  language, image_url AS imageUrl, favicon_url AS faviconUrl, excerpt, text, video_provider AS videoProvider, video_id AS videoId,
  video_duration_seconds AS videoDurationSeconds, video_embed_url AS videoEmbedUrl`);

const FILLABLE_COLUMNS: Record<keyof FillableFacts, string> = {
  canonicalUrl: "canonical_url",
  siteName: "site_name",
  author: "author",
  publishedAt: "published_at",
  language: "language",
  imageUrl: "image_url",
  faviconUrl: "favicon_url",
  excerpt: "excerpt",
  text: "text",
  videoProvider: "video_provider",
  videoId: "video_id",
  videoDurationSeconds: "video_duration_seconds",
  videoEmbedUrl: "video_embed_url",
};

export const itemFactsByKey = (ctx: ServiceContext, urlKey: string) =>
  queryGet<ItemFacts>(ctx, sql`SELECT ${ITEM_FACT_COLUMNS} FROM items WHERE url_key = ${urlKey}`);

export const itemFactsById = (ctx: ServiceContext, id: string) =>
  queryGet<ItemFacts & { kind: ItemKind }>(ctx, sql`SELECT ${ITEM_FACT_COLUMNS}, kind FROM items WHERE id = ${id}`);

export function insertItem(
  ctx: ServiceContext,
  row: { id: string; urlKey: string; url: string; title: string; kind: ItemKind; at: string } & FillableFacts,
): number {
  return queryGet<{ seq: number }>(
    ctx,
    sql`INSERT INTO items (id, url_key, url, canonical_url, title, kind, site_name, author, published_at, language, image_url,
          favicon_url, excerpt, text, video_provider, video_id, video_duration_seconds, video_embed_url, created_at, updated_at)
        VALUES (${row.id}, ${row.urlKey}, ${row.url}, ${row.canonicalUrl}, ${row.title}, ${row.kind},
          ${row.siteName}, ${row.author}, ${row.publishedAt}, ${row.language}, ${row.imageUrl}, ${row.faviconUrl}, ${row.excerpt}, ${row.text},
          ${row.videoProvider}, ${row.videoId}, ${row.videoDurationSeconds}, ${row.videoEmbedUrl}, ${row.at}, ${row.at})
        RETURNING seq`,
  )!.seq;
}

/** Sets the given page facts of an item. */
export function fillItem(ctx: ServiceContext, seq: number, fill: Partial<FillableFacts>, at: string) {
  const sets = (Object.entries(fill) as [keyof FillableFacts, unknown][]).map(([key, value]) => sql`${sql.raw(FILLABLE_COLUMNS[key])} = ${value}`);
  if (!sets.length) return;
  queryRun(ctx, sql`UPDATE items SET ${sql.join(sets, sql`, `)}, updated_at = ${at} WHERE seq = ${seq}`);
}

export function describeItem(ctx: ServiceContext, seq: number, change: { title: string; kind: ItemKind }, at: string) {
  queryRun(ctx, sql`UPDATE items SET title = ${change.title}, kind = ${change.kind}, updated_at = ${at} WHERE seq = ${seq}`);
}

export const deleteItem = (ctx: ServiceContext, seq: number) => queryRun(ctx, sql`DELETE FROM items WHERE seq = ${seq}`);

export const saveCountOf = (ctx: ServiceContext, itemSeq: number) =>
  queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM saves WHERE item_seq = ${itemSeq}`)!.n;

export const isItemVisible = (ctx: ServiceContext, scope: SaveScope, seq: number) =>
  queryGet(ctx, sql`SELECT 1 AS one FROM items i WHERE i.seq = ${seq} AND ${visibleItem(scope)}`) !== undefined;

export const visibleItemSeqById = (ctx: ServiceContext, scope: SaveScope, id: string) =>
  queryGet<{ seq: number }>(ctx, sql`SELECT i.seq FROM items i WHERE i.id = ${id} AND ${visibleItem(scope)}`)?.seq ?? null;

export const visibleItemSeqByKey = (ctx: ServiceContext, scope: SaveScope, urlKey: string) =>
  queryGet<{ seq: number }>(ctx, sql`SELECT i.seq FROM items i WHERE i.url_key = ${urlKey} AND ${visibleItem(scope)}`)?.seq ?? null;

/** Of these item ids, those the scope may see and those a bundle already holds, with their sequence numbers. */
export const itemsVisibleOrInBundle = (ctx: ServiceContext, scope: SaveScope, bundleId: string, ids: string[]) =>
  queryAll<{ seq: number; id: string; allowed: number }>(
    ctx,
    sql`SELECT i.seq AS seq, i.id AS id,
          (${visibleItem(scope)} OR EXISTS (SELECT 1 FROM bundle_items bi WHERE bi.bundle_id = ${bundleId} AND bi.item_seq = i.seq)) AS allowed
        FROM items i WHERE i.id IN ${inList(ids)}`,
  );

/** The sequence numbers of those items the scope may see. */
export const visibleItemSeqs = (ctx: ServiceContext, scope: SaveScope, seqs: number[]) =>
  queryAll<{ seq: number }>(ctx, sql`SELECT i.seq AS seq FROM items i WHERE i.seq IN ${inList(seqs)} AND ${visibleItem(scope)}`).map((r) => r.seq);

export const visibleTitles = (ctx: ServiceContext, scope: SaveScope, seqs: number[]) =>
  queryAll<{ seq: number; title: string }>(ctx, sql`SELECT i.seq AS seq, i.title AS title FROM items i WHERE i.seq IN ${inList(seqs)} AND ${visibleItem(scope)}`);

/** The circles of the saves the scope may see of these items. */
export const visibleCircles = (ctx: ServiceContext, scope: SaveScope, seqs: number[]) =>
  queryAll<{ seq: number; visibility: Visibility }>(
    ctx,
    sql`SELECT s.item_seq AS seq, s.visibility AS visibility FROM saves s WHERE s.item_seq IN ${inList(seqs)} AND ${visibleSave(scope, "s")}`,
  );

// ---------------------------------------------------------------------------------------------------
// Saves

export interface SaveFields {
  note: string;
  quote: string;
  tags: string[];
  sector: ItemSector[];
  visibility: Visibility;
  schoolId: string | null;
  communityId: string | null;
}

export type OwnSave = SaveFields & { seq: number; itemSeq: number };

/** The person's own save of an item, with its JSON columns read. */
export function ownSave(ctx: ServiceContext, itemSeq: number, userId: string): OwnSave | undefined {
  const row = queryGet<Omit<OwnSave, "tags" | "sector"> & { tags: string; sector: string }>(
    ctx,
    sql`SELECT seq, item_seq AS itemSeq, note, quote, tags, sector, visibility, community_id AS communityId, school_id AS schoolId
        FROM saves WHERE item_seq = ${itemSeq} AND user_id = ${userId}`,
  );
  return row && { ...row, tags: JSON.parse(row.tags) as string[], sector: JSON.parse(row.sector) as ItemSector[] };
}

export function insertSave(ctx: ServiceContext, itemSeq: number, userId: string, fields: SaveFields, at: string, outcome?: { applied: boolean; worked: Outcome }): number {
  return queryGet<{ seq: number }>(
    ctx,
    sql`INSERT INTO saves (item_seq, user_id, note, quote, tags, sector, visibility, community_id, school_id, applied, worked, created_at, updated_at)
        VALUES (${itemSeq}, ${userId}, ${fields.note}, ${fields.quote}, ${JSON.stringify(fields.tags)}, ${JSON.stringify(fields.sector)},
          ${fields.visibility}, ${fields.communityId}, ${fields.schoolId}, ${outcome?.applied ? 1 : 0}, ${outcome?.worked ?? "untested"}, ${at}, ${at})
        RETURNING seq`,
  )!.seq;
}

export function updateSaveFields(ctx: ServiceContext, saveSeq: number, fields: SaveFields, at: string) {
  queryRun(
    ctx,
    sql`UPDATE saves SET note = ${fields.note}, quote = ${fields.quote}, tags = ${JSON.stringify(fields.tags)}, sector = ${JSON.stringify(fields.sector)},
          visibility = ${fields.visibility}, community_id = ${fields.communityId}, school_id = ${fields.schoolId}, updated_at = ${at}
        WHERE seq = ${saveSeq}`,
  );
}

/** Records the person's outcome on their save; false when they have no save of the item. */
export const setSaveOutcome = (ctx: ServiceContext, itemSeq: number, userId: string, outcome: { applied: boolean; worked: Outcome }, at: string) =>
  queryRun(
    ctx,
    sql`UPDATE saves SET applied = ${outcome.applied ? 1 : 0}, worked = ${outcome.worked}, updated_at = ${at} WHERE item_seq = ${itemSeq} AND user_id = ${userId}`,
  ).changes > 0;

/**
 * A save's themes live twice: in save_themes, the index the theme filters use, and on the save itself,
 * which the facet counts read in the same pass as the rest of the save (migration 0005).
 */
export function replaceSaveThemes(ctx: ServiceContext, saveSeq: number, themes: string[]) {
  const unique = [...new Set(themes)].sort();
  queryRun(ctx, sql`DELETE FROM save_themes WHERE save_seq = ${saveSeq}`);
  for (const theme of unique) queryRun(ctx, sql`INSERT INTO save_themes (save_seq, theme) VALUES (${saveSeq}, ${theme})`);
  queryRun(ctx, sql`UPDATE saves SET themes = ${JSON.stringify(unique)} WHERE seq = ${saveSeq}`);
}

export function replaceSaveTags(ctx: ServiceContext, saveSeq: number, tags: string[]) {
  queryRun(ctx, sql`DELETE FROM save_tags WHERE save_seq = ${saveSeq}`);
  for (const tag of new Set(tags)) queryRun(ctx, sql`INSERT INTO save_tags (save_seq, tag) VALUES (${saveSeq}, ${tag})`);
}

export const deleteSaveRow = (ctx: ServiceContext, saveSeq: number) => queryRun(ctx, sql`DELETE FROM saves WHERE seq = ${saveSeq}`);

// ---------------------------------------------------------------------------------------------------
// What an item's view is shaped from

/** The columns an item's API view needs (not its readable text, which can be large). */
export type ItemViewRow = Omit<ItemRow, "urlKey" | "text">;

const ITEM_VIEW_COLUMNS = sql.raw(`seq, id, url, canonical_url AS canonicalUrl, title, kind, site_name AS siteName, author,
  published_at AS publishedAt, language, image_url AS imageUrl, favicon_url AS faviconUrl, excerpt,
  video_provider AS videoProvider, video_id AS videoId, video_duration_seconds AS videoDurationSeconds,
  video_embed_url AS videoEmbedUrl, created_at AS createdAt, updated_at AS updatedAt`);

export const itemViewRows = (ctx: ServiceContext, seqs: number[]) =>
  queryAll<ItemViewRow>(ctx, sql`SELECT ${ITEM_VIEW_COLUMNS} FROM items WHERE seq IN ${inList(seqs)}`);

export interface VisibleSaveRow extends SaveFields {
  seq: number;
  itemSeq: number;
  userId: string;
  themes: string[];
  applied: boolean;
  worked: Outcome;
  createdAt: string;
  updatedAt: string;
  authorName: string;
}

/** The saves of these items that the scope may see, oldest first, with their authors' names. */
export function visibleSaveRows(ctx: ServiceContext, scope: SaveScope, seqs: number[]): VisibleSaveRow[] {
  return queryAll<Record<string, unknown>>(
    ctx,
    sql`SELECT s.*, u.name AS author_name FROM saves s JOIN users u ON u.id = s.user_id
        WHERE s.item_seq IN ${inList(seqs)} AND ${visibleSave(scope, "s")} ORDER BY s.created_at, s.seq`,
  ).map((r) => ({
    seq: r.seq as number,
    itemSeq: r.item_seq as number,
    userId: r.user_id as string,
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
    authorName: r.author_name as string,
  }));
}
