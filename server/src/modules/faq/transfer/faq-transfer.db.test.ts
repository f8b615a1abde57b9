import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineContext } from '../../../main.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import type { ServiceContext } from '../../auth/actor.ts';
import { createFaq, getFaq, listFaqRevisions, updateFaq } from '../faq.service.ts';
import { Cp932ExportRefused, exportFaqs, FaqImportRefused, importFaqs } from './faq-transfer.service.ts';
import { readCsv, readXlsx, writeXlsx } from './sheet.ts';
import {
  createTransferCenter,
  csvFile,
  dataFingerprint,
  expectAllUnchanged,
  fingerprint,
} from './transfer-test-helpers.ts';

let t: TestApp;
let ctx: ServiceContext;

beforeAll(async () => {
  t = await createTestApp();
  ctx = commandLineContext(t.database, t.config);
  await createTransferCenter(ctx, 'edit');
  await createTransferCenter(ctx, 'broken');
  for (const [faqId, question] of [
    ['K-1', '住民票の写しはどこで取れますか'],
    ['K-2', '-1から始まる質問は残りますか'],
    ['K-3', '髙﨑①の手続き〜について'],
  ] as const)
    await createFaq(ctx, 'broken', {
      faqId,
      question,
      answer: `<p>${question}の回答</p>`,
      relatedFaqIds: [],
    });
});
afterAll(async () => {
  await t?.close();
});

describe('round trip', () => {
  it('re-imports an unchanged UTF-8 export of the demo centre without changing anything', async () => {
    const file = await exportFaqs(ctx, 'iwaki', { format: 'csv' });
    expect(file.rows).toBeGreaterThan(100);
    const before = await fingerprint(t.database, 'iwaki');
    expectAllUnchanged(await importFaqs(ctx, 'iwaki', file.body, { apply: false }), file.rows);
    expectAllUnchanged(await importFaqs(ctx, 'iwaki', file.body, { apply: true }), file.rows);
    const after = await fingerprint(t.database, 'iwaki');
    expect({ ...after, change_audits: null }).toEqual({ ...before, change_audits: null });
    // The import's own audit row is the only thing written.
    expect(Number(after.change_audits)).toBe(Number(before.change_audits) + 1);
  });

  it('keeps 髙 﨑 ① 〜 − and formula-like text through CP932 and through XLSX', async () => {
    const faq = await getFaq(ctx, 'iwaki', 'FAQ-000003', { countView: false }).catch(() => null);
    const target = faq ?? (await createFaq(ctx, 'iwaki', { question: 'q', answer: 'a' }));
    await updateFaq(ctx, 'iwaki', target.faqId, {
      version: target.version,
      question: '=髙﨑①の手続き〜受付は9:00〜17:00',
      answer: '<p>−100円、髙﨑①、〜まで</p>',
      altPhrasings: ['+81 からの電話', '@メンション'],
      internalNotes: '-内線1234\n=SUM(A1)',
    });
    const before = await dataFingerprint(t.database, 'iwaki');
    for (const options of [{ format: 'csv', encoding: 'cp932' }, { format: 'xlsx' }] as const) {
      const file = await exportFaqs(ctx, 'iwaki', options);
      expectAllUnchanged(await importFaqs(ctx, 'iwaki', file.body, { apply: true }), file.rows);
    }
    expect(await dataFingerprint(t.database, 'iwaki')).toEqual(before);
    const after = await getFaq(ctx, 'iwaki', target.faqId, { countView: false });
    expect(after.question).toBe('=髙﨑①の手続き〜受付は9:00〜17:00');
    expect(after.internalNotes).toBe('-内線1234\n=SUM(A1)');
  });

  it('writes formula-like cells with a leading quote in the file', async () => {
    const file = await exportFaqs(ctx, 'broken', { format: 'csv' });
    const read = readCsv(file.body);
    expect(read.ok && read.rows.find((r) => r.cells[0] === 'K-2')?.cells[1]).toBe(
      "'-1から始まる質問は残りますか",
    );
  });
});

describe('CP932 refusal', () => {
  it('refuses a CP932 export naming the rows, columns and characters it cannot hold, and UTF-8 still works', async () => {
    await createFaq(ctx, 'edit', {
      faqId: 'E-OUGAI',
      question: '森鷗外記念館の場所',
      answer: '<p>𠮷野家の隣😀</p>',
    });
    await createFaq(ctx, 'edit', {
      faqId: 'E-HAGASU',
      question: 'シールを剝がしたい',
      answer: '<p>〜 − は書けます</p>',
    });
    const error = await exportFaqs(ctx, 'edit', { format: 'csv', encoding: 'cp932' }).catch((e) => e);
    expect(error).toBeInstanceOf(Cp932ExportRefused);
    const problems = (error as Cp932ExportRefused).problems;
    expect(problems).toEqual([
      { row: 2, faqId: 'E-HAGASU', column: '質問', characters: ['剝'] },
      { row: 3, faqId: 'E-OUGAI', column: '質問', characters: ['鷗'] },
      { row: 3, faqId: 'E-OUGAI', column: '回答', characters: ['𠮷', '😀'] },
    ]);
    expect(error.message).toContain('3行目（E-OUGAI）回答: 𠮷 😀');
    expect(error.message).toContain('UTF-8');
    const utf8 = await exportFaqs(ctx, 'edit', { format: 'csv' });
    expect(utf8.body.toString('utf8')).toContain('森鷗外記念館');
  });
});

describe('add, change and delete by file', () => {
  it('previews and applies adds, changes and deletes, naming the changed columns', async () => {
    await importFaqs(
      ctx,
      'edit',
      csvFile([
        'FAQ-ID,質問,回答,分野,所管課',
        'A-1,住民票の写し,<p>市民課へ</p>,戸籍・住民票,市民課',
        'A-2,消す予定,<p>消します</p>,,',
        'A-3,そのまま,<p>変えません</p>,税金,税務課',
      ]),
      { apply: true },
    );
    const file = csvFile([
      'faq_id,question,answer,field,department,related_faqs,published,delete',
      'A-1,住民票の写し（コンビニ交付）,<p>市民課へ</p>,戸籍・住民票\n税金,市民課,A-4,公開,',
      'A-2,消す予定,<p>消します</p>,,,,非公開,1',
      'A-3,そのまま,<p>変えません</p>,税金,税務課,,非公開,',
      'A-4,新しい質問,新しい回答です,,,A-1,true,',
      ',FAQ-IDなしの質問,回答,,,,0,',
    ]);
    const preview = await importFaqs(ctx, 'edit', file, { apply: false });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((r) => [r.row, r.faqId, r.action, r.changedFields])).toEqual([
      [2, 'A-1', 'change', ['question', 'field', 'related_faqs', 'published']],
      [3, 'A-2', 'delete', []],
      [4, 'A-3', 'unchanged', []],
      [5, 'A-4', 'add', []],
      [6, null, 'add', []],
    ]);
    expect(preview.counts).toEqual({ add: 2, change: 1, delete: 1, unchanged: 1, error: 0 });
    const applied = await importFaqs(ctx, 'edit', file, { apply: true });
    expect(applied).toEqual(preview);

    const a1 = await getFaq(ctx, 'edit', 'A-1', { countView: false });
    expect(a1).toMatchObject({
      question: '住民票の写し（コンビニ交付）',
      relatedFaqIds: ['A-4'],
      published: true,
    });
    expect(a1.categoryIds).toHaveLength(2);
    expect((await listFaqRevisions(ctx, 'edit', 'A-1'))[0]).toMatchObject({ action: 'import' });
    await expect(getFaq(ctx, 'edit', 'A-2', { countView: false })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await getFaq(ctx, 'edit', 'A-4', { countView: false })).toMatchObject({
      answer: '<p>新しい回答です</p>',
      relatedFaqIds: ['A-1'],
      published: true,
    });
    // The row without an FAQ-ID got the next FAQ-nnnnnn.
    const exported = readCsv((await exportFaqs(ctx, 'edit', { format: 'csv' })).body);
    expect(exported.ok && exported.rows.map((r) => r.cells[0])).toContain('FAQ-000001');
  });

  it('updates only question and answer from the minimum file faq_id,question,answer', async () => {
    const before = await getFaq(ctx, 'edit', 'A-3', { countView: false });
    const preview = await importFaqs(
      ctx,
      'edit',
      Buffer.from('faq_id,question,answer\nA-3,そのまま（改）,<p>変えません</p>\n'),
      { apply: true },
    );
    expect(preview.rows).toEqual([
      { row: 2, faqId: 'A-3', action: 'change', changedFields: ['question'], errors: [] },
    ]);
    const after = await getFaq(ctx, 'edit', 'A-3', { countView: false });
    expect(after).toMatchObject({
      question: 'そのまま（改）',
      categoryIds: before.categoryIds,
      departmentId: before.departmentId,
    });
  });

  it('round-trips an XLSX file edited like Excel does (a real date cell, numbers)', async () => {
    const file = await exportFaqs(ctx, 'edit', { format: 'xlsx' });
    const read = await readXlsx(file.body);
    if (!read.ok) throw new Error(read.message);
    const grid = [read.header, ...read.rows.map((r) => r.cells)];
    const a3 = grid.findIndex((cells) => cells[0] === 'A-3');
    const edited = await writeXlsx(grid, 'FAQ');
    // Re-open and put a date cell and a number where Excel would.
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(edited as never);
    const sheet = workbook.worksheets[0]!;
    const column = (label: string) => read.header.indexOf(label) + 1;
    // Typing a date into a cell makes Excel store a serial number with a date format.
    const start = sheet.getRow(a3 + 1).getCell(column('公開開始'));
    start.value = new Date(Date.UTC(2027, 3, 1, 9, 0));
    // (A style of its own: cells of a column share one style object in exceljs.)
    start.style = { ...start.style, numFmt: 'yyyy/m/d h:mm' };
    sheet.getRow(a3 + 1).getCell(column('公開')).value = 1;
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await importFaqs(ctx, 'edit', bytes, { apply: true });
    expect(preview.rows.find((r) => r.faqId === 'A-3')).toMatchObject({
      action: 'change',
      changedFields: ['公開', '公開開始'],
    });
    expect(await getFaq(ctx, 'edit', 'A-3', { countView: false })).toMatchObject({
      published: true,
      publishStart: '2027-04-01T00:00:00.000Z',
    });
  });
});

describe('broken files', () => {
  async function expectRefused(file: Buffer) {
    const before = await fingerprint(t.database, 'broken');
    const preview = await importFaqs(ctx, 'broken', file, { apply: false });
    expect(preview.canApply).toBe(false);
    const error = await importFaqs(ctx, 'broken', file, { apply: true }).catch((e) => e);
    expect(error).toBeInstanceOf(FaqImportRefused);
    expect((error as FaqImportRefused).preview).toEqual(preview);
    expect(await fingerprint(t.database, 'broken')).toEqual(before);
    return preview;
  }

  it('reports bad quoting with the line', async () => {
    const preview = await expectRefused(
      Buffer.from('faq_id,question,answer\nK-1,ok,ok\nK-2,"閉じた後に"文字,ok\nK-3,x,y\n'),
    );
    expect(preview.fileErrors).toEqual([
      expect.stringMatching(/^CSVの形式が正しくありません（ファイルの3行目）/),
    ]);
    expect(preview.rows).toEqual([]);
  });

  it('reports a tab-separated file as not comma-separated', async () => {
    const preview = await expectRefused(Buffer.from('FAQ-ID\t質問\t回答\nK-1\tq\ta\n'));
    expect(preview.fileErrors).toEqual([expect.stringContaining('区切りがカンマではない')]);
  });

  it('reports a missing required column', async () => {
    const preview = await expectRefused(csvFile(['FAQ-ID,質問', 'K-1,質問だけ']));
    expect(preview.fileErrors).toEqual([expect.stringContaining('必須の列「回答」（answer）がありません')]);
  });

  it('reports a file that is neither UTF-8 nor Shift_JIS', async () => {
    const bytes = Buffer.concat([
      iconv.encode('FAQ-ID,質問,回答\nK-1,', 'cp932'),
      Buffer.from([0x85, 0x40, 0xff]),
      Buffer.from(',x\n'),
    ]);
    const preview = await expectRefused(bytes);
    expect(preview.fileErrors).toEqual([expect.stringMatching(/文字コードを判定できません.*2行目/)]);
  });

  it('lists every row problem with its row and column', async () => {
    const preview = await expectRefused(
      csvFile([
        'FAQ-ID,質問,回答,分野,所管課,関連FAQ,公開,公開開始,削除',
        'K-1,住民票の写し（改）,<p>回答</p>,戸籍・住民票,市民課,K-404,公開,,',
        'K-2,質問,<p>回答</p>,福祉,存在しない課,,はい,2027-02-30 10:00,',
        'K-3,質問,<p>回答</p>,,,,公開,,',
        'K-3,同じIDの2行目,<p>回答</p>,,,,公開,,',
        'K-999,ない,<p>ない</p>,,,,公開,,1',
        'bad id!,質問,<p>回答</p>,,,,公開,,',
        'K-5,,<p>回答</p>,,,,公開,,',
      ]),
    );
    expect(preview.fileErrors).toEqual([]);
    const problems = preview.rows.flatMap((r) => r.errors.map((e) => [r.row, e.column, e.message]));
    expect(problems).toEqual([
      [2, '関連FAQ', '関連FAQ「K-404」というFAQ-IDのFAQはありません。'],
      [3, '分野', expect.stringContaining('カテゴリ「福祉」は分類「分野」にありません')],
      [3, '所管課', expect.stringContaining('所管課「存在しない課」はこのセンターに登録されていません')],
      [3, '公開', expect.stringContaining('「はい」は公開の値として読めません')],
      [3, '公開開始', expect.stringContaining('「2027-02-30 10:00」は日時として読めません')],
      [4, 'FAQ-ID', expect.stringContaining('FAQ-ID「K-3」が5行目にもあります')],
      [5, 'FAQ-ID', expect.stringContaining('FAQ-ID「K-3」が4行目にもあります')],
      [6, '削除', 'FAQ-ID「K-999」のFAQはないため削除できません。'],
      [7, 'FAQ-ID', expect.stringContaining('「bad id!」はFAQ-IDにできません')],
      [8, '質問', '質問を入力してください'],
    ]);
    expect(preview.counts).toMatchObject({ error: 7, change: 0, add: 0 });
  });

  it('writes nothing when the last row fails at write time (all or nothing)', async () => {
    // A database trigger refuses one question: the last row passes the preview and fails in the write.
    await t.database.exec(`
      create function transfer_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.question like '%書き込み拒否%' then raise exception 'refused by the test trigger'; end if;
        if new.question like '%競合%' then raise exception 'as if taken meanwhile' using errcode = 'unique_violation'; end if;
        return new;
      end $$;
      create trigger transfer_test_refuse before insert or update on faqs
        for each row execute function transfer_test_refuse();`);
    try {
      const before = await fingerprint(t.database, 'broken');
      const file = csvFile([
        'FAQ-ID,質問,回答,削除',
        'K-1,住民票の写し（変更）,<p>回答</p>,',
        'K-2,,,1',
        'K-10,新規1,<p>回答</p>,',
        'K-11,新規2,<p>回答</p>,',
        'K-3,書き込み拒否される質問,<p>回答</p>,',
      ]);
      const preview = await importFaqs(ctx, 'broken', file, { apply: false });
      expect(preview.counts).toEqual({ add: 2, change: 2, delete: 1, unchanged: 0, error: 0 });
      const error = await importFaqs(ctx, 'broken', file, { apply: true }).catch((e) => e);
      expect(`${error.message} ${error.cause?.message}`).toMatch(/refused by the test trigger/);
      expect(await fingerprint(t.database, 'broken')).toEqual(before);

      // A write the FAQ service refuses as a conflict: 409, with the row named in the preview.
      const conflicting = csvFile([
        'FAQ-ID,質問,回答',
        'K-1,住民票の写し（変更）,<p>回答</p>',
        'K-3,競合する質問,<p>回答</p>',
      ]);
      const refused = await importFaqs(ctx, 'broken', conflicting, { apply: true }).catch((e) => e);
      expect(refused).toBeInstanceOf(FaqImportRefused);
      expect(refused.code).toBe('conflict');
      expect((refused as FaqImportRefused).preview.rows.map((r) => [r.row, r.action])).toEqual([
        [2, 'change'],
        [3, 'error'],
      ]);
      expect(await fingerprint(t.database, 'broken')).toEqual(before);
    } finally {
      await t.database.exec(
        'drop trigger transfer_test_refuse on faqs; drop function transfer_test_refuse();',
      );
    }
  });
});
