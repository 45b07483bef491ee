CREATE TABLE `account_deletions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`initiated_by` text NOT NULL,
	`shared_work` text NOT NULL,
	`counts` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_kind` text NOT NULL,
	`action` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text,
	`details` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`,`seq`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_bundle_versions` (
	`bundle_id` text NOT NULL,
	`number` integer NOT NULL,
	`content` text NOT NULL,
	`published_by` text,
	`published_at` text NOT NULL,
	PRIMARY KEY(`bundle_id`, `number`),
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_bundle_versions`("bundle_id", "number", "content", "published_by", "published_at") SELECT "bundle_id", "number", "content", "published_by", "published_at" FROM `bundle_versions`;--> statement-breakpoint
DROP TABLE `bundle_versions`;--> statement-breakpoint
ALTER TABLE `__new_bundle_versions` RENAME TO `bundle_versions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `bundle_versions_published_idx` ON `bundle_versions` (`published_at`);--> statement-breakpoint
CREATE TABLE `__new_bundles` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`about` text DEFAULT '' NOT NULL,
	`use` text DEFAULT '' NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL,
	`sector` text DEFAULT '[]' NOT NULL,
	`audience` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`slug` text,
	`version` integer DEFAULT 1 NOT NULL,
	`published_version` integer,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_bundles`("id", "title", "about", "use", "themes", "sector", "audience", "status", "slug", "version", "published_version", "created_by", "created_at", "updated_at") SELECT "id", "title", "about", "use", "themes", "sector", "audience", "status", "slug", "version", "published_version", "created_by", "created_at", "updated_at" FROM `bundles`;--> statement-breakpoint
DROP TABLE `bundles`;--> statement-breakpoint
ALTER TABLE `__new_bundles` RENAME TO `bundles`;--> statement-breakpoint
CREATE UNIQUE INDEX `bundles_slug_unique` ON `bundles` (`slug`);--> statement-breakpoint
CREATE INDEX `bundles_status_idx` ON `bundles` (`status`,`updated_at`);--> statement-breakpoint
CREATE TABLE `__new_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`version` integer NOT NULL,
	`school_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`offered_by` text,
	`status` text DEFAULT 'offered' NOT NULL,
	`capability_key` text NOT NULL,
	`key_issued_at` text,
	`key_revoked_at` text,
	`reason` text,
	`offered_at` text NOT NULL,
	`opened_at` text,
	`responded_at` text,
	`responded_by` text,
	FOREIGN KEY (`bundle_id`) REFERENCES `bundles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_offers`("id", "bundle_id", "version", "school_id", "message", "offered_by", "status", "capability_key", "key_issued_at", "key_revoked_at", "reason", "offered_at", "opened_at", "responded_at", "responded_by") SELECT "id", "bundle_id", "version", "school_id", "message", "offered_by", "status", "capability_key", "key_issued_at", "key_revoked_at", "reason", "offered_at", "opened_at", "responded_at", "responded_by" FROM `offers`;--> statement-breakpoint
DROP TABLE `offers`;--> statement-breakpoint
ALTER TABLE `__new_offers` RENAME TO `offers`;--> statement-breakpoint
CREATE UNIQUE INDEX `offers_bundle_version_school_unique` ON `offers` (`bundle_id`,`version`,`school_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `offers_capability_unique` ON `offers` (`capability_key`);--> statement-breakpoint
CREATE INDEX `offers_school_idx` ON `offers` (`school_id`,`offered_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `display_name` text;