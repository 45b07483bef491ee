/**
 * Items as one caller may see them: themes, tags, sectors and notes come only from saves the caller may
 * see, so a private note never leaks through an item another person shared widely.
 */
import type { Item, MySave } from "../../../shared/schemas";
import { normaliseUrl } from "../../../shared/url";
import { itemViewRows, visibleItemSeqById, visibleItemSeqByKey, visibleSaveRows } from "../../db/repositories/library/items";
import type { ServiceContext } from "../../core/context";
import { invalid, notFound } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { saverName } from "../accounts/public-name";
import { themeIndex } from "../taxonomy/theme-index";

export function shapeItems(ctx: ServiceContext, viewer: Viewer, seqs: number[]): Item[] {
  if (seqs.length === 0) return [];
  const itemRows = itemViewRows(ctx, seqs);
  const visibleSaves = visibleSaveRows(ctx, saveScope(viewer), seqs);
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
            author: saverName(ctx, viewer, s.userId, s.visibility),
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
