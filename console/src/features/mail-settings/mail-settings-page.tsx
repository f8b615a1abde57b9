import {
  defaultAutoReplyBody,
  defaultAutoReplySubject,
  type MailSettings,
  type MailTestResult,
  mailPlaceholders,
  mailSettingsSchema,
  mailSettingsUpdateSchema,
  mailTestRequestSchema,
  mailTestResultSchema,
  type SessionCenter,
  type SmtpSecurity,
  smtpSecurityLabels,
} from '@madoguchi/contracts';
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { Checkbox, FormAlert, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath, errorText } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

const fields = [
  'enabled',
  'smtpHost',
  'smtpPort',
  'smtpSecurity',
  'smtpUser',
  'smtpPassword',
  'fromAddress',
  'fromName',
  'replyTo',
  'autoReplySubject',
  'autoReplyBody',
] as const;

/** メール設定: the centre's SMTP server, sender and auto-reply (seed 004 第2-8(2)ウ・エ); administrators only. */
export function MailSettingsPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const settings = useApi(`mail-settings:${slug}`, (signal) =>
    api.get<MailSettings>(centerPath(slug, '/mail-settings'), { signal, schema: mailSettingsSchema }),
  );
  // Owned here, not by the form: the form starts afresh (keyed by updatedAt) after each save, and the
  // confirmation must survive that.
  const notice = useNotice();
  return (
    <>
      <PageHeader
        title="メール設定"
        lead="問合せフォームの自動返信メールを送るメールサーバーと文面です。パスワードは暗号化して保存し、画面には表示しません。"
      />
      {settings.error !== undefined && !settings.data ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading />
      ) : (
        <>
          <SettingsForm
            key={settings.data.updatedAt ?? 'new'}
            slug={slug}
            initial={settings.data}
            onSaved={settings.reload}
            notice={notice}
          />
          <TestSection slug={slug} configured={settings.data.configured} />
        </>
      )}
    </>
  );
}

function SettingsForm({
  slug,
  initial,
  onSaved,
  notice,
}: {
  slug: string;
  initial: MailSettings;
  onSaved: () => void;
  notice: ReturnType<typeof useNotice>;
}) {
  const [form, setForm] = useState({
    enabled: initial.enabled,
    smtpHost: initial.smtpHost,
    smtpPort: String(initial.smtpPort),
    smtpSecurity: initial.smtpSecurity,
    smtpUser: initial.smtpUser ?? '',
    smtpPassword: '',
    removePassword: false,
    fromAddress: initial.fromAddress,
    fromName: initial.fromName,
    replyTo: initial.replyTo ?? '',
    autoReplySubject: initial.autoReplySubject,
    autoReplyBody: initial.autoReplyBody,
  });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  type TextKey = {
    [K in keyof typeof form]: (typeof form)[K] extends string ? K : never;
  }[keyof typeof form];
  /** Name, value, change handler and error of a text field bound to the form. */
  const text = (key: TextKey) => ({
    name: key,
    value: form[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(key, e.target.value),
    error: errors.fieldErrors[key],
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const { removePassword, smtpPassword, ...rest } = form;
    const body = {
      ...rest,
      // Write-only: sent only when typed; null removes the stored one.
      ...(removePassword ? { smtpPassword: null } : smtpPassword ? { smtpPassword } : {}),
    };
    const parsed = mailSettingsUpdateSchema.safeParse(body);
    if (!parsed.success) {
      errors.fromZod(parsed.error, fields);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.put<MailSettings>(centerPath(slug, '/mail-settings'), parsed.data, {
        schema: mailSettingsSchema,
      });
      notice.success(
        form.enabled
          ? 'メール設定を保存しました。送信待ちの自動返信メールは順に送信されます。'
          : 'メール設定を保存しました（送信は無効です）。',
      );
      onSaved();
    } catch (e) {
      errors.fromApi(e, fields);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="送信の設定" id="smtp">
      {!initial.configured && (
        <p className="alert alert--info">
          まだ保存されていません。保存するまで、自動返信メールは「送信待ち」のまま送信されません。
        </p>
      )}
      {!initial.credentialsKeyConfigured && (
        <p className="alert alert--warning">
          このサーバーには MAIL_CREDENTIALS_KEY が設定されていないため、SMTPのパスワードを保存できません。
          認証なしで送れるメールサーバーを使うか、システム管理者に設定を依頼してください。
        </p>
      )}
      <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
        <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
        {notice.element}
        <Checkbox
          label="自動返信メールを送信する"
          name="enabled"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
        />
        <TextField
          label="SMTPサーバー"
          hint="例：smtp.example.lg.jp"
          {...text('smtpHost')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="ポート番号"
          inputMode="numeric"
          hint="STARTTLS は通常 587、SSL/TLS は 465"
          {...text('smtpPort')}
          required
        />
        <SelectField
          label="暗号化"
          name="smtpSecurity"
          value={form.smtpSecurity}
          onChange={(e) => set('smtpSecurity', e.target.value as SmtpSecurity)}
          error={errors.fieldErrors.smtpSecurity}
        >
          {(Object.keys(smtpSecurityLabels) as SmtpSecurity[]).map((s) => (
            <option key={s} value={s}>
              {smtpSecurityLabels[s]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="ユーザー名（認証）"
          hint="認証しないメールサーバーでは空欄にします。"
          {...text('smtpUser')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="パスワード（認証）"
          type="password"
          autoComplete="new-password"
          hint={
            initial.hasPassword
              ? '保存済みです（表示しません）。変更するときだけ入力してください。'
              : 'まだ保存されていません。'
          }
          {...text('smtpPassword')}
          disabled={form.removePassword}
        />
        {initial.hasPassword && (
          <Checkbox
            label="保存済みのパスワードを削除する"
            name="removePassword"
            checked={form.removePassword}
            onChange={(e) => set('removePassword', e.target.checked)}
          />
        )}
        <TextField
          label="送信元アドレス"
          type="email"
          hint="例：callcenter@example.lg.jp（送信専用のアドレスを推奨します）"
          {...text('fromAddress')}
          spellCheck={false}
          required
        />
        <TextField label="送信者名" hint="例：いわき市総合コールセンター" {...text('fromName')} />
        <TextField
          label="返信先アドレス（Reply-To）"
          type="email"
          hint="返信を受け付けるアドレスがあれば入力します。空欄なら設定しません。"
          {...text('replyTo')}
          spellCheck={false}
        />
        <TextField label="自動返信の件名" {...text('autoReplySubject')} required />
        <TextAreaField
          label="自動返信の本文"
          rows={16}
          hint="お問い合わせの内容やお名前は、誤送信に備えて本文に入れないでください。"
          {...text('autoReplyBody')}
          required
        />
        <details className="details-box">
          <summary>件名・本文で使える差し込み項目</summary>
          <dl className="details details--compact">
            {Object.entries(mailPlaceholders).map(([key, label]) => (
              <div key={key}>
                <dt>
                  <code>{`{${key}}`}</code>
                </dt>
                <dd>{label}</dd>
              </div>
            ))}
          </dl>
        </details>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            保存する
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              setForm((f) => ({
                ...f,
                autoReplySubject: defaultAutoReplySubject,
                autoReplyBody: defaultAutoReplyBody,
              }))
            }
          >
            件名・本文を初期値に戻す
          </button>
        </div>
        {initial.updatedAt && <p className="muted">最終更新：{formatDateTime(initial.updatedAt)}</p>}
      </form>
    </Section>
  );
}

function TestSection({ slug, configured }: { slug: string; configured: boolean }) {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; n: number } | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = mailTestRequestSchema.safeParse({ to });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      const answer = await api.post<MailTestResult>(centerPath(slug, '/mail-settings/test'), parsed.data, {
        schema: mailTestResultSchema,
      });
      setResult((r) => ({ ok: answer.ok, text: answer.message, n: (r?.n ?? 0) + 1 }));
    } catch (e) {
      setResult((r) => ({ ok: false, text: errorText(e), n: (r?.n ?? 0) + 1 }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title="テスト送信"
      id="test"
      description="保存した設定でテストメールを送ります（送信が無効でも送れます）。失敗したときは理由を表示します。"
    >
      {!configured && <p className="alert alert--info">先に設定を保存してください。</p>}
      <form className="form form--narrow" onSubmit={submit} noValidate>
        <TextField
          label="送信先アドレス"
          name="to"
          type="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError}
          spellCheck={false}
          required
        />
        {result && (
          <p
            key={result.n}
            className={`alert ${result.ok ? 'alert--success' : 'alert--error'}`}
            role={result.ok ? 'status' : 'alert'}
          >
            {result.text}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy} disabled={!configured}>
            テスト送信
          </button>
        </div>
      </form>
    </Section>
  );
}
