/**
 * Items as one caller may see them: everything comes only from saves the caller may see, so a private
 * clip never leaks through an item another person shared widely. The page facts (title, kind, URL,
 * excerpt, image, …) are those of one save, the one that speaks for the item to this caller: their own
 * save first, else the most widely shared (public, network, school or community, private), then the
 * earliest, then the lowest seq (db/visibility.ts, factsSaveOrder). Themes, tags, sectors, notes, the
 * save count and the times are taken over all the caller's visible saves.
 */
import type { Item, MySave } from "../../../shared/schemas";
import { normaliseUrl } from "../../../shared/url";
import { itemRows, visibleItemSeqById, visibleItemSeqByKey, visibleSaveRows, type ItemRow, type VisibleSaveRow } from "../../db/repositories/library/items";
import type { ServiceContext } from "../../core/context";
import { invalid, notFound } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { saverNames } from "../accounts/public-name";
import { themeIndex } from "../taxonomy/theme-index";

export const shapeItems = (ctx: ServiceContext, viewer: Viewer, seqs: number[]): Item[] => shapeItemsWithSources(ctx, viewer, seqs).map((s) => s.item);

/** Items as the caller sees them, each with the save whose page facts it shows (a published bundle records it). */
export function shapeItemsWithSources(ctx: ServiceContext, viewer: Viewer, seqs: number[]): { item: Item; factsSave: number }[] {
  if (seqs.length === 0) return [];
  return shapeFromRows(ctx, viewer, seqs, itemRows(ctx, seqs), visibleSaveRows(ctx, saveScope(viewer), seqs));
}

/**
 * The items shaped from their rows and their saves the viewer may see (all of them, oldest first): read
 * from the database above, or, for an item a clip has just created, the rows the clip wrote
 * (saves.ts), so the answer to a clip needs no reading back.
 */
export function shapeFromRows(
  ctx: ServiceContext,
  viewer: Viewer,
  seqs: number[],
  items: ItemRow[],
  visibleSaves: VisibleSaveRow[],
): { item: Item; factsSave: number }[] {
  const byTaxonomy = themeIndex(ctx).compare;
  const me = viewer.kind === "user" ? viewer.user.id : null;
  const noted = (s: (typeof visibleSaves)[number]) => s.userId !== me && Boolean(s.note || s.quote);
  const authorOf = saverNames(ctx, viewer, visibleSaves.filter(noted));

  const bySeq = new Map(items.map((row) => [row.seq, row]));
  const savesBySeq = new Map<number, typeof visibleSaves>();
  for (const save of visibleSaves) {
    const list = savesBySeq.get(save.itemSeq);
    if (list) list.push(save);
    else savesBySeq.set(save.itemSeq, [save]);
  }
  return seqs.flatMap((seq) => {
    const row = bySeq.get(seq);
    const visible = savesBySeq.get(seq) ?? [];
    const facts = visible.find((s) => s.speaksForItem);
    if (!row || !facts) return [];
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
    const item: Item = {
      id: row.id,
      url: facts.url || row.url,
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
      video: facts.videoProvider
        ? { provider: facts.videoProvider, id: facts.videoId, durationSeconds: facts.videoDurationSeconds, embedUrl: facts.videoEmbedUrl }
        : null,
      themes,
      tags: [...new Set(visible.flatMap((s) => s.tags))].sort(),
      sector: [...new Set(visible.flatMap((s) => s.sector))],
      saveCount: visible.length,
      savedByMe: mine !== null,
      mySave,
      notes: visible.filter(noted).map((s) => ({
          author: authorOf(s),
          note: s.note,
          quote: s.quote,
          visibility: s.visibility,
          applied: s.applied,
          worked: s.worked,
          updatedAt: s.updatedAt,
        })),
      createdAt: visible.reduce((first, s) => (s.createdAt < first ? s.createdAt : first), visible[0]!.createdAt),
      updatedAt: visible.reduce((last, s) => (s.updatedAt > last ? s.updatedAt : last), visible[0]!.updatedAt),
    };
    return [{ item, factsSave: facts.seq }];
  });
}

export function getItem(ctx: ServiceContext, viewer: Viewer, itemId: string): Item {
  const seq = visibleItemSeqById(ctx, saveScope(viewer), itemId);
  if (seq === null) throw notFound("item");
  return shapeItems(ctx, viewer, [seq])[0]!;
}

export function lookupItem(ctx: ServiceContext, viewer: Viewer, url: string): Item | null {
  let key: string;
  try {
    key = normaliseUrl(url);
  } catch {
    throw invalid("invalid_url", "The URL must be an absolute http(s) address.", [{ path: ["url"], message: "not an http(s) URL" }]);
  }
  const seq = visibleItemSeqByKey(ctx, saveScope(viewer), key);
  return seq === null ? null : shapeItems(ctx, viewer, [seq])[0]!;
}
