import {
  type FaqImportPreview,
  faqImportPreviewSchema,
  type Role,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useDownload } from '../../components/download.ts';
import { Checkbox } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, PageHeader, Section } from '../../components/page.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { can } from '../../lib/permissions.ts';
import { type FaqImportRow, faqsPath, formatBytes, useCenterDetail } from './api.ts';
import { CategoryDepartmentFilters, PublicationStateFilter } from './faq-filters.tsx';
import { fieldLabels } from './faq-sections.tsx';

type Format = 'csv' | 'xlsx';
type Encoding = 'cp932' | 'utf8bom';

/** CSV・Excel 入出力: export (with encoding and filters) and import with a preview before applying. */
export function TransferPage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  return (
    <>
      <PageHeader
        title="CSV・Excel 入出力"
        lead="FAQ をまとめて出力し、編集したファイルを取り込んで反映します。取り込みは内容を確認してから反映します。"
      />
      {can.exportFaq(roles) && <ExportSection center={center} />}
      {can.importFaq(roles) && <ImportSection center={center} />}
    </>
  );
}

function ExportSection({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const detail = useCenterDetail(slug);
  const [format, setFormat] = useState<Format>('csv');
  const [encoding, setEncoding] = useState<Encoding>('utf8bom');
  const notice = useNotice();
  const { busy, download } = useDownload(notice);
  const [filters, setFilters] = useState({ state: '', categoryId: '', departmentId: '' });
  const groupId = useId();

  const run = () =>
    download(
      'file',
      faqsPath(slug, '/export'),
      {
        format,
        encoding: format === 'csv' ? encoding : undefined,
        state: filters.state || undefined,
        categoryId: filters.categoryId || undefined,
        departmentId: filters.departmentId || undefined,
      },
      `faq.${format}`,
    );

  const radio = <T extends string>(
    name: string,
    value: T,
    current: T,
    set: (v: T) => void,
    label: string,
  ) => (
    <div className="radio" key={value}>
      <input
        id={`${groupId}-${name}-${value}`}
        type="radio"
        name={`${groupId}-${name}`}
        value={value}
        checked={current === value}
        onChange={() => set(value)}
      />
      <label htmlFor={`${groupId}-${name}-${value}`}>{label}</label>
    </div>
  );

  return (
    <Section
      title="出力"
      id="export"
      description="1行が1件の FAQ です。FAQ-ID の列で取り込み時に照合します。"
    >
      <div className="form">
        <fieldset className="radio-group">
          <legend className="field__label">ファイル形式</legend>
          {radio('format', 'csv', format, setFormat, 'CSV')}
          {radio('format', 'xlsx', format, setFormat, 'Excel（xlsx）')}
        </fieldset>
        {format === 'csv' && (
          <fieldset className="radio-group">
            <legend className="field__label">文字コード</legend>
            {radio('encoding', 'utf8bom', encoding, setEncoding, 'UTF-8（BOM付き。Excel でも開けます）')}
            {radio('encoding', 'cp932', encoding, setEncoding, 'Shift_JIS（CP932。古いシステム向け）')}
          </fieldset>
        )}
        <div className="filters__grid">
          <PublicationStateFilter
            value={filters.state}
            onChange={(state) => setFilters((f) => ({ ...f, state }))}
          />
          <CategoryDepartmentFilters
            center={detail.data}
            value={filters}
            onChange={(change) => setFilters((f) => ({ ...f, ...change }))}
          />
        </div>
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={run} aria-busy={busy !== null}>
            {format === 'csv' ? 'CSV' : 'Excel'}ファイルを出力
          </button>
        </div>
      </div>
    </Section>
  );
}

const actionLabels: Record<FaqImportRow['action'], string> = {
  add: '追加',
  change: '変更',
  delete: '削除',
  unchanged: '変更なし',
  error: 'エラー',
};

const actionBadges: Record<FaqImportRow['action'], string> = {
  add: 'badge--success',
  change: 'badge--info',
  delete: 'badge--warning',
  unchanged: 'badge--muted',
  error: 'badge--error',
};

const MAX_IMPORT = 20 * 1024 * 1024;

function ImportSection({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [preview, setPreview] = useState<{ file: File; result: FaqImportPreview } | null>(null);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const notice = useNotice();
  const inputRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();

  const send = (f: File, apply: boolean) =>
    api.upload<FaqImportPreview>(faqsPath(slug, '/import'), f, {
      query: { apply: apply ? 'true' : 'false' },
      schema: faqImportPreviewSchema,
    });

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const ext = file?.name.split('.').pop()?.toLowerCase() ?? '';
    const problem = !file
      ? 'ファイルを選択してください'
      : !['csv', 'xlsx'].includes(ext)
        ? 'CSV（.csv）または Excel（.xlsx）のファイルを選択してください'
        : file.size > MAX_IMPORT
          ? 'ファイルが大きすぎます'
          : undefined;
    if (problem || !file) {
      setFileError(problem);
      inputRef.current?.focus();
      return;
    }
    setFileError(undefined);
    setBusy('preview');
    setPreview(null);
    try {
      const result = await send(file, false);
      setPreview({ file, result });
      setErrorsOnly(result.counts.error > 0);
      requestAnimationFrame(() => previewRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && (e.field === 'file' || e.status === 413 || e.status === 415)) {
        setFileError(e.message);
        inputRef.current?.focus();
      } else {
        notice.failure(e, '内容を確認できませんでした。');
      }
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!preview || busy) return;
    const { add, change, delete: del } = preview.result.counts;
    if (!window.confirm(`追加 ${add}件、変更 ${change}件、削除 ${del}件を反映します。よろしいですか？`))
      return;
    setBusy('apply');
    try {
      const result = await send(preview.file, true);
      if (result.canApply === false && (result.counts.error > 0 || result.fileErrors.length > 0)) {
        // The data changed since the preview: show the new check instead.
        setPreview({ file: preview.file, result });
        notice.failure(
          new ApiError(
            409,
            'conflict',
            '確認後に内容が変わったため反映できませんでした。結果を確認してください。',
          ),
        );
        return;
      }
      notice.success(
        `反映しました（追加 ${result.counts.add}件、変更 ${result.counts.change}件、削除 ${result.counts.delete}件）。`,
      );
      setPreview(null);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
    } catch (e) {
      notice.failure(e, '反映できませんでした。');
    } finally {
      setBusy(null);
    }
  };

  const result = preview?.result;
  const rows = result ? (errorsOnly ? result.rows.filter((r) => r.action === 'error') : result.rows) : [];
  const pending = result ? result.counts.add + result.counts.change + result.counts.delete : 0;

  return (
    <Section
      title="取り込み"
      id="import"
      description="出力したファイルを編集して取り込みます。まず内容を確認し、問題がなければ「この内容で反映」を押します。"
    >
      {notice.element}
      <form className="form" onSubmit={check} noValidate>
        <div className={`field${fileError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={inputId}>
            取り込むファイル
          </label>
          <p className="field__hint" id={`${inputId}-hint`}>
            CSV（Shift_JIS または UTF-8）か Excel（xlsx）。1行目は見出し行です。
          </p>
          <input
            ref={inputRef}
            id={inputId}
            name="file"
            type="file"
            className="file-input"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${inputId}-hint${fileError ? ` ${inputId}-error` : ''}`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
              setPreview(null);
            }}
          />
          {fileError && (
            <p className="field__error" id={`${inputId}-error`} role="alert">
              <span aria-hidden="true">⚠ </span>
              {fileError}
            </p>
          )}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" aria-busy={busy === 'preview'}>
            内容を確認
          </button>
        </div>
      </form>

      {preview && result && (
        <div className="import-preview">
          <h3 ref={previewRef} tabIndex={-1} className="subsection__title">
            確認結果：{preview.file.name}
            <span className="muted">（{formatBytes(preview.file.size)}）</span>
          </h3>
          {result.fileErrors.length > 0 && (
            <div className="alert alert--error" role="alert">
              <p>ファイルに問題があります。</p>
              <ul>
                {result.fileErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <dl className="import-counts">
            {(Object.keys(actionLabels) as FaqImportRow['action'][]).map((a) => (
              <div key={a} className={`import-counts__item import-counts__item--${a}`}>
                <dt>{actionLabels[a]}</dt>
                <dd>{(result.counts[a] ?? 0).toLocaleString('ja-JP')}件</dd>
              </div>
            ))}
          </dl>
          {result.canApply ? (
            <div className="alert alert--info">
              <p>
                {pending === 0
                  ? '反映する変更はありません。'
                  : '内容を確認し、よければ「この内容で反映」を押してください。'}
              </p>
              {pending > 0 && (
                <button
                  type="button"
                  className="button button--primary"
                  onClick={apply}
                  aria-busy={busy === 'apply'}
                >
                  この内容で反映
                </button>
              )}
            </div>
          ) : (
            <p className="alert alert--error" role="alert">
              エラーがあるため反映できません。ファイルを修正して、もう一度「内容を確認」してください。
            </p>
          )}
          {result.rows.length > 0 && (
            <>
              <Checkbox
                label={`エラーの行だけ表示（${result.counts.error}件）`}
                name="errorsOnly"
                checked={errorsOnly}
                onChange={(e) => setErrorsOnly(e.target.checked)}
              />
              {rows.length === 0 ? (
                <EmptyState>表示する行はありません。</EmptyState>
              ) : (
                <div className="table-wrap import-table-wrap">
                  <table className="table table--compact import-table">
                    <caption className="table__caption">
                      行ごとの確認結果<span className="muted">（{rows.length}行）</span>
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          行
                        </th>
                        <th scope="col">FAQ-ID</th>
                        <th scope="col">処理</th>
                        <th scope="col">変更する項目・エラー</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.row} className={r.action === 'error' ? 'row--error' : undefined}>
                          <th scope="row" className="num">
                            {r.row}
                          </th>
                          <td className="nowrap">
                            {r.faqId ? <code>{r.faqId}</code> : <span className="muted">（新規）</span>}
                          </td>
                          <td>
                            <span className={`badge ${actionBadges[r.action] ?? 'badge--muted'}`}>
                              {actionLabels[r.action] ?? r.action}
                            </span>
                          </td>
                          <td>
                            {r.errors.length > 0 && (
                              <ul className="import-errors">
                                {r.errors.map((err, i) => (
                                  // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat
                                  <li key={i} className="text-error">
                                    <span aria-hidden="true">⚠ </span>
                                    {err.column && <>「{fieldLabels[err.column] ?? err.column}」列：</>}
                                    {err.message}
                                  </li>
                                ))}
                              </ul>
                            )}
                            {r.changedFields.length > 0 && (
                              <span>{r.changedFields.map((f) => fieldLabels[f] ?? f).join('、')}</span>
                            )}
                            {r.errors.length === 0 && r.changedFields.length === 0 && (
                              <span className="muted">—</span>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </div>
      )}
    </Section>
  );
}
