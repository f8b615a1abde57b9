ALTER TABLE "faq_evidence" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "faq_evidence" ADD CONSTRAINT "faq_evidence_id_key" UNIQUE("id");