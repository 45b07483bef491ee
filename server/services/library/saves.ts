import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type {
  CreateItemInput,
  Item,
  ItemFacetsQuery,
  ItemFacetsResponse,
  ItemKind,
  ItemSearchQuery,
  ItemSector,
  MySave,
  Outcome,
  UpdateSaveRequest,
  Visibility,
} from "../../../shared/schemas";
import { dedupKey, guessKindFromUrl, normaliseUrl, InvalidUrlError } from "../../../shared/url";
import { inList, queryAll, queryGet, queryRows, queryRun } from "../../db/query";
import { items, saves, saveTags } from "../../db/schema";
import { isoNow, type ServiceContext } from "../../core/context";
import { forbidden, invalid, notFound, unauthenticated } from "../../core/errors";
import { newId } from "../../core/ids";
import { NETWORK_AUDIENCE, type SignedInViewer, type Viewer } from "../../core/viewer";
import { recordEvent } from "../webhooks/events";
import { indexItem, indexSave, unindexItem, unindexSave } from "./search-index";
import { requireThemes, themeIndex } from "../taxonomy/themes";
import { visibleItem, visibleSave } from "../access/visibility";

type ItemRow = typeof items.$inferSelect;
type SaveRow = typeof saves.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Saving

function fallbackTitle(url: string): string {
  const { hostname, pathname } = new URL(url);
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed escape is shown as it is.
  }
  return `${hostname}${path === "/" ? "" : path}`.slice(0, 500);
}

function keyFor(url: string, canonical: string | null | undefined): string {
  try {
    return dedupKey(url, canonical ?? null);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw invalid("invalid_url", "The URL must be an absolute http(s) address.", [{ path: ["url"], message: error.message }]);
    throw error;
  }
}

interface Circle {
  visibility: Visibility;
  schoolId: string | null;
  communityId: string | null;
}

/**
 * Works out where a save lives. The school defaults to the person's only school; sharing into a school
 * or community needs membership of it.
 */
function resolveCircle(
  viewer: SignedInViewer,
  requested: { visibility?: Visibility; schoolId?: string | null; communityId?: string | null },
  current?: Circle,
): Circle {
  const visibility = requested.visibility ?? current?.visibility ?? "private";
  let schoolId = requested.schoolId !== undefined ? requested.schoolId : (current?.schoolId ?? null);
  let communityId = requested.communityId !== undefined ? requested.communityId : (current?.communityId ?? null);
  const mySchool = (id: string) => viewer.schools.some((s) => s.id === id);
  const myCommunity = (id: string) => viewer.communities.some((c) => c.id === id);
  // A circle kept from before may no longer be the person's (they left that school): editing the note
  // must still work, so only a circle named or chosen now is checked. Choosing "school" again without
  // naming one starts from their schools of today, not from the one they left.
  const choosingSchool = requested.schoolId !== undefined || requested.visibility === "school";
  const choosingCommunity = requested.communityId !== undefined || requested.visibility === "community";
  if (choosingSchool && requested.schoolId === undefined && schoolId !== null && !mySchool(schoolId)) schoolId = null;
  if (choosingCommunity && requested.communityId === undefined && communityId !== null && !myCommunity(communityId)) communityId = null;
  if (schoolId === null && viewer.schools.length === 1) schoolId = viewer.schools[0]!.id;
  if (choosingSchool && schoolId !== null && !mySchool(schoolId)) {
    throw forbidden("not_a_member", "You can only share into a school you belong to.");
  }
  if (choosingCommunity && communityId !== null && !myCommunity(communityId)) {
    throw forbidden("not_a_member", "You can only share into a community you belong to.");
  }
  if (visibility === "school" && schoolId === null) {
    throw invalid("school_required", "Choose the school to share with (schoolId).", [{ path: ["schoolId"], message: "required for visibility 'school'" }]);
  }
  if (visibility === "community" && communityId === null) {
    throw invalid("community_required", "Choose the community to share with (communityId).", [{ path: ["communityId"], message: "required for visibility 'community'" }]);
  }
  return { visibility, schoolId, communityId };
}

function replaceSaveLabels(ctx: ServiceContext, saveSeq: number, themes: string[] | undefined, tags: string[] | undefined) {
  if (themes) {
    const unique = [...new Set(themes)].sort();
    queryRun(ctx, sql`DELETE FROM save_themes WHERE save_seq = ${saveSeq}`);
    for (const theme of unique) queryRun(ctx, sql`INSERT INTO save_themes (save_seq, theme) VALUES (${saveSeq}, ${theme})`);
    queryRun(ctx, sql`UPDATE saves SET themes = ${JSON.stringify(unique)} WHERE seq = ${saveSeq}`);
  }
  if (tags) {
    queryRun(ctx, sql`DELETE FROM save_tags WHERE save_seq = ${saveSeq}`);
    for (const tag of new Set(tags)) queryRun(ctx, sql`INSERT INTO save_tags (save_seq, tag) VALUES (${saveSeq}, ${tag})`);
  }
}

/**
 * Records item.published (for schools subscribed to its themes, in the caller's transaction) when a save
 * just put an item in front of the network that the network could not see before.
 */
function announceIfPublished(ctx: ServiceContext, itemSeq: number, wasPublished: boolean, visibility: Visibility) {
  if (!wasPublished && (visibility === "network" || visibility === "public")) {
    recordEvent(ctx, { event: "item.published", itemSeq });
  }
}


const isVisibleTo = (ctx: ServiceContext, viewer: Viewer, seq: number) =>
  queryGet<{ one: number } | undefined>(ctx, sql`SELECT 1 AS one FROM items i WHERE i.seq = ${seq} AND ${visibleItem(viewer)}`) !== undefined;

/**
 * Clips a URL into the library: one item per normalised URL, one save per person. Saving a URL the
 * caller can already see updates their save and reports `existing`; whether people outside the caller's
 * circles saved it stays hidden.
 */
export function saveItem(ctx: ServiceContext, viewer: SignedInViewer, input: CreateItemInput): { item: Item; existing: boolean } {
  const urlKey = keyFor(input.url, input.meta?.canonicalUrl);
  const themes = input.themes ? requireThemes(ctx, input.themes) : undefined;
  const now = isoNow(ctx);
  const meta = input.meta ?? {};

  const { seq, existing } = ctx.db.transaction(() => {
    let item = queryGet<ItemForIndex>(ctx, sql`SELECT ${sql.raw(ITEM_FILL_COLUMNS)} FROM items WHERE url_key = ${urlKey}`);
    const existing = item !== undefined && isVisibleTo(ctx, viewer, item.seq);
    const wasPublished = item !== undefined && isVisibleTo(ctx, NETWORK_AUDIENCE, item.seq);
    const fromRequest = {
      canonicalUrl: meta.canonicalUrl ?? null,
      siteName: meta.siteName ?? null,
      author: meta.author ?? null,
      publishedAt: meta.publishedAt ?? null,
      language: input.language || null,
      imageUrl: meta.imageUrl ?? null,
      faviconUrl: meta.faviconUrl ?? null,
      excerpt: meta.excerpt ?? null,
      text: input.text ?? null,
      videoProvider: meta.video?.provider ?? null,
      videoId: meta.video?.id ?? null,
      videoDurationSeconds: meta.video?.durationSeconds ?? null,
      videoEmbedUrl: meta.video?.embedUrl ?? null,
    };
    if (!item) {
      const r = fromRequest;
      const title = input.title || fallbackTitle(input.url);
      const created = queryGet<{ seq: number }>(
        ctx,
        sql`INSERT INTO items (id, url_key, url, canonical_url, title, kind, site_name, author, published_at, language, image_url,
              favicon_url, excerpt, text, video_provider, video_id, video_duration_seconds, video_embed_url, created_at, updated_at)
            VALUES (${newId()}, ${urlKey}, ${input.url}, ${r.canonicalUrl}, ${title}, ${input.kind ?? guessKindFromUrl(input.url)},
              ${r.siteName}, ${r.author}, ${r.publishedAt}, ${r.language}, ${r.imageUrl}, ${r.faviconUrl}, ${r.excerpt}, ${r.text},
              ${r.videoProvider}, ${r.videoId}, ${r.videoDurationSeconds}, ${r.videoEmbedUrl}, ${now}, ${now})
            RETURNING seq`,
      )!;
      item = { seq: created.seq, url: input.url, title, ...fromRequest };
      indexItem(ctx, item);
    } else {
      // A later clip completes what an earlier one missed but never overwrites it: the first saver's
      // metadata may be what others already see.
      const fill: Partial<ItemRow> = {};
      for (const [key, value] of Object.entries(fromRequest) as [keyof typeof fromRequest, unknown][]) {
        if (value !== null && (item[key] === null || item[key] === "")) (fill as Record<string, unknown>)[key] = value;
      }
      if (Object.keys(fill).length) {
        ctx.db.update(items).set({ ...fill, updatedAt: now }).where(eq(items.seq, item.seq)).run();
        item = { ...item, ...fill };
        if (fill.excerpt !== undefined || fill.text !== undefined || fill.siteName !== undefined) indexItem(ctx, item);
      }
    }

    const current = ownSaveRow(ctx, item.seq, viewer.user.id);
    const circle = resolveCircle(viewer, input, current);
    const fields = {
      note: input.note ?? current?.note ?? "",
      quote: input.quote ?? current?.quote ?? "",
      tags: input.tags ? [...new Set(input.tags)] : (current?.tags ?? []),
      sector: input.sector ? [...new Set(input.sector)] : (current?.sector ?? []),
      ...circle,
    };
    let saveSeq: number;
    if (current) {
      queryRun(
        ctx,
        sql`UPDATE saves SET note = ${fields.note}, quote = ${fields.quote}, tags = ${JSON.stringify(fields.tags)}, sector = ${JSON.stringify(fields.sector)},
              visibility = ${fields.visibility}, community_id = ${fields.communityId}, school_id = ${fields.schoolId}, updated_at = ${now}
            WHERE seq = ${current.seq}`,
      );
      saveSeq = current.seq;
    } else {
      saveSeq = queryGet<{ seq: number }>(
        ctx,
        sql`INSERT INTO saves (item_seq, user_id, note, quote, tags, sector, visibility, community_id, school_id, created_at, updated_at)
            VALUES (${item.seq}, ${viewer.user.id}, ${fields.note}, ${fields.quote}, ${JSON.stringify(fields.tags)}, ${JSON.stringify(fields.sector)},
              ${fields.visibility}, ${fields.communityId}, ${fields.schoolId}, ${now}, ${now})
            RETURNING seq`,
      )!.seq;
    }
    replaceSaveLabels(ctx, saveSeq, themes ?? (current ? undefined : []), input.tags ? fields.tags : current ? undefined : []);
    indexSave(ctx, saveSeq);
    announceIfPublished(ctx, item.seq, wasPublished, fields.visibility);
    return { seq: item.seq, existing };
  });
  return { item: shapeItems(ctx, viewer, [seq])[0]!, existing };
}

function ownSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string): { item: ItemRow; save: SaveRow } {
  const item = ctx.db.select().from(items).where(eq(items.id, itemId)).get();
  if (!item || !isVisibleTo(ctx, viewer, item.seq)) throw notFound("item");
  const save = ctx.db.select().from(saves).where(and(eq(saves.itemSeq, item.seq), eq(saves.userId, viewer.user.id))).get();
  if (!save) throw notFound("save of yours for this item");
  return { item, save };
}

export function updateSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, patch: UpdateSaveRequest & { tags?: string[] }): Item {
  const themes = patch.themes ? requireThemes(ctx, patch.themes) : undefined;
  const seq = ctx.db.transaction(() => {
    const { item, save } = ownSave(ctx, viewer, itemId);
    const wasPublished = isVisibleTo(ctx, NETWORK_AUDIENCE, item.seq);
    const now = isoNow(ctx);
    const circle = resolveCircle(viewer, patch, save);
    ctx.db
      .update(saves)
      .set({
        note: patch.note ?? save.note,
        quote: patch.quote ?? save.quote,
        tags: patch.tags ? [...new Set(patch.tags)] : save.tags,
        sector: patch.sector ? [...new Set(patch.sector)] : save.sector,
        ...circle,
        updatedAt: now,
      })
      .where(eq(saves.seq, save.seq))
      .run();
    replaceSaveLabels(ctx, save.seq, themes, patch.tags);
    indexSave(ctx, save.seq);
    // Title and kind describe the page, not the person: any saver may correct them for everyone.
    if (patch.title || patch.kind) {
      const updated = ctx.db
        .update(items)
        .set({ title: patch.title ?? item.title, kind: patch.kind ?? item.kind, updatedAt: now })
        .where(eq(items.seq, item.seq))
        .returning()
        .get();
      if (patch.title) indexItem(ctx, updated);
    }
    announceIfPublished(ctx, item.seq, wasPublished, circle.visibility);
    return item.seq;
  });
  // The caller's own save keeps the item visible to them: shape it without looking it up again.
  return shapeItems(ctx, viewer, [seq])[0]!;
}

/** Removes the caller's save; the item goes with its last save. */
export function deleteSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string) {
  ctx.db.transaction(() => {
    const { item, save } = ownSave(ctx, viewer, itemId);
    ctx.db.delete(saves).where(eq(saves.seq, save.seq)).run();
    unindexSave(ctx, save.seq);
    const left = queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM saves WHERE item_seq = ${item.seq}`)!;
    if (left.n === 0) {
      ctx.db.delete(items).where(eq(items.seq, item.seq)).run();
      unindexItem(ctx, item.seq);
    }
  });
}

/**
 * Records whether the caller applied the item and whether it worked. Marking an item you had not saved
 * yet saves it privately first: lessons about what does not work are knowledge too.
 */
export function setOutcome(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, outcome: { applied: boolean; worked: Outcome }): Item {
  const seq = ctx.db.transaction(() => {
    const item = ctx.db.select().from(items).where(eq(items.id, itemId)).get();
    if (!item || !isVisibleTo(ctx, viewer, item.seq)) throw notFound("item");
    const now = isoNow(ctx);
    const updated = ctx.db
      .update(saves)
      .set({ ...outcome, updatedAt: now })
      .where(and(eq(saves.itemSeq, item.seq), eq(saves.userId, viewer.user.id)))
      .run();
    if (updated.changes === 0) {
      const circle = resolveCircle(viewer, { visibility: "private" });
      const { seq } = ctx.db
        .insert(saves)
        .values({ itemSeq: item.seq, userId: viewer.user.id, ...circle, ...outcome, createdAt: now, updatedAt: now })
        .returning({ seq: saves.seq })
        .get();
      indexSave(ctx, seq);
    }
    return item.seq;
  });
  return shapeItems(ctx, viewer, [seq])[0]!;
}

// ---------------------------------------------------------------------------------------------------
// Reading

export function getItem(ctx: ServiceContext, viewer: Viewer, itemId: string): Item {
  const row = queryGet<{ seq: number } | undefined>(ctx, sql`SELECT i.seq FROM items i WHERE i.id = ${itemId} AND ${visibleItem(viewer)}`);
  if (!row) throw notFound("item");
  return shapeItems(ctx, viewer, [row.seq])[0]!;
}

export function lookupItem(ctx: ServiceContext, viewer: Viewer, url: string): Item | null {
  let key: string;
  try {
    key = normaliseUrl(url);
  } catch {
    throw invalid("invalid_url", "The URL must be an absolute http(s) address.", [{ path: ["url"], message: "not an http(s) URL" }]);
  }
  const row = queryGet<{ seq: number } | undefined>(ctx, sql`SELECT i.seq FROM items i WHERE i.url_key = ${key} AND ${visibleItem(viewer)}`);
  return row ? shapeItems(ctx, viewer, [row.seq])[0]! : null;
}

const FTS_OPERATORS = new Set(["AND", "OR", "NOT", "NEAR"]);

/** Turns user input into an FTS5 query of quoted prefix terms, so no input can reach FTS5 syntax. */
export function toFtsQuery(q: string): string | null {
  // Operators typed in capitals ("NT2 OR NT1") are not supported; treating them as words would make
  // "or" a required prefix and find nothing.
  const words = (q.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FTS_OPERATORS.has(w));
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  const terms = [...new Set((useful.length ? useful : words).map((w) => w.toLowerCase()))].slice(0, 12);
  return terms.length ? terms.map((t) => `"${t}"*`).join(" ") : null;
}

type Cursor = { s: number; q: number } | { c: string; q: number };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

function decodeCursor(raw: string | undefined, relevance: boolean): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof value.q !== "number") throw new Error("no position");
    if (relevance && typeof value.s === "number") return { s: value.s, q: value.q };
    if (!relevance && typeof value.c === "string") return { c: value.c, q: value.q };
  } catch {
    // Reported below.
  }
  throw invalid("invalid_cursor", "The cursor is not one this list gave out; start again without it.", [{ path: ["cursor"], message: "invalid cursor" }]);
}

function filtersFor(ctx: ServiceContext, viewer: Viewer, query: Omit<ItemSearchQuery, "limit" | "sort">): SQL[] {
  return [visibleItem(viewer), ...narrowingFilters(ctx, viewer, query)];
}

/** The filters a caller chose (themes with their sub-themes, kinds, tags, …), each read through visible saves only. */
function narrowingFilters(ctx: ServiceContext, viewer: Viewer, query: Omit<ItemSearchQuery, "limit" | "sort">): SQL[] {
  const where: SQL[] = [];
  if (query.kind?.length) where.push(sql`i.kind IN ${query.kind}`);
  if (query.theme?.length) {
    const index = themeIndex(ctx);
    const slugs = query.theme.flatMap((term) => {
      const slug = index.resolve(term);
      if (!slug) throw invalid("unknown_theme", `Unknown theme '${term}'.`, [{ path: ["theme"], message: "unknown theme" }]);
      return index.withDescendants(slug);
    });
    where.push(sql`EXISTS (SELECT 1 FROM saves ts JOIN save_themes st ON st.save_seq = ts.seq
      WHERE ts.item_seq = i.seq AND st.theme IN ${[...new Set(slugs)]} AND ${visibleSave(viewer, "ts")})`);
  }
  if (query.tag?.length) {
    const tags = query.tag.map((t) => t.replace(/^#/, "").toLowerCase());
    where.push(sql`EXISTS (SELECT 1 FROM saves gs JOIN save_tags sg ON sg.save_seq = gs.seq
      WHERE gs.item_seq = i.seq AND sg.tag IN ${tags} AND ${visibleSave(viewer, "gs")})`);
  }
  if (query.sector?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves ss, json_each(ss.sector) sj
      WHERE ss.item_seq = i.seq AND sj.value IN ${query.sector} AND ${visibleSave(viewer, "ss")})`);
  }
  if (query.savedBy === "me") {
    if (viewer.kind !== "user") throw unauthenticated();
    where.push(sql`EXISTS (SELECT 1 FROM saves ms WHERE ms.item_seq = i.seq AND ms.user_id = ${viewer.user.id})`);
  }
  if (query.visibility?.length) {
    where.push(sql`EXISTS (SELECT 1 FROM saves vf WHERE vf.item_seq = i.seq AND vf.visibility IN ${query.visibility} AND ${visibleSave(viewer, "vf")})`);
  }
  if (query.communityId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves cs WHERE cs.item_seq = i.seq AND cs.community_id = ${query.communityId} AND ${visibleSave(viewer, "cs")})`);
  }
  if (query.schoolId) {
    where.push(sql`EXISTS (SELECT 1 FROM saves hs WHERE hs.item_seq = i.seq AND hs.school_id = ${query.schoolId} AND ${visibleSave(viewer, "hs")})`);
  }
  return where;
}

/** The items a search matches with their bm25 score (lower is better), before filters; `i` and `r` are in scope. */
function matchingItems(viewer: Viewer, fts: string | null): SQL {
  return fts
    ? sql`WITH hits(item_seq, score) AS (
        SELECT rowid, bm25(items_fts, 10.0, 3.0, 1.0) FROM items_fts WHERE items_fts MATCH ${fts}
        UNION ALL
        SELECT s.item_seq, bm25(saves_fts, 4.0, 4.0, 6.0, 6.0) FROM saves_fts JOIN saves s ON s.seq = saves_fts.rowid
        WHERE saves_fts MATCH ${fts} AND ${visibleSave(viewer, "s")}
      ), ranked AS (SELECT item_seq, min(score) AS score FROM hits GROUP BY item_seq)
      SELECT i.seq AS seq, i.created_at AS createdAt, r.score AS score FROM ranked r JOIN items i ON i.seq = r.item_seq`
    : sql`SELECT i.seq AS seq, i.created_at AS createdAt, 0 AS score FROM items i`;
}

/**
 * Search and browse. With a query: FTS5 over the page (title, excerpt, text) and over the saves the
 * caller may see (notes, quotes, tags, theme names), ranked by bm25; otherwise newest first.
 */
type Row = { seq: number; createdAt: string; score: number };

export function listItems(ctx: ServiceContext, viewer: Viewer, query: ItemSearchQuery) {
  const fts = query.q ? toFtsQuery(query.q) : null;
  const relevance = fts !== null && query.sort !== "recent";
  const cursor = decodeCursor(query.cursor, relevance);
  const where = filtersFor(ctx, viewer, query);
  const filters = sql.join(where, sql` AND `);
  const hits = matchingItems(viewer, fts);

  let rows: Row[];
  if (relevance) {
    const c = cursor as { s: number; q: number } | null;
    rows =
      topRankedPage(ctx, viewer, fts!, filters, c, query.limit + 1) ??
      queryAll<Row>(ctx, sql`${hits} WHERE ${filters} AND ${c ? sql`(r.score > ${c.s} OR (r.score = ${c.s} AND i.seq > ${c.q}))` : sql`1`}
            ORDER BY r.score, i.seq LIMIT ${query.limit + 1}`,
      );
  } else {
    const c = cursor as { c: string; q: number } | null;
    const page = c ? sql`(i.created_at < ${c.c} OR (i.created_at = ${c.c} AND i.seq < ${c.q}))` : sql`1`;
    rows = queryAll<Row>(ctx, sql`${hits} WHERE ${filters} AND ${page} ORDER BY i.created_at DESC, i.seq DESC LIMIT ${query.limit + 1}`);
  }

  const more = rows.length > query.limit;
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    more && last ? encodeCursor(relevance ? { s: last.score, q: last.seq } : { c: last.createdAt, q: last.seq }) : null;

  let total: number | undefined;
  if (query.total) {
    total = queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (${hits} WHERE ${filters})`)!.n;
  }
  return { items: shapeItems(ctx, viewer, pageRows.map((r) => r.seq)), nextCursor, ...(total === undefined ? {} : { total }) };
}

/** Candidates taken from the top of each full-text index before visibility and filters are checked. */
const TOP_K = 200;

/**
 * The fast path of relevance search. Ranking every match, then checking visibility and filters on all
 * of them, costs several times the bare FTS5 query on a large library; instead take the best TOP_K of
 * each index (FTS5 keeps only a small heap for ORDER BY … LIMIT), merge, and check the few candidates.
 * That page is exact when its last row scores better than the K-th score of every index that was cut
 * off: anything not among the candidates scores at least that. When many matches tie at the cut-off
 * (a theme word scores every save of that theme alike), a second pass takes every match scoring no
 * worse than the page's last row, which is exact too. Otherwise (deep pages, narrow filters) returns
 * null and the caller runs the complete query.
 */
function topRankedPage(ctx: ServiceContext, viewer: Viewer, fts: string, filters: SQL, cursor: { s: number; q: number } | null, want: number): Row[] | null {
  const first = rankedCandidates(ctx, viewer, fts, filters, cursor, want, { top: TOP_K });
  if (first.exact) return first.rows;
  if (first.rows.length < want) return null;
  const second = rankedCandidates(ctx, viewer, fts, filters, cursor, want, { atMost: first.rows[want - 1]!.score });
  return second.exact ? second.rows : null;
}

function rankedCandidates(
  ctx: ServiceContext,
  viewer: Viewer,
  fts: string,
  filters: SQL,
  cursor: { s: number; q: number } | null,
  want: number,
  bound: { top: number } | { atMost: number },
): { rows: Row[]; exact: boolean } {
  const limit = (ranking: SQL) =>
    "top" in bound
      ? sql`SELECT * FROM (${ranking}) ORDER BY score LIMIT ${bound.top}`
      : sql`SELECT * FROM (${ranking}) WHERE score <= ${bound.atMost}`;
  const fromItems = queryAll<{ seq: number; score: number }>(
    ctx,
    limit(sql`SELECT rowid AS seq, bm25(items_fts, 10.0, 3.0, 1.0) AS score FROM items_fts WHERE items_fts MATCH ${fts}`),
  );
  // Saves are ranked before their circle is checked, so a side's cut-off is taken over all saves: a
  // visible save outside the candidates scores at least that much too.
  const fromSaves = queryAll<{ seq: number; score: number; visible: number }>(
    ctx,
    sql`WITH top AS MATERIALIZED (${limit(sql`SELECT rowid AS save_seq, bm25(saves_fts, 4.0, 4.0, 6.0, 6.0) AS score FROM saves_fts WHERE saves_fts MATCH ${fts}`)})
        SELECT s.item_seq AS seq, top.score AS score, ${visibleSave(viewer, "s")} AS visible FROM top JOIN saves s ON s.seq = top.save_seq`,
  );
  const truncated = (rows: { score: number }[]) => "top" in bound && rows.length === bound.top;
  const cutoff = Math.min(
    truncated(fromItems) ? fromItems.at(-1)!.score : Infinity,
    truncated(fromSaves) ? Math.max(...fromSaves.map((r) => r.score)) : Infinity,
  );

  const best = new Map<number, number>();
  for (const { seq, score } of [...fromItems, ...fromSaves.filter((r) => r.visible)]) {
    const known = best.get(seq);
    if (known === undefined || score < known) best.set(seq, score);
  }
  const allowed = new Map(
    best.size === 0
      ? []
      : queryAll<{ seq: number; createdAt: string }>(
          ctx,
          sql`SELECT i.seq AS seq, i.created_at AS createdAt FROM items i WHERE i.seq IN ${inList([...best.keys()])} AND ${filters}`,
        ).map((r) => [r.seq, r.createdAt] as const),
  );
  const rows = [...best.entries()]
    .map(([seq, score]) => ({ seq, score, createdAt: allowed.get(seq) }))
    .filter((r): r is Row => r.createdAt !== undefined)
    .filter((r) => !cursor || r.score > cursor.s || (r.score === cursor.s && r.seq > cursor.q))
    .sort((a, b) => a.score - b.score || a.seq - b.seq)
    .slice(0, want);
  const exact = rows.length === want ? rows[want - 1]!.score < cutoff : cutoff === Infinity;
  return { rows, exact };
}

/**
 * Facet counts for the library's filters, over the same matches as listItems (found without ranking:
 * counts need no scores).
 */
export function itemFacets(ctx: ServiceContext, viewer: Viewer, query: ItemFacetsQuery): ItemFacetsResponse {
  const fts = query.q ? toFtsQuery(query.q) : null;
  const where = sql.join([visibleSave(viewer, "s"), ...narrowingFilters(ctx, viewer, query)], sql` AND `);
  // One pass over the visible saves of the matching items feeds every count: an item is visible exactly
  // when one of its saves is, and the ORDER BY brings its saves together, so each count can tell a new
  // item from the one before without a set per value. One statement: one consistent snapshot, no writes.
  // Without a query the kind index is walked in its own order (the item rows, a few KB each, stay
  // unread); with one, the matches lead, so a rare word reads only its own items.
  const rows = queryRows<[item: number, kind: ItemKind, visibility: Visibility, sector: string, themes: string]>(
    ctx,
    fts
      ? sql`WITH matched(seq) AS MATERIALIZED (
              SELECT rowid FROM items_fts WHERE items_fts MATCH ${fts}
              UNION SELECT ms.item_seq FROM saves_fts JOIN saves ms ON ms.seq = saves_fts.rowid WHERE saves_fts MATCH ${fts} AND ${visibleSave(viewer, "ms")})
            SELECT i.seq, i.kind, s.visibility, s.sector, s.themes
            FROM matched m CROSS JOIN items i ON i.seq = m.seq JOIN saves s ON s.item_seq = i.seq
            WHERE ${where}
            ORDER BY m.seq`
      : sql`SELECT i.seq, i.kind, s.visibility, s.sector, s.themes
            FROM items i JOIN saves s ON s.item_seq = i.seq
            WHERE ${where}
            ORDER BY i.kind, i.seq`,
  );

  const index = themeIndex(ctx);
  const counters = new Map<string, { last: number; count: number }>();
  const count = (key: string, item: number) => {
    const counter = counters.get(key);
    if (!counter) counters.set(key, { last: item, count: 1 });
    else if (counter.last !== item) {
      counter.last = item;
      counter.count++;
    }
  };
  // Themes roll up the tree, so a theme counts the items of its sub-themes once.
  const rollUp = new Map<string, string[]>();
  const ancestorsOf = (slug: string) => {
    let chain = rollUp.get(slug);
    if (!chain) rollUp.set(slug, (chain = index.withAncestors([slug]).map((s) => `theme:${s}`)));
    return chain;
  };
  let total = 0;
  let previous = -1;
  for (const [item, kind, visibility, sector, themes] of rows) {
    if (item !== previous) {
      previous = item;
      total++;
      count(`kind:${kind}`, item);
    }
    count(`visibility:${visibility}`, item);
    if (sector !== "[]") for (const value of JSON.parse(sector) as ItemSector[]) count(`sector:${value}`, item);
    if (themes !== "[]") for (const slug of JSON.parse(themes) as string[]) for (const key of ancestorsOf(slug)) count(key, item);
  }

  const counted = <N extends string>(prefix: string, name: N) =>
    [...counters.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, c]) => ({ [name]: key.slice(prefix.length), count: c.count }) as Record<N, string> & { count: number })
      .sort((x, y) => y.count - x.count);
  return {
    total,
    themes: index.all.filter((t) => counters.has(`theme:${t.slug}`)).map((t) => ({ slug: t.slug, count: counters.get(`theme:${t.slug}`)!.count })),
    kinds: counted("kind:", "kind") as { kind: ItemKind; count: number }[],
    sectors: counted("sector:", "sector") as { sector: ItemSector; count: number }[],
    visibilities: counted("visibility:", "visibility") as { visibility: Visibility; count: number }[],
  };
}

// ---------------------------------------------------------------------------------------------------
// Shaping: items as the caller may see them

type VisibleSaveRow = SaveRow & { authorName: string };

/** The item columns a clip may complete, plus what the search index needs. */
const ITEM_FILL_COLUMNS = `seq, url, title, canonical_url AS canonicalUrl, site_name AS siteName, author, published_at AS publishedAt,
  language, image_url AS imageUrl, favicon_url AS faviconUrl, excerpt, text, video_provider AS videoProvider, video_id AS videoId,
  video_duration_seconds AS videoDurationSeconds, video_embed_url AS videoEmbedUrl`;
type ItemForIndex = Pick<ItemRow, "seq" | "url" | "title" | "canonicalUrl" | "siteName" | "author" | "publishedAt" | "language" | "imageUrl" | "faviconUrl" | "excerpt" | "text" | "videoProvider" | "videoId" | "videoDurationSeconds" | "videoEmbedUrl">;

/** The person's own save of an item, with its JSON columns read. */
function ownSaveRow(ctx: ServiceContext, itemSeq: number, userId: string) {
  const row = queryGet<{ seq: number; note: string; quote: string; tags: string; sector: string; visibility: Visibility; communityId: string | null; schoolId: string | null }>(
    ctx,
    sql`SELECT seq, note, quote, tags, sector, visibility, community_id AS communityId, school_id AS schoolId FROM saves WHERE item_seq = ${itemSeq} AND user_id = ${userId}`,
  );
  return row && { ...row, tags: JSON.parse(row.tags) as string[], sector: JSON.parse(row.sector) as ItemSector[] };
}

/** The columns an item's API view needs (not its readable text, which can be large). */
const ITEM_VIEW_COLUMNS = `seq, id, url, canonical_url AS canonicalUrl, title, kind, site_name AS siteName, author,
  published_at AS publishedAt, language, image_url AS imageUrl, favicon_url AS faviconUrl, excerpt,
  video_provider AS videoProvider, video_id AS videoId, video_duration_seconds AS videoDurationSeconds,
  video_embed_url AS videoEmbedUrl, created_at AS createdAt, updated_at AS updatedAt`;
type ItemView = Omit<ItemRow, "urlKey" | "text">;

/**
 * Builds the API view of items for one caller: themes, tags, sectors and notes come only from saves the
 * caller may see, so a private note never leaks through an item another person shared widely.
 */
export function shapeItems(ctx: ServiceContext, viewer: Viewer, seqs: number[]): Item[] {
  if (seqs.length === 0) return [];
  const itemRows = queryAll<ItemView>(ctx, sql`SELECT ${sql.raw(ITEM_VIEW_COLUMNS)} FROM items WHERE seq IN ${inList(seqs)}`);
  const saveRows = queryAll<Record<string, unknown>>(ctx, sql`SELECT s.*, u.name AS author_name FROM saves s JOIN users u ON u.id = s.user_id
        WHERE s.item_seq IN ${inList(seqs)} AND ${visibleSave(viewer, "s")} ORDER BY s.created_at, s.seq`,
  );
  const visibleSaves: VisibleSaveRow[] = saveRows.map((r) => ({
    seq: r.seq as number,
    itemSeq: r.item_seq as number,
    userId: r.user_id as string,
    note: r.note as string,
    quote: r.quote as string,
    tags: JSON.parse(r.tags as string) as string[],
    themes: JSON.parse(r.themes as string) as string[],
    sector: JSON.parse(r.sector as string),
    visibility: r.visibility as Visibility,
    communityId: r.community_id as string | null,
    schoolId: r.school_id as string | null,
    applied: Boolean(r.applied),
    worked: r.worked as Outcome,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    authorName: r.author_name as string,
  }));
  const byTaxonomy = themeIndex(ctx).compare;
  const me = viewer.kind === "user" ? viewer.user.id : null;

  const bySeq = new Map(itemRows.map((row) => [row.seq, row]));
  return seqs.flatMap((seq) => {
    const row = bySeq.get(seq);
    if (!row) return [];
    const visible = visibleSaves.filter((s) => s.itemSeq === seq);
    const mine = visible.find((s) => s.userId === me) ?? null;
    const themes = [...new Set(visible.flatMap((s) => s.themes))].sort(byTaxonomy);
    const mySave: MySave | null = mine && {
      note: mine.note,
      quote: mine.quote,
      themes: [...mine.themes].sort(byTaxonomy),
      tags: mine.tags,
      sector: mine.sector,
      visibility: mine.visibility,
      communityId: mine.communityId,
      schoolId: mine.schoolId,
      applied: mine.applied,
      worked: mine.worked,
      createdAt: mine.createdAt,
      updatedAt: mine.updatedAt,
    };
    return [
      {
        id: row.id,
        url: row.url,
        canonicalUrl: row.canonicalUrl,
        title: row.title,
        kind: row.kind,
        siteName: row.siteName,
        author: row.author,
        publishedAt: row.publishedAt,
        language: row.language,
        imageUrl: row.imageUrl,
        faviconUrl: row.faviconUrl,
        excerpt: row.excerpt,
        video: row.videoProvider
          ? { provider: row.videoProvider, id: row.videoId, durationSeconds: row.videoDurationSeconds, embedUrl: row.videoEmbedUrl }
          : null,
        themes,
        tags: [...new Set(visible.flatMap((s) => s.tags))].sort(),
        sector: [...new Set(visible.flatMap((s) => s.sector))],
        saveCount: visible.length,
        savedByMe: mine !== null,
        mySave,
        notes: visible
          .filter((s) => s.userId !== me && (s.note || s.quote))
          .map((s) => ({
            author: s.authorName,
            note: s.note,
            quote: s.quote,
            visibility: s.visibility,
            applied: s.applied,
            worked: s.worked,
            updatedAt: s.updatedAt,
          })),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      },
    ];
  });
}

