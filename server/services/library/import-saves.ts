/**
 * Many saves of one person at once, for an import: the rules of saveItem (one item per normalised URL,
 * the circle checked against the person's memberships, the themes resolved, item.published when a save
 * first shows an item to the network) with one lookup per batch instead of several per link. A link the
 * person saved before keeps their save as they made it: the import only reports the merge. The search
 * row of each new save is the caller's to write (indexImportedSaves): the import writes them in larger
 * groups than its batches, and its job is not done before every one is written.
 */
import type { CreateItemInput } from "../../../shared/schemas";
import { isoNow, type ServiceContext } from "../../core/context";
import { DomainError } from "../../core/errors";
import { newId } from "../../core/ids";
import { NETWORK_AUDIENCE, type SignedInViewer } from "../../core/viewer";
import { insertBulkItem, insertBulkSave, itemsByKeys, itemsSavedBy, type KnownItem } from "../../db/repositories/library/bulk-saves";
import { visibleItemSeqs } from "../../db/repositories/library/items";
import { indexMissingSaves } from "../../db/repositories/library/search-index";
import { saveScope } from "../access/visibility";
import { requireThemes } from "../taxonomy/theme-index";
import { resolveCircle, type Circle } from "./circles";
import { announceIfPublished, factsFromClip, keyFor, saveFields, themeTerms } from "./saves";

export interface ImportedSave {
  input: CreateItemInput;
  /** When the file says the link was saved; the save is dated so. */
  savedAt?: string;
}

export type ImportedSaveResult =
  /** saveSeq: the save this link wrote, still without its search row; null when the person's save was there before. */
  | { outcome: "imported" | "merged"; itemId: string; saveSeq: number | null }
  | { outcome: "skipped"; reason: "not_allowed" | "invalid_url" };

interface Checked {
  urlKey: string;
  themes: string[];
  circle: Circle;
}

/** A link the rules refuse is skipped on its own, as saveItem's errors were for one clip. */
function check(ctx: ServiceContext, viewer: SignedInViewer, input: CreateItemInput, themeCache: Map<string, string[]>): Checked | ImportedSaveResult {
  try {
    const urlKey = keyFor(input.url, input.meta?.canonicalUrl);
    const named = input.themes ?? [];
    const cacheKey = named.join("\u0000");
    let themes = themeCache.get(cacheKey);
    if (!themes) themeCache.set(cacheKey, (themes = requireThemes(ctx, named)));
    return { urlKey, themes, circle: resolveCircle(viewer, input) };
  } catch (error) {
    if (error instanceof DomainError && error.kind === "forbidden") return { outcome: "skipped", reason: "not_allowed" };
    if (error instanceof DomainError && error.kind === "invalid") return { outcome: "skipped", reason: "invalid_url" };
    throw error;
  }
}

/** Stores the saves in the caller's transaction; one result per save, in order. */
export function storeImportedSaves(ctx: ServiceContext, viewer: SignedInViewer, saves: readonly ImportedSave[]): ImportedSaveResult[] {
  const themeCache = new Map<string, string[]>();
  const checked = saves.map((save) => check(ctx, viewer, save.input, themeCache));
  const keys = checked.flatMap((c) => ("urlKey" in c ? [c.urlKey] : []));
  const known = itemsByKeys(ctx, keys);
  const knownSeqs = [...known.values()].map((item) => item.seq);
  const savedBefore = itemsSavedBy(ctx, viewer.user.id, knownSeqs);
  const visibleToImporter = new Set(knownSeqs.length ? visibleItemSeqs(ctx, saveScope(viewer), knownSeqs) : []);
  const visibleToNetwork = new Set(knownSeqs.length ? visibleItemSeqs(ctx, saveScope(NETWORK_AUDIENCE), knownSeqs) : []);
  const now = isoNow(ctx);

  return saves.map(({ input, savedAt }, i): ImportedSaveResult => {
    const c = checked[i]!;
    if (!("urlKey" in c)) return c;
    const item: KnownItem | undefined = known.get(c.urlKey);
    if (item && savedBefore.has(item.seq)) return { outcome: "merged", itemId: item.id, saveSeq: null };
    let target = item;
    if (!target) {
      const id = newId();
      target = { seq: insertBulkItem(ctx, id, c.urlKey), id };
      // A second link with the same key in this batch meets the save written now, as a second clip would.
      known.set(c.urlKey, target);
    }
    savedBefore.add(target.seq);
    const saveSeq = insertBulkSave(ctx, {
      itemSeq: target.seq,
      userId: viewer.user.id,
      facts: factsFromClip(input),
      fields: saveFields(input, c.circle),
      themes: c.themes,
      at: savedAt ?? now,
    });
    announceIfPublished(ctx, target.seq, item !== undefined && visibleToNetwork.has(item.seq), c.circle.visibility);
    return { outcome: item && visibleToImporter.has(item.seq) ? "merged" : "imported", itemId: target.id, saveSeq };
  });
}

/** Writes the search rows these saves do not have yet (see indexMissingSaves); how many it wrote. */
export const indexImportedSaves = (ctx: ServiceContext, saveSeqs: Iterable<number>) => indexMissingSaves(ctx, saveSeqs, themeTerms(ctx));
