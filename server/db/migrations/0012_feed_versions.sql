CREATE TABLE `feed_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
-- hand-written below
-- Feed validators (server/db/feed-versions.ts). An item's feed entry shows every save of it a reader's
-- circle may see, so a change to any save of an item bumps every theme the item carries, for the circle
-- of the save before and after the change; a private save bumps only the private counters, which no feed reads.
CREATE TRIGGER `feed_versions_save_insert` AFTER INSERT ON `saves` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || st.`theme` || ':' || NEW.`visibility`, 1 FROM `saves` s JOIN `save_themes` st ON st.`save_seq` = s.`seq`
    WHERE s.`item_seq` = NEW.`item_seq` GROUP BY st.`theme`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_save_update` AFTER UPDATE ON `saves` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || st.`theme` || ':' || c.`circle`, 1
    FROM (SELECT OLD.`item_seq` AS `item_seq`, OLD.`visibility` AS `circle` UNION SELECT NEW.`item_seq`, NEW.`visibility`) c
    JOIN `saves` s ON s.`item_seq` = c.`item_seq` JOIN `save_themes` st ON st.`save_seq` = s.`seq`
    WHERE true GROUP BY st.`theme`, c.`circle`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_save_delete` BEFORE DELETE ON `saves` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || st.`theme` || ':' || OLD.`visibility`, 1 FROM `saves` s JOIN `save_themes` st ON st.`save_seq` = s.`seq`
    WHERE s.`item_seq` = OLD.`item_seq` GROUP BY st.`theme`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_save_theme_insert` AFTER INSERT ON `save_themes` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || st.`theme` || ':' || me.`visibility`, 1
    FROM `saves` me JOIN `saves` s ON s.`item_seq` = me.`item_seq` JOIN `save_themes` st ON st.`save_seq` = s.`seq`
    WHERE me.`seq` = NEW.`save_seq` GROUP BY st.`theme`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- The removed theme is no longer in save_themes, so it is named on its own. When the save itself is being
-- deleted it is gone already and this finds nothing: the save's own trigger ran before.
CREATE TRIGGER `feed_versions_save_theme_delete` AFTER DELETE ON `save_themes` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || t.`theme` || ':' || me.`visibility`, 1
    FROM `saves` me JOIN (
      SELECT OLD.`theme` AS `theme`
      UNION SELECT st.`theme` FROM `saves` m2 JOIN `saves` s ON s.`item_seq` = m2.`item_seq` JOIN `save_themes` st ON st.`save_seq` = s.`seq` WHERE m2.`seq` = OLD.`save_seq`
    ) t
    WHERE me.`seq` = OLD.`save_seq` GROUP BY t.`theme`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_item_update` AFTER UPDATE ON `items` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'theme:' || st.`theme` || ':' || s.`visibility`, 1 FROM `saves` s JOIN `save_themes` st ON st.`save_seq` = s.`seq`
    WHERE s.`item_seq` = NEW.`seq` GROUP BY st.`theme`, s.`visibility`
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_theme_insert` AFTER INSERT ON `themes` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`) VALUES ('taxonomy', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_theme_update` AFTER UPDATE ON `themes` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`) VALUES ('taxonomy', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_theme_delete` AFTER DELETE ON `themes` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`) VALUES ('taxonomy', 1) ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
-- Theme feeds list published snapshots by their own audience (not the working copy's): a bundle that
-- is published, withdrawn, renamed (slug) or moved to another version bumps the audiences of the
-- snapshots it showed before and shows after; draft edits bump nothing. A snapshot without an audience
-- (or unreadable) is in no feed: it bumps `bundles:`, which nothing reads, rather than failing the write.
CREATE TRIGGER `feed_versions_bundle_update` AFTER UPDATE OF `status`, `slug`, `published_version` ON `bundles` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'bundles:' || coalesce(CASE WHEN json_valid(v.`content`) THEN json_extract(v.`content`, '$.audience') END, ''), 1 FROM `bundle_versions` v
    WHERE v.`bundle_id` = NEW.`id` AND v.`number` IN (OLD.`published_version`, NEW.`published_version`) GROUP BY 1
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_bundle_delete` BEFORE DELETE ON `bundles` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'bundles:' || coalesce(CASE WHEN json_valid(v.`content`) THEN json_extract(v.`content`, '$.audience') END, ''), 1 FROM `bundle_versions` v
    WHERE v.`bundle_id` = OLD.`id` GROUP BY 1
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_bundle_version_insert` AFTER INSERT ON `bundle_versions` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`) VALUES ('bundles:' || coalesce(CASE WHEN json_valid(NEW.`content`) THEN json_extract(NEW.`content`, '$.audience') END, ''), 1)
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_bundle_version_update` AFTER UPDATE ON `bundle_versions` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`)
    SELECT 'bundles:' || coalesce(CASE WHEN json_valid(OLD.`content`) THEN json_extract(OLD.`content`, '$.audience') END, ''), 1 UNION SELECT 'bundles:' || coalesce(CASE WHEN json_valid(NEW.`content`) THEN json_extract(NEW.`content`, '$.audience') END, ''), 1
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `feed_versions_bundle_version_delete` AFTER DELETE ON `bundle_versions` BEGIN
  INSERT INTO `feed_versions` (`scope`, `version`) VALUES ('bundles:' || coalesce(CASE WHEN json_valid(OLD.`content`) THEN json_extract(OLD.`content`, '$.audience') END, ''), 1)
    ON CONFLICT (`scope`) DO UPDATE SET `version` = `version` + 1;
END;
