import { type Closure, type ClosureInput, closureInputSchema } from '@madoguchi/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormAlert, TextField } from '../../components/fields.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatDateLong, formatMonthDay } from '../../lib/format.ts';
import type { SectionProps } from './center-settings-page.tsx';

function describe(closure: Closure): string {
  return closure.kind === 'annual'
    ? `毎年 ${formatMonthDay(closure.start)}〜${formatMonthDay(closure.end)}`
    : closure.start === closure.end
      ? formatDateLong(closure.start)
      : `${formatDateLong(closure.start)}〜${formatDateLong(closure.end)}`;
}

export function ClosuresSection({ center, slug, editable, reload }: SectionProps) {
  const notice = useNotice();

  const remove = async (closure: Closure) => {
    if (!window.confirm(`休業日「${closure.label}」を削除しますか？`)) return;
    try {
      await api.delete(centerPath(slug, `/closures/${closure.id}`));
      notice.success(`休業日「${closure.label}」を削除しました。`);
      reload();
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  return (
    <Section
      title="休業日"
      id="closures"
      description="年末年始など、曜日の受付時間にかかわらず休業する期間です。毎年の期間（月日）と、特定の日付の期間を登録できます。"
    >
      {notice.element}
      {center.closures.length === 0 ? (
        <EmptyState>休業日は登録されていません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">休業日の一覧</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">期間</th>
                {editable && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {center.closures.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.label}</th>
                  <td>{describe(c)}</td>
                  {editable && (
                    <td className="actions">
                      <ItemButton label="削除" item={c.label} danger onClick={() => remove(c)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <div className="subsection">
          <h3 className="subsection__title">休業日を追加</h3>
          <ClosureForm
            onSubmit={async (data) => {
              await api.post(centerPath(slug, '/closures'), data);
              notice.success(`休業日「${data.label}」を追加しました。`);
              reload();
            }}
          />
        </div>
      )}
    </Section>
  );
}

type Kind = 'annual' | 'dated';

function ClosureForm({ onSubmit }: { onSubmit: (data: ClosureInput) => Promise<void> }) {
  const [kind, setKind] = useState<Kind>('annual');
  const [label, setLabel] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const radioName = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = closureInputSchema.safeParse({ kind, label, start: start.trim(), end: end.trim() });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(parsed.data);
      setLabel('');
      setStart('');
      setEnd('');
    } catch (e) {
      errors.fromApi(e, ['label', 'start', 'end', 'kind']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const changeKind = (next: Kind) => {
    setKind(next);
    setStart('');
    setEnd('');
    errors.clear();
  };

  const annual = kind === 'annual';
  const dateProps = annual
    ? {
        type: 'text',
        placeholder: '例：12-29',
        inputMode: 'numeric' as const,
        maxLength: 5,
        hint: 'MM-DD 形式',
      }
    : { type: 'date', hint: undefined };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <fieldset className="radio-group">
        <legend className="field__label">種類</legend>
        <div className="radio">
          <input
            type="radio"
            id={`${radioName}-annual`}
            name={radioName}
            checked={annual}
            onChange={() => changeKind('annual')}
          />
          <label htmlFor={`${radioName}-annual`}>毎年（月日で指定）</label>
        </div>
        <div className="radio">
          <input
            type="radio"
            id={`${radioName}-dated`}
            name={radioName}
            checked={!annual}
            onChange={() => changeKind('dated')}
          />
          <label htmlFor={`${radioName}-dated`}>日付で指定</label>
        </div>
      </fieldset>
      <div className="form__row">
        <TextField
          label="休業日の名称"
          name="label"
          placeholder={annual ? '例：年末年始' : '例：システムメンテナンス'}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          error={errors.fieldErrors.label}
          fieldClassName="field--long"
          required
        />
        <TextField
          key={`start-${kind}`}
          label={annual ? '開始（月日）' : '開始日'}
          name="start"
          {...dateProps}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          error={errors.fieldErrors.start}
          fieldClassName="field--short"
          required
        />
        <TextField
          key={`end-${kind}`}
          label={annual ? '終了（月日）' : '終了日'}
          name="end"
          {...dateProps}
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          error={errors.fieldErrors.end}
          fieldClassName="field--short"
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            追加
          </button>
        </div>
      </div>
      {annual && <p className="muted">12-29〜01-03 のように年をまたぐ期間も指定できます。</p>}
    </form>
  );
}
