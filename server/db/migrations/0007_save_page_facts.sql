ALTER TABLE `saves` ADD `url` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `saves` ADD `canonical_url` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `title` text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE `saves` ADD `kind` text DEFAULT 'artikel' NOT NULL;
--> statement-breakpoint
ALTER TABLE `saves` ADD `site_name` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `author` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `published_at` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `language` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `image_url` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `favicon_url` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `excerpt` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `text` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `video_provider` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `video_id` text;
--> statement-breakpoint
ALTER TABLE `saves` ADD `video_duration_seconds` integer;
--> statement-breakpoint
ALTER TABLE `saves` ADD `video_embed_url` text;
--> statement-breakpoint
CREATE INDEX `saves_created_idx` ON `saves` (`created_at`,`item_seq`);
--> statement-breakpoint
-- Each save keeps the page facts its person captured. Until now an item held one set of facts: the first
-- saver's, completed by later clips. Which saver captured which field can no longer be told apart, so
-- every existing save gets its item's facts as its own. That discloses nothing new to anyone: each saver
-- was already shown exactly these facts on their item, and each was captured by someone in that item's
-- history. From here on every clip keeps its own facts and a person corrects only their own save.
-- (drizzle-kit's column drops on items come after this move, which still needs those columns.)
UPDATE `saves` SET
  `url` = (SELECT i.`url` FROM `items` i WHERE i.seq = saves.item_seq),
  `canonical_url` = (SELECT i.`canonical_url` FROM `items` i WHERE i.seq = saves.item_seq),
  `title` = (SELECT i.`title` FROM `items` i WHERE i.seq = saves.item_seq),
  `kind` = (SELECT i.`kind` FROM `items` i WHERE i.seq = saves.item_seq),
  `site_name` = (SELECT i.`site_name` FROM `items` i WHERE i.seq = saves.item_seq),
  `author` = (SELECT i.`author` FROM `items` i WHERE i.seq = saves.item_seq),
  `published_at` = (SELECT i.`published_at` FROM `items` i WHERE i.seq = saves.item_seq),
  `language` = (SELECT i.`language` FROM `items` i WHERE i.seq = saves.item_seq),
  `image_url` = (SELECT i.`image_url` FROM `items` i WHERE i.seq = saves.item_seq),
  `favicon_url` = (SELECT i.`favicon_url` FROM `items` i WHERE i.seq = saves.item_seq),
  `excerpt` = (SELECT i.`excerpt` FROM `items` i WHERE i.seq = saves.item_seq),
  `text` = (SELECT i.`text` FROM `items` i WHERE i.seq = saves.item_seq),
  `video_provider` = (SELECT i.`video_provider` FROM `items` i WHERE i.seq = saves.item_seq),
  `video_id` = (SELECT i.`video_id` FROM `items` i WHERE i.seq = saves.item_seq),
  `video_duration_seconds` = (SELECT i.`video_duration_seconds` FROM `items` i WHERE i.seq = saves.item_seq),
  `video_embed_url` = (SELECT i.`video_embed_url` FROM `items` i WHERE i.seq = saves.item_seq);
--> statement-breakpoint
-- Stored URLs lose their fragment (where sign-in tokens travel: #access_token=…) and their credentials
-- (user:pass@). An item's address becomes its normalised URL, its key, which has neither. Tracking
-- parameters cannot be taken out of a query string in SQL: server/db/stored-urls.ts does that, and the
-- same cleaning again, at every start (it changes only rows that still need it).
UPDATE `items` SET `url` = `url_key`;
--> statement-breakpoint
UPDATE `saves` SET `url` = substr(`url`, 1, instr(`url`, '#') - 1) WHERE instr(`url`, '#') > 0;
--> statement-breakpoint
UPDATE `saves` SET `canonical_url` = substr(`canonical_url`, 1, instr(`canonical_url`, '#') - 1) WHERE instr(`canonical_url`, '#') > 0;
--> statement-breakpoint
-- user:pass@ sits between '://' and the first '/' after it; an '@' further on belongs to the path.
UPDATE `saves` SET `url` = substr(`url`, 1, instr(`url`, '://') + 2) || substr(`url`, instr(`url`, '://') + 3 + instr(substr(`url`, instr(`url`, '://') + 3, instr(substr(`url`, instr(`url`, '://') + 3) || '/', '/') - 1), '@'))
WHERE instr(substr(`url`, instr(`url`, '://') + 3, instr(substr(`url`, instr(`url`, '://') + 3) || '/', '/') - 1), '@') > 0;
--> statement-breakpoint
DROP INDEX `items_created_idx`;
--> statement-breakpoint
DROP INDEX `items_kind_idx`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `canonical_url`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `title`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `kind`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `site_name`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `author`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `published_at`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `language`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `image_url`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `favicon_url`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `excerpt`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `text`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `video_provider`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `video_id`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `video_duration_seconds`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `video_embed_url`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `created_at`;
--> statement-breakpoint
ALTER TABLE `items` DROP COLUMN `updated_at`;
--> statement-breakpoint
-- Search indexes each save on its own: its page facts, note, quote, tags and theme names in one row, so a
-- word in a save the viewer may not see never matches for them. The site's name and host are searchable
-- with the excerpt ("lowan", "nji"), as before.
DROP TABLE `items_fts`;
--> statement-breakpoint
DROP TABLE `saves_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `saves_fts` USING fts5(
  `title`, `excerpt`, `text`, `note`, `quote`, `tags`, `themes`,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `saves_fts` (rowid, title, excerpt, text, note, quote, tags, themes)
SELECT s.seq, s.title,
  concat_ws(' — ', nullif(s.excerpt, ''), nullif(s.site_name, ''),
    (SELECT CASE WHEN h LIKE 'www.%' THEN substr(h, 5) ELSE h END
     FROM (SELECT substr(r, 1, instr(r || '/', '/') - 1) AS h FROM (SELECT substr(s.url, instr(s.url, '://') + 3) AS r)))),
  coalesce(s.text, ''), s.note, s.quote,
  coalesce((SELECT group_concat(value, ' ; ') FROM json_each(s.tags)), ''),
  coalesce((SELECT group_concat(t.name_nl || ' ; ' || t.name_en || ' ; ' || coalesce((SELECT group_concat(value, ' ; ') FROM json_each(t.synonyms)), ''), ' ; ')
            FROM save_themes st JOIN themes t ON t.slug = st.theme WHERE st.save_seq = s.seq), '')
FROM saves s;
