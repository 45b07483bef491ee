/**
 * Clipping and a person's own save: one item per normalised URL, one save per person, page facts
 * completed by later clips, and item.published announced when a save first puts an item in front of
 * the network.
 */
import type { CreateItemInput, Item, Outcome, UpdateSaveRequest, Visibility } from "../../../shared/schemas";
import { dedupKey, guessKindFromUrl, InvalidUrlError } from "../../../shared/url";
import {
  deleteItem,
  deleteSaveRow,
  describeItem,
  fillItem,
  insertItem,
  insertSave,
  isItemVisible,
  itemFactsById,
  itemFactsByKey,
  ownSave,
  replaceSaveTags,
  replaceSaveThemes,
  saveCountOf,
  setSaveOutcome,
  updateSaveFields,
  type FillableFacts,
  type SaveFields,
} from "../../db/repositories/library/items";
import { indexItem, indexSave, unindexItem, unindexSave, type ThemeTerms } from "../../db/repositories/library/search-index";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { invalid, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { NETWORK_AUDIENCE, type SignedInViewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { recordEvent } from "../webhooks/events";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";
import { resolveCircle } from "./circles";
import { shapeItems } from "./item-view";

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

const themeTerms = (ctx: ServiceContext): ThemeTerms => {
  const index = themeIndex(ctx);
  return (slugs) => index.searchTerms(slugs);
};

/**
 * Records item.published (for schools subscribed to its themes, in the caller's transaction) when a save
 * just put an item in front of the network that the network could not see before.
 */
function announceIfPublished(ctx: ServiceContext, itemSeq: number, wasPublished: boolean, visibility: Visibility) {
  if (!wasPublished && (visibility === "network" || visibility === "public")) {
    recordEvent(ctx, { event: "item.published", itemSeq });
  }
}

const visibleToNetwork = (ctx: ServiceContext, itemSeq: number) => isItemVisible(ctx, saveScope(NETWORK_AUDIENCE), itemSeq);

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

  const { seq, existing } = transaction(ctx, () => {
    let item = itemFactsByKey(ctx, urlKey);
    const existing = item !== undefined && isItemVisible(ctx, saveScope(viewer), item.seq);
    const wasPublished = item !== undefined && visibleToNetwork(ctx, item.seq);
    const fromRequest: FillableFacts = {
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
      const title = input.title || fallbackTitle(input.url);
      const seq = insertItem(ctx, { id: newId(), urlKey, url: input.url, title, kind: input.kind ?? guessKindFromUrl(input.url), at: now, ...fromRequest });
      item = { seq, url: input.url, title, ...fromRequest };
      indexItem(ctx, item);
    } else {
      // A later clip completes what an earlier one missed but never overwrites it: the first saver's
      // metadata may be what others already see.
      const fill: Partial<FillableFacts> = {};
      for (const [key, value] of Object.entries(fromRequest) as [keyof FillableFacts, unknown][]) {
        if (value !== null && (item[key] === null || item[key] === "")) (fill as Record<string, unknown>)[key] = value;
      }
      if (Object.keys(fill).length) {
        fillItem(ctx, item.seq, fill, now);
        item = { ...item, ...fill };
        if (fill.excerpt !== undefined || fill.text !== undefined || fill.siteName !== undefined) indexItem(ctx, item);
      }
    }

    const current = ownSave(ctx, item.seq, viewer.user.id);
    const fields: SaveFields = {
      note: input.note ?? current?.note ?? "",
      quote: input.quote ?? current?.quote ?? "",
      tags: input.tags ? [...new Set(input.tags)] : (current?.tags ?? []),
      sector: input.sector ? [...new Set(input.sector)] : (current?.sector ?? []),
      ...resolveCircle(viewer, input, current),
    };
    let saveSeq: number;
    if (current) {
      updateSaveFields(ctx, current.seq, fields, now);
      saveSeq = current.seq;
    } else {
      saveSeq = insertSave(ctx, item.seq, viewer.user.id, fields, now);
    }
    // A new save starts with no labels; an existing one keeps those the clip does not name.
    const newThemes = themes ?? (current ? undefined : []);
    if (newThemes) replaceSaveThemes(ctx, saveSeq, newThemes);
    if (input.tags || !current) replaceSaveTags(ctx, saveSeq, fields.tags);
    indexSave(ctx, saveSeq, themeTerms(ctx));
    announceIfPublished(ctx, item.seq, wasPublished, fields.visibility);
    return { seq: item.seq, existing };
  });
  return { item: shapeItems(ctx, viewer, [seq])[0]!, existing };
}

/** The item and the caller's own save of it; an item they cannot see, or did not save, is a 404. */
function ownSaveOf(ctx: ServiceContext, viewer: SignedInViewer, itemId: string) {
  const item = itemFactsById(ctx, itemId);
  if (!item || !isItemVisible(ctx, saveScope(viewer), item.seq)) throw notFound("item");
  const save = ownSave(ctx, item.seq, viewer.user.id);
  if (!save) throw notFound("save of yours for this item");
  return { item, save };
}

export function updateSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, patch: UpdateSaveRequest & { tags?: string[] }): Item {
  const themes = patch.themes ? requireThemes(ctx, patch.themes) : undefined;
  const seq = transaction(ctx, () => {
    const { item, save } = ownSaveOf(ctx, viewer, itemId);
    const wasPublished = visibleToNetwork(ctx, item.seq);
    const now = isoNow(ctx);
    const circle = resolveCircle(viewer, patch, save);
    updateSaveFields(
      ctx,
      save.seq,
      {
        note: patch.note ?? save.note,
        quote: patch.quote ?? save.quote,
        tags: patch.tags ? [...new Set(patch.tags)] : save.tags,
        sector: patch.sector ? [...new Set(patch.sector)] : save.sector,
        ...circle,
      },
      now,
    );
    if (themes) replaceSaveThemes(ctx, save.seq, themes);
    if (patch.tags) replaceSaveTags(ctx, save.seq, patch.tags);
    indexSave(ctx, save.seq, themeTerms(ctx));
    // Title and kind describe the page, not the person: any saver may correct them for everyone.
    if (patch.title || patch.kind) {
      describeItem(ctx, item.seq, { title: patch.title ?? item.title, kind: patch.kind ?? item.kind }, now);
      if (patch.title) indexItem(ctx, { ...item, title: patch.title });
    }
    announceIfPublished(ctx, item.seq, wasPublished, circle.visibility);
    return item.seq;
  });
  // The caller's own save keeps the item visible to them: shape it without looking it up again.
  return shapeItems(ctx, viewer, [seq])[0]!;
}

/** Removes the caller's save; the item goes with its last save. */
export function deleteSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string) {
  transaction(ctx, () => {
    const { item, save } = ownSaveOf(ctx, viewer, itemId);
    deleteSaveRow(ctx, save.seq);
    unindexSave(ctx, save.seq);
    if (saveCountOf(ctx, item.seq) === 0) {
      deleteItem(ctx, item.seq);
      unindexItem(ctx, item.seq);
    }
  });
}

/**
 * Records whether the caller applied the item and whether it worked. Marking an item you had not saved
 * yet saves it privately first: lessons about what does not work are knowledge too.
 */
export function setOutcome(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, outcome: { applied: boolean; worked: Outcome }): Item {
  const seq = transaction(ctx, () => {
    const item = itemFactsById(ctx, itemId);
    if (!item || !isItemVisible(ctx, saveScope(viewer), item.seq)) throw notFound("item");
    const now = isoNow(ctx);
    if (!setSaveOutcome(ctx, item.seq, viewer.user.id, outcome, now)) {
      const circle = resolveCircle(viewer, { visibility: "private" });
      const saveSeq = insertSave(ctx, item.seq, viewer.user.id, { note: "", quote: "", tags: [], sector: [], ...circle }, now, outcome);
      indexSave(ctx, saveSeq, themeTerms(ctx));
    }
    return item.seq;
  });
  return shapeItems(ctx, viewer, [seq])[0]!;
}
