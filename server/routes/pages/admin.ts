/**
 * /admin: the administration in the browser, for administrators signed in with a web session. Every change
 * is a form post carrying the session's CSRF token, made through the same services (and recorded in the
 * same audit log) as the admin API, then a 303 back with a notice; a refused form is shown again with
 * what is wrong next to each field. Signed out: to /login; signed in without the role: a 404.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { pickLanguage, type Language } from "../../../shared/i18n";
import { adminText, isAdminTextKey, type AdminTextKey } from "../../../shared/i18n/pages/admin";
import {
  AdminCreateInstituteRequest,
  AdminCreateSchoolRequest,
  CommunityRole,
  CreateBestuurRequest,
  CreateCommunityRequest,
  CreateThemeRequest,
  CreateUserRequest,
  Id,
  SchoolRole,
  SharedWork,
  ThemeSlug,
  UpdateBestuurRequest,
  UpdateInstituteRequest,
  UpdateSchoolRequest,
  UpdateThemeRequest,
  UpdateUserRequest,
} from "../../../shared/schemas";
import { DomainError } from "../../core/errors";
import { isAdmin } from "../../core/viewer";
import { authenticate } from "../../http/auth";
import type { AppEnv, SignedInEnv } from "../../http/env";
import { handleError } from "../../http/errors";
import { doc } from "../../http/openapi";
import { limitBody } from "../../http/requests";
import { csrfToken, requireCsrf } from "../../http/session";
import { FORM_PAGE_CSP } from "../../pages/page-http";
import { AuditLogPage, MessagePage, OverviewPage, ProvidersPage, ThemePage, ThemesPage } from "../../pages/admin/network";
import { BesturenPage, BestuurPage, CommunitiesPage, CommunityPage, InstitutePage, InstitutesPage, SchoolPage, SchoolsPage } from "../../pages/admin/organisations";
import { PeoplePage, PersonPage } from "../../pages/admin/people";
import { renderAdminPage, type AdminPageContext, type FormState } from "../../pages/admin/shell";
import { createUser, findUserByEmail, listUsers, updateUser } from "../../services/accounts/accounts";
import { checkProvider } from "../../services/sign-in/openid";
import {
  adminInstitute,
  adminInstitutes,
  adminSchool,
  adminSchools,
  createBestuur,
  createCommunity,
  createInstitute,
  createSchool,
  getBestuur,
  getCommunity,
  listBesturen,
  listCommunities,
  membersOfOrganisation,
  removeCommunityMember,
  removeInstituteMember,
  removeSchoolMember,
  setCommunityMember,
  setInstituteMember,
  setSchoolMember,
  updateBestuur,
  updateInstitute,
  updateSchool,
} from "../../services/accounts/organisations";
import { adminUserDetails, getPerson, personMemberships, searchPeople } from "../../services/accounts/people";
import { auditLogPage, recordAdminAction } from "../../services/privacy/audit-log";
import { deleteAccount } from "../../services/privacy/deletion";
import { createTheme, listThemes, updateTheme } from "../../services/taxonomy/themes";
import { themeIndex } from "../../services/taxonomy/theme-index";

export type Ctx = Context<SignedInEnv>;

export const langOf = (c: Pick<Context, "req">): Language => pickLanguage(c.req.query("lang"), c.req.header("Accept-Language"));

function pageHeaders(c: Context<AppEnv>) {
  c.header("Content-Security-Policy", FORM_PAGE_CSP);
  c.header("Cache-Control", "private, no-store");
  c.header("Vary", "Accept-Language, Cookie");
}

function message(c: Context<AppEnv>, status: 403 | 404, title: AdminTextKey, body: AdminTextKey) {
  const lang = langOf(c);
  pageHeaders(c);
  return c.html(renderAdminPage(MessagePage({ lang, title: adminText(lang, title), body: adminText(lang, body) })), status);
}

const notFoundPage = (c: Context<AppEnv>) => message(c, 404, "admin.notFound.title", "admin.notFound.body");

/** Refusals become pages here; anything else goes to the one error handler (and its JSON) as everywhere. */
export function pageError(error: Error, c: Context<AppEnv>) {
  if (error instanceof DomainError && error.kind === "not_found") return notFoundPage(c);
  if (error instanceof DomainError && error.code === "csrf_failed") return message(c, 403, "admin.forbidden.title", "admin.forbidden.body");
  return handleError(error, c);
}

const toLogin = (c: Context<AppEnv>) => {
  const target = c.req.method === "GET" ? c.req.path + (new URL(c.req.url).search || "") : c.req.path;
  return c.redirect(`/login?next=${encodeURIComponent(target).replace(/%2F/g, "/")}`, 303);
};

/**
 * The pages are for a browser's web session only: a bearer token (an extension's or a script's) is no
 * sign-in here, so such a request is sent to /login like a signed-out browser, before any token is read.
 */
const sessionOnly = createMiddleware<AppEnv>(async (c, next) => (c.req.header("Authorization") ? toLogin(c) : next()));

/** Only administrators with a web session; everyone else learns nothing about what is here. */
const requireAdminPage = createMiddleware<AppEnv>(async (c, next) => {
  const viewer = c.var.viewer;
  if (viewer.kind !== "user") return toLogin(c);
  if (!isAdmin(viewer)) return notFoundPage(c);
  pageHeaders(c);
  return next();
});

const bodyLimit = createMiddleware<AppEnv>((c, next) => limitBody(c.var.deps.bodyLimitBytes)(c, next));

const NOTICES: Record<string, AdminTextKey> = { saved: "admin.notice.saved", created: "admin.notice.created", removed: "admin.notice.removed" };

export function pageContext(c: Ctx): AdminPageContext {
  const lang = langOf(c);
  const notice = NOTICES[c.req.query("notice") ?? ""];
  return { lang, csrf: csrfToken(c as unknown as Context<AppEnv>) ?? "", path: c.req.path, notice: notice ? adminText(lang, notice) : null };
}

export const show = (c: Ctx, page: Parameters<typeof renderAdminPage>[0]) => c.html(renderAdminPage(page));

// ---------------------------------------------------------------------------------------------------
// Forms

export type Form = Record<string, string | File | (string | File)[]>;
export const text = (form: Form, name: string) => {
  const v = form[name];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
};
const all = (form: Form, name: string) => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
};
/** Codes typed one per line, or separated by commas, semicolons or spaces. */
const codes = (form: Form, name: string) => text(form, name).split(/[\s,;]+/).filter(Boolean);
const optional = (value: string) => (value.trim() ? value : undefined);
const strings = (form: Form, names: string[]) => Object.fromEntries(names.map((n) => [n, text(form, n)]));

export const readForm = async (c: Ctx) => (await c.req.parseBody({ all: true })) as Form;

/** A field's name on the form for a schema path: name.nl → nameNl, brinCodes.2 → brinCodes. */
const fieldOf = (path: PropertyKey[]) =>
  path
    .filter((p): p is string => typeof p === "string")
    .map((p, i) => (i ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join("");

const FIELD_MESSAGES: Record<string, AdminTextKey> = { nameNl: "field.themeName", nameEn: "field.themeName", descriptionNl: "field.description", descriptionEn: "field.description", roles: "field.role" };

function fieldMessage(lang: Language, field: string): string {
  const key = FIELD_MESSAGES[field] ?? `field.${field}`;
  return isAdminTextKey(key) ? adminText(lang, key) : adminText(lang, "conflict.other", { message: field });
}

/** Which field a refusal from a service is about, so its message stands next to it. */
const CONFLICT_FIELDS: Record<string, string> = {
  brin_code_taken: "brinCodes",
  entra_tenant_taken: "entraTenants",
  google_domain_taken: "googleDomains",
  institute_domain_taken: "domains",
  email_taken: "email",
  bestuur_exists: "name",
  theme_exists: "nameNl",
  unknown_theme: "parent",
  theme_cycle: "parent",
};

function refusal(lang: Language, error: DomainError): { field: string | null; text: string } {
  const details = (error.extra.details ?? {}) as { value?: string; holder?: { name?: string } };
  const key = `conflict.${error.code}`;
  const text = isAdminTextKey(key)
    ? adminText(lang, key, { value: details.value ?? "", holder: details.holder?.name ?? "" })
    : adminText(lang, "conflict.other", { message: error.message });
  return { field: CONFLICT_FIELDS[error.code] ?? null, text };
}

interface Submission<S extends z.ZodType> {
  form: string;
  values: Record<string, string>;
  schema: S;
  input: unknown;
  act: (input: z.infer<S>) => unknown | Promise<unknown>;
  /** What the audit log records (null: the service records it itself); the subject's id may come from what `act` returned. */
  audit: null | { action: string; subjectKind: string; subjectId: (result: unknown) => string | null; details?: Record<string, string> };
  /** Where to go after the change (the notice is added). */
  done: (result: unknown) => string;
  notice?: "saved" | "created" | "removed";
  /** The page again, with the refused form's state. */
  again: (state: FormState) => Response | Promise<Response>;
}

/** The page shown again for a refused form answers with the refusal's status. */
export async function withStatus(page: Response | Promise<Response>, status: 400 | 409) {
  const res = await page;
  return new Response(res.body, { status, headers: res.headers });
}

async function submit<S extends z.ZodType>(c: Ctx, s: Submission<S>): Promise<Response> {
  const lang = langOf(c);
  const parsed = s.schema.safeParse(s.input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= fieldMessage(lang, field);
    }
    return withStatus(s.again({ form: s.form, values: s.values, errors }), 400);
  }
  let result: unknown;
  try {
    result = await s.act(parsed.data);
  } catch (error) {
    if (!(error instanceof DomainError) || (error.kind !== "conflict" && error.kind !== "invalid")) throw error;
    const { field, text: said } = refusal(lang, error);
    return withStatus(s.again({ form: s.form, values: s.values, errors: field ? { [field]: said } : {}, summary: field ? null : said }), error.kind === "conflict" ? 409 : 400);
  }
  if (s.audit) recordAdminAction(c.var.ctx, { kind: "admin", userId: c.var.viewer.user.id }, { action: s.audit.action, subjectKind: s.audit.subjectKind, subjectId: s.audit.subjectId(result), details: s.audit.details ?? {} });
  const target = s.done(result);
  return c.redirect(`${target}${target.includes("?") ? "&" : "?"}notice=${s.notice ?? "saved"}&lang=${lang}`, 303);
}

const idOf = (result: unknown) => {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : null;
};

/** The :id of the route, checked to have an id's shape (anything else is simply not found). */
export function param(c: Ctx, name = "id") {
  const parsed = Id.safeParse(c.req.param(name));
  if (!parsed.success) throw new DomainError("not_found", "not_found", "No such page.");
  return parsed.data;
}

/** A person named on a form by e-mail address or id, or null when nobody is. */
function personNamed(c: Ctx, who: string) {
  const trimmed = who.trim();
  if (!trimmed) return null;
  if (trimmed.includes("@")) return findUserByEmail(c.var.ctx, trimmed)?.id ?? null;
  try {
    return getPerson(c.var.ctx, trimmed).id;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Pages

function peoplePage(c: Ctx, state: FormState | null = null) {
  const q = (c.req.query("q") ?? "").trim().slice(0, 200);
  const cursor = c.req.query("cursor")?.slice(0, 500);
  let found: ReturnType<typeof searchPeople>;
  try {
    found = searchPeople(c.var.ctx, { q, cursor, limit: 50 });
  } catch {
    // A cursor from elsewhere: start at the beginning rather than refuse the page.
    found = searchPeople(c.var.ctx, { q, limit: 50 });
  }
  return show(c, PeoplePage({ page: pageContext(c), q, users: found.users, nextCursor: found.nextCursor, state }));
}

function personPage(c: Ctx, state: FormState | null = null) {
  const person = getPerson(c.var.ctx, param(c));
  // Brokers who can take over the bundles nobody else curates, as `npm run admin -- user:delete --hand-over-to` offers.
  const heirs = listUsers(c.var.ctx)
    .filter((u) => u.id !== person.id && !u.disabled && u.roles.includes("broker"))
    .map((u) => ({ id: u.id, name: u.name }));
  return show(c, PersonPage({ page: pageContext(c), user: adminUserDetails(c.var.ctx, person), memberships: personMemberships(c.var.ctx, person.id), heirs, state }));
}


const schoolsPage = (c: Ctx, state: FormState | null = null) => show(c, SchoolsPage({ page: pageContext(c), schools: adminSchools(c.var.ctx), state }));

function schoolPage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, SchoolPage({ page: pageContext(c), school: adminSchool(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "school", id), state }));
}

const institutesPage = (c: Ctx, state: FormState | null = null) => show(c, InstitutesPage({ page: pageContext(c), institutes: adminInstitutes(c.var.ctx), state }));

function institutePage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, InstitutePage({ page: pageContext(c), institute: adminInstitute(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "institute", id), state }));
}

const besturenPage = (c: Ctx, state: FormState | null = null) => show(c, BesturenPage({ page: pageContext(c), besturen: listBesturen(c.var.ctx), state }));

function bestuurPage(c: Ctx, state: FormState | null = null) {
  const bestuur = getBestuur(c.var.ctx, param(c));
  const schools = adminSchools(c.var.ctx).filter((s) => s.bestuurId === bestuur.id);
  return show(c, BestuurPage({ page: pageContext(c), bestuur, schools, state }));
}

function communitiesPage(c: Ctx, state: FormState | null = null) {
  const communities = listCommunities(c.var.ctx).map((row) => ({ ...row, memberCount: getCommunity(c.var.ctx, row.id).memberCount }));
  return show(c, CommunitiesPage({ page: pageContext(c), communities, state }));
}

function communityPage(c: Ctx, state: FormState | null = null) {
  const id = param(c);
  return show(c, CommunityPage({ page: pageContext(c), community: getCommunity(c.var.ctx, id), members: membersOfOrganisation(c.var.ctx, "community", id), state }));
}

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

// ---------------------------------------------------------------------------------------------------
// Memberships: the same three forms for schools, institutes and communities

const MEMBERSHIPS = {
  schools: { kind: "school", roles: SchoolRole, set: setSchoolMember, remove: removeSchoolMember, page: schoolPage },
  institutes: { kind: "institute", roles: SchoolRole, set: setInstituteMember, remove: removeInstituteMember, page: institutePage },
  communities: { kind: "community", roles: CommunityRole, set: setCommunityMember, remove: removeCommunityMember, page: communityPage },
} as const;

export const pageDoc = (summary: string) => doc({ tag: "pages", summary, responses: { 200: { description: "HTML page (administrators with a web session; signed out: 303 to /login, others: 404)" } } });
// The forms' posts are not in the OpenAPI document: they take a browser's form body, answer with pages and
// redirects, and do exactly what the documented admin API routes do.

export const adminPageRoutes = new Hono<AppEnv>();
adminPageRoutes.onError(pageError);
for (const path of ["/admin", "/admin/*"]) adminPageRoutes.use(path, sessionOnly, bodyLimit, authenticate, requireAdminPage, requireCsrf);

const pages = adminPageRoutes as unknown as Hono<SignedInEnv>;

pages
  .get("/admin", pageDoc("Administration: the overview (nl/en)"), (c) => show(c, OverviewPage({ page: pageContext(c) })))
  .get("/admin/people", pageDoc("Administration: find people by name or e-mail; make a password account"), (c) => peoplePage(c))
  .post("/admin/people", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "email"]);
    return submit(c, {
      form: "new-person",
      values,
      schema: CreateUserRequest,
      input: { name: values.name, email: values.email, password: text(form, "password") },
      act: (input) => createUser(c.var.ctx, input),
      audit: { action: "user.create", subjectKind: "user", subjectId: idOf },
      done: (user) => `/admin/people/${idOf(user)}`,
      notice: "created",
      again: (state) => peoplePage(c, state),
    });
  })
  .get("/admin/people/:id", pageDoc("Administration: one person with roles, status, school accounts and memberships"), (c) => personPage(c))
  .post("/admin/people/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "email"]);
    return submit(c, {
      form: "person",
      values,
      schema: UpdateUserRequest,
      input: { name: values.name, email: optional(values.email!) },
      act: (input) => updateUser(c.var.ctx, id, input),
      audit: { action: "user.update", subjectKind: "user", subjectId: () => id },
      done: () => `/admin/people/${id}`,
      again: (state) => personPage(c, state),
    });
  })
  .post("/admin/people/:id/roles", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    return submit(c, {
      form: "roles",
      values: {},
      schema: UpdateUserRequest,
      input: { roles: all(form, "roles") },
      act: (input) => updateUser(c.var.ctx, id, input),
      audit: { action: "user.update", subjectKind: "user", subjectId: () => id },
      done: () => `/admin/people/${id}`,
      again: (state) => personPage(c, state),
    });
  })
  .post("/admin/people/:id/status", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    return submit(c, {
      form: "roles",
      values: {},
      schema: UpdateUserRequest,
      input: { disabled: text(form, "disabled") === "true" },
      act: (input) => updateUser(c.var.ctx, id, input),
      audit: { action: "user.update", subjectKind: "user", subjectId: () => id },
      done: () => `/admin/people/${id}`,
      again: (state) => personPage(c, state),
    });
  })
  .post("/admin/people/:id/delete", async (c) => {
    const id = param(c);
    const person = getPerson(c.var.ctx, id);
    const form = await readForm(c);
    const values = strings(form, ["sharedWork", "confirm", "handOverTo"]);
    // Typing the name is the one safeguard against deleting the wrong person from a long list.
    if (values.confirm!.trim() !== person.name) return withStatus(personPage(c, { form: "delete", values, errors: { confirm: adminText(langOf(c), "field.confirm") } }), 400);
    return submit(c, {
      form: "delete",
      values,
      schema: SharedWork,
      input: values.sharedWork,
      act: (sharedWork) => deleteAccount(c.var.ctx, id, { sharedWork, handOverTo: values.handOverTo || undefined }, { kind: "admin", userId: c.var.viewer.user.id }),
      audit: null,
      done: () => "/admin/people",
      notice: "removed",
      again: (state) => personPage(c, state),
    });
  })
  .get("/admin/schools", pageDoc("Administration: schools with BRIN codes, Entra tenants, Google domains and bestuur"), (c) => schoolsPage(c))
  .post("/admin/schools", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "sector", "region", "bestuur", "brinCodes", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "school",
      values,
      schema: AdminCreateSchoolRequest,
      input: {
        name: values.name,
        sector: values.sector,
        region: optional(values.region!),
        bestuur: optional(values.bestuur!),
        brinCodes: codes(form, "brinCodes"),
        entraTenants: codes(form, "entraTenants"),
        googleDomains: codes(form, "googleDomains"),
      },
      act: (input) => createSchool(c.var.ctx, input),
      audit: { action: "school.create", subjectKind: "school", subjectId: idOf },
      done: (school) => `/admin/schools/${idOf(school)}`,
      notice: "created",
      again: (state) => schoolsPage(c, state),
    });
  })
  .get("/admin/schools/:id", pageDoc("Administration: one school, its sign-in codes and members"), (c) => schoolPage(c))
  .post("/admin/schools/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "sector", "region", "bestuur", "brinCodes", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "school",
      values,
      schema: UpdateSchoolRequest,
      input: {
        name: values.name,
        sector: values.sector,
        region: optional(values.region!) ?? null,
        bestuur: optional(values.bestuur!) ?? null,
        brinCodes: codes(form, "brinCodes"),
        entraTenants: codes(form, "entraTenants"),
        googleDomains: codes(form, "googleDomains"),
      },
      act: (input) => updateSchool(c.var.ctx, id, input),
      audit: { action: "school.update", subjectKind: "school", subjectId: () => id },
      done: () => `/admin/schools/${id}`,
      again: (state) => schoolPage(c, state),
    });
  })
  .get("/admin/institutes", pageDoc("Administration: institutes with their SURFconext domains"), (c) => institutesPage(c))
  .post("/admin/institutes", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "domains"]);
    return submit(c, {
      form: "institute",
      values,
      schema: AdminCreateInstituteRequest,
      input: { name: values.name, kind: values.kind, domains: codes(form, "domains") },
      act: (input) => createInstitute(c.var.ctx, input),
      audit: { action: "institute.create", subjectKind: "institute", subjectId: idOf },
      done: (institute) => `/admin/institutes/${idOf(institute)}`,
      notice: "created",
      again: (state) => institutesPage(c, state),
    });
  })
  .get("/admin/institutes/:id", pageDoc("Administration: one institute, its domains and members"), (c) => institutePage(c))
  .post("/admin/institutes/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "domains"]);
    return submit(c, {
      form: "institute",
      values,
      schema: UpdateInstituteRequest,
      input: { name: values.name, kind: values.kind, domains: codes(form, "domains") },
      act: (input) => updateInstitute(c.var.ctx, id, input),
      audit: { action: "institute.update", subjectKind: "institute", subjectId: () => id },
      done: () => `/admin/institutes/${id}`,
      again: (state) => institutePage(c, state),
    });
  })
  .get("/admin/besturen", pageDoc("Administration: besturen with their Entra tenants and Google domains"), (c) => besturenPage(c))
  .post("/admin/besturen", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "bestuur",
      values,
      schema: CreateBestuurRequest,
      input: { name: values.name, entraTenants: codes(form, "entraTenants"), googleDomains: codes(form, "googleDomains") },
      act: (input) => createBestuur(c.var.ctx, input),
      audit: { action: "bestuur.create", subjectKind: "bestuur", subjectId: idOf },
      done: (bestuur) => `/admin/besturen/${idOf(bestuur)}`,
      notice: "created",
      again: (state) => besturenPage(c, state),
    });
  })
  .get("/admin/besturen/:id", pageDoc("Administration: one bestuur, its tenants, domains and schools"), (c) => bestuurPage(c))
  .post("/admin/besturen/:id", async (c) => {
    const id = param(c);
    const form = await readForm(c);
    const values = strings(form, ["name", "entraTenants", "googleDomains"]);
    return submit(c, {
      form: "bestuur",
      values,
      schema: UpdateBestuurRequest,
      input: { name: values.name, entraTenants: codes(form, "entraTenants"), googleDomains: codes(form, "googleDomains") },
      act: (input) => updateBestuur(c.var.ctx, id, input),
      audit: { action: "bestuur.update", subjectKind: "bestuur", subjectId: () => id },
      done: () => `/admin/besturen/${id}`,
      again: (state) => bestuurPage(c, state),
    });
  })
  .get("/admin/communities", pageDoc("Administration: communities"), (c) => communitiesPage(c))
  .post("/admin/communities", async (c) => {
    const form = await readForm(c);
    const values = strings(form, ["name", "kind", "description", "open"]);
    return submit(c, {
      form: "community",
      values,
      schema: CreateCommunityRequest,
      input: { name: values.name, kind: values.kind, description: optional(values.description!), open: values.open === "true" },
      act: (input) => createCommunity(c.var.ctx, input),
      audit: { action: "community.create", subjectKind: "community", subjectId: idOf },
      done: (community) => `/admin/communities/${idOf(community)}`,
      notice: "created",
      again: (state) => communitiesPage(c, state),
    });
  })
  .get("/admin/communities/:id", pageDoc("Administration: one community and its members"), (c) => communityPage(c))
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

for (const [path, m] of Object.entries(MEMBERSHIPS)) {
  pages
    .post(`/admin/${path}/:id/members`, async (c) => {
      const id = param(c);
      const form = await readForm(c);
      const values = strings(form, ["who", "role"]);
      const userId = personNamed(c, values.who!);
      if (!userId) {
        return withStatus(m.page(c, { form: "member", values, errors: { who: adminText(langOf(c), "field.who") } }), 400);
      }
      return submit(c, {
        form: "member",
        values,
        schema: m.roles,
        input: values.role,
        act: (role) => m.set(c.var.ctx, id, userId, role as never),
        audit: { action: `${m.kind}.member.set`, subjectKind: m.kind, subjectId: () => id, details: { userId } },
        done: () => `/admin/${path}/${id}`,
        again: (state) => m.page(c, { ...state, errors: { role: adminText(langOf(c), "field.role") } }),
      });
    })
    .post(`/admin/${path}/:id/members/remove`, async (c) => {
      const id = param(c);
      const form = await readForm(c);
      const userId = text(form, "userId");
      m.remove(c.var.ctx, id, userId);
      recordAdminAction(c.var.ctx, { kind: "admin", userId: c.var.viewer.user.id }, { action: `${m.kind}.member.remove`, subjectKind: m.kind, subjectId: id, details: { userId } });
      // Removed from the person's page: back there, never to an address the form could name freely.
      const back = text(form, "back") === `/admin/people/${userId}` ? `/admin/people/${userId}` : `/admin/${path}/${id}`;
      return c.redirect(`${back}?notice=removed&lang=${langOf(c)}`, 303);
    });
}
