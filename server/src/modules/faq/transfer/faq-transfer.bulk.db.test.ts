// A whole FAQ database of 6,000 rows with the characters that trip Shift_JIS: added from a generated file,
// exported and re-imported unchanged in UTF-8 and in CP932 without one write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineContext } from '../../../main.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { ServiceContext } from '../../auth/actor.ts';
import { getFaq } from '../faq.service.ts';
import { exportFaqs, importFaqs } from './faq-transfer.service.ts';
import { readCsv } from './sheet.ts';
import {
  createTransferCenter,
  csvFile,
  dataFingerprint,
  expectAllUnchanged,
  fingerprint,
} from './transfer-test-helpers.ts';

const ROWS = 6000;
let t: TestApp;
let ctx: ServiceContext;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  ctx = commandLineContext(t.database, t.config);
  await createTransferCenter(ctx, 'bulk');
});
afterAll(async () => {
  await t?.close();
});

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

function generatedFile(): Buffer {
  const lines = [
    'FAQ-ID,質問,回答,言い換え,キーワード,分野,ライフイベント,所管課,関連FAQ,関連URL,内部メモ,公開,公開開始,公開終了,最終確認日,削除',
  ];
  for (let i = 1; i <= ROWS; i++) {
    const id = `B-${String(i).padStart(5, '0')}`;
    const cells = [
      id,
      `髙﨑①の手続き〜その${i}`,
      `<p>受付は9:00〜17:00、−${i}円（${i % 2 ? '市民課' : '税務課'}）</p>`,
      `髙﨑の件${i}\n①番窓口`,
      `キーワード${i % 50}`,
      ['戸籍・住民票', '税金', '髙齢者福祉\n税金'][i % 3] as string,
      i % 4 ? '' : '引越し〜転入',
      i % 5 ? '市民課' : '税務課',
      // Related FAQs both backwards and forwards in the file.
      i > 1 && i < ROWS ? `B-${String(i - 1).padStart(5, '0')}\nB-${String(i + 1).padStart(5, '0')}` : '',
      i % 7 ? '' : `手続き案内|https://example.jp/p/${i}`,
      i % 3 ? '' : `'=HYPERLINK("x") 内線${i}`,
      i % 6 ? '公開' : '非公開',
      i % 10 ? '' : '2027-04-01 09:00',
      i % 20 ? '' : '2028-03-31 17:15',
      '',
      '',
    ];
    lines.push(cells.map(quote).join(','));
  }
  return csvFile(lines);
}

describe(`${ROWS} FAQs`, () => {
  it('adds them from a file, and re-imports their UTF-8 and CP932 exports without a single write', async () => {
    const timings: Record<string, number> = {};
    let started = performance.now();
    const added = await importFaqs(ctx, 'bulk', generatedFile(), { apply: true });
    timings.add = performance.now() - started;
    expect(added.counts).toEqual({ add: ROWS, change: 0, delete: 0, unchanged: 0, error: 0 });
    const sample = await getFaq(ctx, 'bulk', 'B-00012', { countView: false });
    expect(sample).toMatchObject({
      question: '髙﨑①の手続き〜その12',
      answer: '<p>受付は9:00〜17:00、−12円（税務課）</p>',
      relatedFaqIds: ['B-00011', 'B-00013'],
      internalNotes: '=HYPERLINK("x") 内線12',
      published: false,
    });

    const before = await fingerprint(t.database, 'bulk');
    expect(Number(before.faqs)).toBe(ROWS);
    for (const encoding of ['utf8bom', 'cp932'] as const) {
      started = performance.now();
      const file = await exportFaqs(ctx, 'bulk', { format: 'csv', encoding });
      timings[`export ${encoding}`] = performance.now() - started;
      expect(file.rows).toBe(ROWS);
      const read = readCsv(file.body);
      expect(read.ok && read.encoding).toBe(encoding);

      started = performance.now();
      expectAllUnchanged(await importFaqs(ctx, 'bulk', file.body, { apply: false }), ROWS);
      timings[`preview ${encoding}`] = performance.now() - started;
      started = performance.now();
      expectAllUnchanged(await importFaqs(ctx, 'bulk', file.body, { apply: true }), ROWS);
      timings[`apply ${encoding}`] = performance.now() - started;
    }
    // Nothing written but the two imports' own audit rows: 〜 and − stored as they were, not as ～ and －.
    expect(await dataFingerprint(t.database, 'bulk')).toEqual({
      ...before,
      change_audits: undefined,
    });
    expect(Number((await fingerprint(t.database, 'bulk')).change_audits)).toBe(
      Number(before.change_audits) + 2,
    );
    expect((await getFaq(ctx, 'bulk', 'B-00012', { countView: false })).question).toBe(
      '髙﨑①の手続き〜その12',
    );
    console.info(
      `${ROWS} rows on ${t.database.kind}: ${Object.entries(timings)
        .map(([k, v]) => `${k} ${Math.round(v)} ms`)
        .join(', ')}`,
    );
  }, 120_000);
});
