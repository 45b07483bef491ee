import type Database from "better-sqlite3";

/**
 * A large library in a moment: `count` public items of one person, each with one save, written in one
 * statement as the clip path writes their rows (items, saves, save_themes and the search row; the facet
 * tallies' triggers run as for any save). For tests that need a count over many saves to take long
 * enough to be seen. Each is titled "Artikel <n>" and has no other text; a third are protocols, the rest
 * articles and kennisclips; half are about NT2, half about meertaligheid; all are for primary schools.
 */
export function addBulkSaves(sqlite: Database.Database, userId: string, count: number, at: string) {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO items (id, url_key, url) SELECT 'bulk-' || i, 'https://bulk.voorbeeld.nl/' || i, 'https://bulk.voorbeeld.nl/' || i FROM n`,
      )
      .run(count);
    sqlite
      .prepare(
        `INSERT INTO saves (item_seq, user_id, url, title, kind, tags, themes, sector, visibility, created_at, updated_at)
         SELECT seq, ?, url, 'Artikel ' || seq, CASE seq % 3 WHEN 0 THEN 'protocol' WHEN 1 THEN 'artikel' ELSE 'kennisclip' END,
                '[]', CASE seq % 2 WHEN 0 THEN '["nt2"]' ELSE '["meertaligheid"]' END, '["po"]', 'public', ?, ?
         FROM items WHERE id GLOB 'bulk-*'`,
      )
      .run(userId, at, at);
    sqlite.prepare(`INSERT INTO save_themes (save_seq, theme) SELECT seq, json_extract(themes, '$[0]') FROM saves WHERE url GLOB 'https://bulk.*'`).run();
    sqlite
      .prepare(`INSERT INTO saves_fts (rowid, title, excerpt, text, note, quote, tags, themes) SELECT seq, title, '', '', '', '', '', '' FROM saves WHERE url GLOB 'https://bulk.*'`)
      .run();
  })();
}
