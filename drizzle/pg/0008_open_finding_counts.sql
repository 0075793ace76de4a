CREATE TABLE "open_finding_counts" (
	"agency_id" bigint NOT NULL,
	"product" text NOT NULL,
	"version" text NOT NULL,
	"findings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "open_finding_counts_agency_id_product_version_pk" PRIMARY KEY("agency_id","product","version")
);
--> statement-breakpoint
ALTER TABLE "open_finding_counts" ADD CONSTRAINT "open_finding_counts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;