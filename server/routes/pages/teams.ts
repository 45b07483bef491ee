/**
 * Knooppunt in Microsoft Teams: the app package a school uploads, and the page its configurable tab opens
 * to choose a theme or an accepted bundle.
 */
import { Hono } from "hono";
import { z } from "zod";
import { pickLanguage } from "../../../shared/i18n";
import { authenticate } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { embeddableFormPageCsp, PageLang } from "../../pages/page-http";
import { renderTeamsConfigurePage } from "../../pages/teams/configure-page";
import { teamsAppPackage } from "../../services/teams/app-package";
import { chosenTab, tabChoices } from "../../services/teams/tab-choices";

const tag = "pages";

// A page answers every input with a page: a malformed choice is treated as an unknown one.
const ConfigureQuery = z.object({ lang: PageLang, tab: z.string().max(300).optional().catch("") });

export const teamsRoutes = new Hono<AppEnv>()
  .get(
    "/teams/knooppunt.zip",
    doc({
      tag,
      summary: "The Teams app package for this server (manifest.json, en.json, color.png, outline.png): upload it in the Teams admin center or with “Upload a custom app”",
      auth: "none",
      responses: { 200: { description: "application/zip" } },
    }),
    (c) => {
      const zip = teamsAppPackage(c.var.ctx.links);
      return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/zip",
        "Content-Disposition": 'attachment; filename="knooppunt.zip"',
        "Cache-Control": "public, max-age=3600",
      });
    },
  )
  .get(
    "/teams/configure",
    doc({
      tag,
      summary: "The Teams tab's configuration page (nl/en): choose a theme or, signed in, a bundle the school accepted, and get the address for the tab; `tab` is `theme:<slug>` or `offer:<id>`",
      auth: "optional",
      responses: { 200: { description: "HTML page" } },
    }),
    authenticate,
    valid("query", ConfigureQuery),
    (c) => {
      const { lang: requested, tab } = c.req.valid("query");
      const lang = pickLanguage(requested, c.req.header("Accept-Language"));
      const choices = tabChoices(c.var.ctx, c.var.viewer);
      const chosen = chosenTab(choices, tab);
      const other = lang === "nl" ? "en" : "nl";
      const keep = tab ? `&tab=${encodeURIComponent(tab)}` : "";
      // The configuration page is shown inside Teams; a school's choices are its own and never cached.
      c.header("Content-Security-Policy", embeddableFormPageCsp(c.var.deps.embedAllowOrigins ?? []));
      c.header("Cache-Control", "private, no-store");
      c.header("Vary", "Accept-Language, Authorization, Cookie");
      return c.html(
        renderTeamsConfigurePage({
          lang,
          choices,
          chosen,
          unknownChoice: Boolean(tab) && !chosen,
          switchTo: `/teams/configure?lang=${other}${keep}`,
          signInUrl: `/login?lang=${lang}&next=${encodeURIComponent("/teams/configure")}`,
        }),
      );
    },
  );
