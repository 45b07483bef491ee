/**
 * Signing in and out, for the settings page: the background keeps the session, because everything that
 * depends on who is signed in (the queue's owner, the toolbar mark, the cached taxonomy) lives here.
 */
import { isKnooppunt } from "../../lib/api";
import { ApiError, failureOf } from "../../lib/api-error";
import { forgetLookups } from "../../lib/badge";
import { CheckedApi } from "../../lib/checked-api";
import { readManagedPolicy } from "../../lib/managed/policy";
import type { CodeSignInRequest, SignInOutcome, SignInRequest } from "../../lib/messaging";
import { sessionItem, settingsItem, taxonomyItem, type Session } from "../../lib/storage";
import { deliverQueue } from "./delivery";
import { refusedByPolicy, signInAllowed } from "./policy";

/** Someone else may be signed in now: nothing learnt for the last person carries over, and their clips go out. */
async function sessionChanged() {
  forgetLookups();
  await taxonomyItem.setValue(null);
  void deliverQueue(true);
}

export async function signIn({ serverUrl, email, password, deviceName }: SignInRequest): Promise<SignInOutcome> {
  if (!signInAllowed(await readManagedPolicy(), serverUrl, "password")) return { status: "refused", failure: failureOf(refusedByPolicy()) };
  if (!(await isKnooppunt(serverUrl))) return { status: "not-knooppunt" };
  return keepSession(serverUrl, () => new CheckedApi(serverUrl).login(email, password, deviceName));
}

/** The school account's way in: the code the server sent to the extension's redirect address, traded by POST. */
export async function signInWithCode({ serverUrl, code, deviceName }: CodeSignInRequest): Promise<SignInOutcome> {
  if (!signInAllowed(await readManagedPolicy(), serverUrl, "schoolAccount")) return { status: "refused", failure: failureOf(refusedByPolicy()) };
  return keepSession(serverUrl, () => new CheckedApi(serverUrl).exchangeCode(code, deviceName));
}

/** Both ways of signing in end here: the token, the person's /me, then storage, as one path. */
async function keepSession(serverUrl: string, obtain: () => Promise<{ token: string }>): Promise<SignInOutcome> {
  try {
    const { token } = await obtain();
    const me = await new CheckedApi(serverUrl, token).me();
    const session: Session = { serverUrl, token, ...me };
    await settingsItem.setValue({ ...(await settingsItem.getValue()), serverUrl });
    await sessionItem.setValue(session);
    // The settings page shows the person signed in at once; the rest follows on its own.
    void sessionChanged();
    return { status: "signed-in", session };
  } catch (error) {
    if (error instanceof ApiError) return { status: "refused", failure: failureOf(error) };
    throw error;
  }
}

export async function signOut() {
  const session = await sessionItem.getValue();
  // The token is forgotten here even when the server cannot be told.
  if (session) await new CheckedApi(session.serverUrl, session.token).logout().catch(() => undefined);
  await sessionItem.setValue(null);
  void sessionChanged();
}
