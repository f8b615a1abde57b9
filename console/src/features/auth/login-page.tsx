import { errorMessagesJa, type LoginRequest, loginRequestSchema, type Session } from '@madoguchi/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormAlert, TextField } from '../../components/fields.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { useSessionContext } from '../../lib/session.tsx';

const FIELDS = ['loginId', 'password', 'totp'] as const;

export function LoginPage({ expired }: { expired: boolean }) {
  const { signIn } = useSessionContext();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const totpRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'ログイン｜窓口 Madoguchi';
  }, []);

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const input: LoginRequest = { loginId, password, ...(needsTotp ? { totp: totp.trim() } : {}) };
    const parsed = loginRequestSchema.safeParse(input);
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setSubmitting(true);
    errors.clear();
    try {
      const session = await api.post<Session>('/auth/login', parsed.data);
      signIn(session);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') {
        setNeedsTotp(true);
      } else if (e instanceof ApiError && e.code === 'invalid_totp') {
        errors.setField('totp', errorMessagesJa.invalid_totp);
        setTotp('');
        focusFirstInvalid(formRef.current);
      } else {
        errors.fromApi(e, FIELDS);
        focusFirstInvalid(formRef.current);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login">
      <header className="login__header">
        <p className="brand">
          <span className="brand__ja">窓口</span> <span className="brand__en">Madoguchi</span>
        </p>
      </header>
      <main id="main" className="login__main">
        <div className="login__card">
          <h1 ref={headingRef} className="login__title">
            ログイン
          </h1>
          <p className="login__lead">コンタクトセンター業務システム（スタッフ用）</p>
          {expired && (
            <p className="alert alert--info" role="status">
              セッションの有効期限が切れたか、ログアウトされました。もう一度ログインしてください。
            </p>
          )}
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          {needsTotp && !errors.fieldErrors.totp && (
            <p className="alert alert--info" role="status">
              {errorMessagesJa.totp_required}認証アプリに表示されている6桁の数字です。
            </p>
          )}
          <form ref={formRef} onSubmit={submit} noValidate className="form">
            <TextField
              label="ログインID"
              name="loginId"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={loginId}
              onChange={(e) => {
                setLoginId(e.target.value);
                setNeedsTotp(false);
              }}
              error={errors.fieldErrors.loginId}
              required
            />
            <TextField
              label="パスワード"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.fieldErrors.password}
              required
            />
            {needsTotp && (
              <TextField
                ref={totpRef}
                label="確認コード（6桁）"
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                className="input--code"
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
                error={errors.fieldErrors.totp}
                required
              />
            )}
            <div className="form__actions">
              <button type="submit" className="button button--primary button--block" aria-busy={submitting}>
                ログイン
              </button>
            </div>
          </form>
          <p className="login__note">
            パスワードを忘れた場合やアカウントがロックされた場合は、センターの管理者に連絡してください。
          </p>
        </div>
      </main>
    </div>
  );
}
