import {
  type NoticeLevel,
  noticeInputSchema,
  noticeLevelLabels,
  noticeLevelSchema,
  type PublicSettings,
  type SessionCenter,
} from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { FormAlert, TextAreaField } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';
import { loadPublicSettings, publicSettingsKey, publicSiteUrls } from './api.ts';
import { NoticePreview } from './notice-preview.tsx';

// seed 004 第3-1(2)ウ: during a disaster the centre tells citizens at once that answers are delayed. Managers
// and supervisors set the banner here in a few clicks; it shows on every public page within a second.

const templates: { label: string; text: string; level: NoticeLevel }[] = [
  { label: '災害対応', text: '災害対応のため、回答までお時間をいただいています。', level: 'urgent' },
  {
    label: '混雑',
    text: 'ただいまお問い合わせが大変混み合っており、回答までお時間をいただいています。',
    level: 'warning',
  },
  {
    label: 'システム停止',
    text: 'システムの保守のため、一部のサービスを停止しています。',
    level: 'info',
  },
];

export function NoticePage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const settings = useApi<PublicSettings>(publicSettingsKey(slug), (signal) =>
    loadPublicSettings(slug, signal),
  );
  // Above the editor, which starts afresh (keyed) after each save: the confirmation must survive that.
  const notice = useNotice();
  return (
    <>
      <PageHeader
        title="お知らせバナー"
        lead="公開サイトのすべてのページの上部に表示するお知らせです。災害時の回答遅延などを市民にすぐ伝えられます。"
      />
      {settings.error !== undefined && !settings.data ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading />
      ) : (
        <NoticeEditor
          key={settings.data.notice.updatedAt ?? 'none'}
          slug={slug}
          settings={settings.data}
          onSaved={settings.reload}
          notice={notice}
        />
      )}
    </>
  );
}

function NoticeEditor({
  slug,
  settings,
  onSaved,
  notice,
}: {
  slug: string;
  settings: PublicSettings;
  onSaved: () => void;
  notice: ReturnType<typeof useNotice>;
}) {
  const current = settings.notice;
  const [text, setText] = useState(current.text);
  const [level, setLevel] = useState<NoticeLevel>(current.level);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const showing = current.text.trim() !== '';
  const [siteUrl] = publicSiteUrls(slug, settings.publicHost);

  const send = async (body: { text: string; level: NoticeLevel }, done: string) => {
    setBusy(true);
    errors.clear();
    notice.clear();
    try {
      await api.put(centerPath(slug, '/public-notice'), body);
      notice.success(done);
      onSaved();
    } catch (e) {
      errors.fromApi(e, ['text', 'level']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = noticeInputSchema.safeParse({ text, level });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    if (parsed.data.text === '') {
      errors.setField(
        'text',
        'お知らせの文章を入力してください（掲載をやめるときは「掲載をやめる」を押してください）',
      );
      focusFirstInvalid(formRef.current);
      return;
    }
    await send(parsed.data, 'お知らせバナーを掲載しました。公開サイトに表示されます。');
  };

  const withdraw = async () => {
    if (busy) return;
    if (!window.confirm('お知らせバナーの掲載をやめますか？')) return;
    await send({ text: '', level: 'info' }, 'お知らせバナーの掲載をやめました。');
  };

  return (
    <>
      {notice.element}
      <Section title="現在の表示">
        <p>
          {showing ? (
            <>
              <span className="badge">掲載中</span>（{noticeLevelLabels[current.level]}）
            </>
          ) : (
            '掲載していません。'
          )}
          {current.updatedAt && <>　最終更新：{formatDateTime(current.updatedAt)}</>}
        </p>
        <NoticePreview text={current.text} level={current.level} />
        <p>
          <a href={siteUrl} target="_blank" rel="noreferrer">
            公開サイトで確認する<span className="visually-hidden">（新しいタブで開きます）</span>
          </a>
        </p>
        {showing && (
          <button
            type="button"
            className="button button--danger"
            onClick={withdraw}
            aria-busy={busy}
            disabled={busy}
          >
            掲載をやめる
          </button>
        )}
      </Section>

      <Section title={showing ? 'お知らせを変更する' : 'お知らせを掲載する'}>
        <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
          <FormAlert
            formError={errors.formError}
            fieldErrors={errors.fieldErrors}
            sequence={errors.sequence}
          />
          <p className="field__hint" id="notice-templates-hint">
            定型文を選ぶと文章と重要度が入ります（そのあと編集できます）。
          </p>
          <ul className="notice-templates" aria-describedby="notice-templates-hint">
            {templates.map((t) => (
              <li key={t.label}>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    setText(t.text);
                    setLevel(t.level);
                  }}
                >
                  定型文：{t.label}
                </button>
              </li>
            ))}
          </ul>
          <fieldset className="notice-levels">
            <legend>重要度</legend>
            <div className="notice-levels__options">
              {noticeLevelSchema.options.map((l) => (
                <div className="radio" key={l}>
                  <input
                    type="radio"
                    id={`notice-level-${l}`}
                    name="level"
                    value={l}
                    checked={level === l}
                    onChange={() => setLevel(l)}
                  />
                  <label htmlFor={`notice-level-${l}`}>{noticeLevelLabels[l]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            label="お知らせの文章"
            name="text"
            rows={4}
            maxLength={500}
            hint="500文字以内。空行で段落を分けられます。「緊急」は読み上げソフトにもすぐ伝わります。"
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={errors.fieldErrors.text}
            required
          />
          <h3 className="subsection__title" id="notice-preview-heading">
            表示の見本
          </h3>
          <section aria-labelledby="notice-preview-heading">
            <NoticePreview text={text} level={level} />
          </section>
          <div className="form__actions">
            <button type="submit" className="button button--primary" aria-busy={busy} disabled={busy}>
              {showing ? 'この内容に変更する' : '掲載する'}
            </button>
          </div>
        </form>
      </Section>
    </>
  );
}
