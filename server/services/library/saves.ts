/**
 * Clipping and a person's own save: one item per normalised URL, one save per person, each save with the
 * page facts its person captured (nobody's clip or edit changes what another person's save holds), and
 * item.published announced when a save first puts an item in front of the network.
 */
import { toCreateItemRequest, type ExtractedPage } from "../../../shared/clip-request";
import { CreateItemRequest, type CreateItemInput, type Item, type Outcome, type UpdateSaveRequest, type Visibility } from "../../../shared/schemas";
import { cut } from "../../../shared/extract/values";
import { dedupKey, guessKindFromUrl, InvalidUrlError, shareableUrl } from "../../../shared/url";
import {
  addSaveTags,
  deleteItem,
  deleteSaveRow,
  fillMissingFacts,
  insertedSaveRow,
  insertItem,
  insertSave,
  isItemVisible,
  visibleItemSeqById,
  itemUrlOf,
  itemSeqByKey,
  ownSave,
  replaceSaveTags,
  replaceSaveThemes,
  saveCountOf,
  setSaveFacts,
  setSaveOutcome,
  updateSaveFields,
  type ItemRow,
  type PageFacts,
  type SaveFields,
  type VisibleSaveRow,
} from "../../db/repositories/library/items";
import { indexSave, unindexSave, type ThemeTerms } from "../../db/repositories/library/search-index";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { invalid, notFound } from "../../core/errors";
import { newId } from "../../core/ids";
import { NETWORK_AUDIENCE, type SignedInViewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";
import { recordEvent } from "../webhooks/events";
import { requireThemes, themeIndex } from "../taxonomy/theme-index";
import { resolveCircle, type Circle } from "./circles";
import { shapeFromRows, shapeItems } from "./item-view";

function fallbackTitle(url: string): string {
  const { hostname, pathname } = new URL(url);
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed escape is shown as it is.
  }
  // Never half an emoji at the cut: SQLite cannot keep half a surrogate pair (it gave back three other characters).
  return cut(`${hostname}${path === "/" ? "" : path}`, 500);
}

export function keyFor(url: string, canonical: string | null | undefined): string {
  try {
    return dedupKey(url, canonical ?? null);
  } catch (error) {
    if (error instanceof InvalidUrlError) throw invalid("invalid_url", "The URL must be an absolute http(s) address.", [{ path: ["url"], message: error.message }]);
    throw error;
  }
}

export const themeTerms = (ctx: ServiceContext): ThemeTerms => {
  const index = themeIndex(ctx);
  return (slugs) => index.searchTerms(slugs);
};

/**
 * Records item.published (for schools subscribed to its themes, in the caller's transaction) when a save
 * just put an item in front of the network that the network could not see before.
 */
export function announceIfPublished(ctx: ServiceContext, itemSeq: number, wasPublished: boolean, visibility: Visibility) {
  if (!wasPublished && (visibility === "network" || visibility === "public")) {
    recordEvent(ctx, { event: "item.published", itemSeq });
  }
}

export const visibleToNetwork = (ctx: ServiceContext, itemSeq: number) => isItemVisible(ctx, saveScope(NETWORK_AUDIENCE), itemSeq);

/** The page facts a clip brings; absent ones are null, and the address gives a title and kind when the clip names none. */
export function factsFromClip(input: Pick<CreateItemInput, "url" | "meta" | "language" | "text" | "title" | "kind">): PageFacts {
  const meta = input.meta ?? {};
  return {
    url: shareableUrl(input.url),
    title: input.title || fallbackTitle(input.url),
    kind: input.kind ?? guessKindFromUrl(input.url),
    canonicalUrl: meta.canonicalUrl ? shareableUrl(meta.canonicalUrl) : null,
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
}

/**
 * What a person wrote on their save of a clip, in the circle it goes to: what the clip leaves out keeps
 * the person's earlier save (`current`), if any; tags and sectors each once. Shared by every writer of
 * saves (a clip, an import, the bench's seed).
 */
export function saveFields(input: Pick<CreateItemInput, "note" | "quote" | "tags" | "sector">, circle: Circle, current?: Pick<SaveFields, "note" | "quote" | "tags" | "sector"> | null): SaveFields {
  return {
    note: input.note ?? current?.note ?? "",
    quote: input.quote ?? current?.quote ?? "",
    tags: input.tags ? [...new Set(input.tags)] : (current?.tags ?? []),
    sector: input.sector ? [...new Set(input.sector)] : (current?.sector ?? []),
    ...circle,
  };
}

/**
 * Clips a URL into the library: one item per normalised URL, one save per person. Saving a URL the
 * caller can already see updates their save and reports `existing`; whether people outside the caller's
 * circles saved it stays hidden. The clip's page facts go on the caller's own save only: a clip of a
 * URL someone else saved first (or a claimed canonical URL that joins it) shows the caller nothing of
 * that save, and changes nothing of it. Clipping again replaces what the new clip brings and keeps the
 * rest of what the person captured (or typed) before.
 */
export function saveItem(ctx: ServiceContext, viewer: SignedInViewer, input: CreateItemInput): { item: Item; existing: boolean } {
  const { itemSeq, existing, created } = storeSave(ctx, viewer, input);
  // A new item's only save is the one just written: shaped from the rows in hand (a read of the save
  // passes its page text on disk and cost a quarter of the clip's own writes).
  const item = created ? shapeFromRows(ctx, viewer, [itemSeq], [created.item], [created.save])[0]!.item : shapeItems(ctx, viewer, [itemSeq])[0]!;
  return { item, existing };
}

/** The rows of a new item and its save, as written. */
type Created = { item: ItemRow; save: VisibleSaveRow };

/**
 * The write of {@link saveItem}; an import has its own batched path (import-saves.ts) under the same
 * rules. `created`: the rows of a new item and its save, as written.
 */
function storeSave(
  ctx: ServiceContext,
  viewer: SignedInViewer,
  input: CreateItemInput,
): { itemSeq: number; existing: boolean; created: Created | null } {
  const urlKey = keyFor(input.url, input.meta?.canonicalUrl);
  const themes = input.themes ? requireThemes(ctx, input.themes) : undefined;
  const now = isoNow(ctx);

  return transaction(ctx, () => {
    const known = itemSeqByKey(ctx, urlKey);
    const existing = known !== null && isItemVisible(ctx, saveScope(viewer), known);
    const wasPublished = known !== null && visibleToNetwork(ctx, known);
    const newItemId = known === null ? newId() : null;
    const itemSeq = known ?? insertItem(ctx, { id: newItemId!, urlKey });

    // A new item has no saves yet, the caller's included.
    const current = known === null ? undefined : ownSave(ctx, itemSeq, viewer.user.id);
    const fields = saveFields(input, resolveCircle(viewer, input, current), current);
    let saveSeq: number;
    let created: Created | null = null;
    if (current) {
      updateSaveFields(ctx, current.seq, fields, now);
      const { title, kind, ...clipped } = factsFromClip(input);
      const brought: Partial<PageFacts> = Object.fromEntries(Object.entries(clipped).filter(([, value]) => value !== null));
      if (input.title) brought.title = title;
      if (input.kind) brought.kind = kind;
      setSaveFacts(ctx, current.seq, brought, now);
      saveSeq = current.seq;
    } else {
      const facts = factsFromClip(input);
      saveSeq = insertSave(ctx, itemSeq, viewer.user.id, fields, facts, now, undefined, themes);
      if (newItemId) created = { item: { seq: itemSeq, id: newItemId, url: urlKey }, save: insertedSaveRow(saveSeq, itemSeq, viewer.user.id, fields, facts, now, themes) };
    }
    // An existing save keeps the labels the clip does not name.
    if (current && themes) replaceSaveThemes(ctx, saveSeq, themes);
    if (!current) addSaveTags(ctx, saveSeq, fields.tags);
    else if (input.tags) replaceSaveTags(ctx, saveSeq, fields.tags);
    indexSave(ctx, saveSeq, themeTerms(ctx), !current);
    announceIfPublished(ctx, itemSeq, wasPublished, fields.visibility);
    return { itemSeq, existing, created };
  });
}

/** The item and the caller's own save of it; an item they cannot see, or did not save, is a 404. */
function ownSaveOf(ctx: ServiceContext, viewer: SignedInViewer, itemId: string) {
  const itemSeq = visibleItemSeq(ctx, viewer, itemId);
  const save = ownSave(ctx, itemSeq, viewer.user.id);
  if (!save) throw notFound("save of yours for this item");
  return { itemSeq, save };
}

function visibleItemSeq(ctx: ServiceContext, viewer: SignedInViewer, itemId: string): number {
  const seq = visibleItemSeqById(ctx, saveScope(viewer), itemId);
  if (seq === null) throw notFound("item");
  return seq;
}

export function updateSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, patch: UpdateSaveRequest & { tags?: string[] }): Item {
  const themes = patch.themes ? requireThemes(ctx, patch.themes) : undefined;
  const seq = transaction(ctx, () => {
    const { itemSeq, save } = ownSaveOf(ctx, viewer, itemId);
    const wasPublished = visibleToNetwork(ctx, itemSeq);
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
    // Title and kind are the person's own reading of the page: they change their save only.
    if (patch.title || patch.kind) setSaveFacts(ctx, save.seq, { title: patch.title ?? save.title, kind: patch.kind ?? save.kind }, now);
    if (themes) replaceSaveThemes(ctx, save.seq, themes);
    if (patch.tags) replaceSaveTags(ctx, save.seq, patch.tags);
    indexSave(ctx, save.seq, themeTerms(ctx));
    announceIfPublished(ctx, itemSeq, wasPublished, circle.visibility);
    return itemSeq;
  });
  // The caller's own save keeps the item visible to them: shape it without looking it up again.
  return shapeItems(ctx, viewer, [seq])[0]!;
}

/** Removes the caller's save; the item goes with its last save. */
/**
 * Fills in a save from its page as the server read it, for a link that came with only what a file
 * held (an import): the facts it lacks, and its kind and title where `take` says the file gave none,
 * while nobody has edited it since; nothing the person or the file gave is replaced, and only the save
 * of `userId` is touched (a save handed over to the community meanwhile is not theirs any more).
 * The save is found by search on the page's words from then on. `unusable` when the page's facts are
 * not what a clip of it could carry (they are checked as a clip's would be).
 */
export function fillSaveFromPage(ctx: ServiceContext, saveSeq: number, userId: string, page: ExtractedPage, take: { title: boolean; kind: boolean }): "filled" | "unusable" | "gone" {
  const clip = CreateItemRequest.safeParse(toCreateItemRequest(page));
  if (!clip.success) return "unusable";
  if (!fillMissingFacts(ctx, saveSeq, userId, factsFromClip(clip.data), { title: take.title && Boolean(clip.data.title), kind: take.kind })) return "gone";
  indexSave(ctx, saveSeq, themeTerms(ctx));
  return "filled";
}

export function deleteSave(ctx: ServiceContext, viewer: SignedInViewer, itemId: string) {
  transaction(ctx, () => {
    const { itemSeq, save } = ownSaveOf(ctx, viewer, itemId);
    removeSave(ctx, itemSeq, save.seq);
  });
}

/** Removes one save and its search row; the item goes with its last save. Call inside a transaction. */
export function removeSave(ctx: ServiceContext, itemSeq: number, saveSeq: number) {
  deleteSaveRow(ctx, saveSeq);
  unindexSave(ctx, saveSeq);
  if (saveCountOf(ctx, itemSeq) === 0) deleteItem(ctx, itemSeq);
}

/**
 * Records whether the caller applied the item and whether it worked. Marking an item you had not saved
 * yet saves it privately first: lessons about what does not work are knowledge too. That save captured
 * no page, so it holds only what the address says (its title is the address, its kind a guess from it):
 * copying facts from the save the caller was shown would carry them into a circle of the caller's choosing.
 */
export function setOutcome(ctx: ServiceContext, viewer: SignedInViewer, itemId: string, outcome: { applied: boolean; worked: Outcome }): Item {
  const seq = transaction(ctx, () => {
    const itemSeq = visibleItemSeq(ctx, viewer, itemId);
    const now = isoNow(ctx);
    if (!setSaveOutcome(ctx, itemSeq, viewer.user.id, outcome, now)) {
      const circle = resolveCircle(viewer, { visibility: "private" });
      const facts = factsFromClip({ url: itemUrlOf(ctx, itemSeq) });
      const saveSeq = insertSave(ctx, itemSeq, viewer.user.id, { note: "", quote: "", tags: [], sector: [], ...circle }, facts, now, outcome);
      indexSave(ctx, saveSeq, themeTerms(ctx));
    }
    return itemSeq;
  });
  return shapeItems(ctx, viewer, [seq])[0]!;
}
