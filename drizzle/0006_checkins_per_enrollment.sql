PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_checkins` (
	`endpoint_id` integer NOT NULL,
	`enrollment` integer DEFAULT 1 NOT NULL,
	`seq` integer NOT NULL,
	`received_at` integer NOT NULL,
	`collected_at` integer NOT NULL,
	`entries` integer NOT NULL,
	`changes` integer NOT NULL,
	PRIMARY KEY(`endpoint_id`, `enrollment`, `seq`),
	FOREIGN KEY (`endpoint_id`) REFERENCES `endpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_checkins`("endpoint_id", "enrollment", "seq", "received_at", "collected_at", "entries", "changes") SELECT "endpoint_id", "enrollment", "seq", "received_at", "collected_at", "entries", "changes" FROM `checkins`;--> statement-breakpoint
DROP TABLE `checkins`;--> statement-breakpoint
ALTER TABLE `__new_checkins` RENAME TO `checkins`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `checkins_received_idx` ON `checkins` (`received_at`);