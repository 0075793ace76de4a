-- Published reports can be megabytes of canonical JSON. SQLite stores a row's columns in order
-- and reads through every overflow page before the column it wants, so listing reports
-- (title, fingerprint, dates) must not sit behind `data`: rebuild the table with `data` last.
CREATE TABLE `reports_new` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope_agency_id` integer,
	`as_of` text NOT NULL,
	`title` text NOT NULL,
	`sha256` text NOT NULL,
	`previous_report_id` integer,
	`published_at` integer NOT NULL,
	`published_by` integer NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`scope_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `reports_new` (`id`, `scope_agency_id`, `as_of`, `title`, `sha256`, `previous_report_id`, `published_at`, `published_by`, `data`)
SELECT `id`, `scope_agency_id`, `as_of`, `title`, `sha256`, `previous_report_id`, `published_at`, `published_by`, `data` FROM `reports`;
--> statement-breakpoint
DROP TABLE `reports`;
--> statement-breakpoint
ALTER TABLE `reports_new` RENAME TO `reports`;
--> statement-breakpoint
CREATE INDEX `reports_scope_idx` ON `reports` (`scope_agency_id`,`published_at`);
--> statement-breakpoint
CREATE TRIGGER `reports_no_update` BEFORE UPDATE ON `reports`
BEGIN
  SELECT RAISE(ABORT, 'published reports are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `reports_no_delete` BEFORE DELETE ON `reports`
BEGIN
  SELECT RAISE(ABORT, 'published reports are immutable');
END;
