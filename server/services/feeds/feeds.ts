/**
 * Theme, school and bundle feeds.
 *
 * Every feed is made in two steps. `prepare…` finds the rows the feed would show and their change stamps
 * and turns them into an ETag and Last-Modified; only when the reader's copy is stale does `render()`
 * shape the entries and write the document. Feed readers poll every 15 minutes, mostly to hear "nothing
 * new", so that answer must cost as little as possible: the rows are read again only when a change
 * counter they depend on moved (candidate-cache.ts), otherwise a poll is a few primary-key lookups.
 */
import { translate } from "../../../shared/i18n";
import type { FeedFormat, Theme } from "../../../shared/schemas";
import {
  acceptedBundleCandidates,
  feedSchool,
  itemCandidates,
  publishedBundleCandidates,
  publishedBundleForFeed,
  taxonomyStamp,
  type BundleCandidate,
  type ItemCandidate,
} from "../../db/repositories/feeds";
import type { ServiceContext } from "../../core/context";
import { notFound } from "../../core/errors";
import { sha256Hex } from "../../core/ids";
import { ANONYMOUS, NETWORK_AUDIENCE, type Viewer } from "../../core/viewer";
import { audienceIncludes, audiencesReadBy, saveScope } from "../access/visibility";
import { shapeItems } from "../library/item-view";
import { openOfferByKey, usableKey } from "../offers/keys";
import { themeIndex } from "../taxonomy/theme-index";
import { themesWithDescendants } from "../schools/subscriptions";
import { sharedStamp, shownSnapshot } from "../bundles/still-shared";
import { bundleEntry, bundleSummary, itemEntry, snapshotEntries } from "./entries";
import { writeFeed, type FeedEntry } from "./writer";
import { bundleScopes, circlesRead, TAXONOMY_SCOPE, themeScopes, versionState } from "../../db/feed-versions";
import { remembered } from "./candidate-cache";
import { answeredQuestionsInFeed, withAnsweredQuestions } from "../questions/events-feed";

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
// Putting a feed together

const EPOCH = "1970-01-01T00:00:00.000Z";
const latest = (times: (string | null | undefined)[]) => times.reduce<string>((a, b) => (b && b > a ? b : a), EPOCH);

type Row = { kind: "item"; c: ItemCandidate } | { kind: "bundle"; c: BundleCandidate };

/** Items and bundles together, newest first, cut to the limit. */
function mergeNewestFirst(items: ItemCandidate[], bundles: BundleCandidate[], limit: number): Row[] {
  const rows: Row[] = [...items.map((c) => ({ kind: "item" as const, c })), ...bundles.map((c) => ({ kind: "bundle" as const, c }))];
  return rows.sort((a, b) => (a.c.at === b.c.at ? 0 : a.c.at > b.c.at ? -1 : 1)).slice(0, limit);
}

/** A feed's ETag and dates: everything a reader would see changing (`context`, `stamps`) changes the ETag. */
export function feedValidators(ctx: ServiceContext, options: FeedOptions, context: string[], stamps: string[], times: string[]) {
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
    const snapshot = shownSnapshot(ctx, r.c.bundleId, r.c.version);
    return snapshot ? [bundleEntry(ctx, r.c, snapshot)] : [];
  });
}

/**
 * A feed's rows and validators, built again only when `state` moved: `state` holds the change counters
 * of everything the rows are read from (db/feed-versions.ts) and whatever else the validators fold in,
 * so that an unchanged feed costs a poll those few lookups and nothing more.
 */
function rememberedFeed(ctx: ServiceContext, options: FeedOptions, key: string[], state: string, build: () => { rows: Row[]; context: string[]; times: string[] }) {
  return remembered(ctx, JSON.stringify([...key, options.format, options.limit, ctx.links.base]), state, () => {
    const built = build();
    return { rows: built.rows, ...feedValidators(ctx, options, built.context, built.rows.map((r) => r.c.stamp), built.times) };
  });
}

/** Theme names and places as the feed prints them: the counter also moves when a theme is removed. */
const taxonomyContext = (ctx: ServiceContext) => `${taxonomyStamp(ctx)}:${versionState(ctx, [TAXONOMY_SCOPE])}`;

// ---------------------------------------------------------------------------------------------------
// The three feeds

/** Public items and published public bundles in the theme and its sub-themes, newest first. */
export function prepareThemeFeed(ctx: ServiceContext, slug: string, options: FeedOptions): PreparedFeed {
  const theme = requireTheme(ctx, slug);
  const themes = themeIndex(ctx).withDescendants(slug);
  const scope = saveScope(ANONYMOUS);
  const audiences = audiencesReadBy(ANONYMOUS);
  const taxonomy = taxonomyStamp(ctx);
  const state = `${taxonomy}|${versionState(ctx, [...themeScopes(themes, circlesRead(scope)), ...bundleScopes(audiences), TAXONOMY_SCOPE])}`;
  const v = rememberedFeed(ctx, options, ["theme", slug], state, () => {
    const rows = mergeNewestFirst(
      itemCandidates(ctx, scope, themes, [], options.limit),
      publishedBundleCandidates(ctx, audiences, themes, options.limit),
      options.limit,
    );
    return { rows, context: [`theme:${slug}`, taxonomyContext(ctx)], times: [taxonomy, ...rows.map(rowTime)] };
  });
  const rows = v.rows;
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: "public",
    render: () =>
      writeFeed(
        {
          id: `urn:knooppunt:feed:theme:${slug}`,
          title: translate("nl", "feeds.title", { name: theme.name.nl }),
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
  const school = token ? feedSchool(ctx, schoolId, token) : null;
  if (!school) throw notFound("feed");
  const themes = themesWithDescendants(ctx, school.themes);
  const scope = saveScope(NETWORK_AUDIENCE);
  // A link carries the offer's key only while it opens the page; the key is in the stamp, so a revoked,
  // renewed or expired key changes the document. Read on every poll: a key expires without any write.
  const bundles = acceptedBundleCandidates(ctx, school.id, options.limit).map(({ offerKey, ...c }) => {
    const key = usableKey(ctx, offerKey);
    return { ...c, key, stamp: `${c.stamp}:${key ?? ""}` };
  });
  const taxonomy = taxonomyStamp(ctx);
  const answered = answeredQuestionsInFeed(ctx, school.id, options.limit);
  // The token is part of every self link, so a rotation changes the document too.
  const context = [`school:${school.id}`, school.name, school.updatedAt, taxonomyContext(ctx), token ?? ""];
  const state = JSON.stringify([
    versionState(ctx, [...themeScopes(themes, circlesRead(scope)), TAXONOMY_SCOPE]),
    context,
    school.sector,
    themes,
    bundles.map((b) => b.stamp),
    answered.stamps,
  ]);
  const v = rememberedFeed(ctx, options, ["school", school.id], state, () => {
    const rows = mergeNewestFirst(itemCandidates(ctx, scope, themes, school.sector, options.limit), bundles, options.limit);
    return { rows, context: [...context, ...answered.stamps], times: [school.updatedAt, taxonomy, ...rows.map(rowTime), ...answered.times] };
  });
  const rows = v.rows;
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: "private",
    render: () =>
      writeFeed(
        {
          id: `urn:knooppunt:feed:school:${school.id}`,
          title: translate("nl", "feeds.title", { name: school.name }),
          subtitle: translate("nl", "feeds.schoolSubtitle", { school: school.name }),
          language: "nl",
          homeUrl: ctx.links.home(),
          selfUrls: ctx.links.schoolFeeds(school.id, token ?? ""),
          updated: v.updated,
          entries: withAnsweredQuestions(entriesFor(ctx, NETWORK_AUDIENCE, rows), answered, options.limit),
        },
        options.format,
      ),
  };
}

/**
 * A published bundle's items. A public bundle's feed is open; a network bundle's needs the active
 * capability key of one of its offers, and without it is a 404 like any bundle the caller may not see.
 */
export function prepareBundleFeed(ctx: ServiceContext, slug: string, key: string | undefined, options: FeedOptions): PreparedFeed {
  const newest = publishedBundleForFeed(ctx, slug);
  if (!newest) throw notFound("bundle");
  // A feed reader polling with the key is not a person opening the offer: it never counts as opened.
  const offered = key !== undefined ? openOfferByKey(ctx, newest.id, key, false) : null;
  const keyOpens = offered !== null;
  // The key's feed, like its page, is the version that was offered.
  const bundle = offered && offered.version !== newest.version ? publishedBundleForFeed(ctx, slug, offered.version) : newest;
  if (!bundle || (!audienceIncludes(bundle.audience, ANONYMOUS) && !keyOpens)) throw notFound("bundle");
  const taxonomy = taxonomyStamp(ctx);
  const linkKey = keyOpens ? key! : null;
  // Read here, not in render(): an entry that stopped being shared must change the ETag, or a reader keeps its excerpt.
  const snapshot = shownSnapshot(ctx, bundle.id, bundle.version);
  if (!snapshot) throw notFound("bundle");
  const v = feedValidators(ctx, options, [`bundle:${bundle.id}`, String(bundle.version), bundle.publishedAt, taxonomyContext(ctx), linkKey ?? "", sharedStamp(snapshot)], [], [
    bundle.publishedAt,
    taxonomy,
  ]);
  return {
    etag: v.etag,
    lastModified: v.lastModified,
    audience: bundle.audience === "public" ? "public" : "private",
    render: () =>
      writeFeed(
        {
          id: `urn:knooppunt:feed:bundle:${bundle.id}`,
          title: translate("nl", "feeds.title", { name: snapshot.title }),
          subtitle: bundleSummary(snapshot) ?? "",
          language: "nl",
          homeUrl: ctx.links.bundleLink(slug, linkKey),
          selfUrls: ctx.links.bundleFeeds(slug, linkKey),
          updated: v.updated,
          entries: snapshotEntries(ctx, snapshot, bundle.publishedAt).slice(0, options.limit),
        },
        options.format,
      ),
  };
}

const rowTime = (r: Row) => (r.kind === "item" ? r.c.updated : r.c.at);


function requireTheme(ctx: ServiceContext, slug: string): Theme {
  const theme = themeIndex(ctx).bySlug.get(slug);
  if (!theme) throw notFound("theme");
  return theme;
}

