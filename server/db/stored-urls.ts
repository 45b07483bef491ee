import type Database from "better-sqlite3";
import { shareableUrl } from "../../shared/url";

/**
 * Cleans the URLs saves keep with shareableUrl (credentials, fragments, tracking parameters).
 * Migration 0007 took out what SQL can (fragments, user:pass@); taking tracking parameters out of a
 * query string needs the URL parser, so that part runs here, once: the database's user_version records
 * that it ran (new saves are stored clean), so a large library does not parse its addresses at every
 * start. It only rewrites rows that still differ from their clean form and reads only addresses with a
 * '?', '#' or '@', the ones that can hold something to clean.
 */
const CLEANED_URLS = 1;

export function cleanStoredUrls(sqlite: Database.Database) {
  if (Number(sqlite.pragma("user_version", { simple: true })) >= CLEANED_URLS) return;
  const rows = sqlite
    .prepare("SELECT seq, url, canonical_url AS canonicalUrl FROM saves WHERE url GLOB '*[?#@]*' OR canonical_url GLOB '*[?#@]*'")
    .all() as { seq: number; url: string; canonicalUrl: string | null }[];
  const update = sqlite.prepare("UPDATE saves SET url = ?, canonical_url = ? WHERE seq = ?");
  const clean = (url: string) => {
    try {
      return shareableUrl(url);
    } catch {
      return url;
    }
  };
  sqlite.transaction(() => {
    for (const row of rows) {
      const url = clean(row.url);
      const canonicalUrl = row.canonicalUrl === null ? null : clean(row.canonicalUrl);
      if (url !== row.url || canonicalUrl !== row.canonicalUrl) update.run(url, canonicalUrl, row.seq);
    }
    sqlite.pragma(`user_version = ${CLEANED_URLS}`);
  })();
}
