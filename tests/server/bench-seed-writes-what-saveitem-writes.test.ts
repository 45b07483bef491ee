import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLibrary, type SeedResult } from "../bench/seed";

/**
 * The bench seeds its million-item library with prepared statements instead of saveItem. It measures
 * the product only if that library is the one saveItem would have built: the same rows in every
 * library table, value for value. Ids are random by nature, so they are compared through what they
 * name (a person's e-mail address, an item's sequence number, a school's name).
 */
const ITEMS = 400;
let dir: string;
let bySaveItem: Database.Database;
let byPrepared: Database.Database;
let seeded: { saveItem: SeedResult; prepared: SeedResult };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-seed-rows-"));
  seeded = {
    saveItem: await seedLibrary(join(dir, "saveitem.db"), ITEMS, { seed: 31, batch: 97, writer: "saveItem" }),
    prepared: await seedLibrary(join(dir, "prepared.db"), ITEMS, { seed: 31, batch: 97 }),
  };
  bySaveItem = new Database(join(dir, "saveitem.db"), { readonly: true });
  byPrepared = new Database(join(dir, "prepared.db"), { readonly: true });
}, 120_000);

afterAll(() => {
  bySaveItem?.close();
  byPrepared?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every random id in the library, mapped to what it names. */
function names(db: Database.Database): Map<string, string> {
  const map = new Map<string, string>();
  const add = (query: string) => {
    for (const { id, name } of db.prepare(query).all() as { id: string; name: string }[]) map.set(id, name);
  };
  add("SELECT id, 'user ' || email AS name FROM users");
  add("SELECT id, 'item ' || seq AS name FROM items");
  add("SELECT id, 'school ' || name AS name FROM schools");
  add("SELECT id, 'community ' || name AS name FROM communities");
  return map;
}

function rows(db: Database.Database, query: string): unknown[][] {
  const named = names(db);
  const stmt = db.prepare(query).raw(true);
  return (stmt.all() as unknown[][]).map((row) => row.map((value) => (typeof value === "string" && named.has(value) ? named.get(value) : value)));
}

const LIBRARY_TABLES: Record<string, string> = {
  items: "SELECT * FROM items ORDER BY seq",
  saves: "SELECT * FROM saves ORDER BY seq",
  save_themes: "SELECT * FROM save_themes ORDER BY save_seq, theme",
  save_tags: "SELECT * FROM save_tags ORDER BY save_seq, tag",
  saves_fts: "SELECT rowid, * FROM saves_fts ORDER BY rowid",
  feed_versions: "SELECT * FROM feed_versions ORDER BY scope",
  webhook_deliveries: "SELECT * FROM webhook_deliveries ORDER BY id",
};

describe("the bench library seeded with prepared statements", () => {
  it("has as many items and saves per circle as the one seeded through saveItem", () => {
    expect(seeded.prepared.items).toBe(ITEMS);
    expect(seeded.prepared.saves).toBe(seeded.saveItem.saves);
    expect(seeded.prepared.byVisibility).toEqual(seeded.saveItem.byVisibility);
  });

  it.each(Object.keys(LIBRARY_TABLES))("holds the same rows in %s, value for value", (table) => {
    const expected = rows(bySaveItem, LIBRARY_TABLES[table]!);
    const actual = rows(byPrepared, LIBRARY_TABLES[table]!);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
  });

  it("keeps the same facet counts as saveItem's, though they were counted a batch at a time", () => {
    // Ids are random per library: owners and the circles named in audiences are compared by what they name.
    const tallies = (db: Database.Database) => {
      const named = names(db);
      const name = (value: string) => value.replace(/[A-Za-z0-9_-]{16}/g, (id) => named.get(id) ?? id);
      const kept = (query: string) => (db.prepare(query).raw(true).all() as unknown[][]).map((row) => row.map((v) => (typeof v === "string" ? name(v) : v)).join(" | ")).sort();
      return {
        facetTallies: kept("SELECT owner, audience, part, items FROM facet_tallies WHERE items <> 0"),
        sharedItems: kept("SELECT item_seq, counted_from_saves FROM shared_items"),
        sharedItemParts: kept("SELECT item_seq, owner, audience, part, items FROM shared_item_parts"),
      };
    };
    const expected = tallies(bySaveItem);
    expect(expected.facetTallies.length).toBeGreaterThan(100);
    expect(tallies(byPrepared)).toEqual(expected);
  });

  it("holds a second person's save of some items, as saveItem did", () => {
    const count = (query: string) => (byPrepared.prepare(query).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM saves")).toBe(seeded.saveItem.saves);
    expect(count("SELECT count(*) AS n FROM items")).toBe(ITEMS);
    expect(count("SELECT count(*) AS n FROM (SELECT item_seq FROM saves GROUP BY item_seq HAVING count(*) > 1)")).toBe(seeded.saveItem.saves - ITEMS);
  });
});
