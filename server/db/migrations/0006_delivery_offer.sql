-- A delivery about an offer names it, so the worker records a reshare without reading the offer back out
-- of the body it stored. ON DELETE SET NULL is written by hand: drizzle-kit leaves the action out of an
-- added column, and a deleted bundle's offers must not be held back by their delivery log.
ALTER TABLE `webhook_deliveries` ADD `offer_id` text REFERENCES offers(id) ON DELETE SET NULL;
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_offer_idx` ON `webhook_deliveries` (`offer_id`);
--> statement-breakpoint
-- Existing deliveries: a json body names its offer; a Teams card's button carries the offer's key.
UPDATE `webhook_deliveries` SET `offer_id` = json_extract(`body`, '$.offer.id')
WHERE `event` IN ('offer.created', 'bundle.accepted') AND json_extract(`body`, '$.offer.id') IN (SELECT `id` FROM `offers`);
--> statement-breakpoint
UPDATE `webhook_deliveries` SET `offer_id` = (
  SELECT o.`id` FROM `offers` o
  WHERE substr(json_extract(`webhook_deliveries`.`body`, '$.attachments[0].content.actions[0].url'),
               instr(json_extract(`webhook_deliveries`.`body`, '$.attachments[0].content.actions[0].url'), '?key=') + 5) = o.`capability_key`
)
WHERE `event` IN ('offer.created', 'bundle.accepted') AND `offer_id` IS NULL;
