import {
  roles as allRoles,
  type Center,
  centerSchema,
  type Department,
  type Role,
  type RoleAssignment,
  roleLabels,
  type SessionCenter,
  type Staff,
  staffInputSchema,
  staffSchema,
  staffUpdateSchema,
} from '@madoguchi/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { Checkbox, FormAlert, SelectField, TextField } from '../../components/fields.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { ApiError, api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

const staffListSchema = staffSchema.array();

type Editing = { mode: 'new' } | { mode: 'edit'; staff: Staff } | { mode: 'password'; staff: Staff };

export function StaffPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const list = useApi<Staff[]>(`staff:${slug}`, (signal) =>
    api.get<Staff[]>(centerPath(slug, '/staff'), { signal, schema: staffListSchema }),
  );
  const detail = useApi<Center>(`center:${slug}`, (signal) =>
    api.get<Center>(centerPath(slug), { signal, schema: centerSchema }),
  );
  const departments = detail.data?.departments ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const notice = useNotice();

  const unlock = async (staff: Staff) => {
    if (!window.confirm(`${staff.displayName}（${staff.loginId}）のロックを解除しますか？`)) return;
    try {
      await api.post(centerPath(slug, `/staff/${staff.id}/unlock`));
      notice.success(`${staff.displayName} のロックを解除しました。`);
      list.reload();
    } catch (e) {
      notice.failure(e, 'ロックを解除できませんでした。');
    }
  };

  const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? '所管課未設定';

  return (
    <>
      <PageHeader title="スタッフ管理" lead={center.name}>
        <button type="button" className="button button--primary" onClick={() => setEditing({ mode: 'new' })}>
          スタッフを追加
        </button>
      </PageHeader>
      {notice.element}
      {list.error !== undefined && !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <EmptyState>このセンターのスタッフはまだ登録されていません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="table__caption">
              スタッフ一覧<span className="muted">（{list.data.length}人）</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">氏名</th>
                <th scope="col">ログインID</th>
                <th scope="col">役割</th>
                <th scope="col">状態</th>
                <th scope="col">二要素認証</th>
                <th scope="col">最終ログイン</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id} className={s.active ? undefined : 'row--inactive'}>
                  <th scope="row" className="nowrap">
                    {s.displayName}
                  </th>
                  <td>
                    <code>{s.loginId}</code>
                  </td>
                  <td>
                    <ul className="plain-list">
                      {s.roles.map((r) => (
                        <li key={`${r.role}:${r.departmentId ?? ''}`}>
                          {roleLabels[r.role]}
                          {r.role === 'department_staff' && (
                            <span className="muted">（{departmentName(r.departmentId)}）</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <span className={`badge ${s.active ? 'badge--success' : 'badge--muted'}`}>
                      {s.active ? '有効' : '無効'}
                    </span>
                    {s.locked && <span className="badge badge--error">ロック中</span>}
                  </td>
                  <td>{s.totpEnabled ? <span className="badge badge--success">設定済み</span> : '未設定'}</td>
                  <td className="nowrap">{s.lastLoginAt ? formatDateTime(s.lastLoginAt) : '—'}</td>
                  <td className="actions">
                    <ItemButton
                      label="編集"
                      item={s.displayName}
                      onClick={() => setEditing({ mode: 'edit', staff: s })}
                    />
                    {s.locked && (
                      <ItemButton label="ロック解除" item={s.displayName} onClick={() => unlock(s)} />
                    )}
                    <ItemButton
                      label="パスワード再設定"
                      item={s.displayName}
                      onClick={() => setEditing({ mode: 'password', staff: s })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.mode === 'new' && (
        <Dialog title="スタッフの追加" onClose={() => setEditing(null)}>
          <StaffForm
            departments={departments}
            onCancel={() => setEditing(null)}
            onSaved={(name) => {
              setEditing(null);
              notice.success(`${name} を追加しました。`);
              list.reload();
            }}
            slug={slug}
          />
        </Dialog>
      )}
      {editing?.mode === 'edit' && (
        <Dialog title={`スタッフの編集：${editing.staff.displayName}`} onClose={() => setEditing(null)}>
          <StaffForm
            staff={editing.staff}
            departments={departments}
            onCancel={() => setEditing(null)}
            onSaved={(name) => {
              setEditing(null);
              notice.success(`${name} を保存しました。`);
              list.reload();
            }}
            slug={slug}
          />
        </Dialog>
      )}
      {editing?.mode === 'password' && (
        <Dialog title={`パスワード再設定：${editing.staff.displayName}`} onClose={() => setEditing(null)}>
          <PasswordResetForm
            slug={slug}
            staff={editing.staff}
            onCancel={() => setEditing(null)}
            onDone={() => {
              notice.success(`${editing.staff.displayName} のパスワードを再設定しました。`);
              setEditing(null);
            }}
          />
        </Dialog>
      )}
    </>
  );
}

const STAFF_FIELDS = ['loginId', 'displayName', 'password', 'roles', 'active'] as const;

function StaffForm({
  slug,
  staff,
  departments,
  onSaved,
  onCancel,
}: {
  slug: string;
  staff?: Staff;
  departments: Department[];
  onSaved: (displayName: string) => void;
  onCancel: () => void;
}) {
  const [loginId, setLoginId] = useState(staff?.loginId ?? '');
  const [displayName, setDisplayName] = useState(staff?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [active, setActive] = useState(staff?.active ?? true);
  const [selected, setSelected] = useState<Set<Role>>(new Set(staff?.roles.map((r) => r.role) ?? []));
  const [departmentId, setDepartmentId] = useState(
    staff?.roles.find((r) => r.role === 'department_staff')?.departmentId ?? '',
  );
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const rolesHintId = useId();

  const assignments = (): RoleAssignment[] =>
    allRoles
      .filter((r) => selected.has(r))
      .map((role) => ({ role, departmentId: role === 'department_staff' ? departmentId || null : null }));

  const toggle = (role: Role, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(role);
      else next.delete(role);
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields = [...STAFF_FIELDS, 'departmentId'];
    const parsed = staff
      ? staffUpdateSchema.safeParse({ displayName, active, roles: assignments() })
      : staffInputSchema.safeParse({ loginId, displayName, password, roles: assignments() });
    if (!parsed.success) {
      errors.fromZod(
        {
          issues: parsed.error.issues.map((i) => ({
            ...i,
            path: i.path.at(-1) === 'departmentId' ? ['departmentId'] : i.path,
          })),
        },
        fields,
      );
      focusFirstInvalid(formRef.current);
      return;
    }
    if (!staff && password === '') {
      errors.setField('password', '初期パスワードを入力してください');
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      if (staff) await api.patch(centerPath(slug, `/staff/${staff.id}`), parsed.data);
      else await api.post(centerPath(slug, '/staff'), parsed.data);
      onSaved(displayName.trim());
    } catch (e) {
      if (e instanceof ApiError && e.field?.endsWith('departmentId'))
        errors.setField('departmentId', e.message);
      else if (e instanceof ApiError && e.code === 'password_rejected')
        errors.setField('password', e.message);
      else if (e instanceof ApiError && e.code === 'conflict' && !staff)
        errors.setField('loginId', 'このログインIDは既に使われています。');
      else errors.fromApi(e, fields);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      {staff ? (
        <p>
          ログインID：<code>{staff.loginId}</code>
        </p>
      ) : (
        <TextField
          label="ログインID"
          name="loginId"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          hint="半角英数字と . _ @ - の3〜64文字"
          value={loginId}
          onChange={(e) => setLoginId(e.target.value)}
          error={errors.fieldErrors.loginId}
          required
        />
      )}
      <TextField
        label="氏名"
        name="displayName"
        autoComplete="off"
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={errors.fieldErrors.displayName}
        required
      />
      {!staff && (
        <TextField
          label="初期パスワード"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="本人に安全な方法で伝えてください。初回ログイン時に変更を求められます。"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.fieldErrors.password}
          required
        />
      )}
      <fieldset
        className={`checkbox-group${errors.fieldErrors.roles ? ' field--invalid' : ''}`}
        aria-describedby={errors.fieldErrors.roles ? rolesHintId : undefined}
      >
        <legend className="field__label">
          役割
          <span className="field__required" aria-hidden="true">
            ※必須
          </span>
        </legend>
        {allRoles.map((role, index) => (
          <Checkbox
            key={role}
            label={roleLabels[role]}
            name={index === 0 ? 'roles' : undefined}
            checked={selected.has(role)}
            aria-invalid={errors.fieldErrors.roles && index === 0 ? true : undefined}
            onChange={(e) => toggle(role, e.target.checked)}
          />
        ))}
        {errors.fieldErrors.roles && (
          <p className="field__error" id={rolesHintId}>
            <span aria-hidden="true">⚠ </span>
            {errors.fieldErrors.roles}
          </p>
        )}
      </fieldset>
      {selected.has('department_staff') && (
        <SelectField
          label="所管課（所管課職員の所属）"
          name="departmentId"
          value={departmentId}
          onChange={(e) => setDepartmentId(e.target.value)}
          error={errors.fieldErrors.departmentId}
          hint={
            departments.length === 0
              ? '所管課が登録されていません。先に「センター設定」で所管課を追加してください。'
              : undefined
          }
          required
        >
          <option value="">選択してください</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
      )}
      {staff && (
        <Checkbox
          label="有効（ログインできる）"
          name="active"
          checked={active}
          onChange={(e) => setActive(e.target.checked)}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          {staff ? '保存' : '追加'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}

function PasswordResetForm({
  slug,
  staff,
  onDone,
  onCancel,
}: {
  slug: string;
  staff: Staff;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (password === '') {
      errors.setField('password', '新しいパスワードを入力してください');
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.post(centerPath(slug, `/staff/${staff.id}/password`), { password });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'password_rejected') errors.setField('password', e.message);
      else errors.fromApi(e, ['password']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      <p>
        {staff.displayName}（<code>{staff.loginId}</code>
        ）のパスワードを再設定します。新しいパスワードは本人に安全な方法で伝えてください。次回ログイン時に変更を求められます。
      </p>
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <TextField
        label="新しいパスワード"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.fieldErrors.password}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          再設定
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
