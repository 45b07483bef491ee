/**
 * Many saves at once: the library's selection gets themes added or removed, a new circle, a place in a
 * bundle, or is deleted — in one transaction, so a refusal for one save changes none of them.
 *
 * Only the caller's own saves can be named (a colleague's save of the same page is theirs to change). A
 * circle change that lets more people see any of the saves is refused until the person confirms it, and
 * the refusal says how many people would newly see them: a selection quietly moved from a school to the
 * network is exactly the widening the privacy rules keep from happening by accident. Narrowing needs no
 * confirmation.
 */
import { BUNDLE_ITEM_LIMIT, LIMITS, type BulkChange, type BulkSavesResponse, type WideningDetails } from "../../../shared/schemas";
import { ownSavesOfItems, replaceSaveThemes, setSaveCircle, type OwnSaveOfItem } from "../../db/repositories/library/items";
import { indexSave } from "../../db/repositories/library/search-index";
import { circleMemberIds } from "../../db/repositories/memberships";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { setBundleItems } from "../bundles/editing";
import { getBundle } from "../bundles/view";
import { requireThemes } from "../taxonomy/theme-index";
import { resolveCircle, type Circle } from "./circles";
import { shapeItems } from "./item-view";
import { announceIfPublished, removeSave, themeTerms, visibleToNetwork } from "./saves";

const sameCircle = (a: Circle, b: Circle) =>
  a.visibility === b.visibility &&
  (a.visibility !== "school" || a.schoolId === b.schoolId) &&
  (a.visibility !== "community" || a.communityId === b.communityId);

/** The caller's saves of every named item, in the order named; any item without one refuses the whole change. */
function ownSavesOrRefuse(ctx: ServiceContext, viewer: SignedInViewer, itemIds: string[]): OwnSaveOfItem[] {
  const found = new Map(ownSavesOfItems(ctx, viewer.user.id, itemIds).map((save) => [save.itemId, save]));
  const missing = itemIds.flatMap((id, index) => (found.has(id) ? [] : [{ id, index }]));
  if (missing.length) {
    throw invalid(
      "not_your_saves",
      `You have no save of these items, so nothing was changed: ${missing.map((m) => m.id).join(", ")}.`,
      missing.map((m) => ({ path: ["itemIds", m.index], message: `item ${m.id} is not in your library` })),
    );
  }
  return itemIds.map((id) => found.get(id)!);
}

/**
 * Who would newly see the saves in `target`: people in the target circle outside every old circle (the
 * person themself never counts), and whether the saves would reach the open web.
 */
function wideningOf(ctx: ServiceContext, viewer: SignedInViewer, saves: OwnSaveOfItem[], target: Circle): WideningDetails {
  const members = new Map<string, Set<string>>();
  const membersOf = (circle: Circle) => {
    const key = `${circle.visibility}:${circle.visibility === "school" ? circle.schoolId : circle.visibility === "community" ? circle.communityId : ""}`;
    let found = members.get(key);
    if (!found) members.set(key, (found = new Set(circleMemberIds(ctx, circle))));
    return found;
  };
  const targetMembers = membersOf(target);
  const newly = new Set<string>();
  let widenedSaves = 0;
  for (const save of saves) {
    const before = membersOf(save);
    let widened = target.visibility === "public" && save.visibility !== "public";
    for (const id of targetMembers) {
      if (id !== viewer.user.id && !before.has(id)) {
        newly.add(id);
        widened = true;
      }
    }
    if (widened) widenedSaves++;
  }
  return { widenedSaves, newlyVisibleTo: newly.size, public: target.visibility === "public" && widenedSaves > 0 };
}

function changeThemes(ctx: ServiceContext, saves: OwnSaveOfItem[], add: string[], remove: string[]): number {
  const adding = add.length ? requireThemes(ctx, add) : [];
  const removing = new Set(remove);
  const terms = themeTerms(ctx);
  let changed = 0;
  for (const save of saves) {
    const next = [...new Set([...save.themes.filter((slug) => !removing.has(slug)), ...adding])];
    if (next.length === save.themes.length && next.every((slug) => save.themes.includes(slug))) continue;
    if (next.length > LIMITS.themes) {
      throw invalid("too_many_themes", `A save has at most ${LIMITS.themes} themes; item ${save.itemId} would have ${next.length}.`, [{ path: ["change", "add"], message: "too many themes for one save" }]);
    }
    replaceSaveThemes(ctx, save.saveSeq, next);
    indexSave(ctx, save.saveSeq, terms);
    changed++;
  }
  return changed;
}

function changeCircle(ctx: ServiceContext, viewer: SignedInViewer, saves: OwnSaveOfItem[], change: Extract<BulkChange, { type: "circle" }>): number {
  const target = resolveCircle(viewer, change);
  const moving = saves.filter((save) => !sameCircle(save, target));
  const widening = wideningOf(ctx, viewer, moving, target);
  if (widening.widenedSaves > 0 && change.confirmWidening !== true) {
    throw conflict(
      "widening_needs_confirmation",
      `${widening.widenedSaves} of these saves would be seen by more people (${widening.newlyVisibleTo} more with an account${widening.public ? ", and anyone on the web" : ""}). Send confirmWidening: true to go ahead.`,
      { ...widening },
    );
  }
  const now = isoNow(ctx);
  const terms = themeTerms(ctx);
  for (const save of moving) {
    const wasPublished = visibleToNetwork(ctx, save.itemSeq);
    setSaveCircle(ctx, save.saveSeq, target, now);
    indexSave(ctx, save.saveSeq, terms);
    announceIfPublished(ctx, save.itemSeq, wasPublished, target.visibility);
  }
  return moving.length;
}

function addToBundle(ctx: ServiceContext, viewer: SignedInViewer, saves: OwnSaveOfItem[], change: Extract<BulkChange, { type: "bundle" }>) {
  const bundle = getBundle(ctx, viewer, change.bundleId);
  const present = new Set(bundle.items.map((entry) => entry.itemId));
  const adding = saves.filter((save) => !present.has(save.itemId));
  const items = [...bundle.items.map((entry) => ({ itemId: entry.itemId, note: entry.note })), ...adding.map((save) => ({ itemId: save.itemId, note: "" }))];
  if (items.length > BUNDLE_ITEM_LIMIT) {
    throw invalid("bundle_full", `A bundle holds at most ${BUNDLE_ITEM_LIMIT} items; this one has ${bundle.items.length} and ${adding.length} would be added.`, [
      { path: ["itemIds"], message: `at most ${BUNDLE_ITEM_LIMIT - bundle.items.length} more items fit` },
    ]);
  }
  const updated = adding.length ? setBundleItems(ctx, viewer, change.bundleId, { version: change.version ?? bundle.version, items }) : bundle;
  return { changed: adding.length, bundle: updated };
}

function deleteSaves(ctx: ServiceContext, saves: OwnSaveOfItem[]): number {
  for (const save of saves) removeSave(ctx, save.itemSeq, save.saveSeq);
  return saves.length;
}

/** Applies one change to the caller's saves of the named items, all or nothing. */
export function bulkChangeSaves(ctx: ServiceContext, viewer: SignedInViewer, itemIds: string[], change: BulkChange): BulkSavesResponse {
  return transaction(ctx, () => {
    const saves = ownSavesOrRefuse(ctx, viewer, itemIds);
    switch (change.type) {
      case "themes":
        return { changed: changeThemes(ctx, saves, change.add, change.remove), items: shapeItems(ctx, viewer, saves.map((s) => s.itemSeq)) };
      case "circle":
        return { changed: changeCircle(ctx, viewer, saves, change), items: shapeItems(ctx, viewer, saves.map((s) => s.itemSeq)) };
      case "bundle": {
        const { changed, bundle } = addToBundle(ctx, viewer, saves, change);
        return { changed, items: shapeItems(ctx, viewer, saves.map((s) => s.itemSeq)), bundle };
      }
      case "delete":
        return { changed: deleteSaves(ctx, saves), items: [] };
    }
  });
}
