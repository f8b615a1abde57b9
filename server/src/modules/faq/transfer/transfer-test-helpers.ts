// Helpers for the FAQ file tests: a small centre with known categories and departments, and a fingerprint of
// everything an import could write, to show that a refused or unchanged import wrote nothing.
import type { FaqImportPreview } from '@madoguchi/contracts';
import { expect } from 'vitest';
import type { Database } from '../../../platform/db/database.ts';
import type { ServiceContext } from '../../auth/actor.ts';
import {
  addCategory,
  addCategoryAxis,
  addDepartment,
  createCenter,
  getCenter,
} from '../../centers/centers.service.ts';

const weekday = { opens: '08:30', closes: '17:15' };
const hours = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: null,
  sun: null,
  holiday: null,
};

/** A centre with axes 分野 (field) and ライフイベント (life_event) and departments 市民課, 税務課. */
export async function createTransferCenter(ctx: ServiceContext, slug: string) {
  await createCenter(ctx, { slug, name: `試験センター${slug}`, kind: 'general' });
  const field = await addCategoryAxis(ctx, slug, { key: 'field', name: '分野', sortOrder: 1 });
  const life = await addCategoryAxis(ctx, slug, { key: 'life_event', name: 'ライフイベント', sortOrder: 2 });
  for (const [i, name] of ['戸籍・住民票', '税金', '髙齢者福祉'].entries())
    await addCategory(ctx, slug, field.id, { name, sortOrder: i });
  for (const [i, name] of ['引越し〜転入', '出産'].entries())
    await addCategory(ctx, slug, life.id, { name, sortOrder: i });
  for (const name of ['市民課', '税務課']) await addDepartment(ctx, slug, { name, officeHours: hours });
  return getCenter(ctx, slug);
}

/** Row counts and checksums of a centre's FAQ tables, revisions and change audit rows. */
export async function fingerprint(database: Database, slug: string) {
  const [row] = await database.query<Record<string, unknown>>(
    `select
       (select count(*) from faqs f where f.center_id = c.id) as faqs,
       (select md5(coalesce(string_agg(f::text, '|' order by f.id), '')) from faqs f where f.center_id = c.id) as faqs_md5,
       (select count(*) from faq_revisions r where r.center_id = c.id) as revisions,
       (select md5(coalesce(string_agg(x::text, '|' order by x.faq_id, x.category_id), ''))
          from faq_categories x where x.center_id = c.id) as categories_md5,
       (select md5(coalesce(string_agg(x::text, '|' order by x.faq_id, x.related_faq_id), ''))
          from faq_related x where x.center_id = c.id) as related_md5,
       (select count(*) from audit_events a where a.center_id = c.id and a.category = 'change') as change_audits
     from centers c where c.slug = $1`,
    [slug],
  );
  if (!row) throw new Error(`no centre ${slug}`);
  return row;
}

/** The fingerprint minus the audit count: an applied import adds its own audit row and nothing else. */
export async function dataFingerprint(database: Database, slug: string) {
  const { change_audits: _audits, ...rest } = await fingerprint(database, slug);
  return rest;
}

/** A UTF-8 CSV with BOM from lines (CRLF between them). */
export const csvFile = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);

/** Asserts a preview in which every row is unchanged. */
export function expectAllUnchanged(preview: FaqImportPreview, rows: number) {
  expect(preview.fileErrors).toEqual([]);
  expect(preview.rows.filter((r) => r.action !== 'unchanged').slice(0, 3)).toEqual([]);
  expect(preview.counts).toEqual({ add: 0, change: 0, delete: 0, unchanged: rows, error: 0 });
  expect(preview.canApply).toBe(true);
}
