CREATE TABLE `agent_rollouts` (
	`agency_id` integer PRIMARY KEY NOT NULL,
	`version` text,
	`percent` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agent_update_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`at` integer NOT NULL,
	`seq` integer NOT NULL,
	`from_version` text NOT NULL,
	`to_version` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_update_events_endpoint_idx` ON `agent_update_events` (`endpoint_id`,`at`);--> statement-breakpoint
CREATE INDEX `agent_update_events_at_idx` ON `agent_update_events` (`at`);