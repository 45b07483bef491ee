import { Hono, type Context } from "hono";
import { z } from "zod";
import { BundleFeedPath, FeedQuery, SchoolFeedPath, ThemeFeedPath, type FeedFormat } from "../../shared/schemas";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { valid } from "../http/validate";
import { pickLanguage } from "../../shared/i18n";
import { embeddablePageCsp, PageLang, SlugParam } from "../pages/page-http";
import { renderThemeNotFound, renderThemePage } from "../pages/theme-page";
import { FEED_CONTENT_TYPES } from "../../shared/feeds";
import { prepareBundleFeed, prepareSchoolFeed, prepareThemeFeed, type PreparedFeed } from "../services/feeds/feeds";
import { themePage } from "../services/feeds/theme-page";
import { prepareQuestionFeed } from "../services/questions/broker-feed";

const tag = "feeds";

const ThemePageQuery = z.object({ lang: PageLang });

// Readers poll every 15 minutes: a copy may be reused that long, and revalidating it is a cheap 304.
// School feeds carry a token and may not sit in shared caches.
const CACHE_CONTROL = { public: "public, max-age=900", private: "private, max-age=900" } as const;

/** RFC 9110: If-None-Match wins when present; If-Modified-Since is compared to the second. */
function isFresh(c: Context, feed: PreparedFeed): boolean {
  const ifNoneMatch = c.req.header("If-None-Match");
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(",").some((tag) => {
      const t = tag.trim();
      return t === "*" || t.replace(/^W\//, "") === feed.etag;
    });
  }
  const since = Date.parse(c.req.header("If-Modified-Since") ?? "");
  return !Number.isNaN(since) && Math.floor(feed.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/** Answers 304 from the validators alone; only a stale copy makes the feed render. */
function sendFeed(c: Context<AppEnv>, feed: PreparedFeed, format: FeedFormat) {
  const headers: Record<string, string> = {
    ETag: feed.etag,
    "Last-Modified": feed.lastModified.toUTCString(),
    "Cache-Control": CACHE_CONTROL[feed.audience],
  };
  if (feed.audience === "private") headers["X-Robots-Tag"] = "noindex";
  if (isFresh(c, feed)) return c.body(null, 304, headers);
  return c.body(feed.render(), 200, { ...headers, "Content-Type": FEED_CONTENT_TYPES[format] });
}

const options = (c: Context<AppEnv>, format: FeedFormat, limit: number) => ({ format, limit });

// /feeds/* and /t/:slug (API.md "Feeds and pages").
export const feedRoutes = new Hono<AppEnv>()
  .get(
    "/feeds/themes/:file{[a-z0-9-]+\\.(?:atom|rss|json)}",
    doc({ tag, summary: "A theme's public items and public bundles, sub-themes included, as Atom, RSS or JSON Feed", auth: "none", responses: { 200: { description: "The feed" }, 304: { description: "Not modified" }, 404: { description: "Unknown theme" } } }),
    valid("param", ThemeFeedPath),
    valid("query", FeedQuery),
    (c) => {
      const { name, format } = c.req.valid("param").file;
      return sendFeed(c, prepareThemeFeed(c.var.ctx, name, options(c, format, c.req.valid("query").limit)), format);
    },
  )
  .get(
    "/feeds/schools/:file{[A-Za-z0-9_-]+\\.(?:atom|rss|json)}",
    doc({ tag, summary: "A school's private feed (?token=): accepted bundles and items in its subscribed themes", auth: "none", responses: { 200: { description: "The feed" }, 304: { description: "Not modified" }, 404: { description: "Unknown school, or a wrong or rotated token" } } }),
    valid("param", SchoolFeedPath),
    valid("query", FeedQuery),
    (c) => {
      const { name, format } = c.req.valid("param").file;
      const query = c.req.valid("query");
      return sendFeed(c, prepareSchoolFeed(c.var.ctx, name, query.token, options(c, format, query.limit)), format);
    },
  )
  .get(
    "/feeds/bundles/:file{[a-z0-9-]+\\.(?:atom|rss|json)}",
    doc({ tag, summary: "A published bundle's items; a network bundle needs ?key= from an offer", auth: "none", responses: { 200: { description: "The feed" }, 304: { description: "Not modified" }, 404: { description: "Unknown, unpublished, or network bundle without a valid key" } } }),
    valid("param", BundleFeedPath),
    valid("query", FeedQuery),
    (c) => {
      const { name, format } = c.req.valid("param").file;
      const query = c.req.valid("query");
      return sendFeed(c, prepareBundleFeed(c.var.ctx, name, query.key, options(c, format, query.limit)), format);
    },
  )
  .get(
    "/feeds/questions/:file{[a-z0-9-]+\\.(?:atom|rss|json)}",
    doc({ tag, summary: "A broker's private feed (?token= from GET /api/v1/questions/feed-url) of new questions in a theme and its sub-themes that the broker may see", auth: "none", responses: { 200: { description: "The feed" }, 304: { description: "Not modified" }, 404: { description: "Unknown theme, or a wrong or rotated token, or one of a person who is no longer a broker" } } }),
    valid("param", ThemeFeedPath),
    valid("query", FeedQuery),
    (c) => {
      const { name, format } = c.req.valid("param").file;
      const query = c.req.valid("query");
      return sendFeed(c, prepareQuestionFeed(c.var.ctx, name, query.token, options(c, format, query.limit)), format);
    },
  )
  .get(
    "/t/:slug",
    doc({ tag, summary: "A theme's page: its public bundles and items (nl/en). Teams, SharePoint and EMBED_ALLOW_ORIGINS may frame it", auth: "none", responses: { 200: { description: "HTML page" }, 404: { description: "Unknown theme" } } }),
    valid("param", SlugParam),
    valid("query", ThemePageQuery),
    (c) => {
      const lang = pickLanguage(c.req.valid("query").lang, c.req.header("Accept-Language"));
      const page = themePage(c.var.ctx, c.req.valid("param").slug);
      // A school shows the theme as a tab in its Teams channel or on its SharePoint site.
      c.header("Content-Security-Policy", embeddablePageCsp(c.var.deps.embedAllowOrigins ?? []));
      c.header("Vary", "Accept-Language");
      if (!page) {
        c.header("Cache-Control", "no-store");
        return c.html(renderThemeNotFound(lang), 404);
      }
      c.header("Cache-Control", "public, max-age=300");
      return c.html(renderThemePage(page, lang));
    },
  );
