/**
 * What every administration page shares: the checks in front of them (a browser's web session, an
 * administrator, the CSRF token), the refusal pages, and `submit`, which validates a form against the same
 * zod schema as the admin API, calls the same service, records the audit entry and answers with a 303 and
 * a notice, or shows the form again with what is wrong next to each field.
 */
import type { Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { pickLanguage, type Language } from "../../../../shared/i18n";
import { adminText, isAdminTextKey, type AdminTextKey } from "../../../../shared/i18n/pages/admin";
import { Id } from "../../../../shared/schemas";
import { DomainError } from "../../../core/errors";
import { isAdmin } from "../../../core/viewer";
import { authenticate } from "../../../http/auth";
import type { AppEnv, SignedInEnv } from "../../../http/env";
import { handleError } from "../../../http/errors";
import { doc } from "../../../http/openapi";
import { limitBody } from "../../../http/requests";
import { csrfToken, requireCsrf } from "../../../http/session";
import { FORM_PAGE_CSP } from "../../../pages/page-http";
import { MessagePage } from "../../../pages/admin/network";
import { renderAdminPage, type AdminPageContext, type FormState } from "../../../pages/admin/shell";
import { recordAdminAction } from "../../../services/privacy/audit-log";

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
export const all = (form: Form, name: string) => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
};
/** Codes typed one per line, or separated by commas, semicolons or spaces. */
export const codes = (form: Form, name: string) => text(form, name).split(/[\s,;]+/).filter(Boolean);
export const optional = (value: string) => (value.trim() ? value : undefined);
export const strings = (form: Form, names: string[]) => Object.fromEntries(names.map((n) => [n, text(form, n)]));

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

export async function submit<S extends z.ZodType>(c: Ctx, s: Submission<S>): Promise<Response> {
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

export const idOf = (result: unknown) => {
  const id = (result as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : null;
};

/** The :id of the route, checked to have an id's shape (anything else is simply not found). */
export function param(c: Ctx, name = "id") {
  const parsed = Id.safeParse(c.req.param(name));
  if (!parsed.success) throw new DomainError("not_found", "not_found", "No such page.");
  return parsed.data;
}

export const pageDoc = (summary: string) => doc({ tag: "pages", summary, responses: { 200: { description: "HTML page (administrators with a web session; signed out: 303 to /login, others: 404)" } } });
// The forms' posts are not in the OpenAPI document: they take a browser's form body, answer with pages and
// redirects, and do exactly what the documented admin API routes do.

/** Every /admin page: a web session, an administrator, a bounded body and the CSRF token, refusals as pages. */
export function guardAdminPages(app: Hono<AppEnv>) {
  app.onError(pageError);
  for (const path of ["/admin", "/admin/*"]) app.use(path, sessionOnly, bodyLimit, authenticate, requireAdminPage, requireCsrf);
  return app as unknown as Hono<SignedInEnv>;
}
