import type { FeedFormat } from "../../shared/schemas";

/**
 * Every address the product prints — in API answers, feeds, pages and webhook bodies — is built here,
 * from the one public base URL the server was started with. Services ask for a link by what it is
 * (a bundle's page, a school's feed), never spell out a route path themselves.
 */
export interface Links {
  /** The public base, without a trailing slash: PUBLIC_URL, or the address the server listens on. */
  readonly base: string;
  home(): string;
  /** The register of personal data. */
  privacy(): string;
  bundlePage(slug: string): string;
  /** The bundle page; with an offer's key when the link is for that school (it opens network bundles, counts opens). */
  bundleLink(slug: string, key: string | null): string;
  bundleFeeds(slug: string, key: string | null): Record<FeedFormat, string>;
  themePage(slug: string): string;
  themeFeeds(slug: string): Record<FeedFormat, string>;
  /** A school's private feed addresses: the token is the only thing that opens them. */
  schoolFeeds(schoolId: string, token: string): Record<FeedFormat, string>;
  /** The Teams tab's configuration page (the app package's configurationUrl). */
  teamsTabConfiguration(): string;
  /** A leervraag in the web app (signed in; the question's own circle decides who reads it). */
  questionPage(id: string): string;
  /** A broker's private feed of new leervragen in a theme (its token opens it). */
  questionFeeds(themeSlug: string, token: string): Record<FeedFormat, string>;
}

const keyQuery = (key: string | null) => (key ? `?key=${encodeURIComponent(key)}` : "");

/** One address per feed format, the same query on each. */
const feedsAt = (path: string, query: string): Record<FeedFormat, string> => ({
  atom: `${path}.atom${query}`,
  rss: `${path}.rss${query}`,
  json: `${path}.json${query}`,
});

export function createLinks(base: string): Links {
  const root = base.replace(/\/+$/, "");
  const bundlePage = (slug: string) => `${root}/b/${encodeURIComponent(slug)}`;
  return {
    base: root,
    home: () => root,
    privacy: () => `${root}/privacy`,
    bundlePage,
    bundleLink: (slug, key) => `${bundlePage(slug)}${keyQuery(key)}`,
    bundleFeeds: (slug, key) => feedsAt(`${root}/feeds/bundles/${encodeURIComponent(slug)}`, keyQuery(key)),
    themePage: (slug) => `${root}/t/${encodeURIComponent(slug)}`,
    themeFeeds: (slug) => feedsAt(`${root}/feeds/themes/${encodeURIComponent(slug)}`, ""),
    schoolFeeds: (schoolId, token) => feedsAt(`${root}/feeds/schools/${encodeURIComponent(schoolId)}`, `?token=${encodeURIComponent(token)}`),
    teamsTabConfiguration: () => `${root}/teams/configure`,
    questionPage: (id) => `${root}/app?question=${encodeURIComponent(id)}`,
    questionFeeds: (themeSlug, token) => feedsAt(`${root}/feeds/questions/${encodeURIComponent(themeSlug)}`, `?token=${encodeURIComponent(token)}`),
  };
}
