-- Full-text indexes for library search. Contentless (the text already lives in items/saves) with
-- contentless_delete so a row can be replaced when an item or a save changes. remove_diacritics 2 makes
-- "creme" find "crème"; the services write these rows in the same transaction as the data.
-- items_fts.rowid = items.seq; saves_fts.rowid = saves.seq (saves carry their own circle, so a private
-- note never makes an item findable for someone outside that circle). saves_fts repeats the item's title
-- so that a query mixing title and note words ("nt2 intake") still matches.
CREATE VIRTUAL TABLE `items_fts` USING fts5(
  `title`, `excerpt`, `text`,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `saves_fts` USING fts5(
  `title`, `note`, `quote`, `tags`, `themes`,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
