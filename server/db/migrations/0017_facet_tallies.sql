CREATE TABLE `facet_tallies` (
	`audience` text NOT NULL,
	`owner` text NOT NULL,
	`part` text NOT NULL,
	`items` integer NOT NULL,
	PRIMARY KEY(`owner`, `audience`, `part`)
);
--> statement-breakpoint
CREATE TABLE `shared_item_parts` (
	`item_seq` integer NOT NULL,
	`owner` text NOT NULL,
	`audience` text NOT NULL,
	`part` text NOT NULL,
	`items` integer NOT NULL,
	PRIMARY KEY(`item_seq`, `owner`, `audience`, `part`)
);
--> statement-breakpoint
CREATE TABLE `shared_item_recounts` (
	`item_seq` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shared_items` (
	`item_seq` integer PRIMARY KEY NOT NULL,
	`counted_from_saves` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shared_items_counted_idx` ON `shared_items` (`item_seq`) WHERE counted_from_saves;--> statement-breakpoint
CREATE TABLE `theme_lineage` (
	`slug` text NOT NULL,
	`ancestor` text NOT NULL,
	PRIMARY KEY(`slug`, `ancestor`)
);
--> statement-breakpoint
-- hand-written below
-- Facet tallies (schema.ts `facetTallies`, library/facets.ts). A theme counts the items of the themes
-- below it once: `theme_lineage` pairs every theme with itself and each theme above it, rebuilt when a
-- theme is added or moved (a few dozen rows).
INSERT INTO `theme_lineage` (`slug`, `ancestor`)
  WITH RECURSIVE `up` (`slug`, `ancestor`) AS (
    SELECT `slug`, `slug` FROM `themes`
    UNION SELECT `up`.`slug`, t.`parent` FROM `up` JOIN `themes` t ON t.`slug` = `up`.`ancestor` WHERE t.`parent` IS NOT NULL)
  SELECT `slug`, `ancestor` FROM `up`;
--> statement-breakpoint
CREATE TRIGGER `theme_lineage_theme_insert` AFTER INSERT ON `themes` BEGIN
  DELETE FROM `theme_lineage`;
  INSERT INTO `theme_lineage` (`slug`, `ancestor`)
    WITH RECURSIVE `up` (`slug`, `ancestor`) AS (
      SELECT `slug`, `slug` FROM `themes`
      UNION SELECT `up`.`slug`, t.`parent` FROM `up` JOIN `themes` t ON t.`slug` = `up`.`ancestor` WHERE t.`parent` IS NOT NULL)
    SELECT `slug`, `ancestor` FROM `up`;
END;
--> statement-breakpoint
-- What one save adds to the tallies: each part once for every reader of its audience (owner '', never
-- for a private save: only its owner reads it) and once for its owner, unless its circle is public or
-- network, which every signed-in reader reads anyway (library/facets.ts reads owner rows only for the
-- circles a reader does not). Parts are `total`, `kind:<kind>`,
-- `sector:<sector>` and `theme:<slug>` for each of its themes and the themes above them.
CREATE VIEW `save_tally_parts` AS
  SELECT p.`seq`, p.`item_seq`, p.`audience`, CASE w.`k` WHEN 0 THEN '' ELSE p.`saver` END AS `owner`, p.`part`
  FROM (
    SELECT s.`seq`, s.`item_seq`, s.`visibility`, s.`user_id` AS `saver`, 'total' AS `part`,
      CASE s.`visibility` WHEN 'school' THEN 'school:' || coalesce(s.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(s.`community_id`, '') ELSE s.`visibility` END AS `audience`
    FROM `saves` s
    UNION ALL
    SELECT s.`seq`, s.`item_seq`, s.`visibility`, s.`user_id`, 'kind:' || s.`kind`,
      CASE s.`visibility` WHEN 'school' THEN 'school:' || coalesce(s.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(s.`community_id`, '') ELSE s.`visibility` END
    FROM `saves` s
    UNION ALL
    SELECT DISTINCT s.`seq`, s.`item_seq`, s.`visibility`, s.`user_id`, 'sector:' || j.`value`,
      CASE s.`visibility` WHEN 'school' THEN 'school:' || coalesce(s.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(s.`community_id`, '') ELSE s.`visibility` END
    FROM `saves` s, json_each(s.`sector`) j
    UNION ALL
    SELECT DISTINCT s.`seq`, s.`item_seq`, s.`visibility`, s.`user_id`, 'theme:' || l.`ancestor`,
      CASE s.`visibility` WHEN 'school' THEN 'school:' || coalesce(s.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(s.`community_id`, '') ELSE s.`visibility` END
    FROM `saves` s, json_each(s.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`
  ) p, (SELECT 0 AS `k` UNION ALL SELECT 1) w
  WHERE NOT (w.`k` = 0 AND p.`visibility` = 'private') AND NOT (w.`k` = 1 AND p.`visibility` IN ('public', 'network'));
--> statement-breakpoint
-- The save in hand (NEW or OLD) is counted from its values, as save_tally_parts would count it: reading
-- it back through the view cost 0.3 ms a save (an import's third), its values in hand 0.04 ms.
-- An item's first save is tallied; its second takes the first out of these rows (the item is then
-- shared, below); removing down to one save puts the last one back. Saves are counted no further than
-- three: a page saved by hundreds costs the same.
CREATE TRIGGER `facet_tallies_save_insert_first` AFTER INSERT ON `saves` WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 3)) = 1 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT a.`audience`, o.`owner`, p.`part`, 1 FROM
      (SELECT CASE NEW.`visibility` WHEN 'school' THEN 'school:' || coalesce(NEW.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(NEW.`community_id`, '') ELSE NEW.`visibility` END AS `audience`) a,
      (SELECT '' AS `owner` WHERE NEW.`visibility` <> 'private' UNION ALL SELECT NEW.`user_id` WHERE NEW.`visibility` NOT IN ('public', 'network')) o,
      (SELECT 'total' AS `part` UNION ALL SELECT 'kind:' || NEW.`kind`
        UNION SELECT 'sector:' || j.`value` FROM json_each(NEW.`sector`) j
        UNION SELECT 'theme:' || l.`ancestor` FROM json_each(NEW.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`) p
    WHERE true
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_tallies_save_insert_second` AFTER INSERT ON `saves` WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 3)) = 2 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT `audience`, `owner`, `part`, -1 FROM `save_tally_parts` WHERE `item_seq` = NEW.`item_seq` AND `seq` <> NEW.`seq`
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
  -- The first saver's rows this leaves at nothing go now: when the shared item keeps no rows of theirs
  -- (their view of it is everyone's), no later write of it would take them away, not even their account's deletion.
  DELETE FROM `facet_tallies` WHERE `owner` = (SELECT `user_id` FROM `saves` WHERE `item_seq` = NEW.`item_seq` AND `seq` <> NEW.`seq`) AND `items` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_tallies_save_delete_last` BEFORE DELETE ON `saves` WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = OLD.`item_seq` LIMIT 3)) = 1 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT a.`audience`, o.`owner`, p.`part`, -1 FROM
      (SELECT CASE OLD.`visibility` WHEN 'school' THEN 'school:' || coalesce(OLD.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(OLD.`community_id`, '') ELSE OLD.`visibility` END AS `audience`) a,
      (SELECT '' AS `owner` WHERE OLD.`visibility` <> 'private' UNION ALL SELECT OLD.`user_id` WHERE OLD.`visibility` NOT IN ('public', 'network')) o,
      (SELECT 'total' AS `part` UNION ALL SELECT 'kind:' || OLD.`kind`
        UNION SELECT 'sector:' || j.`value` FROM json_each(OLD.`sector`) j
        UNION SELECT 'theme:' || l.`ancestor` FROM json_each(OLD.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`) p
    WHERE true
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
  -- A person's rows go with their last save (an account deleted leaves none behind).
  DELETE FROM `facet_tallies` WHERE `owner` = OLD.`user_id` AND `items` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_tallies_save_delete_second` BEFORE DELETE ON `saves` WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = OLD.`item_seq` LIMIT 3)) = 2 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT `audience`, `owner`, `part`, 1 FROM `save_tally_parts` WHERE `item_seq` = OLD.`item_seq` AND `seq` <> OLD.`seq`
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
END;
--> statement-breakpoint
-- A tallied save that changes what it counts leaves the tallies as it was and comes back as it is.
CREATE TRIGGER `facet_tallies_save_update_before` BEFORE UPDATE OF `visibility`, `school_id`, `community_id`, `user_id`, `kind`, `sector`, `themes` ON `saves`
  WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = OLD.`item_seq` LIMIT 3)) = 1 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT a.`audience`, o.`owner`, p.`part`, -1 FROM
      (SELECT CASE OLD.`visibility` WHEN 'school' THEN 'school:' || coalesce(OLD.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(OLD.`community_id`, '') ELSE OLD.`visibility` END AS `audience`) a,
      (SELECT '' AS `owner` WHERE OLD.`visibility` <> 'private' UNION ALL SELECT OLD.`user_id` WHERE OLD.`visibility` NOT IN ('public', 'network')) o,
      (SELECT 'total' AS `part` UNION ALL SELECT 'kind:' || OLD.`kind`
        UNION SELECT 'sector:' || j.`value` FROM json_each(OLD.`sector`) j
        UNION SELECT 'theme:' || l.`ancestor` FROM json_each(OLD.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`) p
    WHERE true
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
END;
--> statement-breakpoint
CREATE TRIGGER `facet_tallies_save_update_after` AFTER UPDATE OF `visibility`, `school_id`, `community_id`, `user_id`, `kind`, `sector`, `themes` ON `saves`
  WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 3)) = 1 BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT a.`audience`, o.`owner`, p.`part`, 1 FROM
      (SELECT CASE NEW.`visibility` WHEN 'school' THEN 'school:' || coalesce(NEW.`school_id`, '') WHEN 'community' THEN 'community:' || coalesce(NEW.`community_id`, '') ELSE NEW.`visibility` END AS `audience`) a,
      (SELECT '' AS `owner` WHERE NEW.`visibility` <> 'private' UNION ALL SELECT NEW.`user_id` WHERE NEW.`visibility` NOT IN ('public', 'network')) o,
      (SELECT 'total' AS `part` UNION ALL SELECT 'kind:' || NEW.`kind`
        UNION SELECT 'sector:' || j.`value` FROM json_each(NEW.`sector`) j
        UNION SELECT 'theme:' || l.`ancestor` FROM json_each(NEW.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`) p
    WHERE true
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
  DELETE FROM `facet_tallies` WHERE `owner` = OLD.`user_id` AND `items` = 0;
END;
--> statement-breakpoint
-- Nothing moves a save to another item; were it to, the tallies would no longer know which items are shared.
CREATE TRIGGER `facet_tallies_save_item_fixed` BEFORE UPDATE OF `item_seq` ON `saves` WHEN OLD.`item_seq` <> NEW.`item_seq` BEGIN
  SELECT RAISE(ABORT, 'a save stays with its item');
END;
--> statement-breakpoint
-- A shared item is recounted whole whenever one of its saves changes: what it added is taken out and
-- added anew. Inserting its seq into shared_item_recounts runs the recount (a trigger as a procedure).
-- F(v, f) is the item as reader v sees it ('' for anyone signed in who did not save it, else the saver)
-- with (f = 1) or without its one school or community circle; the rows kept are the differences that
-- add up to the right view for each kind of reader (schema.ts `sharedItemParts`):
--   shared, ''          F('', 0)
--   shared:<circle>, '' F('', 1) - F('', 0)
--   shared, u           F(u, 0) - F('', 0)
--   shared:<circle>, u  F(u, 1) - F(u, 0) - F('', 1) + F('', 0)
CREATE TRIGGER `shared_items_recount` AFTER INSERT ON `shared_item_recounts` BEGIN
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT `audience`, `owner`, `part`, -`items` FROM `shared_item_parts` WHERE `item_seq` = NEW.`item_seq`
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
  DELETE FROM `facet_tallies` WHERE `items` = 0 AND `owner` IN (SELECT `owner` FROM `shared_item_parts` WHERE `item_seq` = NEW.`item_seq` AND `owner` <> '');
  DELETE FROM `shared_item_parts` WHERE `item_seq` = NEW.`item_seq`;
  DELETE FROM `shared_items` WHERE `item_seq` = NEW.`item_seq`;
  INSERT INTO `shared_items` (`item_seq`, `counted_from_saves`)
    SELECT NEW.`item_seq`, `savers` > 16 OR `circles` > 1
    FROM (SELECT count(*) AS `savers` FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 17)),
      (SELECT count(DISTINCT `visibility` || coalesce(`school_id`, `community_id`, '')) AS `circles` FROM `saves` WHERE `item_seq` = NEW.`item_seq` AND `visibility` IN ('school', 'community'))
    WHERE `savers` >= 2;
  INSERT INTO `shared_item_parts` (`item_seq`, `owner`, `audience`, `part`, `items`)
    WITH `item_saves` AS (
      SELECT s.*, CASE s.`visibility` WHEN 'school' THEN 'school:' || coalesce(s.`school_id`, '') ELSE 'community:' || coalesce(s.`community_id`, '') END AS `circle`
      FROM `saves` s WHERE s.`item_seq` = NEW.`item_seq`),
    `closed` AS (SELECT DISTINCT `circle` FROM `item_saves` WHERE `visibility` IN ('school', 'community')),
    `readers` AS (SELECT '' AS `v` UNION ALL SELECT `user_id` FROM `item_saves`),
    `flags` AS (SELECT 0 AS `f` UNION ALL SELECT 1 FROM `closed`),
    `seen` AS (
      SELECT r.`v`, fl.`f`, o.* FROM `readers` r, `flags` fl, `item_saves` o
      WHERE o.`user_id` = r.`v` OR o.`visibility` IN ('public', 'network') OR (fl.`f` = 1 AND o.`visibility` IN ('school', 'community'))),
    `views` (`v`, `f`, `part`) AS (
      SELECT DISTINCT `v`, `f`, 'total' FROM `seen`
      UNION SELECT `v`, `f`, 'kind:' || (SELECT s2.`kind` FROM `seen` s2 WHERE s2.`v` = `seen`.`v` AND s2.`f` = `seen`.`f`
        ORDER BY (s2.`user_id` = s2.`v`) DESC, CASE s2.`visibility` WHEN 'public' THEN 0 WHEN 'network' THEN 1 WHEN 'school' THEN 2 WHEN 'community' THEN 2 ELSE 3 END, s2.`created_at`, s2.`seq` LIMIT 1) FROM `seen`
      UNION SELECT `v`, `f`, 'visibility:' || `visibility` FROM `seen`
      UNION SELECT `v`, `f`, 'sector:' || j.`value` FROM `seen`, json_each(`seen`.`sector`) j
      UNION SELECT `v`, `f`, 'theme:' || l.`ancestor` FROM `seen`, json_each(`seen`.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`),
    `terms` (`owner`, `audience`, `part`, `items`) AS (
      -- F('', 0): +(shared, ''), -(shared:c, ''), -(shared, u), +(shared:c, u)
      SELECT '', 'shared', `part`, 1 FROM `views` WHERE `v` = '' AND `f` = 0
      UNION ALL SELECT '', 'shared:' || c.`circle`, `part`, -1 FROM `views`, `closed` c WHERE `v` = '' AND `f` = 0
      UNION ALL SELECT r.`v`, 'shared', w.`part`, -1 FROM `views` w, `readers` r WHERE w.`v` = '' AND w.`f` = 0 AND r.`v` <> ''
      UNION ALL SELECT r.`v`, 'shared:' || c.`circle`, w.`part`, 1 FROM `views` w, `readers` r, `closed` c WHERE w.`v` = '' AND w.`f` = 0 AND r.`v` <> ''
      -- F('', 1): +(shared:c, ''), -(shared:c, u)
      UNION ALL SELECT '', 'shared:' || c.`circle`, `part`, 1 FROM `views`, `closed` c WHERE `v` = '' AND `f` = 1
      UNION ALL SELECT r.`v`, 'shared:' || c.`circle`, w.`part`, -1 FROM `views` w, `readers` r, `closed` c WHERE w.`v` = '' AND w.`f` = 1 AND r.`v` <> ''
      -- F(u, 0): +(shared, u), -(shared:c, u); F(u, 1): +(shared:c, u)
      UNION ALL SELECT `v`, 'shared', `part`, 1 FROM `views` WHERE `v` <> '' AND `f` = 0
      UNION ALL SELECT `v`, 'shared:' || c.`circle`, `part`, -1 FROM `views`, `closed` c WHERE `v` <> '' AND `f` = 0
      UNION ALL SELECT `v`, 'shared:' || c.`circle`, `part`, 1 FROM `views`, `closed` c WHERE `v` <> '' AND `f` = 1)
    SELECT NEW.`item_seq`, `owner`, `audience`, `part`, sum(`items`) FROM `terms`
    WHERE NOT (SELECT `counted_from_saves` FROM `shared_items` WHERE `item_seq` = NEW.`item_seq`)
    GROUP BY `owner`, `audience`, `part` HAVING sum(`items`) <> 0;
  -- What a reader who is not signed in sees of it (its public saves, the earliest speaking), for every
  -- shared item: `shared-public`.
  INSERT INTO `shared_item_parts` (`item_seq`, `owner`, `audience`, `part`, `items`)
    WITH `public_saves` AS (SELECT * FROM `saves` WHERE `item_seq` = NEW.`item_seq` AND `visibility` = 'public')
    SELECT NEW.`item_seq`, '', 'shared-public', `part`, 1 FROM (
      SELECT 'total' AS `part` FROM (SELECT 1 FROM `public_saves` LIMIT 1)
      UNION SELECT 'kind:' || (SELECT `kind` FROM `public_saves` ORDER BY `created_at`, `seq` LIMIT 1) WHERE EXISTS (SELECT 1 FROM `public_saves`)
      UNION SELECT 'visibility:public' WHERE EXISTS (SELECT 1 FROM `public_saves`)
      UNION SELECT 'sector:' || j.`value` FROM `public_saves` o, json_each(o.`sector`) j
      UNION SELECT 'theme:' || l.`ancestor` FROM `public_saves` o, json_each(o.`themes`) j JOIN `theme_lineage` l ON l.`slug` = j.`value`)
    WHERE EXISTS (SELECT 1 FROM `shared_items` WHERE `item_seq` = NEW.`item_seq`);
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT `audience`, `owner`, `part`, `items` FROM `shared_item_parts` WHERE `item_seq` = NEW.`item_seq`
    ON CONFLICT DO UPDATE SET `items` = `items` + excluded.`items`;
  DELETE FROM `shared_item_recounts` WHERE `item_seq` = NEW.`item_seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shared_items_save_insert` AFTER INSERT ON `saves`
  WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 2)) = 2 BEGIN
  INSERT OR IGNORE INTO `shared_item_recounts` (`item_seq`) VALUES (NEW.`item_seq`);
END;
--> statement-breakpoint
-- A save removed from a shared item: the item is recounted, or leaves shared_items when one save is left.
CREATE TRIGGER `shared_items_save_delete` AFTER DELETE ON `saves`
  WHEN EXISTS (SELECT 1 FROM `saves` WHERE `item_seq` = OLD.`item_seq`) BEGIN
  INSERT OR IGNORE INTO `shared_item_recounts` (`item_seq`) VALUES (OLD.`item_seq`);
END;
--> statement-breakpoint
CREATE TRIGGER `shared_items_save_update` AFTER UPDATE OF `visibility`, `school_id`, `community_id`, `user_id`, `kind`, `sector`, `themes` ON `saves`
  WHEN (SELECT count(*) FROM (SELECT 1 FROM `saves` WHERE `item_seq` = NEW.`item_seq` LIMIT 2)) = 2 BEGIN
  INSERT OR IGNORE INTO `shared_item_recounts` (`item_seq`) VALUES (NEW.`item_seq`);
END;
--> statement-breakpoint
-- A theme moved under another changes which themes count an item: every tally is counted again (themes
-- are never deleted and keep their slug; a rare administrator's change, seconds on a large library).
CREATE TRIGGER `facet_tallies_theme_moved` AFTER UPDATE OF `parent` ON `themes` WHEN OLD.`parent` IS NOT NEW.`parent` BEGIN
  DELETE FROM `theme_lineage`;
  INSERT INTO `theme_lineage` (`slug`, `ancestor`)
    WITH RECURSIVE `up` (`slug`, `ancestor`) AS (
      SELECT `slug`, `slug` FROM `themes`
      UNION SELECT `up`.`slug`, t.`parent` FROM `up` JOIN `themes` t ON t.`slug` = `up`.`ancestor` WHERE t.`parent` IS NOT NULL)
    SELECT `slug`, `ancestor` FROM `up`;
  DELETE FROM `facet_tallies` WHERE `audience` NOT GLOB 'shared*';
  INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
    SELECT `audience`, `owner`, `part`, count(*) FROM `save_tally_parts`
    WHERE `item_seq` NOT IN (SELECT `item_seq` FROM `shared_items`) GROUP BY `audience`, `owner`, `part`;
  INSERT INTO `shared_item_recounts` (`item_seq`) SELECT `item_seq` FROM `saves` GROUP BY `item_seq` HAVING count(*) > 1;
END;
--> statement-breakpoint
INSERT INTO `shared_item_recounts` (`item_seq`) SELECT `item_seq` FROM `saves` GROUP BY `item_seq` HAVING count(*) > 1;
--> statement-breakpoint
INSERT INTO `facet_tallies` (`audience`, `owner`, `part`, `items`)
  SELECT `audience`, `owner`, `part`, count(*) FROM `save_tally_parts`
  WHERE `item_seq` NOT IN (SELECT `item_seq` FROM `shared_items`) GROUP BY `audience`, `owner`, `part`;
