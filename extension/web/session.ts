/**
 * Who is signed in on this browser, for the web app. The server's session cookie is the identity (httpOnly:
 * the page never sees it); the page asks for the person and the CSRF token its writes carry. The last
 * answer is kept in localStorage so that a phone without a connection can still open the clip form and
 * keep what is saved there until it is back online; it holds no secret the cookie does not already grant
 * to this origin's scripts, and signing out removes it.
 */
import type { MeResponse } from "../../shared/schemas";
import { KnooppuntApi } from "../lib/api";
import { ApiError } from "../lib/api-error";
import type { Session } from "../lib/storage";

const REMEMBERED = "knooppunt.web.session";

export type WebStart =
  | { status: "signed-in"; session: Session; api: KnooppuntApi; csrfToken: string; offline: boolean }
  | { status: "signed-out" }
  | { status: "unreachable" };

interface Remembered {
  me: MeResponse;
  csrfToken: string;
}

function remembered(): Remembered | null {
  try {
    // Written by this page only; the shape is checked loosely so the app stays free of zod's weight.
    const raw = JSON.parse(localStorage.getItem(REMEMBERED) ?? "null") as Partial<Remembered> | null;
    const me = raw?.me;
    const wellFormed = typeof me?.user?.id === "string" && Array.isArray(me.user.roles) && Array.isArray(me.schools) && Array.isArray(me.communities);
    return wellFormed && typeof raw?.csrfToken === "string" ? { me: me!, csrfToken: raw.csrfToken } : null;
  } catch {
    return null;
  }
}

export const forgetSession = () => localStorage.removeItem(REMEMBERED);

const asSession = (me: MeResponse, serverUrl: string): Session => ({ ...me, serverUrl, token: "" });

export async function startWebApp(serverUrl: string = location.origin): Promise<WebStart> {
  try {
    const csrfToken = await KnooppuntApi.webSessionToken(serverUrl);
    const api = new KnooppuntApi(serverUrl, null, { csrfToken });
    const me = await api.me();
    localStorage.setItem(REMEMBERED, JSON.stringify({ me, csrfToken } satisfies Remembered));
    return { status: "signed-in", session: asSession(me, serverUrl), api, csrfToken, offline: false };
  } catch (error) {
    if (error instanceof ApiError && error.kind === "http" && (error.status === 401 || error.code === "not_web_session")) {
      forgetSession();
      return { status: "signed-out" };
    }
    const known = remembered();
    if (known) {
      const api = new KnooppuntApi(serverUrl, null, { csrfToken: known.csrfToken });
      return { status: "signed-in", session: asSession(known.me, serverUrl), api, csrfToken: known.csrfToken, offline: true };
    }
    return { status: "unreachable" };
  }
}
