-- Hostnames in SQLite's NOCASE order (ASCII letters folded, then bytes compared) rather than 0000's
-- ICU collation, which ordered by the Unicode collation ("a_b" before "a-b", "é" among the e's):
-- lists, report rows and so report fingerprints now come out the same on both engines. The queries'
-- `x collate nocase` is rewritten `lower(x collate "C")` (server/db/pg-compat.ts), which these index.
DROP INDEX "endpoints_hostname_idx";--> statement-breakpoint
DROP INDEX "endpoints_state_hostname_idx";--> statement-breakpoint
CREATE INDEX "endpoints_hostname_idx" ON "endpoints" USING btree (lower("hostname" collate "C"));--> statement-breakpoint
CREATE INDEX "endpoints_state_hostname_idx" ON "endpoints" USING btree ("state",lower("hostname" collate "C"));--> statement-breakpoint
DROP COLLATION IF EXISTS "nocase";
