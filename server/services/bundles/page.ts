import type { FeedFormat, Localised } from "../../../shared/schemas";
import type { BundleSnapshot } from "../../db/bundle-snapshot";
import type { ServiceContext } from "../../core/context";
import type { Viewer } from "../../core/viewer";
import { bundleBySlug, latestSnapshots } from "../../db/repositories/bundles";
import { audienceIncludes } from "../access/visibility";
import { renamed } from "../accounts/public-name";
import { openOfferByKey } from "../offers/keys";
import { themeIndex } from "../taxonomy/theme-index";
import { shownSnapshot, stillShared } from "./still-shared";

/** The snapshot a published bundle shows, by its slug; null for unknown slugs and drafts. */
function publishedBySlug(ctx: ServiceContext, slug: string) {
  const row = bundleBySlug(ctx, slug);
  if (!row || row.status !== "published") return null;
  const snapshot = latestSnapshots(ctx, [row.id]).get(row.id);
  return snapshot ? { row, snapshot } : null;
}

/** Everything /b/:slug shows: the newest snapshot (or the offered one, with a key), with theme names in both languages. */
export interface BundlePageView {
  slug: string;
  /** The page's address without any key: what og:url and the canonical link point to. */
  url: string;
  version: number;
  /** The newest published version, when a key shows an older one: the page says the bundle moved on. */
  latestVersion: number;
  snapshot: BundleSnapshot;
  themeNames: Record<string, Localised>;
  /** The offer key the page was opened with, kept in the language links so a network page stays open. */
  key: string | null;
  /** The bundle's feeds; with the key, so a network bundle's feed opens for whoever has the page. */
  feeds: Record<FeedFormat, string>;
}

/**
 * The published bundle behind a slug, if the caller may read it: anyone for a public bundle, signed-in
 * people for a network bundle, or anyone holding the active key of one of its offers. A key shows the
 * version its offer was made with (services/offers/keys.ts says why) and marks that offer opened; a key
 * that opens nothing is ignored, as an unknown one is. Null means "no such page" for this caller,
 * whatever the reason.
 */
export function openBundlePage(
  ctx: ServiceContext,
  viewer: Viewer,
  slug: string,
  key: string | undefined,
  options: { countAsOpened?: boolean } = {},
): BundlePageView | null {
  const found = publishedBySlug(ctx, slug);
  if (!found) return null;
  const { row } = found;
  const offered = key ? openOfferByKey(ctx, row.id, key, options.countAsOpened ?? true) : null;
  const keyOpens = offered !== null;
  // A key shows the version it was offered with, as shared today, like the newest one without a key.
  const snapshot = offered ? shownSnapshot(ctx, row.id, offered.version) : stillShared(ctx, found.snapshot);
  if (!snapshot || (!keyOpens && !audienceIncludes(snapshot.audience, viewer))) return null;

  const index = themeIndex(ctx);
  const themeNames: Record<string, Localised> = {};
  for (const theme of [...snapshot.themes, ...snapshot.entries.flatMap((e) => e.themes)]) {
    // A theme removed from the taxonomy after publication still shows, by its slug.
    themeNames[theme] ??= index.bySlug.get(theme)?.name ?? { nl: theme, en: theme };
  }
  return {
    slug: row.slug!,
    url: ctx.links.bundlePage(row.slug!),
    version: offered?.version ?? row.publishedVersion!,
    latestVersion: row.publishedVersion!,
    // Named as the public sees them now: a name chosen or an account deleted since publication counts.
    snapshot: { ...snapshot, curators: renamed(ctx, snapshot.curators, "public") },
    themeNames,
    key: keyOpens ? key! : null,
    feeds: ctx.links.bundleFeeds(row.slug!, keyOpens ? key! : null),
  };
}
