/**
 * Items and saves: the rows a clip writes and the rows an item's view is shaped from. Reads that can
 * reach other people's saves take the viewer's SaveScope and go through db/visibility.ts.
 */
import { sql } from "drizzle-orm";
import type { ItemSector, Outcome, Visibility } from "../../../../shared/schemas";
import type { ServiceContext } from "../../../core/context";
import type { SaveScope } from "../../../core/viewer";
import type { saves } from "../../schema";
import { inList } from "../../sqlite";
import { queryAll, queryGet, queryRows, queryRun } from "../../statements";
import { factsSaveOrder, visibleItem, visibleSave } from "../../visibility";

type SaveRow = typeof saves.$inferSelect;

/** The page facts a save keeps: what its person captured of the page. */
export type PageFacts = Pick<
  SaveRow,
  | "url"
  | "canonicalUrl"
  | "title"
  | "kind"
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

const FACT_COLUMNS: Record<keyof PageFacts, string> = {
  url: "url",
  canonicalUrl: "canonical_url",
  title: "title",
  kind: "kind",
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

export const itemSeqByKey = (ctx: ServiceContext, urlKey: string) =>
  queryGet<{ seq: number }>(ctx, sql`SELECT seq FROM items WHERE url_key = ${urlKey}`)?.seq ?? null;

export const itemUrlOf = (ctx: ServiceContext, seq: number) => queryGet<{ url: string }>(ctx, sql`SELECT url FROM items WHERE seq = ${seq}`)!.url;

export const insertItem = (ctx: ServiceContext, row: { id: string; urlKey: string }) =>
  queryGet<{ seq: number }>(ctx, sql`INSERT INTO items (id, url_key, url) VALUES (${row.id}, ${row.urlKey}, ${row.urlKey}) RETURNING seq`)!.seq;

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

/** Each item's title as the scope sees it: from the save that speaks for the item (db/visibility.ts). */
export const visibleTitles = (ctx: ServiceContext, scope: SaveScope, seqs: number[]) =>
  queryAll<{ seq: number; title: string }>(
    ctx,
    sql`SELECT seq, title FROM (
          SELECT s.item_seq AS seq, s.title AS title, row_number() OVER (PARTITION BY s.item_seq ORDER BY ${factsSaveOrder(scope, "s")}) AS n
          FROM saves s WHERE s.item_seq IN ${inList(seqs)} AND ${visibleSave(scope, "s")})
        WHERE n = 1`,
  );

/** Of these item ids, those the scope may see. */
export const visibleItemIds = (ctx: ServiceContext, scope: SaveScope, ids: string[]) =>
  new Set(ids.length === 0 ? [] : queryAll<{ id: string }>(ctx, sql`SELECT i.id AS id FROM items i WHERE i.id IN ${inList(ids)} AND ${visibleItem(scope)}`).map((r) => r.id));

/** Of these saves, those that still exist and the scope may see. */
export const visibleSaveSeqs = (ctx: ServiceContext, scope: SaveScope, saveSeqs: number[]) =>
  new Set(
    saveSeqs.length === 0
      ? []
      : queryAll<{ seq: number }>(ctx, sql`SELECT s.seq AS seq FROM saves s WHERE s.seq IN ${inList(saveSeqs)} AND ${visibleSave(scope, "s")}`).map((r) => r.seq),
  );

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

export type OwnSave = SaveFields & { seq: number; itemSeq: number; title: string; kind: PageFacts["kind"] };

/** The person's own save of an item, with its JSON columns read. */
export function ownSave(ctx: ServiceContext, itemSeq: number, userId: string): OwnSave | undefined {
  const row = queryGet<Omit<OwnSave, "tags" | "sector"> & { tags: string; sector: string }>(
    ctx,
    sql`SELECT seq, item_seq AS itemSeq, title, kind, note, quote, tags, sector, visibility, community_id AS communityId, school_id AS schoolId
        FROM saves WHERE item_seq = ${itemSeq} AND user_id = ${userId}`,
  );
  return row && { ...row, tags: JSON.parse(row.tags) as string[], sector: JSON.parse(row.sector) as ItemSector[] };
}

/** A save's themes as stored: each once, in order. */
const savedThemes = (themes: readonly string[]) => [...new Set(themes)].sort();

/**
 * A new save, with its themes (resolved slugs) in save_themes and on the save itself. Written with the
 * save rather than by {@link replaceSaveThemes} afterwards: updating the new row again rewrote its page
 * text and ran the feed counters' update trigger a second time for nothing.
 */
export function insertSave(
  ctx: ServiceContext,
  itemSeq: number,
  userId: string,
  fields: SaveFields,
  facts: PageFacts,
  at: string,
  outcome?: { applied: boolean; worked: Outcome },
  themes: string[] = [],
): number {
  const unique = savedThemes(themes);
  const seq = queryGet<{ seq: number }>(
    ctx,
    sql`INSERT INTO saves (item_seq, user_id, url, canonical_url, title, kind, site_name, author, published_at, language, image_url, favicon_url,
          excerpt, text, video_provider, video_id, video_duration_seconds, video_embed_url,
          note, quote, tags, themes, sector, visibility, community_id, school_id, applied, worked, created_at, updated_at)
        VALUES (${itemSeq}, ${userId}, ${facts.url}, ${facts.canonicalUrl}, ${facts.title}, ${facts.kind}, ${facts.siteName}, ${facts.author},
          ${facts.publishedAt}, ${facts.language}, ${facts.imageUrl}, ${facts.faviconUrl}, ${facts.excerpt}, ${facts.text},
          ${facts.videoProvider}, ${facts.videoId}, ${facts.videoDurationSeconds}, ${facts.videoEmbedUrl},
          ${fields.note}, ${fields.quote}, ${JSON.stringify(fields.tags)}, ${JSON.stringify(unique)}, ${JSON.stringify(fields.sector)},
          ${fields.visibility}, ${fields.communityId}, ${fields.schoolId}, ${outcome?.applied ? 1 : 0}, ${outcome?.worked ?? "untested"}, ${at}, ${at})
        RETURNING seq`,
  )!.seq;
  for (const theme of unique) queryRun(ctx, sql`INSERT INTO save_themes (save_seq, theme) VALUES (${seq}, ${theme})`);
  return seq;
}

/**
 * The row {@link insertSave} wrote, as {@link visibleSaveRows} reads it, for the only save of an item
 * created in the same transaction (it speaks for the item): the answer to a clip without reading back.
 */
export function insertedSaveRow(seq: number, itemSeq: number, userId: string, fields: SaveFields, facts: PageFacts, at: string, themes: string[] = []): VisibleSaveRow {
  // Every key written out, in visibleSaveRows' order: spreading the two objects into one cost 20 µs.
  return {
    seq,
    itemSeq,
    userId,
    url: facts.url,
    canonicalUrl: facts.canonicalUrl,
    title: facts.title,
    kind: facts.kind,
    siteName: facts.siteName,
    author: facts.author,
    publishedAt: facts.publishedAt,
    language: facts.language,
    imageUrl: facts.imageUrl,
    faviconUrl: facts.faviconUrl,
    excerpt: facts.excerpt,
    videoProvider: facts.videoProvider,
    videoId: facts.videoId,
    videoDurationSeconds: facts.videoDurationSeconds,
    videoEmbedUrl: facts.videoEmbedUrl,
    note: fields.note,
    quote: fields.quote,
    tags: fields.tags,
    themes: savedThemes(themes),
    sector: fields.sector,
    visibility: fields.visibility,
    communityId: fields.communityId,
    schoolId: fields.schoolId,
    applied: false,
    worked: "untested",
    createdAt: at,
    updatedAt: at,
    speaksForItem: true,
  };
}

/** Sets the given page facts of one save, the person's own. */
export function setSaveFacts(ctx: ServiceContext, saveSeq: number, facts: Partial<PageFacts>, at: string) {
  const sets = (Object.entries(facts) as [keyof PageFacts, unknown][]).map(([key, value]) => sql`${sql.raw(FACT_COLUMNS[key])} = ${value}`);
  if (!sets.length) return;
  queryRun(ctx, sql`UPDATE saves SET ${sql.join(sets, sql`, `)}, updated_at = ${at} WHERE seq = ${saveSeq}`);
}

/**
 * Fills in the page facts a save of `userId` lacks (a null column takes the value given; one holding a
 * value keeps it). The kind and the title, where `take` says so, are replaced only while the save is as
 * it was written (its updated_at still its created_at): once its person edited it, what they have
 * stays. True when the save was there to fill.
 */
export function fillMissingFacts(ctx: ServiceContext, saveSeq: number, userId: string, facts: PageFacts, take: { title: boolean; kind: boolean }): boolean {
  const missing = (["siteName", "author", "publishedAt", "language", "imageUrl", "faviconUrl", "excerpt", "text", "videoProvider", "videoId", "videoDurationSeconds", "videoEmbedUrl"] as const).map(
    (key) => sql`${sql.raw(FACT_COLUMNS[key])} = coalesce(${sql.raw(FACT_COLUMNS[key])}, ${facts[key]})`,
  );
  return (
    queryRun(
      ctx,
      sql`UPDATE saves SET ${sql.join(missing, sql`, `)},
            kind = CASE WHEN ${take.kind ? 1 : 0} AND updated_at = created_at THEN ${facts.kind} ELSE kind END,
            title = CASE WHEN ${take.title ? 1 : 0} AND updated_at = created_at THEN ${facts.title} ELSE title END
          WHERE seq = ${saveSeq} AND user_id = ${userId}`,
    ).changes === 1
  );
}

export function updateSaveFields(ctx: ServiceContext, saveSeq: number, fields: SaveFields, at: string) {
  queryRun(
    ctx,
    sql`UPDATE saves SET note = ${fields.note}, quote = ${fields.quote}, tags = ${JSON.stringify(fields.tags)}, sector = ${JSON.stringify(fields.sector)},
          visibility = ${fields.visibility}, community_id = ${fields.communityId}, school_id = ${fields.schoolId}, updated_at = ${at}
        WHERE seq = ${saveSeq}`,
  );
}

/** Moves one save to another circle, leaving what the person wrote on it as it is. */
export const setSaveCircle = (ctx: ServiceContext, saveSeq: number, circle: Pick<SaveFields, "visibility" | "schoolId" | "communityId">, at: string) =>
  queryRun(
    ctx,
    sql`UPDATE saves SET visibility = ${circle.visibility}, school_id = ${circle.schoolId}, community_id = ${circle.communityId}, updated_at = ${at}
        WHERE seq = ${saveSeq}`,
  );

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
  const unique = savedThemes(themes);
  queryRun(ctx, sql`DELETE FROM save_themes WHERE save_seq = ${saveSeq}`);
  for (const theme of unique) queryRun(ctx, sql`INSERT INTO save_themes (save_seq, theme) VALUES (${saveSeq}, ${theme})`);
  queryRun(ctx, sql`UPDATE saves SET themes = ${JSON.stringify(unique)} WHERE seq = ${saveSeq}`);
}

export function replaceSaveTags(ctx: ServiceContext, saveSeq: number, tags: string[]) {
  queryRun(ctx, sql`DELETE FROM save_tags WHERE save_seq = ${saveSeq}`);
  addSaveTags(ctx, saveSeq, tags);
}

/** The tags of a save just written, which has none yet. */
export function addSaveTags(ctx: ServiceContext, saveSeq: number, tags: string[]) {
  for (const tag of new Set(tags)) queryRun(ctx, sql`INSERT INTO save_tags (save_seq, tag) VALUES (${saveSeq}, ${tag})`);
}

export const deleteSaveRow = (ctx: ServiceContext, saveSeq: number) => queryRun(ctx, sql`DELETE FROM saves WHERE seq = ${saveSeq}`);

// ---------------------------------------------------------------------------------------------------
// What an item's view is shaped from

/** An item itself: only its id and the normalised URL its saves share. */
export interface ItemRow {
  seq: number;
  id: string;
  url: string;
}

export const itemRows = (ctx: ServiceContext, seqs: number[]) => queryAll<ItemRow>(ctx, sql`SELECT seq, id, url FROM items WHERE seq IN ${inList(seqs)}`);

export interface VisibleSaveRow extends SaveFields, Omit<PageFacts, "text"> {
  seq: number;
  itemSeq: number;
  userId: string;
  themes: string[];
  applied: boolean;
  worked: Outcome;
  createdAt: string;
  updatedAt: string;
  /** This save speaks for its item to the scope (the first by db/visibility.ts's factsSaveOrder). */
  speaksForItem: boolean;
}

/**
 * The saves of these items that the scope may see, oldest first, with their
 * page facts (not the readable text, which can be large).
 */
export function visibleSaveRows(ctx: ServiceContext, scope: SaveScope, seqs: number[]): VisibleSaveRow[] {
  // Rows as arrays: better-sqlite3 building a 31-key object per row cost more than the statement itself
  // on a search page (20 items), and every search and item view pays it.
  return queryRows<unknown[]>(
    ctx,
    sql`SELECT s.seq, s.item_seq, s.user_id, s.url, s.canonical_url, s.title, s.kind, s.site_name, s.author, s.published_at, s.language,
          s.image_url, s.favicon_url, s.excerpt, s.video_provider, s.video_id, s.video_duration_seconds, s.video_embed_url,
          s.note, s.quote, s.tags, s.themes, s.sector, s.visibility, s.community_id, s.school_id, s.applied, s.worked, s.created_at, s.updated_at,
          row_number() OVER (PARTITION BY s.item_seq ORDER BY ${factsSaveOrder(scope, "s")}) AS facts_rank
        FROM saves s
        WHERE s.item_seq IN ${inList(seqs)} AND ${visibleSave(scope, "s")} ORDER BY s.created_at, s.seq`,
  ).map((r) => ({
    seq: r[0] as number,
    itemSeq: r[1] as number,
    userId: r[2] as string,
    url: r[3] as string,
    canonicalUrl: r[4] as string | null,
    title: r[5] as string,
    kind: r[6] as PageFacts["kind"],
    siteName: r[7] as string | null,
    author: r[8] as string | null,
    publishedAt: r[9] as string | null,
    language: r[10] as string | null,
    imageUrl: r[11] as string | null,
    faviconUrl: r[12] as string | null,
    excerpt: r[13] as string | null,
    videoProvider: r[14] as string | null,
    videoId: r[15] as string | null,
    videoDurationSeconds: r[16] as number | null,
    videoEmbedUrl: r[17] as string | null,
    note: r[18] as string,
    quote: r[19] as string,
    tags: JSON.parse(r[20] as string) as string[],
    themes: JSON.parse(r[21] as string) as string[],
    sector: JSON.parse(r[22] as string) as ItemSector[],
    visibility: r[23] as Visibility,
    communityId: r[24] as string | null,
    schoolId: r[25] as string | null,
    applied: Boolean(r[26]),
    worked: r[27] as Outcome,
    createdAt: r[28] as string,
    updatedAt: r[29] as string,
    speaksForItem: r[30] === 1,
  }));
}

/** A person's own saves of the named items, with the circle and themes a bulk change starts from. */
export interface OwnSaveOfItem {
  itemId: string;
  itemSeq: number;
  saveSeq: number;
  themes: string[];
  visibility: Visibility;
  schoolId: string | null;
  communityId: string | null;
}

export function ownSavesOfItems(ctx: ServiceContext, userId: string, itemIds: readonly string[]): OwnSaveOfItem[] {
  const rows = queryAll<Omit<OwnSaveOfItem, "themes"> & { themes: string }>(
    ctx,
    sql`SELECT i.id AS itemId, i.seq AS itemSeq, s.seq AS saveSeq, s.themes AS themes, s.visibility AS visibility,
          s.school_id AS schoolId, s.community_id AS communityId
        FROM items i JOIN saves s ON s.item_seq = i.seq AND s.user_id = ${userId}
        WHERE i.id IN ${inList(itemIds)}`,
  );
  return rows.map((row) => ({ ...row, themes: JSON.parse(row.themes) as string[] }));
}
