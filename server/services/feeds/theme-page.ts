/** The theme page (/t/:slug): the public theme feed's rows, shown as HTML. */
import type { FeedFormat, Item, Theme } from "../../../shared/schemas";
import { snapshotOf } from "../../db/repositories/bundles";
import { itemCandidates, publishedBundleCandidates } from "../../db/repositories/feeds";
import type { ServiceContext } from "../../core/context";
import { ANONYMOUS } from "../../core/viewer";
import { audiencesReadBy, saveScope } from "../access/visibility";
import { shapeItems } from "../library/item-view";
import { themeIndex } from "../taxonomy/theme-index";

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
  /** The pages of the parent and sub-themes, by slug. */
  themeUrls: Record<string, string>;
}

/** The page's content, or null for an unknown theme (the page answers that with its own 404 page). */
export function themePage(ctx: ServiceContext, slug: string, limit = 50): ThemePage | null {
  const index = themeIndex(ctx);
  const theme = index.bySlug.get(slug);
  if (!theme) return null;
  const themes = index.withDescendants(slug);
  const bundles = publishedBundleCandidates(ctx, audiencesReadBy(ANONYMOUS), themes, limit).flatMap((c) => {
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
  const items = shapeItems(ctx, ANONYMOUS, itemCandidates(ctx, saveScope(ANONYMOUS), themes, [], limit).map((c) => c.seq));
  return {
    theme,
    parent: theme.parent ? (index.bySlug.get(theme.parent) ?? null) : null,
    subThemes: index.all.filter((t) => t.parent === slug),
    bundles,
    items,
    feeds: ctx.links.themeFeeds(slug),
    themeUrls: Object.fromEntries([theme.parent, ...index.all.filter((t) => t.parent === slug).map((t) => t.slug)].flatMap((s) => (s ? [[s, ctx.links.themePage(s)]] : []))),
    url: ctx.links.themePage(slug),
  };
}
