/**
 * The feed formats a theme, a school or a bundle is published in, and their media types. Zod-free so
 * pages, the feed writer and the schemas name the formats from one list.
 */
export const FEED_FORMATS = ["atom", "rss", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** As a page's `<link rel="alternate" type>` and a link's `type` name them. */
export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  atom: "application/atom+xml",
  rss: "application/rss+xml",
  json: "application/feed+json",
};

/** As the feed is served: every format is written in UTF-8. */
export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  atom: `${FEED_MEDIA_TYPES.atom}; charset=utf-8`,
  rss: `${FEED_MEDIA_TYPES.rss}; charset=utf-8`,
  json: `${FEED_MEDIA_TYPES.json}; charset=utf-8`,
};
