CREATE TABLE "agent_version_counts" (
	"agency_id" bigint NOT NULL,
	"version" text NOT NULL,
	"endpoints" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agent_version_counts_agency_id_version_pk" PRIMARY KEY("agency_id","version")
);
--> statement-breakpoint
ALTER TABLE "agent_version_counts" ADD CONSTRAINT "agent_version_counts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;