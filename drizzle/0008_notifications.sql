CREATE TABLE `notify_agency_watch` (
	`agency_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`stale_above` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notify_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`outcome` text,
	`detail` text,
	FOREIGN KEY (`message_id`) REFERENCES `notify_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notify_attempts_message_idx` ON `notify_attempts` (`message_id`);--> statement-breakpoint
CREATE INDEX `notify_attempts_open_idx` ON `notify_attempts` (`id`) WHERE "notify_attempts"."finished_at" is null;--> statement-breakpoint
CREATE TABLE `notify_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`agency_id` integer,
	`at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`merge_key` text,
	`once_key` text,
	`dispatched_at` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_events_merge_idx` ON `notify_events` (`merge_key`) WHERE "notify_events"."dispatched_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `notify_events_once_idx` ON `notify_events` (`once_key`);--> statement-breakpoint
CREATE INDEX `notify_events_undispatched_idx` ON `notify_events` (`id`) WHERE "notify_events"."dispatched_at" is null;--> statement-breakpoint
CREATE INDEX `notify_events_at_idx` ON `notify_events` (`at`);--> statement-breakpoint
CREATE TABLE `notify_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`channel` text NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`webhook_id` integer,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`html` text,
	`meta` text,
	`agency_ids` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`webhook_id`) REFERENCES `notify_webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notify_messages_uid_unique` ON `notify_messages` (`uid`);--> statement-breakpoint
CREATE INDEX `notify_messages_due_idx` ON `notify_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `notify_messages_created_idx` ON `notify_messages` (`created_at`);--> statement-breakpoint
CREATE TABLE `notify_preferences` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`modes` text NOT NULL,
	`agencies` text,
	`daily_digest` integer NOT NULL,
	`weekly_summary` integer NOT NULL,
	`last_daily_day` text,
	`last_weekly_day` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notify_webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`agency_id` integer,
	`format` text NOT NULL,
	`url_sealed` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`url_hint` text NOT NULL,
	`events` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `users` ADD `locale` text;