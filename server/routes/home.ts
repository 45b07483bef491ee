import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { valid } from "../http/validate";
import { pickLanguage } from "../../shared/i18n";
import { renderHomePage } from "../pages/home-page";
import { PAGE_CSP, PageLang } from "../pages/page-http";
import { homePage } from "../services/taxonomy/home-page";
import { renderPrivacyPage } from "../pages/privacy-page";
import { personalDataRegister } from "../services/privacy/registry";

const HomeQuery = z.object({ lang: PageLang });

// / (API.md "Added in wave 2"): the page for people who arrive at the server's address.
export const homeRoutes = new Hono<AppEnv>()
  .get(
    "/privacy",
    doc({ tag: "pages", summary: "Which personal data Knooppunt keeps, why, for how long and who sees it, made from the schema's register (nl/en)", auth: "none", responses: { 200: { description: "HTML page" } } }),
    valid("query", HomeQuery),
    (c) => {
      const lang = pickLanguage(c.req.valid("query").lang, c.req.header("Accept-Language"));
      c.header("Content-Security-Policy", PAGE_CSP);
      c.header("Vary", "Accept-Language");
      c.header("Cache-Control", "public, max-age=300");
      return c.html(renderPrivacyPage(personalDataRegister(c.var.deps.retention), lang, c.var.ctx.links.privacy()));
    },
  )
  .get(
  "/",
  doc({ tag: "pages", summary: "The home page: what Knooppunt is, the themes with their pages and feeds, how to get the extension and sign in (nl/en)", auth: "none", responses: { 200: { description: "HTML page" } } }),
  valid("query", HomeQuery),
  (c) => {
    const lang = pickLanguage(c.req.valid("query").lang, c.req.header("Accept-Language"));
    c.header("Content-Security-Policy", PAGE_CSP);
    c.header("Vary", "Accept-Language");
    // Short, so that a renamed or added theme shows within a minute in a browser's or a proxy's copy too.
    c.header("Cache-Control", "public, max-age=60");
    return c.html(renderHomePage(homePage(c.var.ctx), lang));
  },
);
