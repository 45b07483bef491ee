import { Hono } from "hono";
import { z } from "zod";
import { CreateThemeRequest, ThemeResponse, ThemeSlug, ThemesQuery, ThemesResponse, UpdateThemeRequest } from "../../shared/schemas";
import { audited } from "../http/audit";
import { requireAdmin } from "../http/auth";
import type { AppEnv } from "../http/env";
import { doc } from "../http/openapi";
import { idempotent } from "../http/requests";
import { valid } from "../http/validate";
import { createTheme, listThemes, updateTheme } from "../services/taxonomy/themes";

const tag = "themes";

export const themeRoutes = new Hono<AppEnv>()
  .get(
    "/themes",
    doc({ tag, summary: "The theme taxonomy; `q` matches names and synonyms in both languages", auth: "none", responses: { 200: { description: "Themes", schema: ThemesResponse } } }),
    valid("query", ThemesQuery),
    (c) => {
      c.header("Cache-Control", "public, max-age=300");
      return c.json({ themes: listThemes(c.var.ctx, c.req.valid("query").q) });
    },
  )
  .post(
    "/themes",
    doc({ tag, summary: "Add a theme (administrators)", responses: { 201: { description: "Created", schema: ThemeResponse }, 409: { description: "Slug taken" } } }),
    requireAdmin,
    audited("theme.create", "theme"),
    idempotent,
    valid("json", CreateThemeRequest),
    (c) => c.json({ theme: createTheme(c.var.ctx, c.req.valid("json")) }, 201),
  )
  .patch(
    "/themes/:slug",
    doc({ tag, summary: "Rename or re-parent a theme (administrators)", responses: { 200: { description: "Updated", schema: ThemeResponse } } }),
    requireAdmin,
    audited("theme.update", "theme"),
    valid("param", z.object({ slug: ThemeSlug })),
    valid("json", UpdateThemeRequest),
    (c) => c.json({ theme: updateTheme(c.var.ctx, c.req.valid("param").slug, c.req.valid("json")) }),
  );
