import { passwordChangeSchema } from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { FormAlert, SuccessMessage, TextField } from '../../components/fields.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** 現在のパスワード → 新しいパスワード (twice) → `POST /auth/password`. */
export function PasswordChangeForm({ onChanged }: { onChanged?: () => void | Promise<void> }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setDone(false);
    const parsed = passwordChangeSchema.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    if (newPassword !== confirmPassword) {
      errors.setField('confirmPassword', '確認用のパスワードが一致しません。');
      focusFirstInvalid(formRef.current);
      return;
    }
    setSubmitting(true);
    errors.clear();
    try {
      await api.post('/auth/password', parsed.data);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      setDone(true);
      await onChanged?.();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'password_rejected') {
        errors.setField(e.field === 'currentPassword' ? 'currentPassword' : 'newPassword', e.message);
      } else if (e instanceof ApiError && e.code === 'invalid_credentials') {
        errors.setField('currentPassword', '現在のパスワードが正しくありません。');
      } else {
        errors.fromApi(e, FIELDS);
      }
      focusFirstInvalid(formRef.current);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      {done && <SuccessMessage>パスワードを変更しました。</SuccessMessage>}
      <TextField
        label="現在のパスワード"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={errors.fieldErrors.currentPassword}
        required
      />
      <TextField
        label="新しいパスワード"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="他人に推測されにくい長いパスワードにしてください。条件を満たさない場合は理由が表示されます。"
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={errors.fieldErrors.newPassword}
        required
      />
      <TextField
        label="新しいパスワード（確認）"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        value={confirmPassword}
        onChange={(e) => setConfirmPassword(e.target.value)}
        error={errors.fieldErrors.confirmPassword}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={submitting}>
          パスワードを変更
        </button>
      </div>
    </form>
  );
}
