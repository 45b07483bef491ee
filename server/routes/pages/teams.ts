/**
 * Knooppunt in Microsoft Teams: the app package a school uploads, the page its configurable tab opens
 * to choose a theme or an accepted bundle, and that page's scripts.
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
import { notFound } from "../../core/errors";
import { teamsAppPackage } from "../../services/teams/app-package";
import { teamsScriptNamed, teamsScripts } from "../../services/teams/scripts";
import { chosenTab, tabChoices } from "../../services/teams/tab-choices";

const tag = "pages";

// A page answers every input with a page: a malformed choice is treated as an unknown one.
const ConfigureQuery = z.object({ lang: PageLang, tab: z.string().max(300).optional().catch("") });
// A name too long to be ours is just another unknown file.
const ScriptParam = z.object({ name: z.string().max(100).catch("") });

const SCRIPTS_PATH = "/teams/scripts";

/**
 * The configuration page runs the Teams JavaScript library and our script, both from this server and nothing
 * inline; every other directive stays as strict as on the other pages that Teams may frame.
 */
const configurePageCsp = (operatorOrigins: readonly string[]) =>
  embeddableFormPageCsp(operatorOrigins).replace("default-src 'none';", "default-src 'none'; script-src 'self';");

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
      const operatorOrigins = c.var.deps.embedAllowOrigins ?? [];
      const scripts = teamsScripts();
      c.header("Content-Security-Policy", configurePageCsp(operatorOrigins));
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
          scripts: { teamsJs: `${SCRIPTS_PATH}/${scripts.teamsJs.name}`, configure: `${SCRIPTS_PATH}/${scripts.configure.name}` },
          teamsOrigins: operatorOrigins,
        }),
      );
    },
  )
  .get(
    `${SCRIPTS_PATH}/:name`,
    doc({
      tag,
      summary: "The scripts of the Teams tab's configuration page: the Teams JavaScript library (`teams-js.<hash>.js`) and the page's own (`configure.<hash>.js`); the names change with the content, so they may be cached for a year",
      auth: "none",
      responses: { 200: { description: "text/javascript" }, 404: { description: "No such script (an old hash, or any other name)" } },
    }),
    valid("param", ScriptParam),
    (c) => {
      const script = teamsScriptNamed(c.req.valid("param").name);
      if (!script) throw notFound("script");
      c.header("Content-Type", "text/javascript; charset=utf-8");
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      c.header("Vary", "Accept-Encoding");
      if (!/\bgzip\b/.test(c.req.header("Accept-Encoding") ?? "")) return c.body(script.body);
      c.header("Content-Encoding", "gzip");
      return c.body(script.gzipped as Uint8Array<ArrayBuffer>);
    },
  );
