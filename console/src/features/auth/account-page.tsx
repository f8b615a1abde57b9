import { errorMessagesJa, passwordConfirmSchema, roleLabels, totpCodeSchema } from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { FormAlert, SuccessMessage, TextField } from '../../components/fields.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { useSession, useSessionContext } from '../../lib/session.tsx';
import { PasswordChangeForm } from './password-form.tsx';

export function AccountPage() {
  const session = useSession();
  const { user } = session;
  return (
    <>
      <PageHeader title="アカウント設定" />
      <Section title="アカウント情報">
        <dl className="details">
          <div>
            <dt>氏名</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>ログインID</dt>
            <dd>{user.loginId}</dd>
          </div>
          <div>
            <dt>役割</dt>
            <dd>
              {user.systemAdmin && <p>システム管理者（全センター）</p>}
              {session.centers.length === 0 && !user.systemAdmin && (
                <p>割り当てられたセンターはありません。</p>
              )}
              {session.centers.length > 0 && (
                <ul className="plain-list">
                  {session.centers.map((c) => (
                    <li key={c.id}>
                      {c.name}：{c.roles.map((r) => roleLabels[r]).join('、') || '—'}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        </dl>
      </Section>
      <Section title="パスワードの変更">
        <PasswordChangeForm />
      </Section>
      <Section
        title="二要素認証（確認コード）"
        description="ログインの際、パスワードに加えて認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示される6桁の確認コードを入力します。"
      >
        {user.totpEnabled ? <TotpDisable /> : <TotpEnable />}
      </Section>
    </>
  );
}

function TotpEnable() {
  const { refresh } = useSessionContext();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [enabled, setEnabled] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const start = async () => {
    if (busy) return;
    setBusy(true);
    errors.clear();
    try {
      setSetup(await api.post<{ secret: string; otpauthUri: string }>('/auth/totp/setup'));
    } catch (e) {
      errors.fromApi(e);
    } finally {
      setBusy(false);
    }
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = totpCodeSchema.safeParse({ code: code.trim() });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.post('/auth/totp/enable', parsed.data);
      setEnabled(true);
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_totp')
        errors.setField('code', errorMessagesJa.invalid_totp);
      else errors.fromApi(e, ['code']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  if (enabled) return <SuccessMessage>二要素認証を有効にしました。</SuccessMessage>;

  if (!setup) {
    return (
      <div>
        <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
        <p>
          現在の状態：<strong>未設定</strong>
        </p>
        <button type="button" className="button button--primary" onClick={start} aria-busy={busy}>
          二要素認証を設定する
        </button>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={enable} noValidate className="form form--narrow">
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <ol className="steps">
        <li>
          認証アプリで「アカウントを追加」（セットアップキーを入力）を選び、次のキーを入力してください。
          <dl className="details details--compact">
            <div>
              <dt>セットアップキー</dt>
              <dd>
                <code className="secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </dd>
            </div>
            <div>
              <dt>種類</dt>
              <dd>時間ベース（TOTP）</dd>
            </div>
          </dl>
          <details className="disclosure">
            <summary>設定用URI（otpauth）を表示</summary>
            <p>
              <code className="uri">{setup.otpauthUri}</code>
            </p>
            <p>
              この端末に認証アプリがある場合は <a href={setup.otpauthUri}>認証アプリで開く</a>{' '}
              こともできます。
            </p>
          </details>
        </li>
        <li>認証アプリに表示された6桁の確認コードを入力して「有効にする」を押してください。</li>
      </ol>
      <TextField
        label="確認コード（6桁）"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        className="input--code"
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        error={errors.fieldErrors.code}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          有効にする
        </button>
        <button type="button" className="button button--secondary" onClick={() => setSetup(null)}>
          やめる
        </button>
      </div>
    </form>
  );
}

function TotpDisable() {
  const { refresh } = useSessionContext();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const disable = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = passwordConfirmSchema.safeParse({ password });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.post('/auth/totp/disable', parsed.data);
      setPassword('');
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_credentials') {
        errors.setField('password', 'パスワードが正しくありません。');
      } else errors.fromApi(e, ['password']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={disable} noValidate className="form form--narrow">
      <p>
        現在の状態：<strong>有効</strong>
      </p>
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <TextField
        label="パスワード"
        hint="無効にするには現在のパスワードを入力してください。"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.fieldErrors.password}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--danger" aria-busy={busy}>
          二要素認証を無効にする
        </button>
      </div>
    </form>
  );
}
