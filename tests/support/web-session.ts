/**
 * A browser session for tests that are about what a signed-in person sees on a page, not about signing in
 * (the sign-in tests go through /login and the providers). Opened in the running server's own database,
 * as the sign-in routes do, and handed to fetch or to a Playwright context as a cookie.
 */
import type { BrowserContext } from "playwright-core";
import { openWebSession } from "../../server/services/accounts/web-sessions";
import type { TestServer } from "./server";

export interface TestWebSession {
  /** `kp_session=…`, for a fetch's Cookie header. */
  cookie: string;
  /** For the `X-CSRF-Token` header or a form's `_csrf` field on writes made with the cookie. */
  csrfToken: string;
  secret: string;
  sessionId: string;
}

export function openTestWebSession(server: Pick<TestServer, "ctx">, userId: string, deviceName = "Chrome (Linux)"): TestWebSession {
  const opened = openWebSession(server.ctx, userId, deviceName);
  return { cookie: `kp_session=${opened.secret}`, csrfToken: opened.csrfToken, secret: opened.secret, sessionId: opened.session.id };
}

/** Puts the session's cookie into a Playwright browser context for the test server's origin. */
export async function signInBrowserContext(context: BrowserContext, server: Pick<TestServer, "url">, session: TestWebSession) {
  await context.addCookies([{ name: "kp_session", value: session.secret, url: server.url, httpOnly: true, sameSite: "Lax" }]);
}
