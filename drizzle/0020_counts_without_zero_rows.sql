-- open_finding_counts and agent_version_counts (0018, 0019) kept a row at 0 once its last finding or
-- endpoint left it. Their keys come from what agents report (a software version, an agent version),
-- so a compromised endpoint reporting a new version on every check-in grew them without bound, and
-- the Overview and Enrollment pages read every row. A row now goes when it reaches 0.
DROP TRIGGER `open_findings_delete`;
--> statement-breakpoint
DROP TRIGGER `open_findings_update`;
--> statement-breakpoint
DROP TRIGGER `agent_versions_delete`;
--> statement-breakpoint
DROP TRIGGER `agent_versions_update`;
--> statement-breakpoint
CREATE TRIGGER `open_findings_delete` AFTER DELETE ON `findings` WHEN old.`status` = 'open'
BEGIN
  UPDATE `open_finding_counts` SET `findings` = `findings` - 1 WHERE `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version`;
  DELETE FROM `open_finding_counts` WHERE `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version` AND `findings` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `open_findings_update` AFTER UPDATE OF `status`, `product`, `version`, `agency_id` ON `findings`
  WHEN (old.`status` = 'open' OR new.`status` = 'open')
    AND (old.`status` <> new.`status` OR old.`product` <> new.`product` OR old.`version` <> new.`version` OR old.`agency_id` <> new.`agency_id`)
BEGIN
  UPDATE `open_finding_counts` SET `findings` = `findings` - 1
    WHERE old.`status` = 'open' AND `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version`;
  DELETE FROM `open_finding_counts`
    WHERE old.`status` = 'open' AND `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version` AND `findings` = 0;
  INSERT INTO `open_finding_counts` (`agency_id`, `product`, `version`, `findings`)
    SELECT new.`agency_id`, new.`product`, new.`version`, 1 WHERE new.`status` = 'open'
    ON CONFLICT (`agency_id`, `product`, `version`) DO UPDATE SET `findings` = `findings` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agent_versions_delete` AFTER DELETE ON `endpoints` WHEN old.`revoked_at` IS NULL
BEGIN
  UPDATE `agent_version_counts` SET `endpoints` = `endpoints` - 1 WHERE `agency_id` = old.`agency_id` AND `version` = old.`agent_version`;
  DELETE FROM `agent_version_counts` WHERE `agency_id` = old.`agency_id` AND `version` = old.`agent_version` AND `endpoints` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `agent_versions_update` AFTER UPDATE OF `agent_version`, `agency_id`, `revoked_at` ON `endpoints`
  WHEN (old.`revoked_at` IS NULL OR new.`revoked_at` IS NULL)
    AND ((old.`revoked_at` IS NULL) <> (new.`revoked_at` IS NULL) OR old.`agent_version` <> new.`agent_version` OR old.`agency_id` <> new.`agency_id`)
BEGIN
  UPDATE `agent_version_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`revoked_at` IS NULL AND `agency_id` = old.`agency_id` AND `version` = old.`agent_version`;
  DELETE FROM `agent_version_counts`
    WHERE old.`revoked_at` IS NULL AND `agency_id` = old.`agency_id` AND `version` = old.`agent_version` AND `endpoints` = 0;
  INSERT INTO `agent_version_counts` (`agency_id`, `version`, `endpoints`)
    SELECT new.`agency_id`, new.`agent_version`, 1 WHERE new.`revoked_at` IS NULL
    ON CONFLICT (`agency_id`, `version`) DO UPDATE SET `endpoints` = `endpoints` + 1;
END;
--> statement-breakpoint
DELETE FROM `open_finding_counts` WHERE `findings` = 0;
--> statement-breakpoint
DELETE FROM `agent_version_counts` WHERE `endpoints` = 0;
