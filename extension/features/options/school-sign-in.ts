/**
 * Signing in with the school account, from the settings page: the browser's own sign-in window opens the
 * server's /auth/device page (where the person's web session, or /login with their school account, says
 * who they are), and the server answers at the extension's redirect address with a one-time code and the
 * state we sent. The code is traded for a token by the background (signInWithCode), never here, so both
 * ways of signing in keep the session through one path.
 */
import { browser } from "#imports";
import type { UiLanguage } from "../../../shared/i18n";

export type SchoolSignInAnswer =
  | { status: "code"; code: string }
  /** The person closed the window or said no on the page. */
  | { status: "cancelled" }
  /** An answer that is not the one to our request: another state, another address, no code. */
  | { status: "mismatch" };

/** The page that asks the person to let this extension sign in as them. */
export function deviceSignInUrl(serverUrl: string, redirectUrl: string, state: string, language: UiLanguage): string {
  const url = new URL("/auth/device", serverUrl);
  url.search = new URLSearchParams({ redirect_uri: redirectUrl, state, lang: language }).toString();
  return url.toString();
}

/**
 * With a provider the school's policy names, the window starts at that provider's sign-in and comes back to
 * the same /auth/device page, so the person is not asked to pick among the server's providers.
 */
export function schoolSignInUrl(serverUrl: string, redirectUrl: string, state: string, language: UiLanguage, provider?: string): string {
  const device = deviceSignInUrl(serverUrl, redirectUrl, state, language);
  if (!provider) return device;
  const start = new URL(`/auth/oidc/${encodeURIComponent(provider)}/start`, serverUrl);
  const returnTo = new URL(device);
  start.search = new URLSearchParams({ lang: language, returnTo: returnTo.pathname + returnTo.search }).toString();
  return start.toString();
}

/** Unguessable, so a code sent to this extension for someone else's request is not taken for ours. */
export function newState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** What the server's answer at the redirect address says, checked against the request we made. */
export function readAnswer(responseUrl: string | undefined, redirectUrl: string, state: string): SchoolSignInAnswer {
  if (!responseUrl) return { status: "cancelled" };
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    return { status: "mismatch" };
  }
  if (url.origin !== new URL(redirectUrl).origin || url.searchParams.get("state") !== state) return { status: "mismatch" };
  if (url.searchParams.has("error")) return { status: "cancelled" };
  const code = url.searchParams.get("code");
  return code ? { status: "code", code } : { status: "mismatch" };
}

/** Runs the browser's sign-in window (Chrome, Edge and Firefox alike) and answers with the code it brought back. */
export async function askForSignInCode(serverUrl: string, language: UiLanguage, provider?: string): Promise<SchoolSignInAnswer> {
  const redirectUrl = browser.identity.getRedirectURL();
  const state = newState();
  let responseUrl: string | undefined;
  try {
    responseUrl = await browser.identity.launchWebAuthFlow({ url: schoolSignInUrl(serverUrl, redirectUrl, state, language, provider), interactive: true });
  } catch {
    // Chrome and Firefox reject alike when the window is closed or the page cannot load: to the person,
    // the sign-in did not happen and can be tried again.
    return { status: "cancelled" };
  }
  return readAnswer(responseUrl, redirectUrl, state);
}
