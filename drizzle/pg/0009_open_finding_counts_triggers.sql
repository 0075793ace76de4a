-- The twin of SQLite's 0018 triggers (open_finding_counts): a finding counts while its status is
-- open, under its agency, product and version; a change of any of those moves it. Row triggers, as
-- each row only adds or takes away its own 1 (no question about its siblings). Then the first counts.
CREATE FUNCTION "muster_open_findings"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."status" = 'open' THEN
    UPDATE "open_finding_counts" SET "findings" = "findings" - 1
      WHERE "agency_id" = OLD."agency_id" AND "product" = OLD."product" AND "version" = OLD."version";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" = 'open' THEN
    INSERT INTO "open_finding_counts" ("agency_id", "product", "version", "findings") VALUES (NEW."agency_id", NEW."product", NEW."version", 1)
      ON CONFLICT ("agency_id", "product", "version") DO UPDATE SET "findings" = "open_finding_counts"."findings" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "open_findings_insert" AFTER INSERT ON "findings" FOR EACH ROW WHEN (NEW."status" = 'open') EXECUTE FUNCTION "muster_open_findings"();
--> statement-breakpoint
CREATE TRIGGER "open_findings_delete" AFTER DELETE ON "findings" FOR EACH ROW WHEN (OLD."status" = 'open') EXECUTE FUNCTION "muster_open_findings"();
--> statement-breakpoint
CREATE TRIGGER "open_findings_update" AFTER UPDATE OF "status", "product", "version", "agency_id" ON "findings" FOR EACH ROW
  WHEN ((OLD."status" = 'open' OR NEW."status" = 'open')
    AND (OLD."status", OLD."product", OLD."version", OLD."agency_id") IS DISTINCT FROM (NEW."status", NEW."product", NEW."version", NEW."agency_id"))
  EXECUTE FUNCTION "muster_open_findings"();
--> statement-breakpoint
INSERT INTO "open_finding_counts" ("agency_id", "product", "version", "findings")
  SELECT "agency_id", "product", "version", count(*) FROM "findings" WHERE "status" = 'open' GROUP BY "agency_id", "product", "version";
