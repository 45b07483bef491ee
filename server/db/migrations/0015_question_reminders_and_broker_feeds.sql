CREATE TABLE `broker_feeds` (
	`user_id` text PRIMARY KEY NOT NULL,
	`feed_token` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broker_feeds_token_unique` ON `broker_feeds` (`feed_token`);--> statement-breakpoint
ALTER TABLE `questions` ADD `followup_reminded_at` text;--> statement-breakpoint
CREATE INDEX `questions_followup_reminder_idx` ON `questions` (`status`,`followup_reminded_at`);