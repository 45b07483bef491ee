/**
 * The SQLite-only constructs the repositories use besides FTS5 (which lives in repositories/library/search*.ts),
 * named here once each: a move to another database replaces these, not every query that uses them.
 * Lists are stored as JSON text columns (tags, sectors, roles, events) and read with json_each.
 */
import { sql, type SQL } from "drizzle-orm";

/**
 * `column IN ${inList(values)}`: the values travel as one JSON parameter, so the statement's text does
 * not change with their number and its prepared form is reused.
 */
export const inList = (values: readonly (string | number)[]): SQL => sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** The JSON list in `column` holds `value`. */
export const jsonListHas = (column: SQL, value: string): SQL => sql`EXISTS (SELECT 1 FROM json_each(${column}) e WHERE e.value = ${value})`;

/** The JSON list in `column` holds one of `values`. */
export const jsonListHasAny = (column: SQL, values: readonly string[]): SQL =>
  sql`EXISTS (SELECT 1 FROM json_each(${column}) e WHERE e.value IN ${inList(values)})`;

/** The JSON list in `column` is empty (or missing). */
export const jsonListEmpty = (column: SQL): SQL => sql`NOT EXISTS (SELECT 1 FROM json_each(${column}))`;

/** One field of a JSON document column. */
export const jsonField = (column: SQL, path: string): SQL => sql`json_extract(${column}, ${path})`;
