CREATE TABLE `agencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`path` text DEFAULT '' NOT NULL,
	`depth` integer DEFAULT 0 NOT NULL,
	`deadline` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agencies_code_unique` ON `agencies` (`code`);--> statement-breakpoint
CREATE INDEX `agencies_parent_idx` ON `agencies` (`parent_id`);--> statement-breakpoint
CREATE INDEX `agencies_path_idx` ON `agencies` (`path`);--> statement-breakpoint
CREATE TABLE `auth_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`agency_id` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`last_login_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_agency_idx` ON `users` (`agency_id`);--> statement-breakpoint
CREATE TABLE `endpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`agency_id` integer NOT NULL,
	`hostname` text NOT NULL,
	`os_platform` text NOT NULL,
	`os_name` text DEFAULT '' NOT NULL,
	`os_version` text DEFAULT '' NOT NULL,
	`os_arch` text DEFAULT '' NOT NULL,
	`agent_version` text DEFAULT '' NOT NULL,
	`hardware_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`enrolled_at` integer NOT NULL,
	`enrollment_token_id` integer,
	`first_report_at` integer,
	`last_report_at` integer,
	`last_collected_at` integer,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`catalog_version` text,
	`state` text DEFAULT 'never-reported' NOT NULL,
	`state_changed_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_token_id`) REFERENCES `enrollment_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `endpoints_device_id_unique` ON `endpoints` (`device_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `endpoints_agency_hardware_idx` ON `endpoints` (`agency_id`,`hardware_id`);--> statement-breakpoint
CREATE INDEX `endpoints_agency_state_idx` ON `endpoints` (`agency_id`,`state`,`hostname`);--> statement-breakpoint
CREATE INDEX `endpoints_agency_last_report_idx` ON `endpoints` (`agency_id`,`last_report_at`);--> statement-breakpoint
CREATE INDEX `endpoints_state_last_report_idx` ON `endpoints` (`state`,`last_report_at`);--> statement-breakpoint
CREATE INDEX `endpoints_last_report_idx` ON `endpoints` (`last_report_at`);--> statement-breakpoint
CREATE INDEX `endpoints_hostname_idx` ON `endpoints` ("hostname" collate nocase);--> statement-breakpoint
CREATE TABLE `enrollment_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agency_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`label` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`expires_at` integer,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrollment_tokens_token_hash_unique` ON `enrollment_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `enrollment_tokens_agency_idx` ON `enrollment_tokens` (`agency_id`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`endpoint_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`received_at` integer NOT NULL,
	`collected_at` integer NOT NULL,
	`entries` integer NOT NULL,
	`changes` integer NOT NULL,
	PRIMARY KEY(`endpoint_id`, `seq`),
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `checkins_received_idx` ON `checkins` (`received_at`);--> statement-breakpoint
CREATE TABLE `endpoint_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`vendor` text NOT NULL,
	`product` text NOT NULL,
	`version` text,
	`seq` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `endpoint_events_endpoint_idx` ON `endpoint_events` (`endpoint_id`,`at`);--> statement-breakpoint
CREATE TABLE `observations` (
	`endpoint_id` integer NOT NULL,
	`slot` integer NOT NULL,
	`software_id` integer NOT NULL,
	`enabled` integer,
	`up_to_date` integer,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer,
	`removed_at` integer,
	`reinstalls` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`endpoint_id`, `slot`),
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`software_id`) REFERENCES `software`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `observations_present_software_idx` ON `observations` (`software_id`,`endpoint_id`) WHERE "observations"."removed_at" is null;--> statement-breakpoint
CREATE TABLE `software` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fp` text NOT NULL,
	`source` text NOT NULL,
	`name` text NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`publisher` text DEFAULT '' NOT NULL,
	`identifier` text DEFAULT '' NOT NULL,
	`vendor` text,
	`product` text,
	`category` text,
	`kind` text NOT NULL,
	`unrecognized` integer DEFAULT false NOT NULL,
	`matched_with` text NOT NULL,
	`first_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `software_fp_unique` ON `software` (`fp`);--> statement-breakpoint
CREATE INDEX `software_product_idx` ON `software` (`product`);--> statement-breakpoint
CREATE INDEX `software_vendor_idx` ON `software` (`vendor`);--> statement-breakpoint
CREATE INDEX `software_unrecognized_idx` ON `software` (`unrecognized`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`vendor` text NOT NULL,
	`product` text NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`presence` text NOT NULL,
	`policy_ids` text NOT NULL,
	`first_detected_at` integer NOT NULL,
	`last_changed_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_seq` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`reopened_at` integer,
	`waiver_id` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_endpoint_product_idx` ON `findings` (`endpoint_id`,`product`);--> statement-breakpoint
CREATE INDEX `findings_agency_status_idx` ON `findings` (`agency_id`,`status`,`product`,`version`);--> statement-breakpoint
CREATE INDEX `findings_status_product_idx` ON `findings` (`status`,`product`,`version`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`legal_reference` text NOT NULL,
	`legal_url` text,
	`summary` text DEFAULT '' NOT NULL,
	`effective_date` text NOT NULL,
	`status` text NOT NULL,
	`vendors` text NOT NULL,
	`categories` text,
	`deadline` text,
	`active` integer DEFAULT false NOT NULL,
	`activated_at` integer,
	`activated_by` integer,
	FOREIGN KEY (`activated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_slug_unique` ON `policies` (`slug`);--> statement-breakpoint
CREATE TABLE `waivers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer NOT NULL,
	`endpoint_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	`justification` text NOT NULL,
	`requested_by` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waivers_finding_idx` ON `waivers` (`finding_id`);--> statement-breakpoint
CREATE INDEX `waivers_agency_status_idx` ON `waivers` (`agency_id`,`status`);--> statement-breakpoint
CREATE INDEX `waivers_status_expires_idx` ON `waivers` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `agency_counts` (
	`agency_id` integer PRIMARY KEY NOT NULL,
	`endpoints` integer DEFAULT 0 NOT NULL,
	`banned` integer DEFAULT 0 NOT NULL,
	`remnants` integer DEFAULT 0 NOT NULL,
	`excepted` integer DEFAULT 0 NOT NULL,
	`unprotected` integer DEFAULT 0 NOT NULL,
	`clean` integer DEFAULT 0 NOT NULL,
	`stale` integer DEFAULT 0 NOT NULL,
	`never_reported` integer DEFAULT 0 NOT NULL,
	`open_findings` integer DEFAULT 0 NOT NULL,
	`excepted_findings` integer DEFAULT 0 NOT NULL,
	`resolved_findings` integer DEFAULT 0 NOT NULL,
	`removals_total` integer DEFAULT 0 NOT NULL,
	`reinstalls_total` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agency_daily` (
	`agency_id` integer NOT NULL,
	`day` text NOT NULL,
	`endpoints` integer DEFAULT 0 NOT NULL,
	`banned` integer DEFAULT 0 NOT NULL,
	`remnants` integer DEFAULT 0 NOT NULL,
	`excepted` integer DEFAULT 0 NOT NULL,
	`unprotected` integer DEFAULT 0 NOT NULL,
	`clean` integer DEFAULT 0 NOT NULL,
	`stale` integer DEFAULT 0 NOT NULL,
	`never_reported` integer DEFAULT 0 NOT NULL,
	`open_findings` integer DEFAULT 0 NOT NULL,
	`excepted_findings` integer DEFAULT 0 NOT NULL,
	`resolved_findings` integer DEFAULT 0 NOT NULL,
	`removals` integer DEFAULT 0 NOT NULL,
	`reinstalls` integer DEFAULT 0 NOT NULL,
	`detections` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agency_id`, `day`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text,
	`object_id` text,
	`agency_id` integer,
	`details` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_object_idx` ON `audit_log` (`object_type`,`object_id`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope_agency_id` integer,
	`as_of` text NOT NULL,
	`title` text NOT NULL,
	`data` text NOT NULL,
	`sha256` text NOT NULL,
	`previous_report_id` integer,
	`published_at` integer NOT NULL,
	`published_by` integer NOT NULL,
	FOREIGN KEY (`scope_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_scope_idx` ON `reports` (`scope_agency_id`,`published_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
