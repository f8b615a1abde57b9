CREATE TABLE "faq_console_view_marks" (
	"mark" text PRIMARY KEY NOT NULL,
	"day" date NOT NULL
);
--> statement-breakpoint
CREATE INDEX "faq_console_view_marks_day_idx" ON "faq_console_view_marks" USING btree ("day");