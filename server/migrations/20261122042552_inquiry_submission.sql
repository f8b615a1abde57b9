CREATE TABLE "signing_keys" (
	"purpose" text PRIMARY KEY NOT NULL,
	"secret" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inquiries" ADD COLUMN "submission_token" text;--> statement-breakpoint
CREATE UNIQUE INDEX "inquiries_center_submission_uq" ON "inquiries" USING btree ("center_id","submission_token");