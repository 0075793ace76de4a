CREATE TABLE "presence_counts" (
	"kind" text NOT NULL,
	"slug" text NOT NULL,
	"agency_id" bigint NOT NULL,
	"endpoints" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "presence_counts_kind_slug_agency_id_pk" PRIMARY KEY("kind","slug","agency_id")
);
--> statement-breakpoint
ALTER TABLE "presence_counts" ADD CONSTRAINT "presence_counts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;