ALTER TABLE `offers` ADD `key_issued_at` text;--> statement-breakpoint
ALTER TABLE `offers` ADD `key_revoked_at` text;
--> statement-breakpoint
-- Keys made before keys could expire count from their offer, and a school that already declined has
-- its key stop now, as a decline does from here on.
UPDATE `offers` SET `key_issued_at` = `offered_at`;
--> statement-breakpoint
UPDATE `offers` SET `key_revoked_at` = coalesce(`responded_at`, `offered_at`) WHERE `status` = 'declined';
