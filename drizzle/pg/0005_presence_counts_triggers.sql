-- The twin of SQLite's 0016 triggers (presence_counts). SQLite runs a row trigger right after its
-- row, so each asks "does another present observation already count this endpoint". PostgreSQL runs
-- AFTER row triggers once the whole statement is done (a row would see its siblings) and BEFORE
-- INSERT triggers even for a row ON CONFLICT then drops, so the observation and software triggers
-- here are statement triggers over the transition tables: for each endpoint and vendor/product the
-- statement touched, present after (the table now) minus present before (the rows the statement did
-- not touch, plus the old versions of those it did). Endpoint moves and deletions are row triggers.
CREATE FUNCTION "muster_presence_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'vendor', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug")::int
        - EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug" AND NOT EXISTS (SELECT 1 FROM n t WHERE t."endpoint_id" = c."endpoint_id" AND t."slot" = c."slot"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."vendor" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM n) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."vendor" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'product', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug")::int
        - EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug" AND NOT EXISTS (SELECT 1 FROM n t WHERE t."endpoint_id" = c."endpoint_id" AND t."slot" = c."slot"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."product" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM n) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."product" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "muster_presence_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'vendor', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug")::int
        - (EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug") OR EXISTS (SELECT 1 FROM o c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."vendor" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM o) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."vendor" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'product', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug")::int
        - (EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug") OR EXISTS (SELECT 1 FROM o c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."product" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM o) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."product" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "muster_presence_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'vendor', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug")::int
        - (EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug" AND NOT EXISTS (SELECT 1 FROM n t WHERE t."endpoint_id" = c."endpoint_id" AND t."slot" = c."slot")) OR EXISTS (SELECT 1 FROM o c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."vendor" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM n UNION ALL SELECT "endpoint_id", "software_id", "removed_at" FROM o) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."vendor" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'product', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug", EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug")::int
        - (EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug" AND NOT EXISTS (SELECT 1 FROM n t WHERE t."endpoint_id" = c."endpoint_id" AND t."slot" = c."slot")) OR EXISTS (SELECT 1 FROM o c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug"))::int AS "delta"
      FROM (SELECT DISTINCT t."endpoint_id", s."product" AS "slug" FROM (SELECT "endpoint_id", "software_id", "removed_at" FROM n UNION ALL SELECT "endpoint_id", "software_id", "removed_at" FROM o) t
            JOIN "software" s ON s."id" = t."software_id" WHERE t."removed_at" IS NULL AND s."product" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "presence_observation_insert" AFTER INSERT ON "observations" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "muster_presence_inserted"();
--> statement-breakpoint
CREATE TRIGGER "presence_observation_delete" AFTER DELETE ON "observations" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION "muster_presence_deleted"();
--> statement-breakpoint
CREATE TRIGGER "presence_observation_update" AFTER UPDATE ON "observations" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "muster_presence_updated"();
--> statement-breakpoint
CREATE FUNCTION "muster_presence_rematched"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH ch AS (SELECT o."id", o."vendor" AS "before", n."vendor" AS "after" FROM o JOIN n ON n."id" = o."id" WHERE o."vendor" IS DISTINCT FROM n."vendor")
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'vendor', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug",
        EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."vendor" = p."slug")::int
        - EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" LEFT JOIN ch ON ch."id" = c."software_id"
            WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND (CASE WHEN ch."id" IS NULL THEN s."vendor" ELSE ch."before" END) = p."slug")::int AS "delta"
      FROM (SELECT DISTINCT ob."endpoint_id", v."slug" FROM ch JOIN "observations" ob ON ob."software_id" = ch."id" AND ob."removed_at" IS NULL
            CROSS JOIN LATERAL (VALUES (ch."before"), (ch."after")) v("slug") WHERE v."slug" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  WITH ch AS (SELECT o."id", o."product" AS "before", n."product" AS "after" FROM o JOIN n ON n."id" = o."id" WHERE o."product" IS DISTINCT FROM n."product")
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT 'product', d."slug", e."agency_id", sum(d."delta") FROM (
      SELECT p."endpoint_id", p."slug",
        EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND s."product" = p."slug")::int
        - EXISTS (SELECT 1 FROM "observations" c JOIN "software" s ON s."id" = c."software_id" LEFT JOIN ch ON ch."id" = c."software_id"
            WHERE c."endpoint_id" = p."endpoint_id" AND c."removed_at" IS NULL AND (CASE WHEN ch."id" IS NULL THEN s."product" ELSE ch."before" END) = p."slug")::int AS "delta"
      FROM (SELECT DISTINCT ob."endpoint_id", v."slug" FROM ch JOIN "observations" ob ON ob."software_id" = ch."id" AND ob."removed_at" IS NULL
            CROSS JOIN LATERAL (VALUES (ch."before"), (ch."after")) v("slug") WHERE v."slug" IS NOT NULL) p
    ) d JOIN "endpoints" e ON e."id" = d."endpoint_id"
    WHERE d."delta" <> 0
    GROUP BY d."slug", e."agency_id"
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "presence_software_update" AFTER UPDATE ON "software" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "muster_presence_rematched"();
--> statement-breakpoint
CREATE FUNCTION "muster_presence_endpoint"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "observations" WHERE "endpoint_id" = OLD."id";
    RETURN OLD;
  END IF;
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT DISTINCT 'vendor', s."vendor", OLD."agency_id", -1 FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."endpoint_id" = NEW."id" AND o."removed_at" IS NULL AND s."vendor" IS NOT NULL
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT DISTINCT 'vendor', s."vendor", NEW."agency_id", 1 FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."endpoint_id" = NEW."id" AND o."removed_at" IS NULL AND s."vendor" IS NOT NULL
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT DISTINCT 'product', s."product", OLD."agency_id", -1 FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."endpoint_id" = NEW."id" AND o."removed_at" IS NULL AND s."product" IS NOT NULL
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
    SELECT DISTINCT 'product', s."product", NEW."agency_id", 1 FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."endpoint_id" = NEW."id" AND o."removed_at" IS NULL AND s."product" IS NOT NULL
    ON CONFLICT ("kind", "slug", "agency_id") DO UPDATE SET "endpoints" = "presence_counts"."endpoints" + excluded."endpoints";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "presence_endpoint_move" AFTER UPDATE OF "agency_id" ON "endpoints" FOR EACH ROW WHEN (OLD."agency_id" <> NEW."agency_id") EXECUTE FUNCTION "muster_presence_endpoint"();
--> statement-breakpoint
CREATE TRIGGER "presence_endpoint_delete" BEFORE DELETE ON "endpoints" FOR EACH ROW EXECUTE FUNCTION "muster_presence_endpoint"();
--> statement-breakpoint
INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
  SELECT 'vendor', x."slug", e."agency_id", count(*) FROM (SELECT DISTINCT s."vendor" AS "slug", o."endpoint_id" FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."removed_at" IS NULL AND s."vendor" IS NOT NULL) x JOIN "endpoints" e ON e."id" = x."endpoint_id"
  GROUP BY x."slug", e."agency_id";
--> statement-breakpoint
INSERT INTO "presence_counts" ("kind", "slug", "agency_id", "endpoints")
  SELECT 'product', x."slug", e."agency_id", count(*) FROM (SELECT DISTINCT s."product" AS "slug", o."endpoint_id" FROM "observations" o JOIN "software" s ON s."id" = o."software_id"
    WHERE o."removed_at" IS NULL AND s."product" IS NOT NULL) x JOIN "endpoints" e ON e."id" = x."endpoint_id"
  GROUP BY x."slug", e."agency_id";
