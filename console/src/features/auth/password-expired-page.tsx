import { useEffect, useState } from 'react';
import { errorText } from '../../lib/api.ts';
import { useSession, useSessionContext } from '../../lib/session.tsx';
import { PasswordChangeForm } from './password-form.tsx';

/** Shown instead of everything else while `session.user.passwordExpired` is true. */
export function PasswordExpiredPage() {
  const session = useSession();
  const { refresh, signOut } = useSessionContext();
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'パスワードの変更｜窓口 Madoguchi';
  }, []);

  return (
    <div className="login">
      <header className="login__header login__header--bar">
        <p className="brand">
          <span className="brand__ja">窓口</span> <span className="brand__en">Madoguchi</span>
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => signOut().catch((e: unknown) => setLogoutError(errorText(e)))}
        >
          ログアウト
        </button>
      </header>
      <main id="main" className="login__main">
        <div className="login__card login__card--wide">
          <h1 className="login__title">パスワードの変更</h1>
          {logoutError && (
            <p className="alert alert--error" role="alert">
              {logoutError}
            </p>
          )}
          <p className="alert alert--warning">
            {session.user.displayName}{' '}
            さんのパスワードは有効期限が切れているか、初期パスワードのままです。利用を続けるには新しいパスワードを設定してください。
          </p>
          <PasswordChangeForm onChanged={refresh} />
        </div>
      </main>
    </div>
  );
}
