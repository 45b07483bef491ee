import { CheckedApi } from "../../lib/checked-api";
import { signedInApi } from "../../lib/session";
import { readSettings, taxonomyItem } from "../../lib/storage";

const TAXONOMY_MAX_AGE_MS = 24 * 3_600_000;

/** The theme taxonomy: from the cache, refreshed from the server when older than a day. */
export async function taxonomy() {
  const cached = await taxonomyItem.getValue();
  if (cached && Date.now() - Date.parse(cached.fetchedAt) < TAXONOMY_MAX_AGE_MS) return cached.themes;
  const signedIn = await signedInApi();
  const api = signedIn?.api ?? new CheckedApi((await readSettings()).serverUrl);
  try {
    const themes = await api.themes();
    await taxonomyItem.setValue({ themes, fetchedAt: new Date().toISOString() });
    return themes;
  } catch {
    // Offline: the last known taxonomy still lets the person choose themes.
    return cached?.themes ?? [];
  }
}
