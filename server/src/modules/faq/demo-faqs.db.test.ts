import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Center, FaqSummary } from '@madoguchi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { loadDemoFaqs } from './demo-faqs.ts';

let t: TestApp;
let editor: Client;
let iwaki: Center;
const evaluationSet = loadDemoFaqs();
const base = '/api/v1/centers/iwaki/faqs';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  iwaki = (await editor.get('/api/v1/centers/iwaki')).json();
});
afterAll(async () => {
  await t?.close();
});

async function all(query = ''): Promise<FaqSummary[]> {
  const response = await editor.get(`${base}?limit=500${query}`);
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

describe('demo FAQs', () => {
  it('seeds every FAQ of the evaluation set into iwaki, none into alkoo', async () => {
    expect(evaluationSet.skipped).toEqual([]);
    const listed = await all();
    expect(listed).toHaveLength(evaluationSet.faqs.length);
    if (evaluationSet.files.length >= 2) expect(listed.length).toBeGreaterThanOrEqual(200);
    const admin = await loginAs(t.app, 'admin');
    expect((await admin.get('/api/v1/centers/alkoo/faqs')).json().total).toBe(0);
  });

  it('maps categories by axis and name and the department by name; answers become paragraphs', async () => {
    const first = evaluationSet.faqs[0];
    if (!first) return;
    const faq = (await editor.get(`${base}/${first.faqId}`)).json();
    expect(faq.question).toBe(first.question);
    expect(faq.answer.startsWith('<p>')).toBe(true);
    const categoryNames = iwaki.categoryAxes.flatMap((a) =>
      a.categories.filter((c) => faq.categoryIds.includes(c.id)).map((c) => `${a.key}:${c.name}`),
    );
    const wanted = Object.entries(first.categories).flatMap(([axis, v]) =>
      [v ?? []].flat().map((n) => `${axis}:${n}`),
    );
    expect(categoryNames.sort()).toEqual([...new Set(wanted)].sort());
    const department = iwaki.departments.find((d) => d.id === faq.departmentId);
    expect(department?.name ?? null).toBe(first.department ?? null);
    const withDepartment = evaluationSet.faqs.filter((f) => f.department).length;
    expect((await all()).filter((f) => f.departmentId).length).toBe(withDepartment);
  });

  it('has drafts, scheduled and expired FAQs, FAQs due for review, and a weekly ranking', async () => {
    if (evaluationSet.faqs.length < 40) return;
    const listed = await all();
    const states = new Set(listed.map((f) => f.publicationState));
    expect([...states].sort()).toEqual(['draft', 'expired', 'published', 'scheduled']);
    expect(listed.filter((f) => f.publicationState === 'published').length).toBeGreaterThan(
      listed.length * 0.8,
    );
    const due = await all('&reviewDue=true');
    expect(due.length).toBeGreaterThan(0);
    expect(due.length).toBeLessThan(listed.length / 4);
    const ranking = (await editor.get('/api/v1/centers/iwaki/faq-ranking')).json();
    expect(ranking.items.length).toBeGreaterThan(5);
  });
});

describe('loading the files', () => {
  it('reads every faqs-*.jsonl in name order, skipping bad lines and repeated FAQ-IDs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-faqs-'));
    try {
      const line = (faqId: string) =>
        JSON.stringify({ faqId, question: `${faqId}の質問`, answer: '回答', categories: { field: '税金' } });
      fs.writeFileSync(path.join(dir, 'faqs-2.jsonl'), `${line('B-1')}\n{"broken"\n\n${line('A-1')}\n`);
      fs.writeFileSync(path.join(dir, 'faqs-1.jsonl'), `${line('A-1')}\n${line('bad id!')}\n`);
      fs.writeFileSync(path.join(dir, 'queries-1.jsonl'), `${line('Q-1')}\n`);
      const load = loadDemoFaqs(dir);
      expect(load.files).toEqual(['faqs-1.jsonl', 'faqs-2.jsonl']);
      expect(load.faqs.map((f) => f.faqId)).toEqual(['A-1', 'B-1']);
      expect(load.skipped).toEqual(['faqs-1.jsonl:2', 'faqs-2.jsonl:2', 'faqs-2.jsonl:4']);
      expect(loadDemoFaqs(path.join(dir, 'missing')).faqs).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
