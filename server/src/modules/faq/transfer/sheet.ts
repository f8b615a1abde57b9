import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type CsvEncoding, decodeFileText, encodeCp932 } from './encoding.ts';

// Reading and writing the grid of an FAQ file, CSV or XLSX, without knowing what the columns mean.

/** One data row of a file: its spreadsheet row number (the header is row 1) and its cells as text. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Cells that could not be read as text (an XLSX formula or error value), by column index. */
  cellErrors: { index: number; message: string }[];
}

/** A file read as a grid, or the reason it could not be. */
export type ReadSheet =
  | {
      ok: true;
      source: 'csv' | 'xlsx';
      encoding: CsvEncoding | 'utf8' | null;
      header: string[];
      rows: SheetRow[];
    }
  | { ok: false; message: string };

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/** XLSX is a zip file: known by its first bytes whatever the upload claimed. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.byteLength)).equals(ZIP_MAGIC);
}

/** CSV: CRLF between records (RFC 4180, as Excel writes), LF inside cells; UTF-8 with BOM or CP932. */
export function writeCsv(grid: readonly (readonly string[])[], encoding: CsvEncoding): Buffer {
  const text = stringify(grid as string[][], { record_delimiter: '\r\n' });
  return encoding === 'cp932' ? encodeCp932(text) : Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(text)]);
}

const quoteMessages: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: '「"」で囲んだ値の、閉じる「"」の後に区切りの「,」や改行以外の文字があります',
  INVALID_OPENING_QUOTE:
    '「"」で囲んでいない値の途中に「"」があります（値に「"」を含めるときは全体を「"」で囲み、「""」と書きます）',
  CSV_QUOTE_NOT_CLOSED: '「"」で始めた値が閉じられないままファイルが終わっています',
};

/** Reads CSV bytes (encoding sniffed) into a grid; stops at the first quoting error, naming its line. */
export function readCsv(bytes: Uint8Array): ReadSheet {
  const decoded = decodeFileText(bytes);
  if (!decoded.ok) return decoded;
  let lastLine = 0;
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(decoded.text, {
      info: true,
      relax_column_count: true,
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const reason = quoteMessages[error.code] ?? error.message;
    // An unclosed quote is only noticed at the end of the file; it opened in the record after the last good one.
    const line =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : (error as CsvError & { lines: number }).lines;
    return { ok: false, message: `CSVの形式が正しくありません（ファイルの${line}行目）: ${reason}。` };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, message: 'ファイルが空です。1行目に見出しが必要です。' };
  return {
    ok: true,
    source: 'csv',
    encoding: decoded.encoding,
    header: head.record,
    rows: body.map((r) => ({ row: r.info.records, cells: r.record, cellErrors: [] })),
  };
}

/** XLSX with one sheet: bold, frozen header; every cell text (never a formula), long text wrapped. */
export async function writeXlsx(grid: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Madoguchi';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const cells of grid) sheet.addRow([...cells]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 14 : 24;
    column.alignment = { wrapText: true, vertical: 'top' };
    // Text format keeps Excel from turning 1/0, dates or IDs like 0012 into numbers when a cell is edited.
    column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** One XLSX cell as the text a CSV would hold, or an error for what has no such text. */
function cellText(value: ExcelJS.CellValue): string | { error: string } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // Excel date cells carry no time zone: exceljs reads them as UTC wall-clock time, which is the JST shown.
    const d = value;
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return d.getUTCSeconds() ? `${date} ${time}:${pad(d.getUTCSeconds())}` : `${date} ${time}`;
  }
  if ('formula' in value || 'sharedFormula' in value)
    return { error: '数式のセルは取り込めません。値として貼り付けてください' };
  if ('error' in value) return { error: `エラー値（${value.error}）のセルは取り込めません` };
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  return { error: 'このセルの値は取り込めません' };
}

/** Reads the first worksheet of an XLSX file into a grid; row 1 is the header. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return {
      ok: false,
      message: 'Excelファイル（.xlsx）として読めません。ファイルが壊れていないか確認してください。',
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0)
    return { ok: false, message: 'ファイルが空です。1行目に見出しが必要です。' };
  const rows: SheetRow[] = [];
  let header: string[] | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const cellErrors: SheetRow['cellErrors'] = [];
    // Up to the row's own last cell: a sheet formatted out to column XFD must not cost 16,384 cells a row.
    for (let i = 0; i < row.cellCount; i++) {
      const text = cellText(row.getCell(i + 1).value);
      if (typeof text === 'string') cells.push(text);
      else {
        cells.push('');
        cellErrors.push({ index: i, message: text.error });
      }
    }
    if (rowNumber === 1) header = cells;
    else rows.push({ row: rowNumber, cells, cellErrors });
  });
  if (!header) return { ok: false, message: '1行目に見出しがありません。' };
  // Trailing empty header cells come from formatting applied to whole columns, not from data.
  const head = header as string[];
  while (head.length && !head.at(-1)?.trim()) head.pop();
  return { ok: true, source: 'xlsx', encoding: null, header: head, rows };
}
