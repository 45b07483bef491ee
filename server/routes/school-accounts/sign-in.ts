import { Hono, type Context } from "hono";
import { z } from "zod";
import { pickLanguage } from "../../../shared/i18n";
import { authenticate, clientAddress } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { valid } from "../../http/validate";
import { csrfToken, requireCsrf, startWebSession } from "../../http/session";
import { FORM_PAGE_CSP, PAGE_CSP, PageLang } from "../../pages/page-http";
import { renderChooseSchoolPage, renderSignInProblemPage } from "../../pages/sign-in-pages";
import { beginSignIn, finishSignIn, redirectUriFor, safeReturnTo } from "../../services/sign-in/flows";
import { chooseSchool, schoolChoices } from "../../services/sign-in/people";
import { SIGN_IN_PROBLEMS, SignInProblem, type SignInProblemKind } from "../../services/sign-in/problems";
import { providerName, type SignInProviderSettings } from "../../services/sign-in/providers";

const tag = "pages";
// A page is for people: a malformed query is ignored rather than answered with a 400.
const StartQuery = z.object({ lang: PageLang, returnTo: z.string().max(1000).optional().catch(undefined) });
const PageQuery = z.object({ lang: PageLang, returnTo: z.string().max(1000).optional().catch(undefined) });
const ProviderParam = z.object({ provider: z.string().max(100).catch("") });

const languageOf = (c: Context<AppEnv>) => pickLanguage(PageLang.parse(c.req.query("lang")), c.req.header("Accept-Language"));

const providerById = (c: Context<AppEnv>, id: string) => c.var.deps.signInProviders.find((p) => p.id === id) ?? null;

/** Nothing on these pages may be cached: they answer one person's sign-in. */
function pageHeaders(c: Context<AppEnv>, csp: string) {
  c.header("Content-Security-Policy", csp);
  c.header("Cache-Control", "no-store");
}

function problemPage(c: Context<AppEnv>, kind: SignInProblemKind, provider: SignInProviderSettings | null) {
  const lang = languageOf(c);
  pageHeaders(c, PAGE_CSP);
  const retryUrl = provider && kind !== "pupil" && kind !== "account_disabled" && kind !== "identity_taken" ? `/auth/oidc/${provider.id}/start?lang=${lang}` : null;
  return c.html(renderSignInProblemPage(kind, lang, { providerLabel: provider ? providerName(provider) : null, retryUrl }), SIGN_IN_PROBLEMS[kind]);
}

/** A refusal the person caused or the provider did: logged for the operator with its cause, shown as a page. */
function refused(c: Context<AppEnv>, problem: SignInProblem, provider: SignInProviderSettings | null) {
  if (problem.kind === "provider_unavailable" || problem.kind === "answer_rejected") {
    console.warn(`[knooppunt] sign-in with ${provider?.id ?? "?"} refused (${problem.kind}): ${problem.message}`);
  }
  return problemPage(c, problem.kind, provider);
}

/**
 * School-account sign-in over OpenID Connect (issue #13): start at a provider, come back, be signed in
 * with a session cookie; link a second school account; choose a school when a bestuur's account names several.
 */
export const signInRoutes = new Hono<AppEnv>()
  .get(
    "/auth/oidc/:provider/start",
    doc({
      tag,
      summary: "Start signing in with a school account at the configured provider `provider`; `returnTo` is a path on this site to come back to (else `/`)",
      auth: "none",
      responses: { 302: { description: "To the provider" }, 404: { description: "No such provider (HTML page)" }, 429: { description: "Too many sign-ins started from this address; `Retry-After` says when to try again (HTML page)" }, 503: { description: "The provider does not answer (HTML page)" } },
    }),
    valid("param", ProviderParam),
    valid("query", StartQuery),
    async (c) => {
      const provider = providerById(c, c.req.valid("param").provider);
      if (!provider) return problemPage(c, "unknown_provider", null);
      const wait = c.var.deps.limits.signInStartsPerAddress?.hit(clientAddress(c)) ?? 0;
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        return problemPage(c, "too_many_starts", provider);
      }
      try {
        const url = await beginSignIn(c.var.ctx, provider, { purpose: "sign-in", userId: null, returnTo: safeReturnTo(c.req.valid("query").returnTo) });
        c.header("Cache-Control", "no-store");
        return c.redirect(url.href, 302);
      } catch (error) {
        if (error instanceof SignInProblem) return refused(c, error, provider);
        throw error;
      }
    },
  )
  .get(
    "/auth/oidc/:provider/callback",
    doc({
      tag,
      summary: "Where the provider sends the person back: the code is exchanged and checked, the person found or made and placed, the session cookie set",
      auth: "none",
      responses: {
        303: { description: "Signed in (or linked): to `returnTo`, or to /auth/choose-school" },
        400: { description: "Expired, replayed or rejected answer (HTML page)" },
        403: { description: "A pupil, an unregistered organisation with `unmatched: refuse`, or a disabled account (HTML page)" },
        404: { description: "No such provider (HTML page)" },
        503: { description: "The provider does not answer (HTML page)" },
      },
    }),
    valid("param", ProviderParam),
    async (c) => {
      const provider = providerById(c, c.req.valid("param").provider);
      if (!provider) return problemPage(c, "unknown_provider", null);
      // The redirect URI as registered, with the provider's answer: openid-client checks it against both.
      const answer = new URL(redirectUriFor(c.var.ctx.links.base, provider.id));
      answer.search = new URL(c.req.url).search;
      try {
        const done = await finishSignIn(c.var.ctx, provider, answer);
        if (done.purpose === "sign-in") startWebSession(c, done.userId);
        c.header("Cache-Control", "no-store");
        const next = done.chooseIn.length ? `/auth/choose-school?returnTo=${encodeURIComponent(done.returnTo)}` : done.returnTo;
        return c.redirect(next, 303);
      } catch (error) {
        if (error instanceof SignInProblem) return refused(c, error, provider);
        throw error;
      }
    },
  )
  .post(
    "/auth/oidc/:provider/link",
    doc({
      tag,
      summary: "Link another school account to the signed-in person (session cookie, form field `_csrf`; optional `returnTo`)",
      auth: "none",
      responses: { 302: { description: "To the provider" }, 401: { description: "Not signed in (HTML page)" }, 403: { description: "CSRF check failed" }, 404: { description: "No such provider (HTML page)" } },
    }),
    valid("param", ProviderParam),
    authenticate,
    requireCsrf,
    async (c) => {
      const provider = providerById(c, c.req.valid("param").provider);
      if (!provider) return problemPage(c, "unknown_provider", null);
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return problemPage(c, "not_signed_in", provider);
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const returnTo = typeof form.returnTo === "string" ? form.returnTo : undefined;
      try {
        const url = await beginSignIn(c.var.ctx, provider, { purpose: "link", userId: viewer.user.id, returnTo: safeReturnTo(returnTo) });
        c.header("Cache-Control", "no-store");
        return c.redirect(url.href, 302);
      } catch (error) {
        if (error instanceof SignInProblem) return refused(c, error, provider);
        throw error;
      }
    },
  )
  .get(
    "/auth/choose-school",
    doc({ tag, summary: "Kies je school / Choose your school: the schools of the bestuur whose Entra tenant or Google domain the person signed in with (session cookie)", auth: "none", responses: { 200: { description: "HTML page" }, 401: { description: "Not signed in (HTML page)" } } }),
    valid("query", PageQuery),
    authenticate,
    (c) => {
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return problemPage(c, "not_signed_in", null);
      const lang = languageOf(c);
      pageHeaders(c, FORM_PAGE_CSP);
      const choices = schoolChoices(c.var.ctx, viewer.user.id, c.var.deps.signInProviders);
      return c.html(renderChooseSchoolPage(choices, lang, { csrfToken: csrfToken(c) ?? "", returnTo: safeReturnTo(c.req.valid("query").returnTo) }));
    },
  )
  .post(
    "/auth/choose-school",
    doc({ tag, summary: "Join one of the offered schools as member (form fields `schoolId`, `_csrf`, optional `returnTo`; session cookie)", auth: "none", responses: { 303: { description: "Joined: to `returnTo`" }, 401: { description: "Not signed in (HTML page)" }, 404: { description: "Not a school this person may choose" } } }),
    authenticate,
    requireCsrf,
    async (c) => {
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") return problemPage(c, "not_signed_in", null);
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      chooseSchool(c.var.ctx, viewer.user.id, c.var.deps.signInProviders, typeof form.schoolId === "string" ? form.schoolId : "");
      return c.redirect(safeReturnTo(typeof form.returnTo === "string" ? form.returnTo : undefined), 303);
    },
  );
