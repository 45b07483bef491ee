/**
 * The query planner's statistics (sqlite_stat1). Without them SQLite guesses table sizes, and at 100k
 * items it chose to scan every save for a feed (SCAN s, then a Bloom filter and an automatic index on
 * items): 17 ms per poll at 100k, 190 ms at 1M, where the plan through the theme index takes under 1 ms.
 *
 * `analysis_limit` makes ANALYZE sample about that many rows per index instead of reading all of them,
 * so refreshing costs milliseconds at any size; the estimates it gives are what the plans below need.
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
