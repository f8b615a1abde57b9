import {
  type Department,
  type DepartmentInput,
  dayKeys,
  departmentInputSchema,
  type WeeklyHours,
} from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { FormAlert, TextField } from '../../components/fields.tsx';
import { HoursEditor, officeWeek } from '../../components/hours-editor.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { summarizeWeek } from '../../lib/format.ts';
import type { SectionProps } from './center-settings-page.tsx';

type Editing = { mode: 'new' } | { mode: 'edit'; department: Department };

export function DepartmentsSection({ center, slug, editable, reload }: SectionProps) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const notice = useNotice();

  const remove = async (d: Department) => {
    if (!window.confirm(`所管課「${d.name}」を削除しますか？`)) return;
    try {
      await api.delete(centerPath(slug, `/departments/${d.id}`));
      notice.success(`所管課「${d.name}」を削除しました。`);
      reload();
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  const save = async (data: DepartmentInput) => {
    if (editing?.mode === 'edit') {
      await api.patch(centerPath(slug, `/departments/${editing.department.id}`), data);
      notice.success(`所管課「${data.name}」を保存しました。`);
    } else {
      await api.post(centerPath(slug, '/departments'), data);
      notice.success(`所管課「${data.name}」を追加しました。`);
    }
    setEditing(null);
    reload();
  };

  return (
    <Section
      title="所管課"
      id="departments"
      description="引継ぎ・取次ぎ先となる市の所管課です。転送は各課の受付時間内に限ります。"
      actions={
        editable && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setEditing({ mode: 'new' })}
          >
            所管課を追加
          </button>
        )
      }
    >
      {notice.element}
      {center.departments.length === 0 ? (
        <EmptyState>所管課は登録されていません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">所管課の一覧</caption>
            <thead>
              <tr>
                <th scope="col">コード</th>
                <th scope="col">所管課名</th>
                <th scope="col">電話番号</th>
                <th scope="col">受付時間</th>
                {editable && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {center.departments.map((d) => (
                <tr key={d.id}>
                  <td>{d.code || '—'}</td>
                  <th scope="row">{d.name}</th>
                  <td className="nowrap">{d.phone || '—'}</td>
                  <td>{summarizeWeek(d.officeHours)}</td>
                  {editable && (
                    <td className="actions">
                      <ItemButton
                        label="編集"
                        item={d.name}
                        onClick={() => setEditing({ mode: 'edit', department: d })}
                      />
                      <ItemButton label="削除" item={d.name} danger onClick={() => remove(d)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Dialog
          title={editing.mode === 'new' ? '所管課の追加' : '所管課の編集'}
          onClose={() => setEditing(null)}
        >
          <DepartmentForm
            initial={editing.mode === 'edit' ? editing.department : undefined}
            onSubmit={save}
            onCancel={() => setEditing(null)}
          />
        </Dialog>
      )}
    </Section>
  );
}

const hourFields = dayKeys.flatMap((d) => [
  `officeHours.${d}.opens`,
  `officeHours.${d}.closes`,
  `officeHours.${d}`,
]);

function DepartmentForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial: Department | undefined;
  onSubmit: (data: DepartmentInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [code, setCode] = useState(initial?.code ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [hours, setHours] = useState<WeeklyHours>(initial?.officeHours ?? officeWeek());
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = departmentInputSchema.safeParse({ code, name, phone, officeHours: hours });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(parsed.data);
    } catch (e) {
      errors.fromApi(e, ['code', 'name', 'phone', ...hourFields]);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <div className="form__row">
        <TextField
          label="コード"
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.fieldErrors.code}
          fieldClassName="field--short"
        />
        <TextField
          label="所管課名"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldErrors.name}
          fieldClassName="field--long"
          required
        />
        <TextField
          label="電話番号"
          name="phone"
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={errors.fieldErrors.phone}
        />
      </div>
      <HoursEditor
        legend="受付時間"
        name="officeHours"
        value={hours}
        onChange={setHours}
        errors={errors.fieldErrors}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          保存
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
