DROP INDEX "findings_first_detected_idx";--> statement-breakpoint
DROP INDEX "findings_resolved_at_idx";--> statement-breakpoint
DROP INDEX "findings_reopened_at_idx";--> statement-breakpoint
CREATE INDEX "endpoints_os_idx" ON "endpoints" USING btree ("os_platform","state","agency_id","last_report_at");--> statement-breakpoint
CREATE INDEX "endpoints_agency_version_idx" ON "endpoints" USING btree ("agency_id","agent_version") WHERE "endpoints"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "endpoints_stale_changed_idx" ON "endpoints" USING btree ("state_changed_at","agency_id") WHERE "endpoints"."state" = 'stale';--> statement-breakpoint
CREATE INDEX "findings_first_detected_idx" ON "findings" USING btree ("first_detected_at","agency_id");--> statement-breakpoint
CREATE INDEX "findings_resolved_at_idx" ON "findings" USING btree ("resolved_at","status","agency_id") WHERE "findings"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "findings_reopened_at_idx" ON "findings" USING btree ("reopened_at","agency_id") WHERE "findings"."reopened_at" is not null;