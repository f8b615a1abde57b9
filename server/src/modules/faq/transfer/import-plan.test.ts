import type { Faq } from '@madoguchi/contracts';
import { describe, expect, it } from 'vitest';
import { cp932RoundTrip } from './encoding.ts';
import { columnsOf, lookupOf, mapHeader, readRow, type Vocabulary } from './faq-table.ts';
import { planImport } from './import-plan.ts';

const vocabulary: Vocabulary = { axes: [], departments: [] };
const columns = columnsOf(vocabulary);

const stored = (faqId: string, question: string, extra: Partial<Faq> = {}): Faq => ({
  id: `00000000-0000-4000-8000-${faqId.replace(/\D/g, '').padStart(12, '0')}`,
  faqId,
  version: 3,
  question,
  answer: '<p>回答</p>',
  altPhrasings: [],
  keywords: [],
  categoryIds: [],
  departmentId: null,
  relatedFaqIds: [],
  relatedUrls: [],
  internalNotes: '',
  published: false,
  publishStart: null,
  publishEnd: null,
  publicationState: 'draft',
  attachments: [],
  lastReviewedAt: null,
  lastReviewedBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: null,
  ...extra,
});

function plan(lines: string[][], existing: Faq[], fold = (s: string) => s) {
  const [head, ...rows] = lines;
  const header = mapHeader(head ?? [], columns);
  const requests = rows.map((cells, i) =>
    readRow({ row: i + 2, cells, cellErrors: [] }, header, lookupOf(vocabulary, fold)),
  );
  return planImport(requests, {
    header,
    existing: new Map(existing.map((f) => [f.faqId, f])),
    deletedIds: new Set(['GONE-1']),
    vocabulary,
    fold,
  });
}

describe('planImport', () => {
  it('treats a CP932 cell equal to the stored text after the mapping as unchanged', () => {
    const existing = [stored('A-1', '9:00〜17:00の受付')];
    const header = ['faq_id', 'question', 'answer'];
    expect(
      plan([header, ['A-1', '9:00～17:00の受付', '<p>回答</p>']], existing, cp932RoundTrip).rows[0]?.action,
    ).toBe('unchanged');
    // Read as UTF-8, the same cell is a change: the file could have said 〜.
    expect(plan([header, ['A-1', '9:00～17:00の受付', '<p>回答</p>']], existing).rows[0]?.action).toBe(
      'change',
    );
  });

  it('lets related FAQs name FAQs added later in the file, not deleted ones or the FAQ itself', () => {
    const result = plan(
      [
        ['faq_id', 'question', 'answer', 'related_faqs', 'delete'],
        ['N-1', '新1', '回答', 'N-2', ''],
        ['N-2', '新2', '回答', 'N-1', ''],
        ['A-1', '', '', '', '1'],
        ['N-3', '新3', '回答', 'A-1\nN-3\nGONE-1', ''],
      ],
      [stored('A-1', '質問')],
    );
    expect(result.rows.map((r) => r.action)).toEqual(['add', 'add', 'delete', 'error']);
    expect(result.rows[3]?.errors.map((e) => e.message)).toEqual([
      '関連FAQ「A-1」はこのファイルで削除されます。',
      'FAQ自身（N-3）は関連FAQにできません。',
      '関連FAQ「GONE-1」というFAQ-IDのFAQはありません。',
    ]);
    expect(result.operations).toHaveLength(3);
  });

  it('refuses reusing the FAQ-ID of a deleted FAQ and deleting it again', () => {
    const result = plan(
      [
        ['faq_id', 'question', 'answer', 'delete'],
        ['GONE-1', '復活', '回答', ''],
      ],
      [],
    );
    expect(result.rows[0]?.errors[0]?.message).toContain('削除済みのFAQで使われています');
    const again = plan(
      [
        ['faq_id', 'question', 'answer', 'delete'],
        ['GONE-1', '', '', '削除'],
      ],
      [],
    );
    expect(again.rows[0]?.errors[0]?.message).toBe('FAQ-ID「GONE-1」のFAQは既に削除されています。');
  });

  it('carries the version read into each change, so a concurrent edit is a conflict', () => {
    const result = plan(
      [
        ['faq_id', 'question', 'answer'],
        ['A-1', '新しい質問', '<p>回答</p>'],
      ],
      [stored('A-1', '質問')],
    );
    expect(result.operations).toEqual([
      { kind: 'change', row: 2, faqId: 'A-1', patch: { question: '新しい質問', version: 3 } },
    ]);
  });

  it('refuses an answer that sanitising leaves empty', () => {
    const result = plan(
      [
        ['faq_id', 'question', 'answer'],
        ['N-9', '質問', '<script>alert(1)</script>'],
      ],
      [],
    );
    expect(result.rows[0]?.errors).toEqual([
      { column: 'answer', message: expect.stringContaining('回答に本文がありません') },
    ]);
  });
});
