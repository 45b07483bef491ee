/**
 * /admin: the administration in the browser, for administrators signed in with a web session. Every change
 * is a form post carrying the session's CSRF token, made through the same services (and recorded in the
 * same audit log) as the admin API, then a 303 back with a notice; a refused form is shown again with
 * what is wrong next to each field. Signed out: to /login; signed in without the role: a 404.
 */
import { Hono } from "hono";
import { CreateThemeRequest, ThemeSlug, UpdateThemeRequest } from "../../../../shared/schemas";
import { DomainError } from "../../../core/errors";
import type { AppEnv } from "../../../http/env";
import { AuditLogPage, OverviewPage, ProvidersPage, ThemePage, ThemesPage } from "../../../pages/admin/network";
import type { FormState } from "../../../pages/admin/shell";
import { checkProvider } from "../../../services/sign-in/openid";
import { auditLogPage } from "../../../services/privacy/audit-log";
import { createTheme, listThemes, updateTheme } from "../../../services/taxonomy/themes";
import { themeIndex } from "../../../services/taxonomy/theme-index";
import { optional, pageContext, pageDoc, readForm, show, strings, submit, guardAdminPages, type Ctx } from "./forms";
import { registerPeoplePages } from "./people";
import { registerOrganisationPages } from "./organisations";

const themesPage = (c: Ctx, state: FormState | null = null) => show(c, ThemesPage({ page: pageContext(c), themes: listThemes(c.var.ctx), state }));

function themeSlug(c: Ctx) {
  const parsed = ThemeSlug.safeParse(c.req.param("slug"));
  if (!parsed.success) throw new DomainError("not_found", "not_found", "No such theme.");
  return parsed.data;
}

function themePage(c: Ctx, state: FormState | null = null) {
  const theme = themeIndex(c.var.ctx).bySlug.get(themeSlug(c));
  if (!theme) throw new DomainError("not_found", "not_found", "No such theme.");
  return show(c, ThemePage({ page: pageContext(c), theme, state }));
}

export const adminPageRoutes = new Hono<AppEnv>();
const pages = guardAdminPages(adminPageRoutes);

pages
  .get("/admin", pageDoc("Administration: the overview (nl/en)"), (c) => show(c, OverviewPage({ page: pageContext(c) })))
  .get("/admin/themes", pageDoc("Administration: the theme taxonomy"), (c) => themesPage(c))
  .post("/admin/themes", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["nameNl", "nameEn", "descriptionNl", "descriptionEn", "parent"]);
    return submit(c, {
      form: "theme",
      values,
      schema: CreateThemeRequest,
      input: { name: { nl: values.nameNl, en: values.nameEn }, description: { nl: values.descriptionNl, en: values.descriptionEn }, parent: optional(values.parent!) ?? null },
      act: (input) => createTheme(c.var.ctx, input),
      audit: { action: "theme.create", subjectKind: "theme", subjectId: (theme) => (theme as { slug: string }).slug },
      done: (theme) => `/admin/themes/${(theme as { slug: string }).slug}`,
      notice: "created",
      again: (state) => themesPage(c, state),
    });
  })
  .get("/admin/themes/:slug", pageDoc("Administration: one theme's names and descriptions"), (c) => themePage(c))
  .post("/admin/themes/:slug", async (c) => {
    const slug = themeSlug(c);
    const form = await readForm(c);
    const values = strings(form, ["nameNl", "nameEn", "descriptionNl", "descriptionEn"]);
    return submit(c, {
      form: "theme",
      values,
      schema: UpdateThemeRequest,
      input: { name: { nl: values.nameNl, en: values.nameEn }, description: { nl: values.descriptionNl, en: values.descriptionEn } },
      act: (input) => updateTheme(c.var.ctx, slug, input),
      audit: { action: "theme.update", subjectKind: "theme", subjectId: () => slug },
      done: () => `/admin/themes/${slug}`,
      again: (state) => themePage(c, state),
    });
  })
  .get("/admin/providers", pageDoc("Administration: the configured sign-in providers, whether each answers now, and the exact redirect URI for each"), async (c) => {
    const providers = c.var.deps.signInProviders;
    const health = await Promise.all(providers.map((p) => checkProvider(p)));
    return show(
      c,
      ProvidersPage({
        page: pageContext(c),
        providers: providers.map((p, i) => ({
          id: p.id,
          family: p.family,
          issuer: p.issuer,
          unmatched: p.unmatched,
          redirectUri: `${c.var.ctx.links.base}/auth/oidc/${p.id}/callback`,
          health: health[i]!,
        })),
      }),
    );
  })
  .get("/admin/audit-log", pageDoc("Administration: what administrators did, newest first"), (c) => {
    let found: ReturnType<typeof auditLogPage>;
    try {
      found = auditLogPage(c.var.ctx, { cursor: c.req.query("cursor")?.slice(0, 500), limit: 50 });
    } catch {
      found = auditLogPage(c.var.ctx, { limit: 50 });
    }
    return show(c, AuditLogPage({ page: pageContext(c), ...found }));
  });

registerPeoplePages(pages);
registerOrganisationPages(pages);
