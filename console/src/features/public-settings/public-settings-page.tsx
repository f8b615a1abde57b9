import {
  type InquiryFieldModes,
  inquiryFieldLabels,
  inquiryFieldModeLabels,
  inquiryFieldModeSchema,
  type PublicSettings,
  publicSettingsUpdateSchema,
  type RelatedContact,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Checkbox, FormAlert, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { Link } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { loadPublicSettings, publicSettingsKey, publicSiteUrls } from './api.ts';
import { NoticePreview } from './notice-preview.tsx';
import './public-settings.css';

// What citizens see besides the FAQs (seed 004 第2-8(1)イ, (3)ア(ｲ)): the homepage's introduction, the city's
// specific call centres and other contact points, an own host name, and the inquiry form's fields.

const MAX_CONTACTS = 30;
const fieldKeys = Object.keys(inquiryFieldLabels) as (keyof InquiryFieldModes)[];
const emptyContact = (): RelatedContact => ({ name: '', phone: '', hours: '', url: '', note: '' });

export function PublicSettingsPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const settings = useApi<PublicSettings>(publicSettingsKey(slug), (signal) =>
    loadPublicSettings(slug, signal),
  );
  return (
    <>
      <PageHeader
        title="公開サイト設定"
        lead="市民向けの公開サイト（センターのトップページ、FAQ、問合せフォーム）に表示する内容です。"
      />
      {settings.error !== undefined && !settings.data ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading />
      ) : (
        <SettingsForm slug={slug} settings={settings.data} onSaved={settings.reload} />
      )}
    </>
  );
}

function SettingsForm({
  slug,
  settings,
  onSaved,
}: {
  slug: string;
  settings: PublicSettings;
  onSaved: () => void;
}) {
  const [introduction, setIntroduction] = useState(settings.introduction);
  const [contacts, setContacts] = useState<RelatedContact[]>(settings.relatedContacts);
  const [publicHost, setPublicHost] = useState(settings.publicHost ?? '');
  const [inquiryEnabled, setInquiryEnabled] = useState(settings.inquiryEnabled);
  const [inquiryIntro, setInquiryIntro] = useState(settings.inquiryIntro);
  const [fields, setFields] = useState<InquiryFieldModes>(settings.inquiryFields);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const notice = useNotice();
  const formRef = useRef<HTMLFormElement>(null);
  const contactsRef = useRef<HTMLOListElement>(null);
  const fe = errors.fieldErrors;

  const errorFields = [
    'introduction',
    'publicHost',
    'inquiryEnabled',
    'inquiryIntro',
    ...fieldKeys.map((k) => `inquiryFields.${k}`),
    ...contacts.flatMap((_, i) =>
      ['name', 'phone', 'hours', 'url', 'note'].map((f) => `relatedContacts.${i}.${f}`),
    ),
    'relatedContacts',
  ];

  const updateContact = (index: number, patch: Partial<RelatedContact>) =>
    setContacts((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));

  const focusContact = (index: number) =>
    requestAnimationFrame(() =>
      contactsRef.current?.querySelectorAll<HTMLInputElement>('input[name="contact-name"]')[index]?.focus(),
    );

  const addContact = () => {
    if (contacts.length >= MAX_CONTACTS) return;
    setContacts((list) => [...list, emptyContact()]);
    setAnnouncement(`関連窓口の入力欄を追加しました。${contacts.length + 1}件目です。`);
    focusContact(contacts.length);
  };

  const removeContact = (index: number) => {
    const name = contacts[index]?.name || `${index + 1}件目`;
    setContacts((list) => list.filter((_, i) => i !== index));
    setAnnouncement(`関連窓口「${name}」を削除しました。保存すると公開サイトから消えます。`);
  };

  const moveContact = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= contacts.length) return;
    setContacts((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(target, 0, item);
      return next;
    });
    setAnnouncement(`「${contacts[index]?.name || `${index + 1}件目`}」を${target + 1}番目に移動しました。`);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const parsed = publicSettingsUpdateSchema.safeParse({
      introduction,
      relatedContacts: contacts,
      publicHost,
      inquiryEnabled,
      inquiryIntro,
      inquiryFields: fields,
    });
    if (!parsed.success) {
      errors.fromZod(parsed.error, errorFields);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.patch(centerPath(slug, '/public-settings'), parsed.data);
      notice.success('公開サイト設定を保存しました。公開サイトにすぐ反映されます。');
      onSaved();
    } catch (e) {
      errors.fromApi(e, errorFields);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const urls = publicSiteUrls(slug, settings.publicHost);

  return (
    <>
      <nav className="toc" aria-label="このページの項目">
        <ul>
          <li>
            <a href="#site">公開サイトのアドレス</a>
          </li>
          <li>
            <a href="#notice">お知らせバナー</a>
          </li>
          <li>
            <a href="#introduction">紹介文</a>
          </li>
          <li>
            <a href="#contacts">関連窓口</a>
          </li>
          <li>
            <a href="#inquiry">問合せフォーム</a>
          </li>
        </ul>
      </nav>
      <Section
        title="お知らせバナー"
        id="notice"
        description="災害時の回答遅延などのお知らせは、業務監督者・スーパーバイザーも「お知らせバナー」の画面から掲載できます。"
      >
        <NoticePreview text={settings.notice.text} level={settings.notice.level} />
        <p>
          <Link to={`/c/${encodeURIComponent(slug)}/notice`}>お知らせバナーを変更する</Link>
        </p>
      </Section>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert formError={errors.formError} fieldErrors={fe} sequence={errors.sequence} />
        {notice.element}
        <Section title="公開サイトのアドレス" id="site">
          <ul className="site-urls">
            {urls.map((url) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noreferrer">
                  {url}
                  <span className="visually-hidden">（新しいタブで開きます）</span>
                </a>
              </li>
            ))}
          </ul>
          <TextField
            label="公開ホスト名（任意）"
            name="publicHost"
            hint="センター専用のホスト名（例：faq.example.lg.jp）で公開するときに入力します。DNS とリバースプロキシの設定が必要です。空欄にすると使いません。"
            value={publicHost}
            onChange={(e) => setPublicHost(e.target.value)}
            error={fe.publicHost}
            autoComplete="off"
            spellCheck={false}
            inputMode="url"
          />
        </Section>

        <Section title="紹介文" id="introduction">
          <TextAreaField
            label="センターの紹介文"
            name="introduction"
            rows={6}
            maxLength={4000}
            hint="公開サイトのトップページに表示します。4000文字以内。空行で段落を分けられます。"
            value={introduction}
            onChange={(e) => setIntroduction(e.target.value)}
            error={fe.introduction}
          />
        </Section>

        <Section
          title="関連窓口"
          id="contacts"
          description="市の特定コールセンターなど、トップページで案内する窓口です（最大30件、上から順に表示）。"
        >
          {fe.relatedContacts && (
            <p className="field__error">
              <span aria-hidden="true">⚠ </span>
              {fe.relatedContacts}
            </p>
          )}
          {contacts.length === 0 && <p className="muted">関連窓口は登録されていません。</p>}
          <ol className="contact-rows" ref={contactsRef}>
            {contacts.map((contact, i) => (
              // Rows have no id until saved; position is their identity while editing.
              // biome-ignore lint/suspicious/noArrayIndexKey: editable rows without identity
              <li key={i} className="contact-row">
                <h3 className="contact-row__title">
                  {i + 1}. {contact.name || '（名称未入力）'}
                </h3>
                <div className="contact-row__grid">
                  <TextField
                    label="名称"
                    name="contact-name"
                    value={contact.name}
                    onChange={(e) => updateContact(i, { name: e.target.value })}
                    error={fe[`relatedContacts.${i}.name`]}
                    required
                  />
                  <TextField
                    label="電話番号"
                    name="contact-phone"
                    type="tel"
                    value={contact.phone}
                    onChange={(e) => updateContact(i, { phone: e.target.value })}
                    error={fe[`relatedContacts.${i}.phone`]}
                  />
                  <TextField
                    label="受付時間"
                    name="contact-hours"
                    placeholder="例：平日 8:30〜17:15"
                    value={contact.hours}
                    onChange={(e) => updateContact(i, { hours: e.target.value })}
                    error={fe[`relatedContacts.${i}.hours`]}
                  />
                  <TextField
                    label="URL"
                    name="contact-url"
                    type="url"
                    placeholder="https://"
                    value={contact.url}
                    onChange={(e) => updateContact(i, { url: e.target.value })}
                    error={fe[`relatedContacts.${i}.url`]}
                  />
                </div>
                <TextField
                  label="補足"
                  name="contact-note"
                  value={contact.note}
                  onChange={(e) => updateContact(i, { note: e.target.value })}
                  error={fe[`relatedContacts.${i}.note`]}
                />
                <div className="contact-row__actions">
                  <ItemButton
                    label="上へ"
                    item={`${i + 1}件目`}
                    onClick={() => moveContact(i, -1)}
                    disabled={i === 0}
                  />
                  <ItemButton
                    label="下へ"
                    item={`${i + 1}件目`}
                    onClick={() => moveContact(i, 1)}
                    disabled={i === contacts.length - 1}
                  />
                  <ItemButton label="削除" item={`${i + 1}件目`} danger onClick={() => removeContact(i)} />
                </div>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--secondary"
            onClick={addContact}
            disabled={contacts.length >= MAX_CONTACTS}
          >
            関連窓口を追加
          </button>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
        </Section>

        <Section
          title="問合せフォーム"
          id="inquiry"
          description="市民が公開サイトから送る問合せ（問合せWEBサイト）の設定です。分類と内容は常に入力してもらいます。"
        >
          <Checkbox
            label="問合せフォームを公開する"
            name="inquiryEnabled"
            checked={inquiryEnabled}
            onChange={(e) => setInquiryEnabled(e.target.checked)}
          />
          <TextAreaField
            label="フォームの案内文"
            name="inquiryIntro"
            rows={4}
            maxLength={2000}
            hint="フォームの上に表示します。2000文字以内。"
            value={inquiryIntro}
            onChange={(e) => setInquiryIntro(e.target.value)}
            error={fe.inquiryIntro}
          />
          <div className="field-modes">
            {fieldKeys.map((key) => (
              <SelectField
                key={key}
                label={inquiryFieldLabels[key]}
                name={`inquiryFields.${key}`}
                value={fields[key]}
                onChange={(e) =>
                  setFields((f) => ({ ...f, [key]: inquiryFieldModeSchema.parse(e.target.value) }))
                }
                error={fe[`inquiryFields.${key}`]}
              >
                {inquiryFieldModeSchema.options.map((mode) => (
                  <option key={mode} value={mode}>
                    {inquiryFieldModeLabels[mode]}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          {fields.email === 'hidden' && (
            <p className="alert alert--info">
              メールアドレスを「表示しない」にすると、受付確認メール（自動返信）は送られません。
            </p>
          )}
        </Section>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy} disabled={busy}>
            公開サイト設定を保存
          </button>
        </div>
      </form>
    </>
  );
}
