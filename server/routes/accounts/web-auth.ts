/**
 * Signing in and out in the browser, and the person's own account page: /login (password form and the
 * configured school-account providers), /logout, /me and its forms. Each form post must come from this
 * site; forms made with the session cookie also carry the session's CSRF token.
 *
 * A browser gets a page for every answer; a client that does not ask for HTML (a script, a probe) gets the
 * contract's JSON error instead, so nothing here answers an API client with a page it cannot read.
 */
import { acceptsHtml } from "../../http/negotiation";
import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { Email } from "../../../shared/schemas";
import { pickLanguage } from "../../../shared/i18n";
import { accountText, type AccountTextKey } from "../../../shared/i18n/pages/account";
import type { Language } from "../../../shared/vocabulary";
import { DomainError } from "../../core/errors";
import type { SignedInViewer } from "../../core/viewer";
import { authenticate, clientAddress } from "../../http/auth";
import type { AppDependencies, AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { hitInTurn } from "../../http/rate-limiter";
import { limitBody } from "../../http/requests";
import { csrfToken, endSession, isCrossSite, sessionSecret, startWebSession } from "../../http/session";
import { valid } from "../../http/validate";
import { renderAccountPage, type AccountPageData } from "../../pages/account-page";
import { renderLoginPage, renderMessagePage, type LoginPageData } from "../../pages/login-page";
import { FORM_PAGE_CSP, PageLang } from "../../pages/page-http";
import { endOwnSession, ownAccount, ownSessions } from "../../services/accounts/own-account";
import { changeOwnPassword, verifyCredentials } from "../../services/accounts/passwords";
import { csrfTokenFor } from "../../services/accounts/web-sessions";
import { providerLabel } from "../../services/sign-in/providers";

// ---------------------------------------------------------------------------------------------------
// What every account page shares

/**
 * Where to go after signing in: a path on this site only. `//host`, `/\host` and control characters are
 * refused because browsers read them as another site (or strip them into one).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length > 2000) return "/me";
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f\u007f]/.test(next)) return "/me";
  return next;
}


const wantsHtml = (c: Context<AppEnv>) => acceptsHtml(c.req.header("Accept"));

/** Personal pages: never kept by a shared cache, never shown for another cookie or language. */
export function accountPageHeaders(c: Context<AppEnv>) {
  c.header("Content-Security-Policy", FORM_PAGE_CSP);
  c.header("Cache-Control", "private, no-store");
  c.header("Vary", "Cookie, Accept-Language");
}

export const pageLanguageOf = (c: Context<AppEnv>): Language => pickLanguage(PageLang.parse(c.req.query("lang")), c.req.header("Accept-Language"));

/** A refused request: a page with the sentence for a browser, the contract's error for anything else. */
export function refuse(c: Context<AppEnv>, status: ContentfulStatusCode, code: string, page: () => string | Promise<string>, englishMessage: string) {
  accountPageHeaders(c);
  if (!wantsHtml(c)) return c.json({ error: { code, message: englishMessage } }, status);
  return (async () => c.html(await page(), status))();
}

/** A refused form, on a page that only says so. */
export function refuseWithMessage(c: Context<AppEnv>, lang: Language, status: ContentfulStatusCode, code: string, key: AccountTextKey, englishMessage: string, params: Record<string, string | number> = {}) {
  const t = (k: AccountTextKey) => accountText(lang, k, params);
  return refuse(c, status, code, () => renderMessagePage({ lang, title: t("login.title"), message: t(key), link: { href: `/me?lang=${lang}`, text: t("me.title") } }).toString(), englishMessage);
}

/** A form's fields as strings; a body that is not a form is a 415 (an API client), a broken one a 400. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const media = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (media !== "application/x-www-form-urlencoded" && media !== "multipart/form-data") {
    throw new DomainError("unsupported_media_type", "unsupported_media_type", "Send this form as application/x-www-form-urlencoded.");
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = await c.req.parseBody();
  } catch {
    throw new DomainError("invalid", "malformed_request", "The form could not be read.");
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") fields[name] = value;
  return fields;
}

/** Form bodies are capped like the API's. */
export const limitFormBody = createMiddleware<AppEnv>((c, next) => limitBody(c.var.deps.bodyLimitBytes)(c, next));

/**
 * A form post made with the session cookie must carry the session's CSRF token, and every form post must
 * come from this site (the cookie is SameSite=Lax, so another site's post arrives without it: refused too,
 * rather than quietly doing nothing).
 */
export function formRefusal(c: Context<AppEnv>, lang: Language, form: Record<string, string>) {
  const secret = sessionSecret(c);
  const tokenOk = !secret || c.req.header("Authorization") !== undefined || form["_csrf"] === csrfTokenFor(secret);
  if (isCrossSite(c) || !tokenOk) {
    return refuseWithMessage(c, lang, 403, "csrf_failed", "form.expired", "This form was sent from another site or has expired; reload the page and try again.");
  }
  return null;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

// ---------------------------------------------------------------------------------------------------
// /login and /logout

const LoginQuery = z.object({
  lang: PageLang,
  next: z.string().max(2000).optional().catch(undefined),
  notice: z.enum(["signed-out", "password-reset"]).optional().catch(undefined),
});

const LoginForm = z.object({ email: Email, password: z.string().min(1).max(200) });

function loginPageData(c: Context<AppEnv>, lang: Language, next: string): LoginPageData {
  const viewer = c.var.viewer;
  return {
    lang,
    next,
    providers: c.var.deps.signInProviders.map((p) => ({ id: p.id, label: providerLabel(p, lang) })),
    signedIn: viewer.kind === "user" ? { name: viewer.user.name, csrf: csrfToken(c) ?? "" } : null,
  };
}

// ---------------------------------------------------------------------------------------------------
// /me

export function accountPageData(c: Context<AppEnv>, viewer: SignedInViewer, lang: Language): AccountPageData {
  const { ctx, deps } = c.var;
  // The provider's name without "Inloggen met" / "Sign in with": it reads in a list and on a link button.
  const label = (id: string) => {
    const provider = deps.signInProviders.find((p) => p.id === id);
    return provider ? providerLabel(provider, lang).replace(/^(Inloggen (met|via)|Sign in (with|through|via)) /i, "") : id;
  };
  const own = ownAccount(ctx, viewer);
  return {
    lang,
    csrf: csrfToken(c) ?? "",
    user: viewer.user,
    schools: viewer.schools,
    institutes: own.institutes,
    communities: viewer.communities,
    identities: own.identities.map((i) => ({ id: i.id, provider: label(i.provider), email: i.email, organisation: i.organisation, createdAt: i.createdAt, lastUsedAt: i.lastUsedAt })),
    providers: deps.signInProviders.map((p) => ({ id: p.id, label: label(p.id) })),
    sessions: ownSessions(ctx, viewer),
    hasPassword: own.hasPassword,
  };
}

const MeQuery = z.object({ lang: PageLang, notice: z.enum(["password-changed", "session-ended"]).optional().catch(undefined) });
const SessionParam = z.object({ id: z.string().max(200).catch("") });
const PasswordForm = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200), repeatPassword: z.string().max(200) });

const pageDoc = (summary: string, responses: Record<number, string>) =>
  doc({ tag: "pages", summary, auth: "optional", responses: Object.fromEntries(Object.entries(responses).map(([s, d]) => [Number(s), { description: d }])) });

export const webAuthRoutes = new Hono<AppEnv>()
  .use("/login", authenticate, limitFormBody)
  .use("/logout", authenticate, limitFormBody)
  .use("/me", authenticate)
  .use("/me/*", authenticate, limitFormBody)
  .get(
    "/login",
    pageDoc("The sign-in page (nl/en): the configured school-account providers and the password form; `next` is where to go afterwards (a path on this site)", { 200: "HTML page" }),
    valid("query", LoginQuery),
    (c) => {
      const query = c.req.valid("query");
      const lang = pickLanguage(query.lang, c.req.header("Accept-Language"));
      accountPageHeaders(c);
      const notice = query.notice ? accountText(lang, `login.notice.${query.notice}`) : undefined;
      return c.html(renderLoginPage({ ...loginPageData(c, lang, safeNext(query.next)), notice }));
    },
  )
  .post(
    "/login",
    pageDoc("Password sign-in from the form (email, password, next): sets the session cookie and 303s to `next`; 401 wrong credentials, 429 too many attempts, 403 from another site", {
      303: "Signed in",
      401: "Wrong e-mail address or password",
      403: "Sent from another site",
      415: "Not a form",
      429: "Too many attempts",
    }),
    async (c) => {
      const lang = pageLanguageOf(c);
      if (isCrossSite(c)) {
        return refuseWithMessage(c, lang, 403, "cross_site_form", "login.crossSite", "This sign-in form was sent from another site.");
      }
      const form = await readForm(c);
      const next = safeNext(form["next"]);
      const typedEmail = (form["email"] ?? "").slice(0, 254);
      const again = (status: ContentfulStatusCode, code: string, error: string, message: string) =>
        refuse(c, status, code, () => renderLoginPage({ ...loginPageData(c, lang, next), signedIn: null, email: typedEmail, error }).toString(), message);
      const parsed = LoginForm.safeParse(form);
      if (!parsed.success) return again(400, "invalid_request", accountText(lang, "login.invalid"), "Enter a valid e-mail address and a password.");
      const { email, password } = parsed.data;
      const { loginPerEmail, loginPerAddress } = c.var.deps.limits;
      const wait = hitInTurn([loginPerAddress, clientAddress(c)], [loginPerEmail, email]);
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        return again(429, "rate_limited", accountText(lang, "login.tooMany", { minutes: minutes(wait) }), "Too many attempts; try again later.");
      }
      let userId: string;
      try {
        userId = (await verifyCredentials(c.var.ctx, email, password)).id;
      } catch (error) {
        if (error instanceof DomainError && error.kind === "unauthenticated") return again(401, "unauthenticated", accountText(lang, "login.wrong"), error.message);
        throw error;
      }
      loginPerEmail.reset(email);
      startWebSession(c, userId);
      return c.redirect(next, 303);
    },
  )
  .post(
    "/logout",
    pageDoc("Sign out of this browser (form with `_csrf`): ends the session, clears the cookie, 303 to /login", { 303: "Signed out", 403: "Sent from another site, or without the session's token" }),
    async (c) => {
      const lang = pageLanguageOf(c);
      const form = sessionSecret(c) && c.req.header("Content-Type") ? await readForm(c) : {};
      const refused = formRefusal(c, lang, form);
      if (refused) return refused;
      endSession(c);
      return c.redirect(`/login?notice=signed-out&lang=${lang}`, 303);
    },
  )
  .get(
    "/me",
    pageDoc("The person's own account page (nl/en): who they are, where they are placed, linked school accounts, sessions and devices, password, their data; signed out: 303 to /login", {
      200: "HTML page",
      303: "Not signed in",
    }),
    valid("query", MeQuery),
    (c) => {
      const { lang: requested, notice } = c.req.valid("query");
      const lang = pickLanguage(requested, c.req.header("Accept-Language"));
      accountPageHeaders(c);
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return c.redirect(`/login?next=${encodeURIComponent("/me")}${requested ? `&lang=${requested}` : ""}`, 303);
      const message = notice === "password-changed" ? accountText(lang, "me.password.changed") : notice === "session-ended" ? accountText(lang, "me.sessionEnded") : undefined;
      return c.html(renderAccountPage({ ...accountPageData(c, viewer, lang), notice: message }));
    },
  )
  .post(
    "/me/sessions/:id/end",
    pageDoc("End one of the person's sessions or device tokens from /me (form with `_csrf`); 303 back to /me", { 303: "Ended", 401: "Not signed in", 403: "Sent from another site, or without the session's token", 404: "Not theirs" }),
    valid("param", SessionParam),
    async (c) => {
      const lang = pageLanguageOf(c);
      const form = await readForm(c);
      const refused = formRefusal(c, lang, form);
      if (refused) return refused;
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return refuseWithMessage(c, lang, 401, "unauthenticated", "form.expired", "Sign in first.");
      const id = c.req.valid("param").id;
      try {
        endOwnSession(c.var.ctx, viewer, id);
      } catch (error) {
        if (error instanceof DomainError && error.kind === "not_found") return refuseWithMessage(c, lang, 404, "not_found", "form.expired", error.message);
        throw error;
      }
      if (id === viewer.tokenId) {
        endSession(c);
        return c.redirect(`/login?notice=signed-out&lang=${lang}`, 303);
      }
      return c.redirect(`/me?notice=session-ended&lang=${lang}`, 303);
    },
  )
  .post(
    "/me/password",
    pageDoc("Change one's password from /me (form with `_csrf`: currentPassword, newPassword, repeatPassword); ends the other sessions; 303 back to /me", {
      303: "Changed",
      400: "The new passwords differ or are too short, or the account has no password",
      401: "Not signed in",
      403: "Wrong current password, or sent from another site",
      429: "Too many attempts",
    }),
    async (c) => {
      const lang = pageLanguageOf(c);
      const form = await readForm(c);
      const refused = formRefusal(c, lang, form);
      if (refused) return refused;
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return refuseWithMessage(c, lang, 401, "unauthenticated", "form.expired", "Sign in first.");
      const again = (status: ContentfulStatusCode, code: string, key: AccountTextKey, message: string, params: Record<string, number> = {}) =>
        refuse(c, status, code, () => renderAccountPage({ ...accountPageData(c, viewer, lang), error: accountText(lang, key, params) }).toString(), message);
      const parsed = PasswordForm.safeParse(form);
      if (!parsed.success) return again(400, "invalid_request", "me.password.wrong", "Fill in the current and the new password.");
      const { currentPassword, newPassword, repeatPassword } = parsed.data;
      if (newPassword !== repeatPassword) return again(400, "passwords_differ", "form.mismatch", "The two new passwords are not the same.");
      if (newPassword.length < 10) return again(400, "invalid_request", "form.tooShort", "Choose a password of at least 10 characters.");
      const wait = passwordChangeWait(c.var.deps.limits, clientAddress(c), viewer);
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        return again(429, "rate_limited", "login.tooMany", "Too many attempts; try again later.", { minutes: minutes(wait) });
      }
      try {
        await changeOwnPassword(c.var.ctx, viewer.user.id, viewer.tokenId, currentPassword, newPassword);
      } catch (error) {
        if (error instanceof DomainError && error.code === "wrong_password") return again(403, error.code, "me.password.wrong", error.message);
        if (error instanceof DomainError && error.code === "no_password") return again(400, error.code, "me.password.noPassword", error.message);
        throw error;
      }
      return c.redirect(`/me?notice=password-changed&lang=${lang}`, 303);
    },
  );

/** Guessing the current password through the change form costs the same budget as guessing it at sign-in. */
export function passwordChangeWait(limits: AppDependencies["limits"], address: string, viewer: SignedInViewer): number {
  const { loginPerEmail, loginPerAddress } = limits;
  return hitInTurn([loginPerAddress, address], [loginPerEmail, viewer.user.email ?? `user:${viewer.user.id}`]);
}
