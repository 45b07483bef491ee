ALTER TABLE `questions` ADD `followup_reminded_at` text;--> statement-breakpoint
CREATE INDEX `questions_followup_reminder_idx` ON `questions` (`status`,`followup_reminded_at`);