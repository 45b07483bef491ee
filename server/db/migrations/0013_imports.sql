CREATE TABLE `import_entries` (
	`import_id` text NOT NULL,
	`position` integer NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`folder` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`note` text,
	`added_at` text,
	`kind` text,
	`skip_reason` text,
	`outcome` text,
	`item_id` text,
	PRIMARY KEY(`import_id`, `position`),
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text,
	`total` integer NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`imported` integer DEFAULT 0 NOT NULL,
	`merged` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`review` text NOT NULL,
	`files` text DEFAULT '[]' NOT NULL,
	`visibility` text,
	`school_id` text,
	`community_id` text,
	`theme_mapping` text DEFAULT '{}' NOT NULL,
	`error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `imports_user_idx` ON `imports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `imports_status_idx` ON `imports` (`status`);