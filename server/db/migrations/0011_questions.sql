CREATE TABLE `question_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text,
	`item_ids` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`from_existing_bundle` integer DEFAULT false NOT NULL,
	`answered_by` text,
	`answered_at` text NOT NULL,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `question_brokers` (
	`question_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `question_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`question_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `question_comments_question_idx` ON `question_comments` (`question_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `question_followups` (
	`question_id` text PRIMARY KEY NOT NULL,
	`applied` integer NOT NULL,
	`worked` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `question_wordings` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` text NOT NULL,
	`question` text NOT NULL,
	`context` text NOT NULL,
	`changed_by` text,
	`at` text NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `question_wordings_question_idx` ON `question_wordings` (`question_id`,`seq`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`question` text NOT NULL,
	`context` text DEFAULT '' NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL,
	`sector` text DEFAULT '[]' NOT NULL,
	`visibility` text NOT NULL,
	`school_id` text,
	`community_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`owner_id` text,
	`answer_id` text,
	`followup_weeks` integer DEFAULT 6 NOT NULL,
	`closed_with` text,
	`answered_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answer_id`) REFERENCES `question_answers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questions_created_idx` ON `questions` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `questions_school_idx` ON `questions` (`school_id`,`visibility`);--> statement-breakpoint
CREATE INDEX `questions_user_idx` ON `questions` (`user_id`);--> statement-breakpoint
CREATE INDEX `questions_answer_idx` ON `questions` (`answer_id`);