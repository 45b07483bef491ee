import { CheckedApi } from "./checked-api";
import { readSettings, sessionItem, type Session } from "./storage";

/** The API client for the signed-in person, or null when nobody is signed in. */
export async function signedInApi(): Promise<{ api: CheckedApi; session: Session } | null> {
  const session = await sessionItem.getValue();
  if (!session) return null;
  return { api: new CheckedApi(session.serverUrl, session.token), session };
}

/** The language the person chose, or else the browser's. */
export async function currentLanguage() {
  return (await readSettings()).language;
}
