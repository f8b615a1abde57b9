import {
  type AuditCategory,
  type AuditEvent,
  type AuditPage as AuditPageData,
  auditPageSchema,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormAlert, SelectField, TextField } from '../../components/fields.tsx';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { addDays, formatDateTime, startOfDayJst } from '../../lib/format.ts';

const PAGE_SIZE = 50;

export const categoryLabels: Record<AuditCategory, string> = {
  auth: '認証',
  change: '変更',
  view: '閲覧',
  export: '出力',
};

/** Japanese names of common actions; others are shown by their code only. */
const actionLabels: Record<string, string> = {
  'auth.login': 'ログイン',
  'auth.login_failed': 'ログイン失敗',
  'auth.logout': 'ログアウト',
  'auth.locked': 'アカウントロック',
  'auth.password_changed': 'パスワード変更',
  'auth.password_change': 'パスワード変更',
  'auth.totp_enabled': '二要素認証の有効化',
  'auth.totp_disabled': '二要素認証の無効化',
};

interface Filters {
  fromDate: string;
  toDate: string;
  category: string;
  action: string;
  actor: string;
  targetType: string;
  targetId: string;
}

const emptyFilters: Filters = {
  fromDate: '',
  toDate: '',
  category: '',
  action: '',
  actor: '',
  targetType: '',
  targetId: '',
};

function toQuery(f: Filters, cursor: string | null) {
  return {
    from: f.fromDate ? startOfDayJst(f.fromDate) : undefined,
    // The end date is inclusive: up to the start of the next day.
    to: f.toDate ? startOfDayJst(addDays(f.toDate, 1)) : undefined,
    category: f.category || undefined,
    action: f.action.trim() || undefined,
    actor: f.actor.trim() || undefined,
    targetType: f.targetType.trim() || undefined,
    targetId: f.targetId.trim() || undefined,
    limit: PAGE_SIZE,
    cursor: cursor ?? undefined,
  };
}

export function AuditPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const [form, setForm] = useState<Filters>(emptyFilters);
  const [applied, setApplied] = useState<Filters>(emptyFilters);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [search, setSearch] = useState(0);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);

  const fetchPage = useCallback(
    (filters: Filters, cursor: string | null, signal?: AbortSignal) =>
      api.get<AuditPageData>(centerPath(slug, '/audit'), {
        query: toQuery(filters, cursor),
        signal,
        schema: auditPageSchema,
      }),
    [slug],
  );

  useEffect(() => {
    void search;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    fetchPage(applied, null, controller.signal).then(
      (page) => {
        setEvents(page.events);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [fetchPage, applied, search]);

  const loadMore = async () => {
    if (!nextCursor || loading) return;
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage(applied, nextCursor);
      setEvents((prev) => [...(prev ?? []), ...page.events]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
      moreRef.current?.focus();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.fromDate && form.toDate && form.fromDate > form.toDate) {
      errors.setField('toDate', '終了日は開始日以降にしてください');
      focusFirstInvalid(formRef.current);
      return;
    }
    errors.clear();
    setApplied({ ...form });
    setSearch((n) => n + 1);
  };

  const reset = () => {
    errors.clear();
    setForm(emptyFilters);
    setApplied(emptyFilters);
    setSearch((n) => n + 1);
  };

  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <>
      <PageHeader
        title="監査ログ"
        lead={`${center.name}のログイン、データの変更、個人情報の閲覧・出力の記録です。日時は日本時間で表示します。`}
      />
      <search aria-label="監査ログの検索条件">
        <form ref={formRef} className="filters" onSubmit={submit} noValidate>
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          <div className="filters__grid">
            <TextField
              label="開始日"
              name="fromDate"
              type="date"
              value={form.fromDate}
              onChange={set('fromDate')}
            />
            <TextField
              label="終了日"
              name="toDate"
              type="date"
              value={form.toDate}
              onChange={set('toDate')}
              error={errors.fieldErrors.toDate}
            />
            <SelectField label="区分" name="category" value={form.category} onChange={set('category')}>
              <option value="">すべて</option>
              {Object.entries(categoryLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectField>
            <TextField
              label="操作"
              name="action"
              placeholder="例：auth.login"
              autoCapitalize="none"
              spellCheck={false}
              value={form.action}
              onChange={set('action')}
            />
            <TextField
              label="実行者（ログインID）"
              name="actor"
              autoCapitalize="none"
              spellCheck={false}
              value={form.actor}
              onChange={set('actor')}
            />
            <TextField
              label="対象の種類"
              name="targetType"
              placeholder="例：staff"
              autoCapitalize="none"
              spellCheck={false}
              value={form.targetType}
              onChange={set('targetType')}
            />
            <TextField
              label="対象ID"
              name="targetId"
              autoCapitalize="none"
              spellCheck={false}
              value={form.targetId}
              onChange={set('targetId')}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              検索
            </button>
            <button type="button" className="button button--secondary" onClick={reset}>
              条件をクリア
            </button>
          </div>
        </form>
      </search>

      {error !== undefined && <LoadError error={error} onRetry={() => setSearch((n) => n + 1)} />}
      {events === null ? (
        loading && <Loading />
      ) : (
        <>
          <p className="result-count" role="status">
            {events.length === 0
              ? ''
              : `${events.length}件を表示しています${nextCursor ? '（続きがあります）' : ''}。`}
          </p>
          {events.length === 0 ? (
            <EmptyState>条件に一致する記録はありません。</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table table--compact audit-table" aria-busy={loading}>
                <caption className="table__caption">監査ログ</caption>
                <thead>
                  <tr>
                    <th scope="col">日時</th>
                    <th scope="col">区分</th>
                    <th scope="col">操作</th>
                    <th scope="col">実行者</th>
                    <th scope="col">対象</th>
                    <th scope="col">接続元 IP</th>
                    <th scope="col">詳細</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((e) => (
                    <AuditRow key={e.id} event={e} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {nextCursor && (
            <div className="more">
              <button
                ref={moreRef}
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                aria-busy={loading}
              >
                さらに表示
              </button>
            </div>
          )}
          {loading && events.length > 0 && <Loading />}
        </>
      )}
    </>
  );
}

function AuditRow({ event }: { event: AuditEvent }) {
  const label = actionLabels[event.action];
  const hasDetail = Object.keys(event.detail).length > 0 || event.userAgent;
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
      </td>
      <td className="nowrap">{categoryLabels[event.category] ?? event.category}</td>
      <td>
        {label && <span className="audit-action__label">{label} </span>}
        <code className="audit-action__code">{event.action}</code>
      </td>
      <td>{event.actorLoginId ?? <span className="muted">—</span>}</td>
      <td>
        {event.targetType ? (
          <>
            {event.targetType}
            {event.targetId && (
              <>
                {' '}
                <code className="break">{event.targetId}</code>
              </>
            )}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap">{event.ip ?? <span className="muted">—</span>}</td>
      <td>
        {hasDetail ? (
          <details className="disclosure disclosure--compact">
            <summary>表示</summary>
            {event.userAgent && <p className="break">ブラウザ：{event.userAgent}</p>}
            {Object.keys(event.detail).length > 0 && (
              <pre className="json">{JSON.stringify(event.detail, null, 2)}</pre>
            )}
          </details>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
