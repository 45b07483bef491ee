/**
 * Bundles as the caller sees them: curators get the working copy (with each item as they themselves may
 * see it), everyone else the newest published snapshot.
 */
import type { Bundle, BundleListQuery } from "../../../shared/schemas";
import type { Item } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import { decodePosition, pageOf } from "../../db/paging";
import { bundlePage, bundlesByIds, curatorsOf, workingItems, type BundleRow, type WorkingItem } from "../../db/repositories/bundles";
import type { ServiceContext } from "../../core/context";
import { unauthenticated } from "../../core/errors";
import type { Viewer } from "../../core/viewer";
import { accessesFor, bundleForRead, type BundleAccess } from "../access/bundles";
import { audiencesReadBy } from "../access/visibility";
import { renamed } from "../accounts/public-name";
import { shapeItems } from "../library/item-view";
import { stillShared } from "./still-shared";

type CuratorView = Bundle["curators"][number];

/** What a publication fixes, for comparing the working copy with the newest snapshot. */
export const workingDigest = (row: BundleRow, working: WorkingItem[], curators: CuratorView[]) =>
  JSON.stringify([row.title, row.about, row.use, row.themes, row.sector, row.audience, working.map((w) => [w.itemId, w.note]), curators.map((c) => [c.id, c.role])]);
export const snapshotDigest = (s: BundleSnapshot) =>
  JSON.stringify([s.title, s.about, s.use, s.themes, s.sector, s.audience, s.entries.map((e) => [e.itemId, e.note]), s.curators.map((c) => [c.id, c.role])]);

function shapeBundles(ctx: ServiceContext, viewer: Viewer, accesses: BundleAccess[]): Bundle[] {
  const curated = accesses.filter((a) => a.curator).map((a) => a.row.id);
  const working = workingItems(ctx, curated);
  const curators = curatorsOf(ctx, curated);
  const seqs = [...new Set([...working.values()].flat().map((w) => w.seq))];
  // Curators see each item as they themselves may see it: an item a co-curator added from a circle this
  // curator is not in shows up as `item: null`, with only the bundle's own note.
  const itemsById = new Map<string, Item>(shapeItems(ctx, viewer, seqs).map((item) => [item.id, item]));

  return accesses.map(({ row, curator, snapshot: published }) => {
    const snapshot = published && stillShared(ctx, published);
    const publicUrl = row.slug ? ctx.links.bundlePage(row.slug) : null;
    const publishedAt = snapshot?.publishedAt ?? null;
    if (!curator) {
      const s = snapshot!;
      return {
        id: row.id,
        title: s.title,
        about: s.about,
        use: s.use,
        themes: s.themes,
        sector: s.sector,
        audience: s.audience,
        status: "published",
        // Readers cannot change the bundle; the working copy's version is none of their business.
        version: row.publishedVersion!,
        publishedVersion: row.publishedVersion,
        unpublishedChanges: false,
        slug: row.slug,
        publicUrl,
        curators: renamed(ctx, s.curators.map(({ id, name, role }) => ({ id, name, role })), "colleagues"),
        items: s.entries.map((entry) => ({ itemId: entry.itemId, note: entry.note, item: null, entry })),
        isCurator: false,
        createdAt: row.createdAt,
        updatedAt: s.publishedAt,
        publishedAt,
      } satisfies Bundle;
    }
    const list = working.get(row.id) ?? [];
    const people = renamed(ctx, curators.get(row.id) ?? [], "colleagues");
    const entries = new Map((snapshot?.entries ?? []).map((e) => [e.itemId, e]));
    return {
      id: row.id,
      title: row.title,
      about: row.about,
      use: row.use,
      themes: row.themes,
      sector: row.sector,
      audience: row.audience,
      status: row.status,
      version: row.version,
      publishedVersion: row.publishedVersion,
      unpublishedChanges: snapshot !== null && workingDigest(row, list, people) !== snapshotDigest(snapshot),
      slug: row.slug,
      publicUrl,
      curators: people,
      items: list.map((w) => ({ itemId: w.itemId, note: w.note, item: itemsById.get(w.itemId) ?? null, entry: entries.get(w.itemId) ?? null })),
      isCurator: true,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      publishedAt,
    } satisfies Bundle;
  });
}

export function getBundle(ctx: ServiceContext, viewer: Viewer, id: string): Bundle {
  return bundleView(ctx, viewer, bundleForRead(ctx, viewer, id));
}

/** A bundle the caller's access was already checked for, as they may see it. */
export const bundleView = (ctx: ServiceContext, viewer: Viewer, access: BundleAccess): Bundle => shapeBundles(ctx, viewer, [access])[0]!;

/**
 * The caller's bundles as curator (drafts and published) and the published bundles in their audience,
 * newest first. Creation time orders the list because it never changes, so a cursor stays valid while
 * curators keep editing.
 */
export function listBundles(ctx: ServiceContext, viewer: Viewer, query: BundleListQuery) {
  if (query.curatedBy === "me" && viewer.kind !== "user") throw unauthenticated();
  const ids = bundlePage(ctx, {
    curatorId: viewer.kind === "user" ? viewer.user.id : null,
    curatedOnly: query.curatedBy === "me",
    audiences: audiencesReadBy(viewer),
    status: query.status,
    after: decodePosition(query.cursor),
    limit: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(ids, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  const rows = bundlesByIds(ctx, page.map((r) => r.id));
  return { bundles: shapeBundles(ctx, viewer, accessesFor(ctx, viewer, rows)), nextCursor };
}
