CREATE TABLE `besturen` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `besturen_name_unique` ON `besturen` (`name`);--> statement-breakpoint
CREATE TABLE `communities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	`open` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `community_members` (
	`community_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`community_id`, `user_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `community_members_user_idx` ON `community_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`route` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `institutes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `items` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`url_key` text NOT NULL,
	`url` text NOT NULL,
	`canonical_url` text,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`site_name` text,
	`author` text,
	`published_at` text,
	`language` text,
	`image_url` text,
	`favicon_url` text,
	`excerpt` text,
	`text` text,
	`video_provider` text,
	`video_id` text,
	`video_duration_seconds` integer,
	`video_embed_url` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_id_unique` ON `items` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_url_key_unique` ON `items` (`url_key`);--> statement-breakpoint
CREATE INDEX `items_created_idx` ON `items` (`created_at`,`seq`);--> statement-breakpoint
CREATE INDEX `items_kind_idx` ON `items` (`kind`);--> statement-breakpoint
CREATE TABLE `save_tags` (
	`save_seq` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`save_seq`, `tag`),
	FOREIGN KEY (`save_seq`) REFERENCES `saves`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `save_tags_tag_idx` ON `save_tags` (`tag`,`save_seq`);--> statement-breakpoint
CREATE TABLE `save_themes` (
	`save_seq` integer NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`save_seq`, `theme`),
	FOREIGN KEY (`save_seq`) REFERENCES `saves`(`seq`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `save_themes_theme_idx` ON `save_themes` (`theme`,`save_seq`);--> statement-breakpoint
CREATE TABLE `saves` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_seq` integer NOT NULL,
	`user_id` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`quote` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`sector` text DEFAULT '[]' NOT NULL,
	`visibility` text NOT NULL,
	`community_id` text,
	`school_id` text,
	`applied` integer DEFAULT false NOT NULL,
	`worked` text DEFAULT 'untested' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`item_seq`) REFERENCES `items`(`seq`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saves_item_user_unique` ON `saves` (`item_seq`,`user_id`);--> statement-breakpoint
CREATE INDEX `saves_user_idx` ON `saves` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `saves_item_visibility_idx` ON `saves` (`item_seq`,`visibility`);--> statement-breakpoint
CREATE INDEX `saves_school_idx` ON `saves` (`school_id`,`visibility`);--> statement-breakpoint
CREATE INDEX `saves_community_idx` ON `saves` (`community_id`,`visibility`);--> statement-breakpoint
CREATE TABLE `school_members` (
	`school_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`school_id`, `user_id`),
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `school_members_user_idx` ON `school_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sector` text NOT NULL,
	`region` text,
	`bestuur_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`bestuur_id`) REFERENCES `besturen`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `schools_name_idx` ON `schools` (`name`);--> statement-breakpoint
CREATE TABLE `themes` (
	`slug` text PRIMARY KEY NOT NULL,
	`name_nl` text NOT NULL,
	`name_en` text NOT NULL,
	`description_nl` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`parent` text,
	`synonyms` text DEFAULT '[]' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `themes_parent_idx` ON `themes` (`parent`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_secret_hash_unique` ON `tokens` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `tokens_user_idx` ON `tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`roles` text DEFAULT '[]' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);