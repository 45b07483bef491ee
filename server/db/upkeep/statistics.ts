/**
 * The query planner's statistics (sqlite_stat1). Without them SQLite guesses table sizes, and at 100k
 * items it chose to scan every save for a feed (SCAN s, then a Bloom filter and an automatic index on
 * items): 17 ms per poll at 100k, 190 ms at 1M, where the plan through the theme index takes under 1 ms.
 *
 * `analysis_limit` makes ANALYZE sample about that many rows per index instead of reading all of them,
 * so refreshing costs milliseconds at any size.
 *
 * What the hot queries do on the bench library (100k items / 107k saves), with and without statistics
 * (EXPLAIN QUERY PLAN, December 2026; timings on a busy 2-core machine, so only their order matters):
 * - Feed candidates (repositories/feeds.ts): statistics alone did not save them. Every theme of the bench
 *   library is above the old crossover, so each poll took the "check every item" form (SCAN i or SCAN s,
 *   a correlated EXISTS per item) with or without ANALYZE. Rewritten as a walk that stops early, with
 *   the plan pinned in the SQL (INDEXED BY, CROSS JOIN): SCAN s USING INDEX saves_created_idx with a probe
 *   of sqlite_autoindex_save_themes_1 for common themes, SEARCH st USING COVERING INDEX
 *   save_themes_theme_idx (theme=?) for rare ones. tests/server/feed-query-plan.test.ts holds both, with
 *   and without the bench statistics.
 * - Search (repositories/library/search.ts): the same plan either way (FTS5 first, saves and items by
 *   primary key). Its cost is the number of FTS hits (a common word materialises tens of thousands).
 * - Library list without q, and with a theme: the same plan either way, SCAN s USING INDEX
 *   saves_item_visibility_idx and a GROUP BY over every visible save before the LIMIT: it reads the whole
 *   library per page. Not a statistics problem; left to the search and facets work (issue 18, parts 2–3).
 * - Facets: with statistics SCAN i then saves by saves_item_visibility_idx, without SCAN s then items by
 *   primary key; both read every visible save (issue 18, part 2).
 * - People's names for a page of items (SELECT … FROM users u WHERE u.id IN json_each): without
 *   statistics SEARCH by primary key, with them SCAN u, because the bench has 8 people. Right at that
 *   size; `PRAGMA optimize` re-analyses when the table grows, which is why it runs at start and hourly.
 * - A school's inbox: SEARCH o USING INDEX offers_school_idx (school_id=?) either way.
 */
import type Database from "better-sqlite3";

const ANALYSIS_LIMIT = 1000;

/**
 * At start: analyse the tables that have never been, or that grew or shrank a lot since. Cheap when
 * nothing changed (it looks at row counts only).
 */
export function optimizeAtStart(sqlite: Database.Database): void {
  sqlite.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  sqlite.pragma("optimize = 0x10002");
}

/**
 * After a large write (the bench seed, a bulk import): analyse everything now, so the next query is
 * planned for the library as it is, not as it was when the server started.
 */
export function refreshStatistics(sqlite: Database.Database): void {
  sqlite.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  sqlite.exec("ANALYZE");
}

/**
 * A server runs for months while its library grows; `PRAGMA optimize` now and then re-analyses the
 * tables whose size changed enough to matter, and does nothing otherwise. Returns the stop function.
 */
export function keepStatisticsCurrent(sqlite: Database.Database, everyMs = 60 * 60 * 1000): () => void {
  const timer = setInterval(() => {
    if (sqlite.open) sqlite.pragma("optimize");
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
