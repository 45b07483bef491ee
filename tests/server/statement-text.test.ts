/**
 * Hand-written SQL is turned into statement text by our own walk (server/db/statements.ts) rather than
 * drizzle's general builder: the text and parameters must be exactly what drizzle would have made, or
 * the prepared-statement cache and every query's meaning would change.
 */
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "../../server/core/viewer";
import { saves } from "../../server/db/schema";
import { inList, jsonListHasAny } from "../../server/db/sqlite";
import { toQuery } from "../../server/db/statements";
import { factsSaveOrder, visibleItem, visibleSave } from "../../server/db/visibility";
import { ftsQuery } from "../../server/db/repositories/library/search";
import { saveScope } from "../../server/services/access/visibility";

const dialect = new SQLiteSyncDialect();
const member = { ownerId: "user-1", open: ["public", "network"], schoolIds: ["school-1", "school-2"], communityIds: ["community-1"] } as const;

const cases: [string, SQL][] = [
  ["plain text", sql`SELECT 1`],
  ["values of every kind", sql`SELECT ${"tekst"}, ${42}, ${1.5}, ${null}, ${true}, ${10n}, ${Buffer.from("ab")}`],
  ["a list written inline", sql`SELECT 1 WHERE kind IN ${["artikel", "video"]} AND n IN ${[1, 2, 3]}`],
  ["an empty list", sql`SELECT 1 WHERE kind IN ${[]}`],
  ["a list of values as one JSON parameter", sql`SELECT 1 WHERE seq IN ${inList([3, 1, 2])}`],
  ["raw text and joins", sql`SELECT ${sql.raw("seq")} FROM saves WHERE ${sql.join([sql`a = ${1}`, sql`b = ${"x"}`, sql.raw("c IS NULL")], sql` AND `)}`],
  ["an undefined chunk", sql`SELECT 1 ${undefined} FROM items`],
  ["a member's visibility", sql`SELECT s.seq FROM saves s WHERE ${visibleSave(member, "s")} ORDER BY ${factsSaveOrder(member, "s")}`],
  ["an anonymous visitor's visibility", sql`SELECT i.seq FROM items i WHERE ${visibleItem(saveScope(ANONYMOUS))} ORDER BY ${factsSaveOrder(saveScope(ANONYMOUS), "s")}`],
  ["a JSON list test", sql`SELECT 1 FROM saves s WHERE ${jsonListHasAny(sql`s.sector`, ["po", "vo"])}`],
  ["a full-text query", sql`SELECT rowid FROM saves_fts WHERE saves_fts MATCH ${ftsQuery("begrijpend lezen")} LIMIT ${21}`],
];

describe("statement text of hand-written SQL", () => {
  for (const [name, query] of cases) {
    it(`is drizzle's own text and parameters for ${name}`, () => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      expect(toQuery(query)).toEqual({ sql: text, params });
    });
  }

  it("leaves columns, Params and inlined values to drizzle, with the same result", () => {
    const withColumn = sql`SELECT ${saves.seq} FROM ${saves} WHERE ${saves.userId} = ${sql.param("user-1")}`;
    expect(toQuery(withColumn)).toMatchObject({ sql: 'SELECT "saves"."seq" FROM "saves" WHERE "saves"."user_id" = ?', params: ["user-1"] });
    const inlined = sql`SELECT ${"it's"}`.inlineParams();
    expect(toQuery(inlined)).toMatchObject({ sql: "SELECT 'it''s'", params: [] });
  });
});
