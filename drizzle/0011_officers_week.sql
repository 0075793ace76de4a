CREATE TABLE `report_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`first_served_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `waivers` ADD `compensating_controls` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `waivers` ADD `extension_reason` text;--> statement-breakpoint
ALTER TABLE `waivers` ADD `request_id` integer;--> statement-breakpoint
CREATE INDEX `waivers_request_idx` ON `waivers` (`request_id`);--> statement-breakpoint
ALTER TABLE `agency_counts` ADD `stale_banned` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `agency_daily` ADD `stale_banned` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `findings_first_detected_idx` ON `findings` (`first_detected_at`);--> statement-breakpoint
CREATE INDEX `findings_resolved_at_idx` ON `findings` (`resolved_at`) WHERE "findings"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX `findings_reopened_at_idx` ON `findings` (`reopened_at`) WHERE "findings"."reopened_at" is not null;