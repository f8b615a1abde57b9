import { type PublicationState, publicationStateLabels } from '@madoguchi/contracts';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format.ts';
import './faq.css';

const stateClass: Record<PublicationState, string> = {
  published: 'badge--success',
  scheduled: 'badge--info',
  draft: 'badge--muted',
  expired: 'badge--warning',
};

/** 公開中 / 公開予約 / 非公開 / 公開終了. */
export function StateBadge({ state }: { state: PublicationState }) {
  return (
    <span className={`badge ${stateClass[state] ?? 'badge--muted'}`}>
      {publicationStateLabels[state] ?? state}
    </span>
  );
}

// ── defensive rendering of answers whose shape the contracts do not fix (stats, analytics) ─────────────

const keyLabels: Record<string, string> = {
  week: '週',
  weekStart: '週の開始日',
  weeks: '週別',
  channel: '経路',
  channels: '経路別',
  console: 'コンソール（職員）',
  public: '公開サイト',
  api: 'API',
  chatbot: 'チャットボット',
  all: '合計',
  total: '合計',
  views: '閲覧数',
  uses: '応対での利用数',
  useCount: '応対での利用数',
  count: '件数',
  query: '検索語',
  clicks: 'クリック数',
  date: '日付',
  from: '開始日',
  to: '終了日',
  lastUsedAt: '最終利用日時',
  lastViewedAt: '最終閲覧日時',
};

export function labelFor(key: string): string {
  return keyLabels[key] ?? key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(key: string, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return value.toLocaleString('ja-JP');
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'string') {
    if (/At$/.test(key) && !Number.isNaN(Date.parse(value))) return formatDateTime(value);
    return value;
  }
  return JSON.stringify(value);
}

/** An array of records as a table whose columns are the union of their keys. */
function RecordTable({ rows, caption }: { rows: Record<string, unknown>[]; caption: string }) {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return (
    <div className="table-wrap">
      <table className="table table--compact table--auto">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {labelFor(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of an unknown shape have no identity
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className={typeof row[c] === 'number' ? 'num' : undefined}>
                  {isRecord(row[c]) || Array.isArray(row[c]) ? (
                    <JsonView value={row[c]} caption={labelFor(c)} />
                  ) : (
                    scalarText(c, row[c])
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Any JSON answer, readably: scalars as a list of 項目: 値, arrays of records as tables, nested objects
 * recursively. For endpoints whose shape the contracts leave open.
 */
export function JsonView({ value, caption }: { value: unknown; caption: string }): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return <p className="muted">データはありません。</p>;
    if (value.every(isRecord)) return <RecordTable rows={value} caption={caption} />;
    return <p>{value.map((v) => scalarText('', v)).join('、')}</p>;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    const scalars = entries.filter(([, v]) => !isRecord(v) && !Array.isArray(v));
    const nested = entries.filter(([, v]) => isRecord(v) || Array.isArray(v));
    return (
      <div className="data-view">
        {scalars.length > 0 && (
          <dl className="details details--inline">
            {scalars.map(([k, v]) => (
              <div key={k}>
                <dt>{labelFor(k)}</dt>
                <dd className={typeof v === 'number' ? 'num' : undefined}>{scalarText(k, v)}</dd>
              </div>
            ))}
          </dl>
        )}
        {nested.map(([k, v]) => (
          <div key={k} className="data-view__nested">
            {isRecord(v) && <h3 className="subsection__title">{labelFor(k)}</h3>}
            <JsonView value={v} caption={labelFor(k)} />
          </div>
        ))}
      </div>
    );
  }
  return <p>{scalarText('', value)}</p>;
}
