/**
 * Bundles: a broker's curated, ordered selection of library items with a note per item. Curators edit a
 * working copy under a version check; publishing freezes it into a snapshot (bundle_versions) that the
 * page, feeds and offers read, so later changes in the library cannot break what schools were offered.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type {
  Audience,
  Bundle,
  BundleEntry,
  BundleItemsRequest,
  BundleListQuery,
  CreateBundleRequest,
  PublishRequest,
  UpdateBundleRequest,
} from "../../../shared/bundle-schemas";
import { VISIBILITIES, type Item, type Visibility } from "../../../shared/schemas";
import { themeSlug } from "../../../shared/themes";
import { bundleCurators, bundleItems, bundles, bundleVersions, items, users } from "../../db/schema";
import type { BundleSnapshot } from "./snapshot";
import { isoNow, type ServiceContext } from "../../core/context";
import { conflict, forbidden, invalid, notFound, unauthenticated } from "../../core/errors";
import { newId } from "../../core/ids";
import { audienceViewer, isBroker, type SignedInViewer, type Viewer } from "../../core/viewer";
import { decodePosition, pageOf } from "../../db/paging";
import { shapeItems } from "../library/item-view";
import { requireThemes } from "../taxonomy/theme-index";
import { audienceIncludes, audiencesReadBy, saveScope } from "../access/visibility";
import { visibleItem, visibleSave } from "../../db/visibility";

type BundleRow = typeof bundles.$inferSelect;
type CreateBundleInput = z.output<typeof CreateBundleRequest>;
type UpdateBundleInput = z.output<typeof UpdateBundleRequest>;
type BundleItemsInput = z.output<typeof BundleItemsRequest>;
type PublishInput = z.output<typeof PublishRequest>;
type CuratorView = Bundle["curators"][number];

/** A bundle as the caller reached it: curators work on the working copy, everyone else reads the snapshot. */
export interface BundleAccess {
  row: BundleRow;
  curator: boolean;
  snapshot: BundleSnapshot | null;
}


// ---------------------------------------------------------------------------------------------------
// Loading, with the access rule

/** The newest published snapshot of each bundle that has one. */
function latestSnapshots(ctx: ServiceContext, ids: string[]): Map<string, BundleSnapshot> {
  if (ids.length === 0) return new Map();
  return new Map(
    ctx.db
      .select({ id: bundleVersions.bundleId, content: bundleVersions.content })
      .from(bundleVersions)
      .innerJoin(bundles, and(eq(bundles.id, bundleVersions.bundleId), eq(bundles.publishedVersion, bundleVersions.number)))
      .where(inArray(bundles.id, ids))
      .all()
      .map((r) => [r.id, r.content as BundleSnapshot] as const),
  );
}

function accessesFor(ctx: ServiceContext, viewer: Viewer, rows: BundleRow[]): BundleAccess[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const curated = new Set(
    viewer.kind === "user"
      ? ctx.db
          .select({ id: bundleCurators.bundleId })
          .from(bundleCurators)
          .where(and(eq(bundleCurators.userId, viewer.user.id), inArray(bundleCurators.bundleId, ids)))
          .all()
          .map((r) => r.id)
      : [],
  );
  const snapshots = latestSnapshots(ctx, ids);
  return rows.map((row) => ({ row, curator: curated.has(row.id), snapshot: snapshots.get(row.id) ?? null }));
}

const readable = (access: BundleAccess, viewer: Viewer) =>
  access.curator || (access.row.status === "published" && access.snapshot !== null && audienceIncludes(access.snapshot.audience, viewer));

/** A bundle the caller may read; drafts and bundles outside the caller's audience do not exist for them (404). */
export function bundleForRead(ctx: ServiceContext, viewer: Viewer, id: string): BundleAccess {
  const row = ctx.db.select().from(bundles).where(eq(bundles.id, id)).get();
  const access = row ? accessesFor(ctx, viewer, [row])[0]! : null;
  if (!access || !readable(access, viewer)) throw notFound("bundle");
  return access;
}

/**
 * A bundle the caller curates: 404 when they cannot even read it, 403 when they read it but do not curate
 * it, and 403 when they curate it but are no longer a broker (curating is the broker's role: taking the
 * role away takes the power to publish, offer and follow reach with it).
 */
export function bundleForChange(ctx: ServiceContext, viewer: SignedInViewer, id: string): BundleAccess {
  const access = bundleForRead(ctx, viewer, id);
  if (!access.curator) throw forbidden("not_a_curator", "Only the bundle's curators may change it.");
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) may change bundles; this account no longer has that role.");
  return access;
}

/** The snapshot a published bundle shows, by its slug; null for unknown slugs and drafts. */
export function publishedBySlug(ctx: ServiceContext, slug: string): { row: BundleRow; snapshot: BundleSnapshot } | null {
  const row = ctx.db.select().from(bundles).where(eq(bundles.slug, slug)).get();
  if (!row || row.status !== "published") return null;
  const snapshot = latestSnapshots(ctx, [row.id]).get(row.id);
  return snapshot ? { row, snapshot } : null;
}

interface WorkingItem {
  bundleId: string;
  seq: number;
  itemId: string;
  note: string;
}

function workingItems(ctx: ServiceContext, bundleIds: string[]): Map<string, WorkingItem[]> {
  const out = new Map<string, WorkingItem[]>(bundleIds.map((id) => [id, []]));
  if (bundleIds.length === 0) return out;
  const rows = ctx.db
    .select({ bundleId: bundleItems.bundleId, seq: bundleItems.itemSeq, itemId: items.id, note: bundleItems.note })
    .from(bundleItems)
    .innerJoin(items, eq(items.seq, bundleItems.itemSeq))
    .where(inArray(bundleItems.bundleId, bundleIds))
    .orderBy(asc(bundleItems.bundleId), asc(bundleItems.position))
    .all();
  for (const row of rows) out.get(row.bundleId)!.push(row);
  return out;
}

/** Curators per bundle, the owner first, then in the order they joined. */
function curatorsOf(ctx: ServiceContext, bundleIds: string[]): Map<string, CuratorView[]> {
  const out = new Map<string, CuratorView[]>(bundleIds.map((id) => [id, []]));
  if (bundleIds.length === 0) return out;
  const rows = ctx.db
    .select({ bundleId: bundleCurators.bundleId, id: users.id, name: users.name, role: bundleCurators.role, since: bundleCurators.createdAt })
    .from(bundleCurators)
    .innerJoin(users, eq(users.id, bundleCurators.userId))
    .where(inArray(bundleCurators.bundleId, bundleIds))
    .orderBy(sql`CASE ${bundleCurators.role} WHEN 'owner' THEN 0 ELSE 1 END`, asc(bundleCurators.createdAt), asc(users.id))
    .all();
  for (const { bundleId, id, name, role } of rows) out.get(bundleId)!.push({ id, name, role });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Shaping

/** What a publication fixes, for comparing the working copy with the newest snapshot. */
const workingDigest = (row: BundleRow, working: WorkingItem[], curators: CuratorView[]) =>
  JSON.stringify([row.title, row.about, row.use, row.themes, row.sector, row.audience, working.map((w) => [w.itemId, w.note]), curators.map((c) => [c.id, c.role])]);
const snapshotDigest = (s: BundleSnapshot) =>
  JSON.stringify([s.title, s.about, s.use, s.themes, s.sector, s.audience, s.entries.map((e) => [e.itemId, e.note]), s.curators.map((c) => [c.id, c.role])]);

function shapeBundles(ctx: ServiceContext, viewer: Viewer, accesses: BundleAccess[]): Bundle[] {
  const curated = accesses.filter((a) => a.curator).map((a) => a.row.id);
  const working = workingItems(ctx, curated);
  const curators = curatorsOf(ctx, curated);
  const seqs = [...new Set([...working.values()].flat().map((w) => w.seq))];
  // Curators see each item as they themselves may see it: an item a co-curator added from a circle this
  // curator is not in shows up as `item: null`, with only the bundle's own note.
  const itemsById = new Map<string, Item>(shapeItems(ctx, viewer, seqs).map((item) => [item.id, item]));

  return accesses.map(({ row, curator, snapshot }) => {
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
        curators: s.curators.map(({ id, name, role }) => ({ id, name, role })),
        items: s.entries.map((entry) => ({ itemId: entry.itemId, note: entry.note, item: null, entry })),
        isCurator: false,
        createdAt: row.createdAt,
        updatedAt: s.publishedAt,
        publishedAt,
      } satisfies Bundle;
    }
    const list = working.get(row.id) ?? [];
    const people = curators.get(row.id) ?? [];
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
  return shapeBundles(ctx, viewer, [bundleForRead(ctx, viewer, id)])[0]!;
}

/**
 * The caller's bundles as curator (drafts and published) and the published bundles in their audience,
 * newest first. Creation time orders the list because it never changes, so a cursor stays valid while
 * curators keep editing.
 */
export function listBundles(ctx: ServiceContext, viewer: Viewer, query: BundleListQuery) {
  if (query.curatedBy === "me" && viewer.kind !== "user") throw unauthenticated();
  const cursor = decodePosition(query.cursor);
  const curated = viewer.kind === "user" ? sql`EXISTS (SELECT 1 FROM bundle_curators bc WHERE bc.bundle_id = b.id AND bc.user_id = ${viewer.user.id})` : sql`0`;
  const published = sql`(b.status = 'published' AND json_extract(bv.content, '$.audience') IN ${audiencesReadBy(viewer)})`;
  const where: SQL[] = [query.curatedBy === "me" ? curated : sql`(${curated} OR ${published})`];
  if (query.status) where.push(sql`b.status = ${query.status}`);
  if (cursor) where.push(sql`(b.created_at < ${cursor.at} OR (b.created_at = ${cursor.at} AND b.id < ${cursor.id}))`);
  const ids = ctx.db.all<{ id: string; createdAt: string }>(
    sql`SELECT b.id AS id, b.created_at AS createdAt FROM bundles b
        LEFT JOIN bundle_versions bv ON bv.bundle_id = b.id AND bv.number = b.published_version
        WHERE ${sql.join(where, sql` AND `)} ORDER BY b.created_at DESC, b.id DESC LIMIT ${query.limit + 1}`,
  );
  const { page, nextCursor } = pageOf(ids, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  const rows = page.length ? ctx.db.select().from(bundles).where(inArray(bundles.id, page.map((r) => r.id))).all() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = page.flatMap((r) => byId.get(r.id) ?? []);
  return { bundles: shapeBundles(ctx, viewer, accessesFor(ctx, viewer, ordered)), nextCursor };
}

// ---------------------------------------------------------------------------------------------------
// Editing the working copy

const versionConflict = (current: number) =>
  conflict(
    "version_conflict",
    `Someone else saved this bundle in the meantime; it is now at version ${current}. Reload it and make your change again.`,
    { currentVersion: current },
  );

/**
 * Writes a change based on `basedOn` and moves the version on. Two curators editing at once both send
 * the version they loaded; the second one gets a conflict instead of silently overwriting the first.
 */
function writeChange(ctx: ServiceContext, row: BundleRow, basedOn: number, set: Partial<BundleRow>) {
  if (basedOn !== row.version) throw versionConflict(row.version);
  const result = ctx.db
    .update(bundles)
    .set({ ...set, version: row.version + 1, updatedAt: isoNow(ctx) })
    .where(and(eq(bundles.id, row.id), eq(bundles.version, basedOn)))
    .run();
  if (result.changes !== 1) throw versionConflict(row.version + 1);
}

export function createBundle(ctx: ServiceContext, viewer: SignedInViewer, input: CreateBundleInput): Bundle {
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) can create bundles.");
  const themes = requireThemes(ctx, input.themes);
  const now = isoNow(ctx);
  const id = newId();
  ctx.db.transaction(() => {
    ctx.db
      .insert(bundles)
      .values({
        id,
        title: input.title,
        about: input.about,
        use: input.use,
        themes,
        sector: [...new Set(input.sector ?? [])],
        audience: input.audience,
        status: "draft",
        version: 1,
        createdBy: viewer.user.id,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    ctx.db.insert(bundleCurators).values({ bundleId: id, userId: viewer.user.id, role: "owner", createdAt: now }).run();
  });
  return getBundle(ctx, viewer, id);
}

export function updateBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string, patch: UpdateBundleInput): Bundle {
  const themes = patch.themes ? requireThemes(ctx, patch.themes) : undefined;
  ctx.db.transaction(() => {
    const { row } = bundleForChange(ctx, viewer, id);
    const set: Partial<BundleRow> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.about !== undefined) set.about = patch.about;
    if (patch.use !== undefined) set.use = patch.use;
    if (themes) set.themes = themes;
    if (patch.sector) set.sector = [...new Set(patch.sector)];
    if (patch.audience) set.audience = patch.audience;
    writeChange(ctx, row, patch.version, set);
  });
  return getBundle(ctx, viewer, id);
}

/**
 * Replaces the ordered item list. New items must be visible to the curator making the change; items
 * already in the bundle may stay even when this curator cannot see them (a co-curator added them from
 * their own circle), so one curator's narrower view never forces the others' choices out.
 */
export function setBundleItems(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: BundleItemsInput): Bundle {
  ctx.db.transaction(() => {
    const { row } = bundleForChange(ctx, viewer, id);
    const ids = input.items.map((i) => i.itemId);
    const found = ids.length
      ? ctx.db.all<{ seq: number; id: string; allowed: number }>(
          sql`SELECT i.seq AS seq, i.id AS id,
                (${visibleItem(saveScope(viewer))} OR EXISTS (SELECT 1 FROM bundle_items bi WHERE bi.bundle_id = ${row.id} AND bi.item_seq = i.seq)) AS allowed
              FROM items i WHERE i.id IN ${ids}`,
        )
      : [];
    const seqOf = new Map(found.filter((f) => f.allowed).map((f) => [f.id, f.seq]));
    const refused = input.items.flatMap((entry, index) => (seqOf.has(entry.itemId) ? [] : [{ index, itemId: entry.itemId }]));
    if (refused.length) {
      throw invalid(
        "items_not_visible",
        `These items do not exist or you cannot see them: ${refused.map((r) => r.itemId).join(", ")}.`,
        refused.map((r) => ({ path: ["items", r.index, "itemId"], message: `item ${r.itemId} does not exist or is not visible to you` })),
      );
    }
    writeChange(ctx, row, input.version, {});
    ctx.db.delete(bundleItems).where(eq(bundleItems.bundleId, row.id)).run();
    if (input.items.length) {
      ctx.db
        .insert(bundleItems)
        .values(input.items.map((entry, position) => ({ bundleId: row.id, itemSeq: seqOf.get(entry.itemId)!, position, note: entry.note })))
        .run();
    }
  });
  return getBundle(ctx, viewer, id);
}

export function deleteBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string) {
  ctx.db.transaction(() => {
    const { row } = bundleForChange(ctx, viewer, id);
    ctx.db.delete(bundles).where(eq(bundles.id, row.id)).run();
  });
}

// ---------------------------------------------------------------------------------------------------
// Curators

/** The brokers a broker can invite as co-curators. */
export function listBrokers(ctx: ServiceContext, viewer: SignedInViewer) {
  if (!isBroker(viewer)) throw forbidden("broker_only", "Only brokers (makelaars) can look up other brokers.");
  return ctx.db.all<{ id: string; name: string }>(
    sql`SELECT u.id AS id, u.name AS name FROM users u
        WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM json_each(u.roles) r WHERE r.value = 'broker')
        ORDER BY u.name, u.id`,
  );
}

/** Adds a co-curator; adding someone who already curates changes nothing (`added: false`). */
export function addCurator(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  const added = ctx.db.transaction(() => {
    const { row } = bundleForChange(ctx, viewer, id);
    const user = ctx.db.select().from(users).where(eq(users.id, userId)).get();
    if (!user || user.disabled) throw invalid("unknown_user", "There is no active account with this id.", [{ path: ["userId"], message: "unknown user" }]);
    if (!user.roles.includes("broker")) {
      throw invalid("curator_not_broker", `${user.name} is not a broker (makelaar); only brokers can curate bundles.`, [{ path: ["userId"], message: "not a broker" }]);
    }
    const result = ctx.db
      .insert(bundleCurators)
      .values({ bundleId: row.id, userId, role: "curator", createdAt: isoNow(ctx) })
      .onConflictDoNothing()
      .run();
    return result.changes > 0;
  });
  return { bundle: getBundle(ctx, viewer, id), added };
}

/**
 * Removes a curator (a curator may also step down). A bundle keeps at least one curator; when the owner
 * leaves, the longest-serving co-curator becomes owner, so staff turnover never orphans a bundle.
 */
export function removeCurator(ctx: ServiceContext, viewer: SignedInViewer, id: string, userId: string) {
  ctx.db.transaction(() => {
    const { row } = bundleForChange(ctx, viewer, id);
    const people = curatorsOf(ctx, [row.id]).get(row.id)!;
    const leaving = people.find((p) => p.id === userId);
    if (!leaving) throw notFound("curator of this bundle");
    if (people.length === 1) throw conflict("last_curator", "A bundle needs at least one curator; add another broker first.");
    ctx.db.delete(bundleCurators).where(and(eq(bundleCurators.bundleId, row.id), eq(bundleCurators.userId, userId))).run();
    if (leaving.role === "owner") {
      const successor = people.find((p) => p.id !== userId)!;
      ctx.db
        .update(bundleCurators)
        .set({ role: "owner" })
        .where(and(eq(bundleCurators.bundleId, row.id), eq(bundleCurators.userId, successor.id)))
        .run();
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Publishing

const CIRCLE_WORDS: Record<Visibility, string> = {
  private: "privately",
  community: "within a community",
  school: "within a school",
  network: "with the network",
  public: "publicly",
};

function blockReason(widest: Visibility | null, audience: Audience): string {
  if (widest === null) return "You can no longer see this item; remove it from the bundle.";
  const needed = audience === "public" ? "a public save" : "a save shared with the network or publicly";
  return `Shared only ${CIRCLE_WORDS[widest]}; a ${audience} bundle needs ${needed}. Ask whoever saved it to widen the circle, or remove it.`;
}

/** The 409 that names every item whose circles are smaller than the bundle's audience, and why. */
function publishBlocked(ctx: ServiceContext, curator: SignedInViewer, audience: Audience, blocked: WorkingItem[]) {
  const seqs = blocked.map((b) => b.seq);
  // Reasons are told from the curator's point of view: only saves and titles they may see are used.
  const circles = ctx.db.all<{ seq: number; visibility: Visibility }>(
    sql`SELECT s.item_seq AS seq, s.visibility AS visibility FROM saves s WHERE s.item_seq IN ${seqs} AND ${visibleSave(saveScope(curator), "s")}`,
  );
  const titles = new Map(
    ctx.db.all<{ seq: number; title: string }>(sql`SELECT i.seq AS seq, i.title AS title FROM items i WHERE i.seq IN ${seqs} AND ${visibleItem(saveScope(curator))}`).map((r) => [r.seq, r.title]),
  );
  const widestOf = (seq: number) =>
    circles.filter((c) => c.seq === seq).reduce<Visibility | null>((widest, c) => (widest === null || VISIBILITIES.indexOf(c.visibility) > VISIBILITIES.indexOf(widest) ? c.visibility : widest), null);
  const list = blocked.map((b) => {
    const widest = widestOf(b.seq);
    return { itemId: b.itemId, title: titles.get(b.seq) ?? "", reason: blockReason(widest, audience), widestCircle: widest };
  });
  const names = list.map((i) => (i.title ? `"${i.title}"` : i.itemId)).join(", ");
  return conflict("items_not_visible", `Not every item may be seen by the bundle's audience (${audience}): ${names}.`, { items: list });
}

const SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** kebab-case title without diacritics plus a short random suffix, so equal titles never collide or guess each other. */
function newSlug(ctx: ServiceContext, title: string): string {
  const base = themeSlug(title).slice(0, 60).replace(/-+$/, "") || "bundel";
  for (;;) {
    const suffix = [...randomBytes(6)].map((byte) => SLUG_ALPHABET[byte % SLUG_ALPHABET.length]).join("");
    const slug = `${base}-${suffix}`;
    if (!ctx.db.select({ id: bundles.id }).from(bundles).where(eq(bundles.slug, slug)).get()) return slug;
  }
}

/** Items as the bundle's audience sees them: page metadata and themes from saves in that audience, the broker's note, no one else's. */
function snapshotEntries(ctx: ServiceContext, audience: Audience, working: WorkingItem[]): BundleEntry[] {
  const shaped = new Map(shapeItems(ctx, audienceViewer(audience), working.map((w) => w.seq)).map((i) => [i.id, i]));
  return working.map((w) => {
    const item = shaped.get(w.itemId)!;
    return {
      itemId: item.id,
      url: item.url,
      title: item.title,
      kind: item.kind,
      siteName: item.siteName,
      author: item.author,
      publishedAt: item.publishedAt,
      imageUrl: item.imageUrl,
      excerpt: item.excerpt,
      video: item.video,
      themes: item.themes,
      note: w.note,
    };
  });
}

/**
 * Publishes the working copy as a new snapshot. Every item must be visible to the bundle's audience
 * through some save; the slug is made once and kept across versions. Publishing an unchanged bundle
 * again creates no new version. Offers are not sent here: re-offering is the broker's choice.
 */
export function publishBundle(ctx: ServiceContext, viewer: SignedInViewer, id: string, input: PublishInput): Bundle {
  ctx.db.transaction(() => {
    const { row, snapshot } = bundleForChange(ctx, viewer, id);
    if (input.version !== undefined && input.version !== row.version) throw versionConflict(row.version);
    const working = workingItems(ctx, [row.id]).get(row.id)!;
    if (working.length === 0) throw conflict("bundle_empty", "Add at least one item before publishing.");
    const seqs = working.map((w) => w.seq);
    const visible = new Set(
      ctx.db.all<{ seq: number }>(sql`SELECT i.seq AS seq FROM items i WHERE i.seq IN ${seqs} AND ${visibleItem(saveScope(audienceViewer(row.audience)))}`).map((r) => r.seq),
    );
    const blocked = working.filter((w) => !visible.has(w.seq));
    if (blocked.length) throw publishBlocked(ctx, viewer, row.audience, blocked);

    const curators = curatorsOf(ctx, [row.id]).get(row.id)!;
    if (snapshot && workingDigest(row, working, curators) === snapshotDigest(snapshot)) return;
    const now = isoNow(ctx);
    const number = (row.publishedVersion ?? 0) + 1;
    const content: BundleSnapshot = {
      title: row.title,
      about: row.about,
      use: row.use,
      themes: row.themes,
      sector: row.sector,
      audience: row.audience,
      curators,
      entries: snapshotEntries(ctx, row.audience, working),
      publishedAt: now,
    };
    ctx.db.insert(bundleVersions).values({ bundleId: row.id, number, content, publishedBy: viewer.user.id, publishedAt: now }).run();
    ctx.db
      .update(bundles)
      .set({ status: "published", slug: row.slug ?? newSlug(ctx, row.title), publishedVersion: number, updatedAt: now })
      .where(eq(bundles.id, row.id))
      .run();
  });
  return getBundle(ctx, viewer, id);
}
