// The database schema, one place for drizzle-kit to read. Each module's tables are grouped here under a
// heading; every domain table carries `center_id` (the tenant boundary) except the installation-level
// ones said so below.
import type { ClosureInput, InquiryFieldModes, RelatedContact, WeeklyHours } from '@madoguchi/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

// ── centres ────────────────────────────────────────────────────────────────────────────────────────────
export const centers = pgTable('centers', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['general', 'specific'] }).notNull(),
  description: text('description').notNull().default(''),
  businessHours: jsonb('business_hours').$type<WeeklyHours>().notNull(),
  /** Learn from use: keep the (anonymised) wording of searches that led to an FAQ as search evidence. */
  searchLearning: boolean('search_learning').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const lines = pgTable(
  'lines',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    label: text('label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('lines_center_number_uq').on(t.centerId, t.number)],
);

export const closures = pgTable(
  'closures',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['annual', 'dated'] })
      .$type<ClosureInput['kind']>()
      .notNull(),
    label: text('label').notNull(),
    // MM-DD for annual closures, YYYY-MM-DD for dated ones.
    start: text('start').notNull(),
    end: text('end').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('closures_center_idx').on(t.centerId)],
);

export const departments = pgTable(
  'departments',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    code: text('code').notNull().default(''),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    officeHours: jsonb('office_hours').$type<WeeklyHours>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('departments_center_name_uq').on(t.centerId, t.name)],
);

export const categoryAxes = pgTable(
  'category_axes',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('category_axes_center_key_uq').on(t.centerId, t.key)],
);

export const categories = pgTable(
  'categories',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    axisId: uuid('axis_id')
      .notNull()
      .references(() => categoryAxes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('categories_axis_name_uq').on(t.axisId, t.name),
    index('categories_center_idx').on(t.centerId),
  ],
);

// ── staff and sessions (installation-level: one account may hold roles in several centres) ─────────────
export const users = pgTable('users', {
  id: id(),
  loginId: text('login_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** An administrator set this password: the user must change it at next login. */
  passwordMustChange: boolean('password_must_change').notNull().default(false),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** The last TOTP time step accepted, so that one code cannot be replayed. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  active: boolean('active').notNull().default(true),
  systemAdmin: boolean('system_admin').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const roleAssignments = pgTable(
  'role_assignments',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    role: text('role', {
      enum: ['operator', 'supervisor', 'manager', 'faq_editor', 'department_staff', 'admin'],
    }).notNull(),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.centerId, t.role] }),
    index('role_assignments_center_idx').on(t.centerId),
    check(
      'role_assignments_department_ck',
      sql`(${t.role} = 'department_staff') = (${t.departmentId} is not null)`,
    ),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not give working sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

// ── audit and access log (seed 004 第2-9(1)エ) ──────────────────────────────────────────────────────────
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    category: text('category', { enum: ['auth', 'change', 'view', 'export'] }).notNull(),
    action: text('action').notNull(),
    /** Null for installation-level events (a login before a centre is chosen). */
    centerId: uuid('center_id').references(() => centers.id, { onDelete: 'set null' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as text so the trail survives the account's deletion and names failed login attempts. */
    actorLoginId: text('actor_login_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_events_center_time_idx').on(t.centerId, t.occurredAt),
    index('audit_events_time_idx').on(t.occurredAt),
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
  ],
);

// ── FAQ knowledge base (seed 004 第2-8(1)ア, 第3-3) ──────────────────────────────────────────────────────
/** Raw bytes; always handed to the drivers as a Buffer (pg would JSON-encode a bare Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const faqs = pgTable(
  'faqs',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    /** The FAQ-ID people quote; never reused, not even after deletion. */
    faqCode: text('faq_code').notNull(),
    question: text('question').notNull(),
    /** Sanitised (allow-list) HTML. */
    answerHtml: text('answer_html').notNull(),
    /** The same answer as plain text, for search and export. */
    answerText: text('answer_text').notNull(),
    altPhrasings: jsonb('alt_phrasings').$type<string[]>().notNull().default([]),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    // Restrict, as for staff: a department is removed only once its FAQs have moved to another owner.
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    relatedUrls: jsonb('related_urls').$type<{ title: string; url: string }[]>().notNull().default([]),
    internalNotes: text('internal_notes').notNull().default(''),
    published: boolean('published').notNull().default(false),
    publishStart: timestamp('publish_start', { withTimezone: true }),
    publishEnd: timestamp('publish_end', { withTimezone: true }),
    lastReviewedAt: timestamp('last_reviewed_at', { withTimezone: true }),
    lastReviewedBy: uuid('last_reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** Soft delete: revisions survive and a restore brings the FAQ back under the same FAQ-ID. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('faqs_center_code_uq').on(t.centerId, t.faqCode),
    index('faqs_center_department_idx').on(t.centerId, t.departmentId),
    index('faqs_center_updated_idx').on(t.centerId, t.updatedAt),
    check(
      'faqs_publish_window_ck',
      sql`${t.publishStart} is null or ${t.publishEnd} is null or ${t.publishStart} < ${t.publishEnd}`,
    ),
    check('faqs_version_ck', sql`${t.version} >= 1`),
  ],
);

export const faqCategories = pgTable(
  'faq_categories',
  {
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.faqId, t.categoryId] }),
    index('faq_categories_category_idx').on(t.centerId, t.categoryId),
  ],
);

export const faqRelated = pgTable(
  'faq_related',
  {
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    relatedFaqId: uuid('related_faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.faqId, t.relatedFaqId] }),
    index('faq_related_related_idx').on(t.relatedFaqId),
  ],
);

export const faqAttachments = pgTable(
  'faq_attachments',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('faq_attachments_faq_idx').on(t.centerId, t.faqId)],
);

export const faqRevisions = pgTable(
  'faq_revisions',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    action: text('action', {
      enum: ['create', 'update', 'delete', 'restore', 'import', 'review'],
    }).notNull(),
    /** The whole record after the save: what a restore brings back. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
    /** The revision a restore brought back. */
    restoredFrom: integer('restored_from'),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorLoginId: text('actor_login_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('faq_revisions_faq_revision_uq').on(t.faqId, t.revision)],
);

export const faqComments = pgTable(
  'faq_comments',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as text so that a comment still names its author after the account is deleted. */
    authorLoginId: text('author_login_id').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('faq_comments_faq_idx').on(t.centerId, t.faqId, t.createdAt)],
);

/** Views per FAQ, Japan-time day and channel: the weekly ranking (seed 004 第2-8(1)ア(ｶ)) sums these. */
export const faqViewCounts = pgTable(
  'faq_view_counts',
  {
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    channel: text('channel', { enum: ['console', 'public'] }).notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.centerId, t.faqId, t.day, t.channel] }),
    index('faq_view_counts_day_idx').on(t.centerId, t.day),
  ],
);

/**
 * Which console views have been counted today: one keyed hash per (centre, FAQ, staff member, JST day), so
 * that every process counts a person's first view of an FAQ on a day and no other (console-views.ts).
 */
export const faqConsoleViewMarks = pgTable(
  'faq_console_view_marks',
  {
    mark: text('mark').primaryKey(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [index('faq_console_view_marks_day_idx').on(t.day)],
);

/** An operator used the FAQ to answer (seed 004 第3-4: FAQ use counts in the monthly report). */
export const faqUses = pgTable(
  'faq_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('faq_uses_center_time_idx').on(t.centerId, t.usedAt),
    index('faq_uses_faq_idx').on(t.faqId, t.usedAt),
  ],
);

// ── search (built on the FAQ tables; the search module owns the logic) ───────────────────────────────
export const synonymGroups = pgTable(
  'synonym_groups',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    terms: jsonb('terms').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('synonym_groups_center_idx').on(t.centerId)],
);

/** The search log: normalised wording only, no user and no address (no personal data). */
export const searchQueries = pgTable(
  'search_queries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['console', 'public'] }).notNull(),
    queryNormalized: text('query_normalized').notNull(),
    results: integer('results').notNull(),
    clickedFaqId: uuid('clicked_faq_id').references(() => faqs.id, { onDelete: 'set null' }),
    searchedAt: timestamp('searched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('search_queries_center_time_idx').on(t.centerId, t.searchedAt),
    check('search_queries_length_ck', sql`char_length(${t.queryNormalized}) <= 200`),
  ],
);

/** Wording that led operators to an FAQ (learning from use); weighted into search by the search module. */
export const faqEvidence = pgTable(
  'faq_evidence',
  {
    /** What an FAQ editor names to remove one wording (the key is the wording itself). */
    id: uuid('id').notNull().defaultRandom().unique('faq_evidence_id_key'),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    phraseNormalized: text('phrase_normalized').notNull(),
    uses: integer('uses').notNull().default(1),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.centerId, t.faqId, t.phraseNormalized] }),
    check('faq_evidence_length_ck', sql`char_length(${t.phraseNormalized}) <= 200`),
  ],
);

// ── public site (homepage, FAQ site, votes) ────────────────────────────────────────────────────────────
/** What a centre shows citizens beyond its FAQs; one row per centre, created with defaults when first saved. */
export const centerPublicSettings = pgTable('center_public_settings', {
  centerId: uuid('center_id')
    .primaryKey()
    .references(() => centers.id, { onDelete: 'cascade' }),
  /** Shown at the top of every public page while set (seed 004 第3-1(2)ウ: e.g. answers delayed in a disaster). */
  noticeText: text('notice_text').notNull().default(''),
  noticeLevel: text('notice_level', { enum: ['info', 'warning', 'urgent'] })
    .notNull()
    .default('info'),
  noticeUpdatedAt: timestamp('notice_updated_at', { withTimezone: true }),
  noticeUpdatedBy: uuid('notice_updated_by').references(() => users.id, { onDelete: 'set null' }),
  /** The centre's introduction on its homepage (plain text, paragraphs by blank lines). */
  introduction: text('introduction').notNull().default(''),
  relatedContacts: jsonb('related_contacts').$type<RelatedContact[]>().notNull().default([]),
  /** Optional own host name (e.g. faq.example.lg.jp) under which the site answers at its root. */
  publicHost: text('public_host').unique(),
  inquiryEnabled: boolean('inquiry_enabled').notNull().default(true),
  inquiryIntro: text('inquiry_intro').notNull().default(''),
  inquiryFields: jsonb('inquiry_fields').$type<InquiryFieldModes>().notNull(),
  updatedAt: updatedAt(),
});

/** 「この情報は役に立ちましたか」: one row per vote (seed 004 第2-8(1)イ(ｳ)); nothing identifies the voter. */
export const faqVotes = pgTable(
  'faq_votes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    faqId: uuid('faq_id')
      .notNull()
      .references(() => faqs.id, { onDelete: 'cascade' }),
    helpful: boolean('helpful').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    index('faq_votes_faq_idx').on(t.centerId, t.faqId, t.createdAt),
    index('faq_votes_time_idx').on(t.centerId, t.createdAt),
    check('faq_votes_comment_ck', sql`char_length(${t.comment}) <= 1000`),
  ],
);

// ── inquiries from the web form and the mail they cause ───────────────────────────────────────────────
/** An inquiry a citizen sent through the public form (seed 004 第2-8(2)); kept before any mail is sent. */
export const inquiries = pgTable(
  'inquiries',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    /** What the citizen is told and quotes on the phone, e.g. W20261122-0007; unique per centre. */
    receiptNumber: text('receipt_number').notNull(),
    channel: text('channel', { enum: ['web'] })
      .notNull()
      .default('web'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    name: text('name'),
    nameKana: text('name_kana'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    body: text('body').notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'closed'] })
      .notNull()
      .default('new'),
    /** The submitted form fields exactly as received (nothing typed is dropped, even what failed to map). */
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    /**
     * The random token of the form the citizen filled in: sending the same form twice (reload, back button,
     * double click) finds the inquiry already made instead of making a second one.
     */
    submissionToken: text('submission_token'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('inquiries_center_receipt_uq').on(t.centerId, t.receiptNumber),
    index('inquiries_center_time_idx').on(t.centerId, t.receivedAt),
    uniqueIndex('inquiries_center_submission_uq').on(t.centerId, t.submissionToken),
  ],
);

/** Per centre and Japan-time day, the last receipt number handed out. */
export const inquiryCounters = pgTable(
  'inquiry_counters',
  {
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.centerId, t.day] })],
);

export const inquiryAttachments = pgTable(
  'inquiry_attachments',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    inquiryId: uuid('inquiry_id')
      .notNull()
      .references(() => inquiries.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('inquiry_attachments_inquiry_idx').on(t.centerId, t.inquiryId)],
);

/** A centre's outgoing mail server and sender (seed 004 第2-8(2)ウ); the password is stored encrypted. */
export const centerMailSettings = pgTable('center_mail_settings', {
  centerId: uuid('center_id')
    .primaryKey()
    .references(() => centers.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  smtpHost: text('smtp_host').notNull(),
  smtpPort: integer('smtp_port').notNull(),
  /** tls: TLS from the start (465); starttls: upgrade required (587); none: plain (loopback relays only). */
  smtpSecurity: text('smtp_security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
  smtpUser: text('smtp_user'),
  /** AES-256-GCM with the installation's MAIL_CREDENTIALS_KEY; never returned by the API. */
  smtpPasswordEncrypted: text('smtp_password_encrypted'),
  fromAddress: text('from_address').notNull(),
  fromName: text('from_name').notNull().default(''),
  replyTo: text('reply_to'),
  autoReplySubject: text('auto_reply_subject').notNull(),
  autoReplyBody: text('auto_reply_body').notNull(),
  updatedAt: updatedAt(),
});

/** Every mail the system sends, written in the transaction that causes it and sent (and retried) by a job. */
export const outgoingMails = pgTable(
  'outgoing_mails',
  {
    id: id(),
    centerId: uuid('center_id')
      .notNull()
      .references(() => centers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['inquiry_receipt'] }).notNull(),
    inquiryId: uuid('inquiry_id').references(() => inquiries.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('outgoing_mails_center_time_idx').on(t.centerId, t.createdAt),
    index('outgoing_mails_pending_idx').on(t.status, t.createdAt),
  ],
);

/**
 * Installation-level (no center_id): a random secret per purpose, made on first use and shared by every
 * process of the installation, for values the server signs and later checks (the inquiry form's timestamp)
 * and for the keyed hashes of rate-limit counters.
 */
export const signingKeys = pgTable('signing_keys', {
  purpose: text('purpose').primaryKey(),
  secret: bytea('secret').notNull(),
  createdAt: createdAt(),
});

/**
 * Rate-limit counters every process shares (login, votes, the inquiry form): one row per limit and client
 * for the current window. The key is an HMAC of the limit's name and the client address, never the address
 * itself, and the row is deleted soon after its window ends.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    keyHash: text('key_hash').primaryKey(),
    hits: integer('hits').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_expires_idx').on(t.expiresAt)],
);
