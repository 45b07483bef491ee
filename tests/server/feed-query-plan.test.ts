/**
 * The feed's candidate query must walk the theme index or the newest saves, never scan the saves table:
 * with a wrong plan one poll read the whole library (17 ms at 100k items, 190 ms at 1M). The plans are
 * pinned in the SQL; this holds them on a fresh database and under the statistics of the 100k-item bench
 * library, which is what the planner sees on a real server after ANALYZE.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../server/db/client";
import { itemAggregates, themeWalk } from "../../server/db/repositories/feeds";
import { ANONYMOUS, NETWORK_AUDIENCE } from "../../server/core/viewer";
import { saveScope } from "../../server/services/access/visibility";

// sqlite_stat1 of the bench library (100,000 items, 107,020 saves), analysed with analysis_limit = 1000.
const BENCH_STATISTICS = [
  ["save_themes", "save_themes_theme_idx", "198726 1001 1"],
  ["save_themes", "sqlite_autoindex_save_themes_1", "198726 2 1"],
  ["saves", "saves_created_idx", "107020 1 1"],
  ["saves", "saves_community_idx", "107020 667 667"],
  ["saves", "saves_school_idx", "107020 1001 501"],
  ["saves", "saves_item_visibility_idx", "107020 1 1"],
  ["saves", "saves_user_idx", "107020 1001 1"],
  ["saves", "saves_item_user_unique", "107020 1 1"],
  ["items", "items_url_key_unique", "100000 1"],
  ["items", "items_id_unique", "100000 1"],
] as const;

const dialect = new SQLiteSyncDialect();
let dir: string;
let database: DatabaseHandle;

function plan(query: SQL): string[] {
  const { sql, params } = dialect.sqlToQuery(query);
  return (database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

const after = { seq: 5000, itemSeq: 4800, createdAt: "2026-01-01T00:00:00.000Z" };
// The theme is probed on save_themes' primary key (save_seq, theme).
const probe = "SEARCH st EXISTS USING COVERING INDEX sqlite_autoindex_save_themes_1 (save_seq=? AND theme=?)";
const COMMON_WALK = ["SCAN s USING INDEX saves_created_idx", probe, "USE TEMP B-TREE FOR LAST TERM OF ORDER BY"];
const COMMON_WALK_ON = ["SEARCH s USING INDEX saves_created_idx (created_at<?)", probe, "USE TEMP B-TREE FOR LAST TERM OF ORDER BY"];
const RARE_WALK = ["SEARCH st USING COVERING INDEX save_themes_theme_idx (theme=?)", "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)", "USE TEMP B-TREE FOR ORDER BY"];

function expectPinnedPlans() {
  for (const viewer of [ANONYMOUS, NETWORK_AUDIENCE]) {
    const scope = saveScope(viewer);
    for (const themes of [["nt2"], ["nt2", "nieuwkomers", "taalontwikkeling"]]) {
      expect(plan(themeWalk(scope, themes, true, null, 100))).toEqual(COMMON_WALK);
      expect(plan(themeWalk(scope, themes, true, after, 200))).toEqual(COMMON_WALK_ON);
      expect(plan(themeWalk(scope, themes, false, null, 100))).toEqual(RARE_WALK);
      expect(plan(themeWalk(scope, themes, false, after, 200))).toEqual(RARE_WALK);
    }
    // Either index that leads with (item_seq, visibility) is the same search: saves_facets_idx is the
    // library facets' wider one, which the planner may take when it has no statistics.
    expect(plan(itemAggregates(scope, [1, 2, 3], [])).map((line) => line.replace("saves_facets_idx", "saves_item_visibility_idx"))).toEqual([
      "SEARCH i USING INTEGER PRIMARY KEY (rowid=?)",
      "LIST SUBQUERY 1",
      "SCAN json_each VIRTUAL TABLE INDEX 1:",
      "CREATE BLOOM FILTER",
      "SEARCH s USING INDEX saves_item_visibility_idx (item_seq=? AND visibility=?)",
    ]);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "knooppunt-feed-plan-"));
  database = openDatabase(join(dir, "plan.db"));
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the feed candidate query", () => {
  it("walks the newest saves for a common theme and the theme index for a rare one, on a database never analysed", () => {
    expectPinnedPlans();
  });

  it("keeps those plans under the statistics of the 100k-item bench library", () => {
    database.sqlite.exec("ANALYZE");
    database.sqlite.exec("DELETE FROM sqlite_stat1");
    const insert = database.sqlite.prepare("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)");
    for (const row of BENCH_STATISTICS) insert.run(...row);
    // The planner reads sqlite_stat1 when the file is opened.
    const path = database.sqlite.name;
    database.close();
    database = openDatabase(path);
    expect((database.sqlite.prepare("SELECT count(*) AS n FROM sqlite_stat1").get() as { n: number }).n).toBe(BENCH_STATISTICS.length);
    expectPinnedPlans();
  });
});
