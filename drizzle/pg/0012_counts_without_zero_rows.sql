-- The twin of SQLite's 0020: a row of open_finding_counts or agent_version_counts goes when it
-- reaches 0 (their keys come from what agents report, so rows kept at 0 grew without bound).
CREATE OR REPLACE FUNCTION "muster_open_findings"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."status" = 'open' THEN
    UPDATE "open_finding_counts" SET "findings" = "findings" - 1
      WHERE "agency_id" = OLD."agency_id" AND "product" = OLD."product" AND "version" = OLD."version";
    DELETE FROM "open_finding_counts"
      WHERE "agency_id" = OLD."agency_id" AND "product" = OLD."product" AND "version" = OLD."version" AND "findings" = 0;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" = 'open' THEN
    INSERT INTO "open_finding_counts" ("agency_id", "product", "version", "findings") VALUES (NEW."agency_id", NEW."product", NEW."version", 1)
      ON CONFLICT ("agency_id", "product", "version") DO UPDATE SET "findings" = "open_finding_counts"."findings" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "muster_agent_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."revoked_at" IS NULL THEN
    UPDATE "agent_version_counts" SET "endpoints" = "endpoints" - 1 WHERE "agency_id" = OLD."agency_id" AND "version" = OLD."agent_version";
    DELETE FROM "agent_version_counts" WHERE "agency_id" = OLD."agency_id" AND "version" = OLD."agent_version" AND "endpoints" = 0;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."revoked_at" IS NULL THEN
    INSERT INTO "agent_version_counts" ("agency_id", "version", "endpoints") VALUES (NEW."agency_id", NEW."agent_version", 1)
      ON CONFLICT ("agency_id", "version") DO UPDATE SET "endpoints" = "agent_version_counts"."endpoints" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DELETE FROM "open_finding_counts" WHERE "findings" = 0;
--> statement-breakpoint
DELETE FROM "agent_version_counts" WHERE "endpoints" = 0;
