-- A save's themes also live on the save itself (as its tags do): the facet counts read every visible save
-- of the matching items, and a correlated lookup into save_themes per save cost more than the rest of that
-- pass. save_themes stays the index the theme filters use; the services write both in one transaction.
ALTER TABLE `saves` ADD `themes` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
UPDATE `saves` SET `themes` = coalesce((SELECT json_group_array(theme) FROM (SELECT theme FROM save_themes WHERE save_seq = saves.seq ORDER BY theme)), '[]')
WHERE EXISTS (SELECT 1 FROM save_themes WHERE save_seq = saves.seq);
