-- The audit log is append-only: no interface, not even raw SQL through the app, may rewrite history.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Published reports are frozen the same way.
CREATE TRIGGER `reports_no_update` BEFORE UPDATE ON `reports`
BEGIN
  SELECT RAISE(ABORT, 'published reports are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `reports_no_delete` BEFORE DELETE ON `reports`
BEGIN
  SELECT RAISE(ABORT, 'published reports are immutable');
END;
