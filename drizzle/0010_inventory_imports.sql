CREATE TABLE `import_ambiguities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_device_id` text NOT NULL,
	`hostname` text NOT NULL,
	`platform` text NOT NULL,
	`candidates` text NOT NULL,
	`reason` text NOT NULL,
	`resolved_endpoint_id` integer,
	`resolved_at` integer,
	`resolved_by` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_ambiguities_agency_idx` ON `import_ambiguities` (`agency_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `import_ambiguities_import_idx` ON `import_ambiguities` (`import_id`);--> statement-breakpoint
CREATE TABLE `import_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_device_id` text NOT NULL,
	`endpoint_id` integer NOT NULL,
	`hostname` text NOT NULL,
	`digest` text,
	`collected_at` integer,
	`last_import_id` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_devices_key_idx` ON `import_devices` (`agency_id`,`source`,`source_device_id`);--> statement-breakpoint
CREATE INDEX `import_devices_endpoint_idx` ON `import_devices` (`endpoint_id`);--> statement-breakpoint
CREATE TABLE `import_endpoints` (
	`import_id` integer NOT NULL,
	`endpoint_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`before` text,
	PRIMARY KEY(`import_id`, `endpoint_id`),
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_endpoints_endpoint_idx` ON `import_endpoints` (`endpoint_id`,`import_id`);--> statement-breakpoint
CREATE TABLE `import_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`label` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`expires_at` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_tokens_token_hash_unique` ON `import_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `import_tokens_agency_idx` ON `import_tokens` (`agency_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`source` text,
	`status` text NOT NULL,
	`file_name` text DEFAULT '' NOT NULL,
	`file_sha256` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`collected_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`actor` text NOT NULL,
	`actor_user_id` integer,
	`token_id` integer,
	`rows` integer DEFAULT 0 NOT NULL,
	`rows_skipped` integer DEFAULT 0 NOT NULL,
	`duplicate_rows` integer DEFAULT 0 NOT NULL,
	`devices` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`superseded` integer DEFAULT 0 NOT NULL,
	`ambiguous` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`message` text,
	`errors` text,
	`first_event_id` integer,
	`first_finding_id` integer,
	`undone_at` integer,
	`undone_by` text,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `import_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_agency_idx` ON `imports` (`agency_id`,`id`);--> statement-breakpoint
CREATE INDEX `imports_sha_idx` ON `imports` (`file_sha256`);--> statement-breakpoint
ALTER TABLE `endpoints` ADD `evidence` text DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `imported_at` integer;--> statement-breakpoint
CREATE INDEX `endpoints_evidence_idx` ON `endpoints` (`evidence`,`state`,`agency_id`);--> statement-breakpoint
ALTER TABLE `observations` ADD `origin` text DEFAULT 'agent' NOT NULL;