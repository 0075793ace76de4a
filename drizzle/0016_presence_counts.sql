-- Endpoints per agency with a present observation of a vendor's or a product's software (the
-- Endpoints list's "present" filter), kept by triggers so every writer of observations, software
-- and endpoints keeps it exact in its own transaction: an observation arriving counts its endpoint
-- once per vendor/product unless another present observation of the endpoint already did; leaving,
-- it uncounts it unless another remains; a re-match that changes a software row's vendor or product
-- moves its endpoints; an endpoint moving agency moves its counts; an endpoint deleted (an import
-- undone) first loses its observations. Then the counts of the data already there.
CREATE TABLE `presence_counts` (
	`kind` text NOT NULL,
	`slug` text NOT NULL,
	`agency_id` integer NOT NULL,
	`endpoints` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `slug`, `agency_id`),
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE TRIGGER `presence_observation_insert` AFTER INSERT ON `observations` WHEN new.`removed_at` IS NULL
BEGIN
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', s.`vendor`, e.`agency_id`, 1 FROM `software` s, `endpoints` e
    WHERE new.`removed_at` IS NULL AND s.`id` = new.`software_id` AND e.`id` = new.`endpoint_id` AND s.`vendor` IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = new.`endpoint_id` AND o.`slot` <> new.`slot` AND o.`removed_at` IS NULL AND s2.`vendor` = s.`vendor`)
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + 1;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', s.`product`, e.`agency_id`, 1 FROM `software` s, `endpoints` e
    WHERE new.`removed_at` IS NULL AND s.`id` = new.`software_id` AND e.`id` = new.`endpoint_id` AND s.`product` IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = new.`endpoint_id` AND o.`slot` <> new.`slot` AND o.`removed_at` IS NULL AND s2.`product` = s.`product`)
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_observation_delete` AFTER DELETE ON `observations` WHEN old.`removed_at` IS NULL
BEGIN
  UPDATE `presence_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`removed_at` IS NULL AND `kind` = 'vendor'
      AND `slug` = (SELECT `vendor` FROM `software` WHERE `id` = old.`software_id`)
      AND `agency_id` = (SELECT `agency_id` FROM `endpoints` WHERE `id` = old.`endpoint_id`)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = old.`endpoint_id` AND o.`removed_at` IS NULL AND s2.`vendor` = `presence_counts`.`slug`);
  UPDATE `presence_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`removed_at` IS NULL AND `kind` = 'product'
      AND `slug` = (SELECT `product` FROM `software` WHERE `id` = old.`software_id`)
      AND `agency_id` = (SELECT `agency_id` FROM `endpoints` WHERE `id` = old.`endpoint_id`)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = old.`endpoint_id` AND o.`removed_at` IS NULL AND s2.`product` = `presence_counts`.`slug`);
END;
--> statement-breakpoint
CREATE TRIGGER `presence_observation_update` AFTER UPDATE OF `software_id`, `removed_at` ON `observations`
  WHEN old.`software_id` <> new.`software_id` OR (old.`removed_at` IS NULL) <> (new.`removed_at` IS NULL)
BEGIN
  UPDATE `presence_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`removed_at` IS NULL AND `kind` = 'vendor'
      AND `slug` = (SELECT `vendor` FROM `software` WHERE `id` = old.`software_id`)
      AND `agency_id` = (SELECT `agency_id` FROM `endpoints` WHERE `id` = old.`endpoint_id`)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = old.`endpoint_id` AND o.`slot` <> old.`slot` AND o.`removed_at` IS NULL AND s2.`vendor` = `presence_counts`.`slug`);
  UPDATE `presence_counts` SET `endpoints` = `endpoints` - 1
    WHERE old.`removed_at` IS NULL AND `kind` = 'product'
      AND `slug` = (SELECT `product` FROM `software` WHERE `id` = old.`software_id`)
      AND `agency_id` = (SELECT `agency_id` FROM `endpoints` WHERE `id` = old.`endpoint_id`)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = old.`endpoint_id` AND o.`slot` <> old.`slot` AND o.`removed_at` IS NULL AND s2.`product` = `presence_counts`.`slug`);
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', s.`vendor`, e.`agency_id`, 1 FROM `software` s, `endpoints` e
    WHERE new.`removed_at` IS NULL AND s.`id` = new.`software_id` AND e.`id` = new.`endpoint_id` AND s.`vendor` IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = new.`endpoint_id` AND o.`slot` <> new.`slot` AND o.`removed_at` IS NULL AND s2.`vendor` = s.`vendor`)
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + 1;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', s.`product`, e.`agency_id`, 1 FROM `software` s, `endpoints` e
    WHERE new.`removed_at` IS NULL AND s.`id` = new.`software_id` AND e.`id` = new.`endpoint_id` AND s.`product` IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = new.`endpoint_id` AND o.`slot` <> new.`slot` AND o.`removed_at` IS NULL AND s2.`product` = s.`product`)
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_software_update` AFTER UPDATE OF `vendor`, `product` ON `software`
  WHEN old.`vendor` IS NOT new.`vendor` OR old.`product` IS NOT new.`product`
BEGIN
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', old.`vendor`, e.`agency_id`, -count(*) FROM `endpoints` e
    WHERE old.`vendor` IS NOT new.`vendor` AND old.`vendor` IS NOT NULL AND e.`id` IN (SELECT `endpoint_id` FROM `observations` WHERE `software_id` = new.`id` AND `removed_at` IS NULL)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = e.`id` AND o.`removed_at` IS NULL AND s2.`vendor` = old.`vendor`)
    GROUP BY e.`agency_id`
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', new.`vendor`, e.`agency_id`, count(*) FROM `endpoints` e
    WHERE old.`vendor` IS NOT new.`vendor` AND new.`vendor` IS NOT NULL AND e.`id` IN (SELECT `endpoint_id` FROM `observations` WHERE `software_id` = new.`id` AND `removed_at` IS NULL)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = e.`id` AND o.`software_id` <> new.`id` AND o.`removed_at` IS NULL AND s2.`vendor` = new.`vendor`)
    GROUP BY e.`agency_id`
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', old.`product`, e.`agency_id`, -count(*) FROM `endpoints` e
    WHERE old.`product` IS NOT new.`product` AND old.`product` IS NOT NULL AND e.`id` IN (SELECT `endpoint_id` FROM `observations` WHERE `software_id` = new.`id` AND `removed_at` IS NULL)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = e.`id` AND o.`removed_at` IS NULL AND s2.`product` = old.`product`)
    GROUP BY e.`agency_id`
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', new.`product`, e.`agency_id`, count(*) FROM `endpoints` e
    WHERE old.`product` IS NOT new.`product` AND new.`product` IS NOT NULL AND e.`id` IN (SELECT `endpoint_id` FROM `observations` WHERE `software_id` = new.`id` AND `removed_at` IS NULL)
      AND NOT EXISTS (SELECT 1 FROM `observations` o JOIN `software` s2 ON s2.`id` = o.`software_id` WHERE o.`endpoint_id` = e.`id` AND o.`software_id` <> new.`id` AND o.`removed_at` IS NULL AND s2.`product` = new.`product`)
    GROUP BY e.`agency_id`
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_endpoint_move` AFTER UPDATE OF `agency_id` ON `endpoints` WHEN old.`agency_id` <> new.`agency_id`
BEGIN
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', x.`slug`, old.`agency_id`, -1 FROM (SELECT DISTINCT s.`vendor` AS `slug` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
      WHERE o.`endpoint_id` = new.`id` AND o.`removed_at` IS NULL AND s.`vendor` IS NOT NULL) x WHERE true
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'vendor', x.`slug`, new.`agency_id`, 1 FROM (SELECT DISTINCT s.`vendor` AS `slug` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
      WHERE o.`endpoint_id` = new.`id` AND o.`removed_at` IS NULL AND s.`vendor` IS NOT NULL) x WHERE true
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', x.`slug`, old.`agency_id`, -1 FROM (SELECT DISTINCT s.`product` AS `slug` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
      WHERE o.`endpoint_id` = new.`id` AND o.`removed_at` IS NULL AND s.`product` IS NOT NULL) x WHERE true
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
  INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
    SELECT 'product', x.`slug`, new.`agency_id`, 1 FROM (SELECT DISTINCT s.`product` AS `slug` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
      WHERE o.`endpoint_id` = new.`id` AND o.`removed_at` IS NULL AND s.`product` IS NOT NULL) x WHERE true
    ON CONFLICT (`kind`, `slug`, `agency_id`) DO UPDATE SET `endpoints` = `endpoints` + excluded.`endpoints`;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_endpoint_delete` BEFORE DELETE ON `endpoints`
BEGIN
  DELETE FROM `observations` WHERE `endpoint_id` = old.`id`;
END;
--> statement-breakpoint
INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
  SELECT 'vendor', x.`slug`, e.`agency_id`, count(*) FROM (SELECT DISTINCT s.`vendor` AS `slug`, o.`endpoint_id` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
    WHERE o.`removed_at` IS NULL AND s.`vendor` IS NOT NULL) x JOIN `endpoints` e ON e.`id` = x.`endpoint_id`
  GROUP BY x.`slug`, e.`agency_id`;
--> statement-breakpoint
INSERT INTO `presence_counts` (`kind`, `slug`, `agency_id`, `endpoints`)
  SELECT 'product', x.`slug`, e.`agency_id`, count(*) FROM (SELECT DISTINCT s.`product` AS `slug`, o.`endpoint_id` FROM `observations` o JOIN `software` s ON s.`id` = o.`software_id`
    WHERE o.`removed_at` IS NULL AND s.`product` IS NOT NULL) x JOIN `endpoints` e ON e.`id` = x.`endpoint_id`
  GROUP BY x.`slug`, e.`agency_id`;
