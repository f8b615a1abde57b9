import { defaultInquiryFieldModes } from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../modules/auth/actor.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { findCenterBySlug } from '../modules/centers/centers.repository.ts';
import {
  addCategory,
  addCategoryAxis,
  addClosure,
  addDepartment,
  addLine,
  createCenter,
  getCenter,
  updateCenter,
} from '../modules/centers/centers.service.ts';
import { type DemoCenter, demoCenters, demoPassword } from '../modules/centers/demo-data.ts';
import { insertDemoFaqs, loadDemoFaqs } from '../modules/faq/demo-faqs.ts';
import { seedDemoInquiries } from '../modules/inquiries/demo-inquiries.ts';
import { assignRoles, createStaff } from '../modules/staff/staff.service.ts';
import { withinTransaction } from '../platform/db/database.ts';
import { auditEvents, centerPublicSettings, roleAssignments, users } from '../platform/db/schema.ts';

export interface SeedProgress {
  start(total: number, label: string): void;
  tick(done: number): void;
  stop(): void;
}

export interface SeedResult {
  seeded: string[];
  skipped: string[];
  extraStaff: number;
  /** Demo FAQs inserted, the files they came from, and lines left out (file:line). */
  faqs: { inserted: number; files: string[]; skippedLines: string[] };
}

// The demo FAQs go into the general centre, the one whose departments and categories they are written for.
const FAQ_CENTER = 'iwaki';

/**
 * Inserts the demo centres through the same services the console uses. Each centre is one transaction:
 * a run killed half-way leaves no half-made centre, and running it again finishes the job.
 */
export async function seedDemo(
  ctx: ServiceContext,
  options: { extraStaff?: number; progress?: SeedProgress; faqDir?: string } = {},
): Promise<SeedResult> {
  const result: SeedResult = {
    seeded: [],
    skipped: [],
    extraStaff: 0,
    faqs: { inserted: 0, files: [], skippedLines: [] },
  };
  for (const demo of demoCenters) {
    if (await findCenterBySlug(ctx.database.db, demo.center.slug)) {
      result.skipped.push(demo.center.slug);
      continue;
    }
    await ctx.database.transaction(async (tx) => {
      await seedCenter({ ...ctx, database: withinTransaction(ctx.database, tx) }, demo);
      if (demo.center.slug === FAQ_CENTER) {
        const load = loadDemoFaqs(options.faqDir);
        const center = await findCenterBySlug(tx, demo.center.slug);
        if (!center) throw new Error(`centre ${demo.center.slug} missing`);
        result.faqs = {
          inserted: await insertDemoFaqs(tx, ctx, center.id, load.faqs),
          files: load.files,
          skippedLines: load.skipped,
        };
        // Web inquiries, and mail settings switched off (a demo has no SMTP server: the replies wait).
        await seedDemoInquiries({ ...ctx, database: withinTransaction(ctx.database, tx) }, demo.center.slug);
      }
    });
    result.seeded.push(demo.center.slug);
  }
  if (options.extraStaff) {
    const first = demoCenters[0];
    if (!first) throw new Error('no demo centre');
    result.extraStaff = await seedExtraStaff(ctx, first.center.slug, options.extraStaff, options.progress);
  }
  return result;
}

async function seedCenter(ctx: ServiceContext, demo: DemoCenter): Promise<void> {
  const { slug } = demo.center;
  const created = await createCenter(ctx, {
    slug,
    name: demo.center.name,
    kind: demo.center.kind,
    description: demo.center.description,
  });
  await updateCenter(ctx, slug, { businessHours: demo.center.businessHours });
  for (const line of demo.lines) await addLine(ctx, slug, line);
  const existing = created.closures.map((c) => `${c.kind}:${c.start}:${c.end}`);
  for (const closure of demo.closures) {
    if (!existing.includes(`${closure.kind}:${closure.start}:${closure.end}`))
      await addClosure(ctx, slug, closure);
  }
  for (const department of demo.departments) await addDepartment(ctx, slug, department);
  for (const [index, axis] of demo.categoryAxes.entries()) {
    const added = await addCategoryAxis(ctx, slug, { key: axis.key, name: axis.name, sortOrder: index });
    for (const [order, name] of axis.categories.entries())
      await addCategory(ctx, slug, added.id, { name, sortOrder: order });
  }
  if (demo.publicSite) {
    // The public site's introduction and related contacts (the settings service edits them later).
    await ctx.database.db.insert(centerPublicSettings).values({
      centerId: created.id,
      introduction: demo.publicSite.introduction,
      relatedContacts: demo.publicSite.relatedContacts,
      inquiryFields: { ...defaultInquiryFieldModes },
    });
  }
  const center = await getCenter(ctx, slug);
  const departmentId = (name: string | undefined) => {
    if (!name) return null;
    const found = center.departments.find((d) => d.name === name);
    if (!found) throw new Error(`demo data: department ${name} missing in ${slug}`);
    return found.id;
  };
  for (const person of demo.staff) {
    const roles = person.roles.map((r) => ({ role: r.role, departmentId: departmentId(r.department) }));
    const [account] = await ctx.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.loginId, person.loginId));
    if (account) {
      // Staff shared between centres: one account, roles in each.
      await assignRoles(ctx, slug, person.loginId, roles);
    } else {
      await createStaff(
        ctx,
        slug,
        { loginId: person.loginId, displayName: person.displayName, password: demoPassword, roles },
        { systemAdmin: person.systemAdmin ?? false, mustChangePassword: false },
      );
    }
  }
}

/**
 * Adds many synthetic operators in one transaction (load tests and the crash-consistency test). They share
 * one password hash: hashing each with argon2id would make the seed minutes long without testing anything.
 */
async function seedExtraStaff(
  ctx: ServiceContext,
  slug: string,
  count: number,
  progress?: SeedProgress,
): Promise<number> {
  const center = await findCenterBySlug(ctx.database.db, slug);
  if (!center) throw new Error(`centre ${slug} missing`);
  const passwordHash = await hashPassword(demoPassword);
  const batch = 500;
  progress?.start(count, '追加のオペレーター');
  await ctx.database.transaction(async (tx) => {
    for (let offset = 0; offset < count; offset += batch) {
      const size = Math.min(batch, count - offset);
      const rows = Array.from({ length: size }, (_, i) => {
        const n = String(offset + i + 1).padStart(6, '0');
        return {
          loginId: `load-op${n}`,
          displayName: `負荷試験オペレーター${n}`,
          passwordHash,
          passwordMustChange: false,
        };
      });
      const inserted = await tx
        .insert(users)
        .values(rows)
        .onConflictDoNothing()
        .returning({ id: users.id, loginId: users.loginId });
      if (inserted.length) {
        await tx
          .insert(roleAssignments)
          .values(inserted.map((u) => ({ userId: u.id, centerId: center.id, role: 'operator' as const })));
        await tx.insert(auditEvents).values(
          inserted.map((u) => ({
            category: 'change' as const,
            action: 'staff.create',
            centerId: center.id,
            actorLoginId: ctx.actor?.loginId ?? null,
            targetType: 'user',
            targetId: u.id,
            detail: {
              loginId: u.loginId,
              roles: [{ role: 'operator', departmentId: null }],
              synthetic: true,
            },
            ip: ctx.meta.ip,
            userAgent: ctx.meta.userAgent,
          })),
        );
      }
      progress?.tick(offset + size);
    }
  });
  progress?.stop();
  return count;
}

/** Demo logins to print at start. */
export function demoLogins(): { loginId: string; displayName: string; centers: string[]; roles: string[] }[] {
  const byLogin = new Map<
    string,
    { loginId: string; displayName: string; centers: string[]; roles: string[] }
  >();
  for (const demo of demoCenters) {
    for (const person of demo.staff) {
      const entry = byLogin.get(person.loginId) ?? {
        loginId: person.loginId,
        displayName: person.displayName,
        centers: [],
        roles: [],
      };
      entry.centers.push(demo.center.slug);
      for (const r of person.roles) if (!entry.roles.includes(r.role)) entry.roles.push(r.role);
      byLogin.set(person.loginId, entry);
    }
  }
  return [...byLogin.values()];
}

export { demoPassword };
