// Demo FAQs for the iwaki centre, read from the search evaluation set (bench/search-eval/faqs-*.jsonl) so that
// the demo and the search benchmark share one body of municipal FAQs. Inserted in bulk through insertFaqs, with
// their revisions and audit rows: every test file seeds the demo, and 300 FAQs through createFaq one by one would
// cost seconds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { faqIdSchema } from '@madoguchi/contracts';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { categories, categoryAxes, departments, faqs, faqViewCounts } from '../../platform/db/schema.ts';
import type { ServiceContext } from '../auth/actor.ts';
import { addDays, jstDate } from '../centers/calendar.ts';
import { answerHtmlFromText } from './answer-html.ts';
import { insertFaqs, type NewFaq } from './faq.service.ts';
import { notifyFaqChanged } from './notify.ts';
import { lastCompleteWeek } from './weeks.ts';

/** Where the evaluation set's FAQ files live. */
export const demoFaqDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../bench/search-eval',
);

const demoFaqLine = z.object({
  faqId: faqIdSchema,
  question: z.string().trim().min(1).max(500),
  answer: z.string().trim().min(1),
  altPhrasings: z.array(z.string().trim().min(1).max(200)).default([]),
  keywords: z.array(z.string().trim().min(1).max(50)).default([]),
  categories: z
    .object({
      field: z.union([z.string(), z.array(z.string())]).optional(),
      life_event: z.array(z.string()).default([]),
      keyword: z.array(z.string()).default([]),
    })
    .catchall(z.union([z.string(), z.array(z.string())]))
    .default({ life_event: [], keyword: [] }),
  department: z.string().trim().nullable().optional(),
});
export type DemoFaq = z.infer<typeof demoFaqLine>;

/** What the loader found, to report at seed time. */
export interface DemoFaqLoad {
  files: string[];
  faqs: DemoFaq[];
  /** Lines that did not parse or repeated an FAQ-ID (file:line). */
  skipped: string[];
}

/** Reads every `faqs-*.jsonl` in `dir` (in name order); a missing directory gives no FAQs. */
export function loadDemoFaqs(dir = demoFaqDir): DemoFaqLoad {
  const result: DemoFaqLoad = { files: [], faqs: [], skipped: [] };
  if (!fs.existsSync(dir)) return result;
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^faqs-.*\.jsonl$/.test(f))
    .sort();
  const seen = new Set<string>();
  for (const file of files) {
    result.files.push(file);
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (!line.trim()) continue;
      let parsed: DemoFaq;
      try {
        parsed = demoFaqLine.parse(JSON.parse(line));
      } catch {
        result.skipped.push(`${file}:${index + 1}`);
        continue;
      }
      if (seen.has(parsed.faqId)) {
        result.skipped.push(`${file}:${index + 1}`);
        continue;
      }
      seen.add(parsed.faqId);
      result.faqs.push(parsed);
    }
  }
  return result;
}

const DAY_MS = 86_400_000;

/**
 * Publication and review of the n-th demo FAQ: most published and reviewed within the year; a few drafts,
 * scheduled and expired ones, and some not reviewed for 13 months (the review-due list has work in it).
 */
function demoState(n: number, now: Date) {
  const days = (d: number) => new Date(now.getTime() + d * DAY_MS);
  const createdAt = days(-420 + (n % 30));
  let published = true;
  let publishStart: Date | null = null;
  let publishEnd: Date | null = null;
  if (n % 23 === 5) published = false;
  else if (n % 29 === 7) publishStart = days(10 + (n % 20));
  else if (n % 31 === 11) {
    publishStart = days(-200);
    publishEnd = days(-3 - (n % 10));
  }
  const lastReviewedAt = n % 9 === 4 ? days(-395 - (n % 20)) : days(-(n * 7) % 330);
  return { createdAt, published, publishStart, publishEnd, lastReviewedAt };
}

/**
 * Inserts the demo FAQs into a centre inside the caller's transaction: categories by axis key and name,
 * department by name (unknown names are left out), answers as paragraphs, a `create` revision and an audit row
 * each, and some views over the last two weeks so that the weekly ranking has something to show.
 */
export async function insertDemoFaqs(
  tx: Executor,
  ctx: ServiceContext,
  centerId: string,
  items: DemoFaq[],
): Promise<number> {
  if (!items.length) return 0;
  const now = ctx.now();
  const axisRows = await tx
    .select({ key: categoryAxes.key, id: categories.id, name: categories.name })
    .from(categories)
    .innerJoin(categoryAxes, eq(categoryAxes.id, categories.axisId))
    .where(eq(categories.centerId, centerId));
  const categoryId = new Map(axisRows.map((r) => [`${r.key}:${r.name}`, r.id]));
  const departmentRows = await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.centerId, centerId));
  const departmentId = new Map(departmentRows.map((d) => [d.name, d.id]));

  const rows = items.map((item, n): NewFaq => {
    const state = demoState(n, now);
    const names = Object.entries(item.categories).flatMap(([axis, value]) =>
      [value ?? []].flat().map((name) => `${axis}:${name}`),
    );
    return {
      faqId: item.faqId,
      content: {
        question: item.question,
        answer: answerHtmlFromText(item.answer),
        altPhrasings: item.altPhrasings,
        keywords: item.keywords,
        categoryIds: [...new Set(names.flatMap((name) => categoryId.get(name) ?? []))],
        departmentId: item.department ? (departmentId.get(item.department) ?? null) : null,
        relatedFaqIds: [],
        relatedUrls: [],
        internalNotes: '',
        published: state.published,
        publishStart: state.publishStart?.toISOString() ?? null,
        publishEnd: state.publishEnd?.toISOString() ?? null,
      },
      createdAt: state.createdAt,
      lastReviewedAt: state.lastReviewedAt,
    };
  });
  // The loader, not a staff member, makes them: no user on the rows, revisions and audit rows.
  const loader: ServiceContext = { ...ctx, actor: ctx.actor && { ...ctx.actor, userId: null } };
  const { rows: created } = await insertFaqs(tx, loader, centerId, rows, {
    action: 'create',
    auditDetail: (row) => ({ faqId: row.faqCode, revision: row.version, demo: true }),
    // The whole centre is announced below.
    notify: false,
  });
  const viewBatch = 100;
  for (let offset = 0; offset < created.length; offset += viewBatch)
    await insertDemoViews(tx, centerId, created.slice(offset, offset + viewBatch), offset, now);
  const all = await tx.select({ id: faqs.id }).from(faqs).where(eq(faqs.centerId, centerId));
  await notifyFaqChanged(
    tx,
    centerId,
    all.map((r) => r.id),
  );
  return created.length;
}

/** A deterministic spread of views over the last complete week and this one, weighted to the first FAQs. */
async function insertDemoViews(
  tx: Executor,
  centerId: string,
  created: { id: string; published: boolean }[],
  offset: number,
  now: Date,
) {
  const lastWeek = lastCompleteWeek(now);
  const today = jstDate(now);
  const views = created.flatMap((row, i) => {
    const n = offset + i;
    if (!row.published || n % 3 !== 0) return [];
    const base = Math.max(1, 60 - (n % 97));
    return [0, 2, 4].flatMap((d) => {
      const day = addDays(lastWeek, d + (n % 3));
      if (day > today) return [];
      return [
        { centerId, faqId: row.id, day, channel: 'console' as const, views: base + d },
        { centerId, faqId: row.id, day, channel: 'public' as const, views: Math.ceil(base / 2) + (n % 5) },
      ];
    });
  });
  if (views.length) await tx.insert(faqViewCounts).values(views);
}
