/**
 * Theme, school and bundle feeds, and the theme page that shares their read path.
 *
 * Every feed is made in two steps. `prepare…` runs one cheap query for the rows the feed would show and
 * their change stamps and turns them into an ETag and Last-Modified; only when the reader's copy is stale
 * does `render()` shape the entries and write the document. Feed readers poll every 15 minutes, mostly to
 * hear "nothing new", so that answer must cost as little as possible.
 */
import { sql, type SQL } from "drizzle-orm";
import { Audience } from "../../../shared/bundle-schemas";
import type { FeedFormat } from "../../../shared/delivery-schemas";
import type { Item, ItemSector, Theme } from "../../../shared/schemas";
import { queryAll, queryGet } from "../../db/statements";
import type { BundleSnapshot } from "../bundles/snapshot";
import type { ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import { sha256Hex } from "../../core/ids";
import { ANONYMOUS, NETWORK_AUDIENCE, type Viewer } from "../../core/viewer";
import { writeFeed, type FeedEntry } from "./writer";
import { shapeItems } from "../library/item-view";
import { openOfferByKey } from "../offers/offers";
import { schoolForFeedToken, subscribedThemesWithDescendants } from "../schools/subscriptions";
import { themeIndex } from "../taxonomy/theme-index";
import { audienceIncludes, audiencesReadBy, saveScope } from "../access/visibility";
import { visibleItem, visibleSave } from "../../db/visibility";

export interface FeedOptions {
  format: FeedFormat;
  limit: number;
}

export interface PreparedFeed {
  etag: string;
  lastModified: Date;
  /** School feeds and network bundles may not sit in shared caches. */
  audience: "public" | "private";
  render(): string;
}

// ---------------------------------------------------------------------------------------------------
// Candidate rows: what a feed would show, with the stamps that change whenever its entries would

interface ItemCandidate {
  seq: number;
  id: string;
  /** Sort time: when the item entered the library. */
  at: string;
  /** Latest change to the item or to a save the audience sees. */
  updated: string;
  /** Changes when a visible save is added, widened, narrowed or deleted, even without a newer time. */
  stamp: string;
}

/**
 * "Carries one of these themes on a save the audience sees", in the form that is cheap for this theme.
 * Walking the items newest first stops after `limit` matches: quick for a common theme, but it reads the
 * whole library for a rare one. Looking up the theme's saves first is quick for a rare theme, but sorts
 * every match of a common one. The costs meet near sqrt(limit × items) tagged saves; counting them on
 * the theme index, stopping at that number, costs next to nothing. This keeps the 304 path, which runs
 * this query, at a millisecond or two on a 100,000-item library for common and rare themes alike.
 */
function themeFilter(ctx: ServiceContext, audience: Viewer, themes: string[], limit: number): SQL {
  const librarySize = queryGet<{ n: number | null }>(ctx, sql`SELECT max(seq) AS n FROM items`)?.n ?? 0;
  const crossover = Math.ceil(Math.sqrt(limit * librarySize));
  const tagged = queryGet<{ n: number }>(ctx, sql`SELECT count(*) AS n FROM (SELECT 1 FROM save_themes WHERE theme IN ${themes} LIMIT ${crossover})`)?.n ?? 0;
  if (tagged < crossover) {
    return sql`i.seq IN (SELECT ts.item_seq FROM save_themes st JOIN saves ts ON ts.seq = st.save_seq
      WHERE st.theme IN ${themes} AND ${visibleSave(saveScope(audience), "ts")})`;
  }
  return sql`EXISTS (SELECT 1 FROM saves ts JOIN save_themes st ON st.save_seq = ts.seq
    WHERE ts.item_seq = i.seq AND st.theme IN ${themes} AND ${visibleSave(saveScope(audience), "ts")})`;
}

/**
 * Items visible to the audience that carry one of the themes on a save the audience sees. With sectors:
 * items labelled only for other sectors are left out (the same rule as `sectorAllows`).
 */
function itemCandidates(ctx: ServiceContext, audience: Viewer, themes: string[], sectors: ItemSector[], limit: number): ItemCandidate[] {
  if (!themes.length) return [];
  const where: SQL[] = [visibleItem(saveScope(audience)), themeFilter(ctx, audience, themes, limit)];
  if (sectors.length) {
    where.push(sql`(NOT EXISTS (SELECT 1 FROM saves xs, json_each(xs.sector) xj WHERE xs.item_seq = i.seq AND ${visibleSave(saveScope(audience), "xs")})
      OR EXISTS (SELECT 1 FROM saves ys, json_each(ys.sector) yj WHERE ys.item_seq = i.seq AND yj.value IN ${sectors} AND ${visibleSave(saveScope(audience), "ys")}))`);
  }
  const rows = queryAll<{ seq: number; id: string; at: string; itemUpdated: string; savesUpdated: string; saveCount: number; saveSum: number }>(
    ctx,
    sql`SELECT i.seq AS seq, i.id AS id, i.created_at AS at, i.updated_at AS itemUpdated,
          max(s.updated_at) AS savesUpdated, count(s.seq) AS saveCount, total(s.seq) AS saveSum
        FROM (SELECT i.seq, i.id, i.created_at, i.updated_at FROM items i WHERE ${sql.join(where, sql` AND `)}
              ORDER BY i.created_at DESC, i.seq DESC LIMIT ${limit}) i
        JOIN saves s ON s.item_seq = i.seq AND ${visibleSave(saveScope(audience), "s")}
        GROUP BY i.seq ORDER BY i.created_at DESC, i.seq DESC`,
  );
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    at: r.at,
    updated: r.savesUpdated > r.itemUpdated ? r.savesUpdated : r.itemUpdated,
    stamp: `i${r.seq}:${r.itemUpdated}:${r.savesUpdated}:${r.saveCount}:${r.saveSum}`,
  }));
}

interface BundleCandidate {
  bundleId: string;
  slug: string;
  version: number;
  /** Sort time: publication (theme feeds) or acceptance (school feeds). */
  at: string;
  firstPublished: string;
  /** The offer's capability key, on a school's accepted bundles: the link works for the whole team. */
  key: string | null;
  stamp: string;
}

function publishedBundleCandidates(ctx: ServiceContext, audience: Viewer, themes: string[], limit: number): BundleCandidate[] {
  if (!themes.length) return [];
  const rows = queryAll<{ bundleId: string; slug: string; version: number; at: string; firstPublished: string }>(
    ctx,
    sql`SELECT b.id AS bundleId, b.slug AS slug, v.number AS version, v.published_at AS at,
          (SELECT min(f.published_at) FROM bundle_versions f WHERE f.bundle_id = b.id) AS firstPublished
        FROM bundles b JOIN bundle_versions v ON v.bundle_id = b.id AND v.number = b.published_version
        WHERE b.status = 'published' AND b.slug IS NOT NULL
          AND json_extract(v.content, '$.audience') IN ${audiencesReadBy(audience)}
          AND EXISTS (SELECT 1 FROM json_each(v.content, '$.themes') bt WHERE bt.value IN ${themes})
        ORDER BY v.published_at DESC, b.id LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, key: null, stamp: `b${r.bundleId}:${r.slug}:${r.version}:${r.at}` }));
}

/** The newest accepted version of each bundle the school accepted. */
function acceptedBundleCandidates(ctx: ServiceContext, schoolId: string, limit: number): BundleCandidate[] {
  const rows = queryAll<{ bundleId: string; slug: string; version: number; at: string; firstPublished: string; key: string; offerId: string }>(
    ctx,
    sql`SELECT bundleId, slug, version, at, firstPublished, key, offerId FROM (
          SELECT o.bundle_id AS bundleId, b.slug AS slug, o.version AS version, o.responded_at AS at, o.id AS offerId,
            o.capability_key AS key, v.published_at AS firstPublished,
            row_number() OVER (PARTITION BY o.bundle_id ORDER BY o.version DESC) AS n
          FROM offers o JOIN bundles b ON b.id = o.bundle_id
          JOIN bundle_versions v ON v.bundle_id = o.bundle_id AND v.number = o.version
          WHERE o.school_id = ${schoolId} AND o.status = 'accepted' AND b.slug IS NOT NULL AND o.responded_at IS NOT NULL
        ) WHERE n = 1 ORDER BY at DESC, bundleId LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, stamp: `o${r.offerId}:${r.slug}:${r.version}:${r.at}` }));
}

// ---------------------------------------------------------------------------------------------------
// Entries

const itemEntryId = (itemId: string) => `urn:knooppunt:item:${itemId}`;
const bundleEntryId = (bundleId: string) => `urn:knooppunt:bundle:${bundleId}`;

function categoriesFor(ctx: ServiceContext, slugs: string[]) {
  const index = themeIndex(ctx);
  return slugs.map((slug) => ({ term: slug, label: index.bySlug.get(slug)?.name.nl ?? slug }));
}

const videoOf = (kind: string, title: string, url: string, embedUrl: string | null | undefined) =>
  kind === "kennisclip" ? { url: embedUrl || url, title } : null;

/** An item as the feed's audience sees it: `item` was shaped for that audience, so notes stay in their circles. */
function itemEntry(ctx: ServiceContext, item: Item, updated: string): FeedEntry {
  const notes = item.notes.map((n) => n.note.trim()).filter(Boolean);
  return {
    id: itemEntryId(item.id),
    title: item.title,
    url: item.url,
    summary: notes.length ? notes.join("\n\n") : item.excerpt,
    categories: categoriesFor(ctx, item.themes),
    authors: item.author ? [item.author] : [],
    published: item.createdAt,
    updated,
    image: item.imageUrl,
    video: videoOf(item.kind, item.title, item.url, item.video?.embedUrl),
  };
}

function snapshotOf(ctx: ServiceContext, bundleId: string, version: number): BundleSnapshot | null {
  const row = queryGet<{ content: string } | undefined>(
    ctx,
    sql`SELECT content FROM bundle_versions WHERE bundle_id = ${bundleId} AND number = ${version}`,
  );
  return row ? (JSON.parse(row.content) as BundleSnapshot) : null;
}

/** The bundle's "Waar gaat dit over?" and "Wat kan ik ermee?", as one plain-text summary. */
export function bundleSummary(snapshot: Pick<BundleSnapshot, "about" | "use">): string | null {
  const about = (snapshot.about ?? "").trim();
  const use = (snapshot.use ?? "").trim();
  const parts = [about, use ? `Wat kan ik ermee? ${use}` : ""].filter(Boolean);
  return parts.length ? parts.join("\n\n") : null;
}

function bundleEntry(ctx: ServiceContext, c: BundleCandidate, snapshot: BundleSnapshot): FeedEntry {
  return {
    id: bundleEntryId(c.bundleId),
    title: snapshot.title,
    url: ctx.links.bundleLink(c.slug, c.key),
    summary: bundleSummary(snapshot),
    categories: categoriesFor(ctx, snapshot.themes ?? []),
    authors: (snapshot.curators ?? []).map((curator) => curator.name),
    published: c.firstPublished < c.at ? c.firstPublished : c.at,
    updated: c.at,
    image: (snapshot.entries ?? []).find((e) => e.imageUrl)?.imageUrl ?? null,
    video: null,
  };
}

/** A published bundle's entries, in the broker's order, with the broker's notes and nobody else's. */
function snapshotEntries(ctx: ServiceContext, snapshot: BundleSnapshot, updated: string): FeedEntry[] {
  return (snapshot.entries ?? []).map((e) => ({
    id: itemEntryId(e.itemId),
    title: e.title,
    url: e.url,
    summary: e.note.trim() || e.excerpt,
    categories: categoriesFor(ctx, e.themes),
    authors: e.author ? [e.author] : [],
    published: snapshot.publishedAt,
    updated,
    image: e.imageUrl,
    video: videoOf(e.kind, e.title, e.url, e.video?.embedUrl),
  }));
}

// ---------------------------------------------------------------------------------------------------
// Putting a feed together

const taxonomyStamp = (ctx: ServiceContext) => queryGet<{ at: string | null }>(ctx, sql`SELECT max(updated_at) AS at FROM themes`)?.at ?? "";

const EPOCH = "1970-01-01T00:00:00.000Z";
const latest = (times: (string | null | undefined)[]) => times.reduce<string>((a, b) => (b && b > a ? b : a), EPOCH);

type Row = { kind: "item"; c: ItemCandidate } | { kind: "bundle"; c: BundleCandidate };

/** Items and bundles together, newest first, cut to the limit. */
function mergeNewestFirst(items: ItemCandidate[], bundles: BundleCandidate[], limit: number): Row[] {
  const rows: Row[] = [...items.map((c) => ({ kind: "item" as const, c })), ...bundles.map((c) => ({ kind: "bundle" as const, c }))];
  return rows.sort((a, b) => (a.c.at === b.c.at ? 0 : a.c.at > b.c.at ? -1 : 1)).slice(0, limit);
}

function validators(ctx: ServiceContext, options: FeedOptions, context: string[], stamps: string[], times: string[]) {
  const etag = `"${sha256Hex([options.format, String(options.limit), ctx.links.base, ...context, "", ...stamps].join("\n")).slice(0, 32)}"`;
  const updated = latest(times);
  return { etag, updated, lastModified: new Date(updated) };
}

/** Shapes the merged rows into entries for the audience; the expensive half, run only for a 200. */
function entriesFor(ctx: ServiceContext, audience: Viewer, rows: Row[]): FeedEntry[] {
  const itemRows = rows.flatMap((r) => (r.kind === "item" ? [r.c] : []));
  const shaped = new Map(shapeItems(ctx, audience, itemRows.map((c) => c.seq)).map((item) => [item.id, item]));
  return rows.flatMap((r): FeedEntry[] => {
    if (r.kind === "item") {
      const item = shaped.get(r.c.id);
      return item ? [itemEntry(ctx, item, r.c.updated)] : [];
    }
    const snapshot = snapshotOf(ctx, r.c.bundleId, r.c.version);
    return snapshot ? [bundleEntry(ctx, r.c, snapshot)] : [];
  });
}

// ---------------------------------------------------------------------------------------------------
// The three feeds

/** Public items and published public bundles in the theme and its sub-themes, newest first. */
export function prepareThemeFeed(ctx: ServiceContext, slug: string, options: FeedOptions): PreparedFeed {
  const theme = requireTheme(ctx, slug);
  const themes = themeIndex(ctx).withDescendants(slug);
  const rows = mergeNewestFirst(
    itemCandidates(ctx, ANONYMOUS, themes, [], options.limit),
    publishedBundleCandidates(ctx, ANONYMOUS, themes, options.limit),
    options.limit,
  );
  const taxonomy = taxonomyStamp(ctx);
  const v = validators(ctx, options, [`theme:${slug}`, taxonomy], rows.map((r) => r.c.stamp), [taxonomy, ...rows.map(rowTime)]);
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: "public",
    render: () =>
      writeFeed(
        {
          id: `urn:knooppunt:feed:theme:${slug}`,
          title: `Knooppunt — ${theme.name.nl}`,
          subtitle: theme.description.nl,
          language: "nl",
          homeUrl: ctx.links.themePage(slug),
          selfUrls: ctx.links.themeFeeds(slug),
          updated: v.updated,
          entries: entriesFor(ctx, ANONYMOUS, rows),
        },
        options.format,
      ),
  };
}

/**
 * A school's private feed: bundles it accepted, and items in its subscribed themes (sub-themes included)
 * that the network may see, narrowed to its sectors. A wrong or rotated token is a plain 404.
 */
export function prepareSchoolFeed(ctx: ServiceContext, schoolId: string, token: string | undefined, options: FeedOptions): PreparedFeed {
  const school = schoolForFeedToken(ctx, schoolId, token);
  if (!school) throw notFound("feed");
  const themes = subscribedThemesWithDescendants(ctx, school.id);
  const rows = mergeNewestFirst(
    itemCandidates(ctx, NETWORK_AUDIENCE, themes, school.sector, options.limit),
    acceptedBundleCandidates(ctx, school.id, options.limit),
    options.limit,
  );
  const taxonomy = taxonomyStamp(ctx);
  // The token is part of every self link, so a rotation changes the document too.
  const context = [`school:${school.id}`, school.name, school.updatedAt, taxonomy, token ?? ""];
  const v = validators(ctx, options, context, rows.map((r) => r.c.stamp), [school.updatedAt, taxonomy, ...rows.map(rowTime)]);
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: "private",
    render: () =>
      writeFeed(
        {
          id: `urn:knooppunt:feed:school:${school.id}`,
          title: `Knooppunt — ${school.name}`,
          subtitle: `Aangenomen bundels en nieuwe kennis in de thema's van ${school.name}`,
          language: "nl",
          homeUrl: ctx.links.home(),
          selfUrls: ctx.links.schoolFeeds(school.id, token ?? ""),
          updated: v.updated,
          entries: entriesFor(ctx, NETWORK_AUDIENCE, rows),
        },
        options.format,
      ),
  };
}

/**
 * A published bundle's items. A public bundle's feed is open; a network bundle's needs the capability
 * key of one of its offers, and without it is a 404 like any bundle the caller may not see.
 */
export function prepareBundleFeed(ctx: ServiceContext, slug: string, key: string | undefined, options: FeedOptions): PreparedFeed {
  const bundle = queryGet<{ id: string; version: number; publishedAt: string; audience: Audience } | undefined>(
    ctx,
    sql`SELECT b.id AS id, v.number AS version, v.published_at AS publishedAt, json_extract(v.content, '$.audience') AS audience
        FROM bundles b JOIN bundle_versions v ON v.bundle_id = b.id AND v.number = b.published_version
        WHERE b.slug = ${slug} AND b.status = 'published'`,
  );
  if (!bundle) throw notFound("bundle");
  // A feed reader polling with the key is not a person opening the offer: it never counts as opened.
  const keyOpens = key !== undefined && openOfferByKey(ctx, bundle.id, key, false);
  if (!audienceIncludes(bundle.audience, ANONYMOUS) && !keyOpens) throw notFound("bundle");
  const taxonomy = taxonomyStamp(ctx);
  const linkKey = keyOpens ? key! : null;
  const v = validators(ctx, options, [`bundle:${bundle.id}`, String(bundle.version), bundle.publishedAt, taxonomy, linkKey ?? ""], [], [
    bundle.publishedAt,
    taxonomy,
  ]);
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: bundle.audience === "public" ? "public" : "private",
    render: () => {
      const snapshot = snapshotOf(ctx, bundle.id, bundle.version);
      if (!snapshot) throw notFound("bundle");
      return writeFeed(
        {
          id: `urn:knooppunt:feed:bundle:${bundle.id}`,
          title: `Knooppunt — ${snapshot.title}`,
          subtitle: bundleSummary(snapshot) ?? "",
          language: "nl",
          homeUrl: ctx.links.bundleLink(slug, linkKey),
          selfUrls: ctx.links.bundleFeeds(slug, linkKey),
          updated: v.updated,
          entries: snapshotEntries(ctx, snapshot, bundle.publishedAt).slice(0, options.limit),
        },
        options.format,
      );
    },
  };
}

const rowTime = (r: Row) => (r.kind === "item" ? r.c.updated : r.c.at);


function requireTheme(ctx: ServiceContext, slug: string): Theme {
  const theme = themeIndex(ctx).bySlug.get(slug);
  if (!theme) throw notFound("theme");
  return theme;
}

// ---------------------------------------------------------------------------------------------------
// The theme page: the public theme feed's rows, shown as HTML

export interface ThemePageBundle {
  title: string;
  url: string;
  about: string;
  use: string;
  themes: string[];
  itemCount: number;
  publishedAt: string;
}

export interface ThemePage {
  theme: Theme;
  parent: Theme | null;
  subThemes: Theme[];
  bundles: ThemePageBundle[];
  items: Item[];
  feeds: Record<FeedFormat, string>;
  url: string;
}

/** The page's content, or null for an unknown theme (the page answers that with its own 404 page). */
export function themePage(ctx: ServiceContext, slug: string, limit = 50): ThemePage | null {
  const index = themeIndex(ctx);
  const theme = index.bySlug.get(slug);
  if (!theme) return null;
  const themes = index.withDescendants(slug);
  const bundles = publishedBundleCandidates(ctx, ANONYMOUS, themes, limit).flatMap((c) => {
    const snapshot = snapshotOf(ctx, c.bundleId, c.version);
    if (!snapshot) return [];
    return [
      {
        title: snapshot.title,
        url: ctx.links.bundlePage(c.slug),
        about: snapshot.about ?? "",
        use: snapshot.use ?? "",
        themes: snapshot.themes ?? [],
        itemCount: (snapshot.entries ?? []).length,
        publishedAt: c.at,
      },
    ];
  });
  const items = shapeItems(ctx, ANONYMOUS, itemCandidates(ctx, ANONYMOUS, themes, [], limit).map((c) => c.seq));
  return {
    theme,
    parent: theme.parent ? (index.bySlug.get(theme.parent) ?? null) : null,
    subThemes: index.all.filter((t) => t.parent === slug),
    bundles,
    items,
    feeds: ctx.links.themeFeeds(slug),
    url: ctx.links.themePage(slug),
  };
}
