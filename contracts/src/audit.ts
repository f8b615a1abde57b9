import { z } from 'zod';

/** auth: logins and logouts; change: data written; view / export: personal data read or taken out. */
export const auditCategorySchema = z.enum(['auth', 'change', 'view', 'export']);
export type AuditCategory = z.infer<typeof auditCategorySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  category: auditCategorySchema,
  action: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLoginId: z.string().nullable(),
  centerId: z.uuid().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  category: auditCategorySchema.optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(64).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque cursor from the previous page (`nextCursor`). */
  cursor: z.string().max(100).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
