CREATE TABLE `catalog_local_products` (
	`slug` text PRIMARY KEY NOT NULL,
	`vendor` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `catalog_local_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`source` text,
	`name_pattern` text,
	`publisher_pattern` text,
	`identifier_pattern` text,
	`vendor` text,
	`product` text,
	`category` text,
	`note` text DEFAULT '' NOT NULL,
	`from_software_id` integer,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`created_by_label` text NOT NULL,
	`retired_at` integer,
	`retired_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`retired_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `catalog_local_rules_retired_idx` ON `catalog_local_rules` (`retired_at`);--> statement-breakpoint
CREATE TABLE `catalog_local_vendors` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `software` ADD `role` text;--> statement-breakpoint
ALTER TABLE `policies` ADD `origin` text DEFAULT 'builtin' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `products` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `agency_id` integer REFERENCES agencies(id);--> statement-breakpoint
ALTER TABLE `policies` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `previous_version_id` integer;--> statement-breakpoint
ALTER TABLE `policies` ADD `superseded_at` integer;--> statement-breakpoint
ALTER TABLE `policies` ADD `first_in_force_at` integer;--> statement-breakpoint
ALTER TABLE `policies` ADD `created_at` integer;--> statement-breakpoint
ALTER TABLE `policies` ADD `created_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `policies` ADD `updated_at` integer;