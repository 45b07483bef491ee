ALTER TABLE `import_entries` ADD `page_state` text;--> statement-breakpoint
ALTER TABLE `import_entries` ADD `page_error` text;--> statement-breakpoint
ALTER TABLE `import_entries` ADD `page_site` text;--> statement-breakpoint
CREATE INDEX `import_entries_page_due_idx` ON `import_entries` (`import_id`,`position`) WHERE page_state = 'due';--> statement-breakpoint
ALTER TABLE `imports` ADD `read_pages` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `pages_stopped` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `pages_due` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `pages_read` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `pages_failed` integer DEFAULT 0 NOT NULL;