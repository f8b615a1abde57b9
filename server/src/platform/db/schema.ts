// The database schema, one place for drizzle-kit to read. Each module's tables are grouped here under a
// heading; every domain table carries `center_id` (the tenant boundary) except the installation-level
// ones said so below.
import type { ClosureInput, WeeklyHours } from '@madoguchi/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
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
