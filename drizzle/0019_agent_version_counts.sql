-- Enrolled, unrevoked endpoints per agency and agent version (the Enrollment page's versions),
-- kept by triggers so every writer of endpoints keeps it exact in its own transaction: an endpoint
-- counts while it is not revoked, under its agency and agent version; a change of any of those
-- moves it. Then the counts of the endpoints already there.
CREATE TABLE `agent_version_counts` (
	`agency_id` integer NOT NULL,
	`version` text NOT NULL,
	`endpoints` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agency_id`, `version`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE TRIGGER `agent_versions_insert` AFTER INSERT ON `endpoints` WHEN new.`revoked_at` IS NULL
BEGIN
  INSERT INTO `agent_version_counts` (`agency_id`, `version`, `endpoints`) VALUES (new.`agency_id`, new.`agent_version`, 1)
    ON CONFLICT (`agency_id`, `version`) DO UPDATE SET `endpoints` = `endpoints` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agent_versions_delete` AFTER DELETE ON `endpoints` WHEN old.`revoked_at` IS NULL
BEGIN
  UPDATE `agent_version_counts` SET `endpoints` = `endpoints` - 1 WHERE `agency_id` = old.`agency_id` AND `version` = old.`agent_version`;
END;
--> statement-breakpoint
CREATE TRIGGER `agent_versions_update` AFTER UPDATE OF `agent_version`, `agency_id`, `revoked_at` ON `endpoints`
  WHEN (old.`revoked_at` IS NULL OR new.`revoked_at` IS NULL)
    AND ((old.`revoked_at` IS NULL) <> (new.`revoked_at` IS NULL) OR old.`agent_version` <> new.`agent_version` OR old.`agency_id` <> new.`agency_id`)
BEGIN
  UPDATE `agent_version_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`revoked_at` IS NULL AND `agency_id` = old.`agency_id` AND `version` = old.`agent_version`;
  INSERT INTO `agent_version_counts` (`agency_id`, `version`, `endpoints`)
    SELECT new.`agency_id`, new.`agent_version`, 1 WHERE new.`revoked_at` IS NULL
    ON CONFLICT (`agency_id`, `version`) DO UPDATE SET `endpoints` = `endpoints` + 1;
END;
--> statement-breakpoint
INSERT INTO `agent_version_counts` (`agency_id`, `version`, `endpoints`)
  SELECT `agency_id`, `agent_version`, count(*) FROM `endpoints` WHERE `revoked_at` IS NULL GROUP BY `agency_id`, `agent_version`;
