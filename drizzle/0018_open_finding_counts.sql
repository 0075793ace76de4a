-- Open findings per agency, product and version (the Overview's and an agency's "what remains"
-- table), kept by triggers so every writer of findings keeps it exact in its own transaction: a
-- finding counts while its status is open, under its agency, product and version; a change of any
-- of those moves it. Then the counts of the findings already there.
CREATE TABLE `open_finding_counts` (
	`agency_id` integer NOT NULL,
	`product` text NOT NULL,
	`version` text NOT NULL,
	`findings` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`agency_id`, `product`, `version`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE TRIGGER `open_findings_insert` AFTER INSERT ON `findings` WHEN new.`status` = 'open'
BEGIN
  INSERT INTO `open_finding_counts` (`agency_id`, `product`, `version`, `findings`) VALUES (new.`agency_id`, new.`product`, new.`version`, 1)
    ON CONFLICT (`agency_id`, `product`, `version`) DO UPDATE SET `findings` = `findings` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `open_findings_delete` AFTER DELETE ON `findings` WHEN old.`status` = 'open'
BEGIN
  UPDATE `open_finding_counts` SET `findings` = `findings` - 1 WHERE `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version`;
END;
--> statement-breakpoint
CREATE TRIGGER `open_findings_update` AFTER UPDATE OF `status`, `product`, `version`, `agency_id` ON `findings`
  WHEN (old.`status` = 'open' OR new.`status` = 'open')
    AND (old.`status` <> new.`status` OR old.`product` <> new.`product` OR old.`version` <> new.`version` OR old.`agency_id` <> new.`agency_id`)
BEGIN
  UPDATE `open_finding_counts` SET `findings` = `findings` - 1
    WHERE old.`status` = 'open' AND `agency_id` = old.`agency_id` AND `product` = old.`product` AND `version` = old.`version`;
  INSERT INTO `open_finding_counts` (`agency_id`, `product`, `version`, `findings`)
    SELECT new.`agency_id`, new.`product`, new.`version`, 1 WHERE new.`status` = 'open'
    ON CONFLICT (`agency_id`, `product`, `version`) DO UPDATE SET `findings` = `findings` + 1;
END;
--> statement-breakpoint
INSERT INTO `open_finding_counts` (`agency_id`, `product`, `version`, `findings`)
  SELECT `agency_id`, `product`, `version`, count(*) FROM `findings` WHERE `status` = 'open' GROUP BY `agency_id`, `product`, `version`;
