ALTER TABLE `users` ADD `session_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_idx` ON `users` (`oidc_issuer`,`oidc_subject`);--> statement-breakpoint
ALTER TABLE `endpoints` ADD `enrollment` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `pending_secret_hash` text;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `pending_at` integer;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `new_software_day` integer;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `new_software_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `endpoints_pending_idx` ON `endpoints` (`pending_at`) WHERE "endpoints"."pending_at" is not null;--> statement-breakpoint
ALTER TABLE `checkins` ADD `enrollment` integer DEFAULT 1 NOT NULL;