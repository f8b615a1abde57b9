CREATE TABLE "faq_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "faq_categories" (
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "faq_categories_faq_id_category_id_pk" PRIMARY KEY("faq_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "faq_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"author_user_id" uuid,
	"author_login_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_evidence" (
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"phrase_normalized" text NOT NULL,
	"uses" integer DEFAULT 1 NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_evidence_center_id_faq_id_phrase_normalized_pk" PRIMARY KEY("center_id","faq_id","phrase_normalized"),
	CONSTRAINT "faq_evidence_length_ck" CHECK (char_length("faq_evidence"."phrase_normalized") <= 200)
);
--> statement-breakpoint
CREATE TABLE "faq_related" (
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"related_faq_id" uuid NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "faq_related_faq_id_related_faq_id_pk" PRIMARY KEY("faq_id","related_faq_id")
);
--> statement-breakpoint
CREATE TABLE "faq_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"action" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"restored_from" integer,
	"actor_user_id" uuid,
	"actor_login_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "faq_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "faq_view_counts" (
	"center_id" uuid NOT NULL,
	"faq_id" uuid NOT NULL,
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "faq_view_counts_center_id_faq_id_day_channel_pk" PRIMARY KEY("center_id","faq_id","day","channel")
);
--> statement-breakpoint
CREATE TABLE "faqs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"center_id" uuid NOT NULL,
	"faq_code" text NOT NULL,
	"question" text NOT NULL,
	"answer_html" text NOT NULL,
	"answer_text" text NOT NULL,
	"alt_phrasings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department_id" uuid,
	"related_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"internal_notes" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"publish_start" timestamp with time zone,
	"publish_end" timestamp with time zone,
	"last_reviewed_at" timestamp with time zone,
	"last_reviewed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "faqs_publish_window_ck" CHECK ("faqs"."publish_start" is null or "faqs"."publish_end" is null or "faqs"."publish_start" < "faqs"."publish_end"),
	CONSTRAINT "faqs_version_ck" CHECK ("faqs"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "search_queries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"center_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"query_normalized" text NOT NULL,
	"results" integer NOT NULL,
	"clicked_faq_id" uuid,
	"searched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_queries_length_ck" CHECK (char_length("search_queries"."query_normalized") <= 200)
);
--> statement-breakpoint
CREATE TABLE "synonym_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"center_id" uuid NOT NULL,
	"terms" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "centers" ADD COLUMN "search_learning" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "faq_attachments" ADD CONSTRAINT "faq_attachments_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_attachments" ADD CONSTRAINT "faq_attachments_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_attachments" ADD CONSTRAINT "faq_attachments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_categories" ADD CONSTRAINT "faq_categories_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_categories" ADD CONSTRAINT "faq_categories_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_categories" ADD CONSTRAINT "faq_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_comments" ADD CONSTRAINT "faq_comments_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_comments" ADD CONSTRAINT "faq_comments_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_comments" ADD CONSTRAINT "faq_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_evidence" ADD CONSTRAINT "faq_evidence_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_evidence" ADD CONSTRAINT "faq_evidence_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_related" ADD CONSTRAINT "faq_related_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_related" ADD CONSTRAINT "faq_related_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_related" ADD CONSTRAINT "faq_related_related_faq_id_faqs_id_fk" FOREIGN KEY ("related_faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_revisions" ADD CONSTRAINT "faq_revisions_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_revisions" ADD CONSTRAINT "faq_revisions_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_revisions" ADD CONSTRAINT "faq_revisions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_uses" ADD CONSTRAINT "faq_uses_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_uses" ADD CONSTRAINT "faq_uses_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_uses" ADD CONSTRAINT "faq_uses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_view_counts" ADD CONSTRAINT "faq_view_counts_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faq_view_counts" ADD CONSTRAINT "faq_view_counts_faq_id_faqs_id_fk" FOREIGN KEY ("faq_id") REFERENCES "public"."faqs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faqs" ADD CONSTRAINT "faqs_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faqs" ADD CONSTRAINT "faqs_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faqs" ADD CONSTRAINT "faqs_last_reviewed_by_users_id_fk" FOREIGN KEY ("last_reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faqs" ADD CONSTRAINT "faqs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faqs" ADD CONSTRAINT "faqs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_queries" ADD CONSTRAINT "search_queries_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_queries" ADD CONSTRAINT "search_queries_clicked_faq_id_faqs_id_fk" FOREIGN KEY ("clicked_faq_id") REFERENCES "public"."faqs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synonym_groups" ADD CONSTRAINT "synonym_groups_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_attachments_faq_idx" ON "faq_attachments" USING btree ("center_id","faq_id");--> statement-breakpoint
CREATE INDEX "faq_categories_category_idx" ON "faq_categories" USING btree ("center_id","category_id");--> statement-breakpoint
CREATE INDEX "faq_comments_faq_idx" ON "faq_comments" USING btree ("center_id","faq_id","created_at");--> statement-breakpoint
CREATE INDEX "faq_related_related_idx" ON "faq_related" USING btree ("related_faq_id");--> statement-breakpoint
CREATE UNIQUE INDEX "faq_revisions_faq_revision_uq" ON "faq_revisions" USING btree ("faq_id","revision");--> statement-breakpoint
CREATE INDEX "faq_uses_center_time_idx" ON "faq_uses" USING btree ("center_id","used_at");--> statement-breakpoint
CREATE INDEX "faq_uses_faq_idx" ON "faq_uses" USING btree ("faq_id","used_at");--> statement-breakpoint
CREATE INDEX "faq_view_counts_day_idx" ON "faq_view_counts" USING btree ("center_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "faqs_center_code_uq" ON "faqs" USING btree ("center_id","faq_code");--> statement-breakpoint
CREATE INDEX "faqs_center_department_idx" ON "faqs" USING btree ("center_id","department_id");--> statement-breakpoint
CREATE INDEX "faqs_center_updated_idx" ON "faqs" USING btree ("center_id","updated_at");--> statement-breakpoint
CREATE INDEX "search_queries_center_time_idx" ON "search_queries" USING btree ("center_id","searched_at");--> statement-breakpoint
CREATE INDEX "synonym_groups_center_idx" ON "synonym_groups" USING btree ("center_id");