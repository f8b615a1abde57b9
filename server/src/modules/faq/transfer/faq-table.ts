import type { RelatedUrl } from '@madoguchi/contracts';
import {
  formatJstDate,
  formatJstDateTime,
  formatPublished,
  formatRelatedUrls,
  joinLines,
  neutralise,
  normaliseNewlines,
  parseDeleteMark,
  parseJstDateTime,
  parsePublished,
  parseRelatedUrls,
  splitIds,
  splitLines,
  unneutralise,
} from './cells.ts';
import type { SheetRow } from './sheet.ts';

// The columns of the FAQ file and the conversion of one FAQ to a row and back. Pure: the service supplies the
// centre's category axes, categories and departments, and decides what a row does to the database.

/** The fixed columns, in file order; the category axes of the centre stand between キーワード and 所管課. */
export const fixedColumns = [
  { key: 'faq_id', label: 'FAQ-ID' },
  { key: 'question', label: '質問' },
  { key: 'answer', label: '回答' },
  { key: 'alt_phrasings', label: '言い換え' },
  { key: 'keywords', label: 'キーワード' },
  { key: 'department', label: '所管課' },
  { key: 'related_faqs', label: '関連FAQ' },
  { key: 'related_urls', label: '関連URL' },
  { key: 'internal_notes', label: '内部メモ' },
  { key: 'published', label: '公開' },
  { key: 'publish_start', label: '公開開始' },
  { key: 'publish_end', label: '公開終了' },
  { key: 'last_reviewed', label: '最終確認日' },
  { key: 'delete', label: '削除' },
] as const;

/** The English key of a fixed column. */
export type FixedKey = (typeof fixedColumns)[number]['key'];

/** A column of the file: a fixed one, or one category axis of the centre. */
export type Column =
  | { kind: 'fixed'; key: FixedKey; label: string }
  | { kind: 'axis'; key: string; label: string; axisId: string };

/** The centre's vocabulary that cells refer to by name. */
export interface Vocabulary {
  axes: { id: string; key: string; name: string; categories: { id: string; name: string }[] }[];
  departments: { id: string; name: string }[];
}

/** What an FAQ holds that the file carries (the FAQ-ID as `faqId`, related FAQs by FAQ-ID). */
export interface FaqRecord {
  faqId: string;
  question: string;
  answer: string;
  altPhrasings: string[];
  keywords: string[];
  categoryIds: string[];
  departmentId: string | null;
  relatedFaqIds: string[];
  relatedUrls: RelatedUrl[];
  internalNotes: string;
  published: boolean;
  publishStart: string | null;
  publishEnd: string | null;
  lastReviewedAt: string | null;
}

/** Every column for a centre, in export order. */
export function columnsOf(vocabulary: Vocabulary): Column[] {
  const fixed = fixedColumns.map((c) => ({ kind: 'fixed' as const, key: c.key, label: c.label }));
  const axes = vocabulary.axes.map((a) => ({
    kind: 'axis' as const,
    key: a.key,
    label: a.name,
    axisId: a.id,
  }));
  const at = fixed.findIndex((c) => c.key === 'department');
  return [...fixed.slice(0, at), ...axes, ...fixed.slice(at)];
}

/** The cells of one FAQ, neutralised against formulas, in the order of `columns`. */
export function cellsOf(faq: FaqRecord, columns: readonly Column[], vocabulary: Vocabulary): string[] {
  const departmentName = new Map(vocabulary.departments.map((d) => [d.id, d.name]));
  return columns.map((column) => {
    if (column.kind === 'axis') {
      const names = new Map(
        vocabulary.axes.find((a) => a.id === column.axisId)?.categories.map((c) => [c.id, c.name]),
      );
      return neutralise(joinLines(faq.categoryIds.flatMap((id) => names.get(id) ?? [])));
    }
    const text: Record<FixedKey, () => string> = {
      faq_id: () => faq.faqId,
      question: () => faq.question,
      answer: () => faq.answer,
      alt_phrasings: () => joinLines(faq.altPhrasings),
      keywords: () => joinLines(faq.keywords),
      department: () => (faq.departmentId ? (departmentName.get(faq.departmentId) ?? '') : ''),
      related_faqs: () => joinLines(faq.relatedFaqIds),
      related_urls: () => formatRelatedUrls(faq.relatedUrls),
      internal_notes: () => faq.internalNotes,
      published: () => formatPublished(faq.published),
      publish_start: () => formatJstDateTime(faq.publishStart),
      publish_end: () => formatJstDateTime(faq.publishEnd),
      last_reviewed: () => formatJstDate(faq.lastReviewedAt),
      delete: () => '',
    };
    return neutralise(text[column.key]());
  });
}

/** Header text as compared: NFKC (full-width letters and dashes count), no surrounding space, any case. */
const headerKey = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** How the header of a file maps onto columns, or why it does not. */
export interface HeaderMap {
  /** For each position in the file, its column (null: an empty header over empty cells, ignored). */
  columns: (Column | null)[];
  /** The header text of each column present, as the file wrote it (for messages). */
  names: Map<Column, string>;
  errors: string[];
}

/**
 * Matches a header row: each cell must be a column's Japanese label or its English key (an axis by name or
 * key). Unknown and repeated headers and a missing FAQ-ID, 質問 or 回答 are errors.
 */
export function mapHeader(header: readonly string[], columns: readonly Column[]): HeaderMap {
  const byName = new Map<string, Column[]>();
  for (const column of columns) {
    for (const name of new Set([headerKey(column.label), headerKey(column.key)])) {
      byName.set(name, [...(byName.get(name) ?? []), column]);
    }
  }
  const errors: string[] = [];
  const found: (Column | null)[] = [];
  const names = new Map<Column, string>();
  header.forEach((raw, i) => {
    const text = unneutralise(raw).trim();
    const where = `見出しの${i + 1}列目`;
    if (!text) {
      found.push(null);
      return;
    }
    const matches = byName.get(headerKey(text)) ?? [];
    if (matches.length === 0) {
      errors.push(`${where}「${text}」は知らない列です。使える列は docs/formats/faq-csv.md を見てください。`);
      found.push(null);
      return;
    }
    if (matches.length > 1) {
      errors.push(
        `${where}「${text}」は${matches.map((m) => `「${m.label}」`).join('と')}のどれか決められません。日本語の見出しで書いてください。`,
      );
      found.push(null);
      return;
    }
    const column = matches[0] as Column;
    if (names.has(column)) {
      errors.push(`${where}「${text}」は「${names.get(column)}」と同じ列です。列は1回だけ書いてください。`);
      found.push(null);
      return;
    }
    names.set(column, text);
    found.push(column);
  });
  for (const key of ['faq_id', 'question', 'answer'] as const) {
    const column = columns.find((c) => c.kind === 'fixed' && c.key === key) as Column;
    if (!names.has(column))
      errors.push(`必須の列「${column.label}」（${column.key}）がありません。見出しの行を確認してください。`);
  }
  return { columns: found, names, errors };
}

/** One cell problem, named by the column header as written in the file. */
export interface CellError {
  column: string | null;
  message: string;
}

/** What one data row asks for: only the columns present in the file are set in `values`. */
export interface RowRequest {
  row: number;
  faqId: string | null;
  delete: boolean;
  values: Partial<Omit<FaqRecord, 'faqId' | 'categoryIds'>>;
  /** Categories by axis, for the axes present in the file. */
  categories: Map<string, string[]>;
  errors: CellError[];
}

/** Name lookups, exact or (for a file read as CP932) through the CP932 round trip of the stored names. */
export interface Lookup {
  category(axisId: string, name: string): string | null;
  department(name: string): string | null;
}

/** Builds name lookups; `fold` maps a stored name the way the file's encoding would have written it. */
export function lookupOf(vocabulary: Vocabulary, fold: (text: string) => string): Lookup {
  const categories = new Map(
    vocabulary.axes.map((a) => [a.id, new Map(a.categories.map((c) => [fold(c.name), c.id]))]),
  );
  const departments = new Map(vocabulary.departments.map((d) => [fold(d.name), d.id]));
  return {
    category: (axisId, name) => categories.get(axisId)?.get(name) ?? null,
    department: (name) => departments.get(name) ?? null,
  };
}

/** Whether a row has nothing in it (spreadsheets leave such rows behind when rows are cleared). */
export function isBlankRow(row: SheetRow): boolean {
  return row.cells.every((c) => c.trim() === '') && row.cellErrors.length === 0;
}

/**
 * Reads one data row into a request. Cell syntax is checked here (dates, 公開, 削除, names); whether the
 * FAQ-ID exists and whether the values are acceptable is for the service to decide.
 */
export function readRow(row: SheetRow, header: HeaderMap, lookup: Lookup): RowRequest {
  const errors: CellError[] = [];
  const request: RowRequest = {
    row: row.row,
    faqId: null,
    delete: false,
    values: {},
    categories: new Map(),
    errors,
  };
  for (const { index, message } of row.cellErrors) {
    const column = header.columns[index];
    errors.push({
      column: column ? (header.names.get(column) ?? column.label) : `${index + 1}列目`,
      message,
    });
  }
  if (
    row.cells.length > header.columns.length &&
    row.cells.slice(header.columns.length).some((c) => c.trim())
  )
    errors.push({
      column: null,
      message: `見出しより多い${row.cells.length}列の値があります（見出しは${header.columns.length}列）。区切りの「,」や「"」を確認してください。`,
    });
  header.columns.forEach((column, i) => {
    const raw = row.cells[i] ?? '';
    if (!column) {
      if (raw.trim()) errors.push({ column: `${i + 1}列目`, message: '見出しのない列に値があります。' });
      return;
    }
    const name = header.names.get(column) ?? column.label;
    const fail = (message: string) => errors.push({ column: name, message });
    const cell = normaliseNewlines(unneutralise(raw));
    if (column.kind === 'axis') {
      const ids: string[] = [];
      for (const categoryName of splitLines(cell)) {
        const id = lookup.category(column.axisId, categoryName);
        if (id) ids.push(id);
        else fail(`カテゴリ「${categoryName}」は分類「${column.label}」にありません。`);
      }
      request.categories.set(column.axisId, ids);
      return;
    }
    switch (column.key) {
      case 'faq_id':
        request.faqId = cell.trim() || null;
        return;
      case 'question':
        request.values.question = cell.trim();
        return;
      case 'answer':
        request.values.answer = cell.trim();
        return;
      case 'alt_phrasings':
        request.values.altPhrasings = splitLines(cell);
        return;
      case 'keywords':
        request.values.keywords = splitLines(cell);
        return;
      case 'department': {
        const text = cell.trim();
        const id = text ? lookup.department(text) : null;
        if (text && !id) fail(`所管課「${text}」はこのセンターに登録されていません。`);
        request.values.departmentId = id;
        return;
      }
      case 'related_faqs':
        request.values.relatedFaqIds = splitIds(cell);
        return;
      case 'related_urls': {
        const urls = parseRelatedUrls(cell);
        if ('badLine' in urls)
          fail(`「${urls.badLine}」は「名前|URL」の形ではありません。1行に1つずつ書いてください。`);
        else request.values.relatedUrls = urls;
        return;
      }
      case 'internal_notes':
        request.values.internalNotes = cell;
        return;
      case 'published': {
        const value = parsePublished(cell);
        if (value === null)
          fail(
            `「${cell}」は公開の値として読めません。公開・非公開・1・0・true・false のどれかを書いてください。`,
          );
        else request.values.published = value;
        return;
      }
      case 'publish_start':
      case 'publish_end': {
        const value = parseJstDateTime(cell);
        if (value === undefined)
          fail(
            `「${cell}」は日時として読めません。「2027-04-01 09:00」の形（日本時間）で書くか、空にしてください。`,
          );
        else request.values[column.key === 'publish_start' ? 'publishStart' : 'publishEnd'] = value;
        return;
      }
      case 'last_reviewed': {
        const value = parseJstDateTime(cell);
        if (value === undefined)
          fail(`「${cell}」は日付として読めません。「2027-04-01」の形で書くか、空にしてください。`);
        else request.values.lastReviewedAt = value;
        return;
      }
      case 'delete': {
        const mark = parseDeleteMark(cell);
        if (mark === null)
          fail(`「${cell}」は削除の印として読めません。削除するなら 1 か 削除、しないなら空にしてください。`);
        else request.delete = mark;
        return;
      }
    }
  });
  return request;
}
