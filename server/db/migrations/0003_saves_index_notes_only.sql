-- saves_fts no longer repeats the item's title: searching a common word matched every save as well as
-- every item, doubling the cost of ranking. A save now indexes only what the person added. The index
-- is rebuilt from the saves, their tags and the names and synonyms of their themes.
DROP TABLE `saves_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `saves_fts` USING fts5(
  `note`, `quote`, `tags`, `themes`,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `saves_fts` (rowid, note, quote, tags, themes)
SELECT s.seq, s.note, s.quote,
  coalesce((SELECT group_concat(value, ' ; ') FROM json_each(s.tags)), ''),
  coalesce((SELECT group_concat(t.name_nl || ' ; ' || t.name_en || ' ; ' || coalesce((SELECT group_concat(value, ' ; ') FROM json_each(t.synonyms)), ''), ' ; ')
            FROM save_themes st JOIN themes t ON t.slug = st.theme WHERE st.save_seq = s.seq), '')
FROM saves s;
