/**
 * A broker's bundle: a curated, ordered selection of library items with a note per item. Curators edit a
 * working copy under a version check, so two curators editing at once never overwrite each other.
 */
import type { z } from "zod";
import type { Bundle, BundleItemsRequest, CreateBundleRequest, UpdateBundleRequest } from "../../../shared/schemas";
import { itemsVisibleOrInBundle } from "../../db/repositories/library/items";
import { deleteBundleRow, insertBundle, replaceBundleItems, updateBundleAt, type BundleRow } from "../../db/repositories/bundles";
import { transaction } from "../../db/statements";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, invalid } from "../../core/errors";
import { newId } from "../../core/ids";
import type { SignedInViewer } from "../../core/viewer";
import { asBroker, bundleForChange, type CuratedBundle } from "../access/bundles";
import { saveScope } from "../access/visibility";
import { requireThemes } from "../taxonomy/theme-index";
import { getBundle } from "./view";

type CreateBundleInput = z.output<typeof CreateBundleRequest>;
type UpdateBundleInput = z.output<typeof UpdateBundleRequest>;
/** The new item list, and the version it was based on (none: replace whatever is current). */
type BundleItemsInput = { version: number | undefined; items: Exclude<z.output<typeof BundleItemsRequest>, unknown[]>["items"] };

export const versionConflict = (current: number) =>
  conflict(
    "version_conflict",
    `Someone else saved this bundle in the meantime; it is now at version ${current}. Reload it and make your change again.`,
    { currentVersion: current },
  );

/**
 * Writes a change based on `basedOn` and moves the version on. Two curators editing at once both send
 * the version they loaded; the second one gets a conflict instead of silently overwriting the first.
 */
function writeChange(ctx: ServiceContext, bundle: CuratedBundle, basedOn: number | undefined, set: Partial<BundleRow>) {
  const { row } = bundle;
  if (basedOn === undefined) basedOn = row.version;
  if (basedOn !== row.version) throw versionConflict(row.version);
  if (!updateBundleAt(ctx, row.id, basedOn, { ...set, version: row.version + 1, updatedAt: isoNow(ctx) })) throw versionConflict(row.version + 1);
}

export function createBundle(ctx: ServiceContext, viewer: SignedInViewer, input: CreateBundleInput): Bundle {
  const broker = asBroker(viewer, "Only brokers (makelaars) can create bundles.");
  const themes = requireThemes(ctx, input.themes);
  const now = isoNow(ctx);
  const id = newId();
  transaction(ctx, () =>
    insertBundle(
      ctx,
      {
        id,
        title: input.title,
        about: input.about,
        use: input.use,
        themes,
        sector: [...new Set(input.sector ?? [])],
        audience: input.audience,
        status: "draft",
        version: 1,
        createdBy: broker.user.id,
        createdAt: now,
        updatedAt: now,
      },
      broker.user.id,
    ),
  );
  return getBundle(ctx, viewer, id);
}

export function updateBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string, patch: UpdateBundleInput): Bundle {
  const themes = patch.themes ? requireThemes(ctx, patch.themes) : undefined;
  transaction(ctx, () => {
    const bundle = bundleForChange(ctx, viewer, id);
    const set: Partial<BundleRow> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.about !== undefined) set.about = patch.about;
    if (patch.use !== undefined) set.use = patch.use;
    if (themes) set.themes = themes;
    if (patch.sector) set.sector = [...new Set(patch.sector)];
    if (patch.audience) set.audience = patch.audience;
    writeChange(ctx, bundle, patch.version, set);
  });
  return getBundle(ctx, viewer, id);
}

/**
 * Replaces the ordered item list (checked against the version it was based on, when one is named). New items must be visible to the curator making the change; items
 * already in the bundle may stay even when this curator cannot see them (a co-curator added them from
 * their own circle), so one curator's narrower view never forces the others' choices out.
 */
export function setBundleItems(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: BundleItemsInput): Bundle {
  transaction(ctx, () => {
    const bundle = bundleForChange(ctx, viewer, id);
    const ids = input.items.map((i) => i.itemId);
    const found = ids.length ? itemsVisibleOrInBundle(ctx, saveScope(viewer), bundle.row.id, ids) : [];
    const seqOf = new Map(found.filter((f) => f.allowed).map((f) => [f.id, f.seq]));
    const refused = input.items.flatMap((entry, index) => (seqOf.has(entry.itemId) ? [] : [{ index, itemId: entry.itemId }]));
    if (refused.length) {
      throw invalid(
        "items_not_visible",
        `These items do not exist or you cannot see them: ${refused.map((r) => r.itemId).join(", ")}.`,
        refused.map((r) => ({ path: ["items", r.index, "itemId"], message: `item ${r.itemId} does not exist or is not visible to you` })),
      );
    }
    writeChange(ctx, bundle, input.version, {});
    replaceBundleItems(ctx, bundle.row.id, input.items.map((entry) => ({ itemSeq: seqOf.get(entry.itemId)!, note: entry.note })));
  });
  return getBundle(ctx, viewer, id);
}

export function deleteBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string) {
  transaction(ctx, () => deleteBundleRow(ctx, bundleForChange(ctx, viewer, id).row.id));
}
