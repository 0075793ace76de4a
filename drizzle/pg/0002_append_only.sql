-- The SQLite history's hand-written triggers (its 0001 and 0004): the audit log is append-only and
-- published reports are frozen; no interface, not even raw SQL through the app, may rewrite them.
-- Same trigger names and messages as in SQLite. PostgreSQL also has TRUNCATE, which skips row
-- triggers: the *_no_truncate triggers refuse it too. (A table's owner or a superuser can still
-- disable triggers: the app's database role should not own the tables.)
CREATE FUNCTION "muster_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "muster_refuse_change"('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "muster_refuse_change"('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "muster_refuse_change"('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER "reports_no_update" BEFORE UPDATE ON "reports" FOR EACH ROW EXECUTE FUNCTION "muster_refuse_change"('published reports are immutable');
--> statement-breakpoint
CREATE TRIGGER "reports_no_delete" BEFORE DELETE ON "reports" FOR EACH ROW EXECUTE FUNCTION "muster_refuse_change"('published reports are immutable');
--> statement-breakpoint
CREATE TRIGGER "reports_no_truncate" BEFORE TRUNCATE ON "reports" FOR EACH STATEMENT EXECUTE FUNCTION "muster_refuse_change"('published reports are immutable');
