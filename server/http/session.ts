/**
 * The session cookie on the HTTP side: reading it, setting it at sign-in (a new secret each time, so a
 * cookie planted before sign-in is worth nothing after), clearing it at sign-out, and the CSRF check that
 * every write made with the cookie passes. Bearer tokens never need the check: a browser does not attach
 * them to a request another site makes.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { forbidden } from "../core/errors";
import { csrfTokenFor, endWebSession, openWebSession, WEB_SESSION_DAYS } from "../services/accounts/web-sessions";
import type { AppEnv } from "./env";

const secure = (c: Context<AppEnv>) => c.var.ctx.links.base.startsWith("https:");

/** `__Host-` binds the cookie to this exact origin and path `/`; browsers accept the prefix only with Secure. */
export const sessionCookieName = (c: Context<AppEnv>) => (secure(c) ? "__Host-kp_session" : "kp_session");

export const sessionSecret = (c: Context<AppEnv>): string | undefined => getCookie(c, sessionCookieName(c)) || undefined;

/** Signs the person in on this browser: ends the session the browser had, opens a new one, sets the cookie. */
export function startWebSession(c: Context<AppEnv>, userId: string) {
  const previous = sessionSecret(c);
  if (previous) endWebSession(c.var.ctx, previous);
  const opened = openWebSession(c.var.ctx, userId, deviceLabel(c.req.header("User-Agent")));
  setCookie(c, sessionCookieName(c), opened.secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    path: "/",
    maxAge: WEB_SESSION_DAYS * 86_400,
  });
  return opened;
}

export function endSession(c: Context<AppEnv>) {
  const secret = sessionSecret(c);
  if (secret) endWebSession(c.var.ctx, secret);
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: secure(c), httpOnly: true, sameSite: "Lax" });
}

/** The CSRF token for forms on a page shown to this browser's session, or null without one. */
export const csrfToken = (c: Context<AppEnv>) => {
  const secret = sessionSecret(c);
  return secret ? csrfTokenFor(secret) : null;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The browser says the request comes from another site: by Sec-Fetch-Site (every current browser sends
 * it), or by an Origin that is not ours. Under the pages' `Referrer-Policy: no-referrer` a browser sends
 * `Origin: null` with its own site's form posts, so "null" says nothing about where a form came from.
 * The one rule for every form and every write made with the cookie.
 */
export function isCrossSite(c: Context<AppEnv>): boolean {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = c.req.header("Origin");
  return origin !== undefined && origin !== "null" && origin !== new URL(c.var.ctx.links.base).origin && origin !== new URL(c.req.url).origin;
}

/**
 * Refuses a write authenticated by the session cookie unless it carries the session's CSRF token (the
 * `X-CSRF-Token` header, or a form's `_csrf` field) and, when the browser says where it comes from, comes
 * from this site. SameSite=Lax already keeps the cookie off most cross-site posts; this holds where Lax
 * does not (a top-level form post within two minutes of a cookie being set, older browsers).
 */
export const requireCsrf = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const secret = sessionSecret(c);
  if (!secret || c.req.header("Authorization")) return next();
  const crossSite = isCrossSite(c);
  let sent = c.req.header("X-CSRF-Token");
  if (!sent && /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(c.req.header("Content-Type") ?? "")) {
    const form = await c.req.parseBody();
    sent = typeof form["_csrf"] === "string" ? form["_csrf"] : undefined;
  }
  if (crossSite || sent !== csrfTokenFor(secret)) {
    throw forbidden("csrf_failed", "This form was sent from another site or has expired; reload the page and try again.");
  }
  return next();
});

/** A readable name for the session list ("Chrome op Windows"), from the User-Agent; never stored whole. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const system = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS X/.test(ua) ? "macOS" : /CrOS/.test(ua) ? "ChromeOS" : /Linux/.test(ua) ? "Linux" : null;
  return system ? `${browser} (${system})` : browser;
}
