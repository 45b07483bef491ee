import type Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { ServiceContext } from "../core/context";

/**
 * Runs hand-written SQL (visibility, search) through a per-database cache of prepared statements.
 * drizzle prepares every raw query anew; on the clip and search paths that preparing cost more than
 * running the statements.
 */
const dialect = new SQLiteSyncDialect();
const MAX_STATEMENTS = 512;
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(sqlite: Database.Database, text: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(text);
  if (stmt) {
    // Map order doubles as recency: re-insert on use, evict the oldest.
    cache.delete(text);
  } else {
    stmt = sqlite.prepare(text);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
  }
  cache.set(text, stmt);
  return stmt;
}

export function queryAll<T>(ctx: ServiceContext, query: SQL): T[] {
  const { sql, params } = dialect.sqlToQuery(query);
  return statement(ctx.sqlite, sql).all(...params) as T[];
}

/**
 * Rows as arrays rather than objects: for statements that return tens of thousands of rows (the facet
 * counts), building an object per row was a quarter of the time.
 */
export function queryRows<T extends unknown[]>(ctx: ServiceContext, query: SQL): T[] {
  const { sql, params } = dialect.sqlToQuery(query);
  const stmt = statement(ctx.sqlite, sql);
  // The prepared statement is shared through the cache: leave it as other callers expect it.
  stmt.raw(true);
  try {
    return stmt.all(...params) as T[];
  } finally {
    stmt.raw(false);
  }
}

export function queryGet<T>(ctx: ServiceContext, query: SQL): T | undefined {
  const { sql, params } = dialect.sqlToQuery(query);
  return statement(ctx.sqlite, sql).get(...params) as T | undefined;
}

export function queryRun(ctx: ServiceContext, query: SQL): Database.RunResult {
  const { sql, params } = dialect.sqlToQuery(query);
  return statement(ctx.sqlite, sql).run(...params);
}

/**
 * Runs `work` in one transaction (a savepoint when one is already open): services say what belongs
 * together, repositories say how it is written.
 */
export const transaction = <T>(ctx: ServiceContext, work: () => T): T => ctx.db.transaction(() => work());
