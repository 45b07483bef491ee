import { Hono } from "hono";
import { z } from "zod";
import { authenticate } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { valid } from "../http/validate";
import { pickLanguage } from "../../shared/i18n";
import { embeddablePageCsp, PageLang, SlugParam } from "../pages/page-http";
import { renderBundleNotFound, renderBundlePage } from "../pages/bundle-page";
import { openBundlePage } from "../services/bundles/page";

// A malformed key is ignored like an unknown language: the page then shows what it shows without one.
const PageQuery = z.object({ lang: PageLang, key: z.string().min(1).max(200).optional().catch(undefined) });

export const bundlePageRoutes = new Hono<AppEnv>().get(
  "/b/:slug",
  doc({
    tag: "pages",
    summary: "A published bundle as a readable, printable page (nl/en); a network bundle needs sign-in or an offer's ?key=. Teams, SharePoint and EMBED_ALLOW_ORIGINS may frame it",
    auth: "optional",
    responses: { 200: { description: "HTML page" }, 404: { description: "Unknown, unpublished, or not for this reader" } },
  }),
  authenticate,
  valid("param", SlugParam),
  valid("query", PageQuery),
  (c) => {
    const { lang: requested, key } = c.req.valid("query");
    const lang = pickLanguage(requested, c.req.header("Accept-Language"));
    // A HEAD request (link checkers, some previews) reads headers only: it is not a school opening the page.
    const view = openBundlePage(c.var.ctx, c.var.viewer, c.req.valid("param").slug, key, {
      countAsOpened: c.req.method !== "HEAD",
    });
    // A school shows the bundle as a tab in its Teams channel or on its SharePoint site.
    c.header("Content-Security-Policy", embeddablePageCsp(c.var.deps.embedAllowOrigins ?? []));
    // The session cookie decides what a network bundle shows, as a bearer token does.
    c.header("Vary", "Accept-Language, Authorization, Cookie");
    if (!view) {
      c.header("Cache-Control", "no-store");
      return c.html(renderBundleNotFound(lang), 404);
    }
    // A public page without a key may be cached; anything opened with a key or for the network may not
    // (and a cached copy would also stop counting opens).
    const shared = view.snapshot.audience === "public" && !key && c.var.viewer.kind === "anonymous";
    c.header("Cache-Control", shared ? "public, max-age=60" : "private, no-store");
    if (view.snapshot.audience !== "public") c.header("X-Robots-Tag", "noindex");
    return c.html(renderBundlePage(view, lang));
  },
);
