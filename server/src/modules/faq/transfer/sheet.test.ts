import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { looksLikeXlsx, readCsv, readXlsx, writeCsv, writeXlsx } from './sheet.ts';

const grid = [
  ['FAQ-ID', '質問', '回答'],
  ['A-1', '住民票は\n"どこで"取れますか', '<p>市民課, 支所</p>'],
  ['A-2', "'=SUM(A1)", '髙﨑①〜'],
];

describe('CSV', () => {
  it('writes UTF-8 with BOM and CRLF records, and reads it back', () => {
    const bytes = writeCsv(grid, 'utf8bom');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\nA-1,');
    const read = readCsv(bytes);
    expect(read).toMatchObject({ ok: true, encoding: 'utf8bom', header: grid[0] });
    if (read.ok) expect(read.rows.map((r) => r.cells)).toEqual(grid.slice(1));
  });

  it('numbers rows as a spreadsheet shows them, multi-line cells and blank lines included', () => {
    const read = readCsv(Buffer.from('a,b\r\n1,"x\ny"\r\n\r\n2,z\r\n'));
    expect(read.ok && read.rows.map((r) => [r.row, r.cells])).toEqual([
      [2, ['1', 'x\ny']],
      [3, ['']],
      [4, ['2', 'z']],
    ]);
  });

  it('writes CP932 that reads back as CP932', () => {
    const read = readCsv(writeCsv(grid, 'cp932'));
    expect(read).toMatchObject({ ok: true, encoding: 'cp932' });
    if (read.ok) expect(read.rows[1]?.cells[2]).toBe('髙﨑①～');
  });

  it('reports a stray quote with its line number', () => {
    const read = readCsv(Buffer.from('faq_id,question,answer\nA-1,ok,ok\nA-2,"bad"x,ok\n'));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/ファイルの3行目.*閉じる「"」の後/) });
  });

  it('reports a quote that is never closed at the line where it opened', () => {
    const read = readCsv(Buffer.from('faq_id,question,answer\nA-1,ok,ok\nA-2,"open,ok\nA-3,x,y\n'));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/ファイルの3行目.*閉じられない/) });
  });

  it('reports a quote in the middle of an unquoted value', () => {
    const read = readCsv(Buffer.from('faq_id,question,answer\nA-1,say "hi",ok\n'));
    expect(read).toEqual({ ok: false, message: expect.stringMatching(/ファイルの2行目.*途中に「"」/) });
  });

  it('refuses a file that is neither UTF-8 nor CP932', () => {
    const bytes = Buffer.concat([iconv.encode('faq_id,question\n', 'cp932'), Buffer.from([0xa0, 0x0a])]);
    expect(readCsv(bytes)).toMatchObject({ ok: false, message: expect.stringContaining('文字コード') });
  });
});

describe('XLSX', () => {
  it('writes a workbook that reads back cell for cell', async () => {
    const bytes = await writeXlsx(grid, 'FAQ');
    expect(looksLikeXlsx(bytes)).toBe(true);
    const read = await readXlsx(bytes);
    expect(read).toMatchObject({ ok: true, source: 'xlsx', header: grid[0] });
    if (read.ok)
      expect(read.rows.map((r) => [r.row, r.cells])).toEqual([
        [2, grid[1]],
        [3, grid[2]],
      ]);
  });

  it('reports a formula cell instead of importing its cached result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('FAQ');
    sheet.addRow(['FAQ-ID', '質問', '回答']);
    sheet.addRow(['A-1', { formula: 'CONCAT("a","b")', result: 'ab' }, '回答']);
    const read = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(read.ok && read.rows[0]).toEqual({
      row: 2,
      cells: ['A-1', '', '回答'],
      cellErrors: [{ index: 1, message: expect.stringContaining('数式のセルは取り込めません') }],
    });
  });

  it('refuses bytes that are not a workbook', async () => {
    expect(await readXlsx(Buffer.from('PK\x03\x04not a zip'))).toMatchObject({ ok: false });
  });
});
