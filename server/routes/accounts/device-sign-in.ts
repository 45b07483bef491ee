/**
 * The extension's sign-in with the school account (issue #13): /auth/device is the page on which a person
 * signed in on the web lets the extension sign in as them, and POST /api/v1/auth/code is where the
 * extension trades the one-time code it was sent for a device token.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import { pickLanguage } from "../../../shared/i18n";
import { DeviceCodeExchangeRequest, LoginResponse } from "../../../shared/schemas";
import type { Language } from "../../../shared/vocabulary";
import { DomainError, invalid, rateLimited } from "../../core/errors";
import { authenticate, clientAddress } from "../../http/auth";
import type { AppEnv } from "../../http/env";
import { doc } from "../../http/openapi";
import { hitInTurn } from "../../http/rate-limiter";
import { limitBody } from "../../http/requests";
import { csrfToken, requireCsrf } from "../../http/session";
import { valid } from "../../http/validate";
import { renderDeviceConfirmPage, renderDeviceProblemPage } from "../../pages/device-page";
import { FORM_PAGE_CSP, PAGE_CSP, PageLang } from "../../pages/page-http";
import { publicUser } from "../../services/accounts/accounts";
import { createDeviceCode, exchangeDeviceCode, extensionBrowser, extensionRedirectUrl } from "../../services/accounts/device-codes";

/** What the extension sends back unchanged to tie the answer to its own request: short and URL-safe. */
const State = z.string().regex(/^[A-Za-z0-9._~-]{1,200}$/);

// A page answers every input with a page: nothing here fails validation, the handler judges what came.
const DeviceQuery = z.object({
  redirect_uri: z.string().max(4000).catch(""),
  state: z.string().max(4000).catch(""),
  lang: PageLang,
});
const DeviceForm = DeviceQuery.extend({ _csrf: z.string().max(200).catch("") });

/** The request, when it is one the extension made: an extension's redirect address and a state. */
function extensionRequest(input: { redirect_uri: string; state: string }) {
  const redirect = extensionRedirectUrl(input.redirect_uri);
  const state = State.safeParse(input.state);
  return redirect && state.success ? { redirect, state: state.data } : null;
}

/** The extension's redirect address with our answer in its query (never a token: a code, or "no"). */
function answerUrl(redirect: URL, answer: Record<string, string>) {
  const url = new URL(redirect);
  for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * A person's browser, navigating, gets a page; a program (a script, the fuzzer, a proxy's health check)
 * gets the contract's JSON error, as everywhere else. Browsers say which they are doing.
 */
const wantsPage = (c: Context<AppEnv>) => c.req.header("Sec-Fetch-Mode") === "navigate" || /^\s*text\/html/i.test(c.req.header("Accept") ?? "");

const NOT_AN_EXTENSION = () =>
  invalid("invalid_device_request", "redirect_uri must be an extension's redirect address (identity.getRedirectURL()), and state 1 to 200 URL-safe characters.");

function problemPage(c: Context<AppEnv>, lang: Language, problem: "invalid" | "expired", status: 400 | 403) {
  c.header("Content-Security-Policy", PAGE_CSP);
  c.header("Cache-Control", "no-store");
  return c.html(renderDeviceProblemPage(lang, problem), status);
}

/** The CSRF check, answered with a page rather than the API's JSON: a person, not a program, sent this form. */
const csrfOrPage = async (c: Context<AppEnv>, next: () => Promise<void>) => {
  try {
    await requireCsrf(c, async () => undefined);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "csrf_failed" || !wantsPage(c)) throw error;
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const lang = pickLanguage(typeof body["lang"] === "string" ? body["lang"] : undefined, c.req.header("Accept-Language"));
    return problemPage(c, lang, "expired", 403);
  }
  return next();
};

const toLogin = (c: Context<AppEnv>, url: URL) => c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);

export const devicePageRoutes = new Hono<AppEnv>()
  .get(
    "/auth/device",
    doc({
      tag: "pages",
      summary: "Asks the signed-in person to let the extension sign in as them (nl/en); without a web session, 303 to /login",
      auth: "none",
      responses: { 200: { description: "HTML page with a confirmation form" }, 303: { description: "To /login?next=… without a web session" }, 400: { description: "HTML page: not an extension's redirect address, or no state" } },
    }),
    valid("query", DeviceQuery),
    authenticate,
    (c) => {
      const query = c.req.valid("query");
      const lang = pickLanguage(query.lang, c.req.header("Accept-Language"));
      const request = extensionRequest(query);
      if (!request) {
        if (!wantsPage(c)) throw NOT_AN_EXTENSION();
        return problemPage(c, lang, "invalid", 400);
      }
      const viewer = c.var.viewer;
      const token = csrfToken(c);
      if (viewer.kind !== "user" || !token) return toLogin(c, new URL(c.req.url));
      const other = new URL(c.req.url);
      other.searchParams.set("lang", lang === "nl" ? "en" : "nl");
      // The form posts here and is answered with a redirect to the extension: a browser that applies
      // form-action to redirects must allow that one address too.
      c.header("Content-Security-Policy", FORM_PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${request.redirect.origin}`));
      c.header("Cache-Control", "no-store");
      c.header("Vary", "Accept-Language, Cookie");
      return c.html(
        renderDeviceConfirmPage({
          lang,
          name: viewer.user.name,
          browser: extensionBrowser(request.redirect),
          redirectUri: request.redirect.toString(),
          state: request.state,
          csrfToken: token,
          cancelUrl: answerUrl(request.redirect, { error: "access_denied", state: request.state }),
          switchTo: other.pathname + other.search,
        }),
      );
    },
  )
  .post(
    "/auth/device",
    doc({
      tag: "pages",
      summary: "The person confirms: a one-time code (2 minutes, single use) goes to the extension's redirect address with the state",
      auth: "none",
      responses: {
        303: { description: "To redirect_uri?code=…&state=…, or to /login without a web session" },
        400: { description: "HTML page: not an extension's redirect address, or no state" },
        403: { description: "HTML page: the form came from another site or lacks the session's CSRF token" },
      },
    }),
    (c, next) => limitBody(c.var.deps.bodyLimitBytes)(c, next),
    authenticate,
    csrfOrPage,
    valid("form", DeviceForm),
    (c) => {
      const form = c.req.valid("form");
      const lang = pickLanguage(form.lang, c.req.header("Accept-Language"));
      const request = extensionRequest(form);
      if (!request) {
        if (!wantsPage(c)) throw NOT_AN_EXTENSION();
        return problemPage(c, lang, "invalid", 400);
      }
      const viewer = c.var.viewer;
      if (viewer.kind !== "user") {
        const again = new URL("/auth/device", c.req.url);
        again.search = new URLSearchParams({ redirect_uri: request.redirect.toString(), state: request.state, lang }).toString();
        return toLogin(c, again);
      }
      const { code } = createDeviceCode(c.var.ctx, viewer.user.id);
      c.header("Cache-Control", "no-store");
      c.header("Referrer-Policy", "no-referrer");
      return c.redirect(answerUrl(request.redirect, { code, state: request.state }), 303);
    },
  );

export const deviceCodeRoutes = new Hono<AppEnv>().post(
  "/auth/code",
  doc({
    tag: "auth",
    summary: "Exchange the one-time code the extension received from /auth/device for a bearer token, as /auth/login gives",
    auth: "none",
    responses: { 200: { description: "Signed in", schema: LoginResponse }, 401: { description: "Unknown, used or expired code" }, 429: { description: "Too many attempts" } },
  }),
  valid("json", DeviceCodeExchangeRequest),
  (c) => {
    const { code, deviceName } = c.req.valid("json");
    const wait = hitInTurn([c.var.deps.limits.loginPerAddress, clientAddress(c)]);
    if (wait > 0) throw rateLimited(wait);
    const result = exchangeDeviceCode(c.var.ctx, code, deviceName);
    return c.json({ token: result.token, user: publicUser(result.user) });
  },
);
