/** The home page (/): the taxonomy as a tree, each theme with its page and feeds, and where this server is. */
import type { FeedFormat, Localised, Theme } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { themeIndex } from "./theme-index";

export interface HomeTheme {
  slug: string;
  name: Localised;
  description: Localised;
  /** The theme's page, /t/<slug>. */
  page: string;
  feeds: Record<FeedFormat, string>;
  subThemes: HomeTheme[];
}

export interface HomePage {
  /** The page's own address, for og:url and the canonical link. */
  url: string;
  /** What a person types as the server address in the extension's settings. */
  serverAddress: string;
  /** The main themes in the taxonomy's order, each with its sub-themes (and theirs). */
  themes: HomeTheme[];
}

/**
 * Read from the theme index on every request, so a theme an administrator renames or adds shows at once
 * (administration drops the index after every change).
 */
export function homePage(ctx: ServiceContext): HomePage {
  const index = themeIndex(ctx);
  const childrenOf = new Map<string, Theme[]>();
  for (const theme of index.all) {
    if (theme.parent) childrenOf.set(theme.parent, [...(childrenOf.get(theme.parent) ?? []), theme]);
  }
  const branch = (theme: Theme): HomeTheme => ({
    slug: theme.slug,
    name: theme.name,
    description: theme.description,
    page: ctx.links.themePage(theme.slug),
    feeds: ctx.links.themeFeeds(theme.slug),
    subThemes: (childrenOf.get(theme.slug) ?? []).map(branch),
  });
  return {
    url: ctx.links.home(),
    serverAddress: ctx.links.home(),
    themes: index.all.filter((theme) => theme.parent === null || !index.bySlug.has(theme.parent)).map(branch),
  };
}
