import type Database from "better-sqlite3";
import { SQL, StringChunk } from "drizzle-orm";
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

/**
 * The statement text and parameters of hand-written SQL, as drizzle's dialect would write them. The
 * templates here hold only text, nested templates, lists and plain values, which this walks directly:
 * drizzle's general builder (tracing span, entity checks and a merge per chunk) cost 60–90 µs per
 * statement, several times what SQLite spends on a rare-word search's statements. Anything else (a
 * column or table object, a Param, inlined parameters) goes to the dialect.
 */
export function toQuery(query: SQL): { sql: string; params: unknown[] } {
  const out: Written = { text: "", params: [] };
  return write(query, out) ? { sql: out.text, params: out.params } : dialect.sqlToQuery(query);
}

interface Written {
  text: string;
  params: unknown[];
}

function write(chunk: unknown, out: Written): boolean {
  if (chunk instanceof StringChunk) {
    out.text += chunk.value.length === 1 ? chunk.value[0] : chunk.value.join("");
    return true;
  }
  if (chunk instanceof SQL) {
    // Set by sql.inline…(): values written into the text, which only the dialect knows how to escape.
    if ((chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return false;
    for (const part of chunk.queryChunks) if (!write(part, out)) return false;
    return true;
  }
  if (chunk === undefined) return true;
  if (Array.isArray(chunk)) {
    out.text += "(";
    for (let i = 0; i < chunk.length; i++) {
      if (i > 0) out.text += ", ";
      if (!write(chunk[i], out)) return false;
    }
    out.text += ")";
    return true;
  }
  if (chunk === null || typeof chunk === "string" || typeof chunk === "number" || typeof chunk === "bigint" || typeof chunk === "boolean" || chunk instanceof Uint8Array) {
    out.text += "?";
    out.params.push(chunk);
    return true;
  }
  return false;
}

export function queryAll<T>(ctx: ServiceContext, query: SQL): T[] {
  const { sql, params } = toQuery(query);
  return statement(ctx.sqlite, sql).all(...params) as T[];
}

/**
 * Rows as arrays rather than objects: for statements that return tens of thousands of rows (the facet
 * counts), building an object per row was a quarter of the time.
 */
export function queryRows<T extends unknown[]>(ctx: ServiceContext, query: SQL): T[] {
  const { sql, params } = toQuery(query);
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
  const { sql, params } = toQuery(query);
  return statement(ctx.sqlite, sql).get(...params) as T | undefined;
}

export function queryRun(ctx: ServiceContext, query: SQL): Database.RunResult {
  const { sql, params } = toQuery(query);
  return statement(ctx.sqlite, sql).run(...params);
}

/**
 * Runs `work` in one transaction (a savepoint when one is already open): services say what belongs
 * together, repositories say how it is written. better-sqlite3's own transaction function, made once per
 * connection: drizzle's wraps the same one in objects of its own, 20–30 µs on every clip.
 */
export function transaction<T>(ctx: ServiceContext, work: () => T): T {
  let run = transactions.get(ctx.sqlite);
  if (!run) transactions.set(ctx.sqlite, (run = ctx.sqlite.transaction((inside: () => unknown) => inside())));
  return run(work) as T;
}
const transactions = new WeakMap<Database.Database, (work: () => unknown) => unknown>();
