/**
 * A published snapshot as it may be shown today. It keeps what the bundle's audience could see at
 * publication, but a save deleted or narrowed below that audience since takes its page's excerpt,
 * author, image and video with it at the next render of the page or feed: the title and link stay,
 * marked as no longer shared. The broker's own note stays; they withdraw it by editing the bundle and
 * publishing again.
 */
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { snapshotOf } from "../../db/repositories/bundles";
import { visibleItemIds, visibleSaveSeqs } from "../../db/repositories/library/items";
import type { ServiceContext } from "../../core/context";
import { audienceViewer } from "../../core/viewer";
import { saveScope } from "../access/visibility";

export function stillShared(ctx: ServiceContext, snapshot: BundleSnapshot): BundleSnapshot {
  const scope = saveScope(audienceViewer(snapshot.audience));
  const recorded = snapshot.factsSaves ?? {};
  const liveSaves = visibleSaveSeqs(ctx, scope, Object.values(recorded));
  // Older snapshots name no save: for those, the item must still be visible to the audience at all.
  const unrecorded = snapshot.entries.filter((e) => recorded[e.itemId] === undefined).map((e) => e.itemId);
  const liveItems = visibleItemIds(ctx, scope, unrecorded);
  return {
    ...snapshot,
    entries: snapshot.entries.map((entry) => {
      const save = recorded[entry.itemId];
      const shared = save !== undefined ? liveSaves.has(save) : liveItems.has(entry.itemId);
      return shared ? entry : { ...entry, excerpt: null, author: null, imageUrl: null, video: null, noLongerShared: true };
    }),
  };
}

/** A published version as it may be shown today: every reader of a snapshot's entries goes through this. */
export function shownSnapshot(ctx: ServiceContext, bundleId: string, version: number): BundleSnapshot | null {
  const snapshot = snapshotOf(ctx, bundleId, version);
  return snapshot ? stillShared(ctx, snapshot) : null;
}

/** What changes whenever stillShared would show an entry differently, for a feed's ETag. */
export const sharedStamp = (snapshot: BundleSnapshot) =>
  snapshot.entries
    .filter((e) => e.noLongerShared)
    .map((e) => e.itemId)
    .join(",");
