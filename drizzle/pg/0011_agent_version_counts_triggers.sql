-- The twin of SQLite's 0019 triggers (agent_version_counts): an endpoint counts while it is not
-- revoked, under its agency and agent version; a change of any of those moves it. Row triggers, as
-- each row only adds or takes away its own 1. Then the first counts.
CREATE FUNCTION "muster_agent_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."revoked_at" IS NULL THEN
    UPDATE "agent_version_counts" SET "endpoints" = "endpoints" - 1 WHERE "agency_id" = OLD."agency_id" AND "version" = OLD."agent_version";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."revoked_at" IS NULL THEN
    INSERT INTO "agent_version_counts" ("agency_id", "version", "endpoints") VALUES (NEW."agency_id", NEW."agent_version", 1)
      ON CONFLICT ("agency_id", "version") DO UPDATE SET "endpoints" = "agent_version_counts"."endpoints" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "agent_versions_insert" AFTER INSERT ON "endpoints" FOR EACH ROW WHEN (NEW."revoked_at" IS NULL) EXECUTE FUNCTION "muster_agent_versions"();
--> statement-breakpoint
CREATE TRIGGER "agent_versions_delete" AFTER DELETE ON "endpoints" FOR EACH ROW WHEN (OLD."revoked_at" IS NULL) EXECUTE FUNCTION "muster_agent_versions"();
--> statement-breakpoint
CREATE TRIGGER "agent_versions_update" AFTER UPDATE OF "agent_version", "agency_id", "revoked_at" ON "endpoints" FOR EACH ROW
  WHEN ((OLD."revoked_at" IS NULL OR NEW."revoked_at" IS NULL)
    AND ((OLD."revoked_at" IS NULL) <> (NEW."revoked_at" IS NULL) OR OLD."agent_version" <> NEW."agent_version" OR OLD."agency_id" <> NEW."agency_id"))
  EXECUTE FUNCTION "muster_agent_versions"();
--> statement-breakpoint
INSERT INTO "agent_version_counts" ("agency_id", "version", "endpoints")
  SELECT "agency_id", "agent_version", count(*) FROM "endpoints" WHERE "revoked_at" IS NULL GROUP BY "agency_id", "agent_version";
