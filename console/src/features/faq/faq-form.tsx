import {
  type Center,
  type Faq,
  type FaqInput,
  type FaqUpdate,
  faqIdSchema,
  faqInputSchema,
  faqSchema,
  type RelatedUrl,
} from '@madoguchi/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Checkbox, FormAlert, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { ApiError, api } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { navigate } from '../../lib/router.tsx';
import { AnswerEditor } from './answer-editor.tsx';
import { faqPath, faqsPath } from './api.ts';
import { isoToJstLocal, jstLocalToIso } from './dates.ts';
import { StringListEditor } from './list-editors.tsx';
import { faqItemHref, setFlash } from './routes.ts';

interface Values {
  faqId: string;
  question: string;
  answer: string;
  altPhrasings: string[];
  keywords: string[];
  categoryIds: string[];
  /** '' = 所管課なし */
  departmentId: string;
  relatedFaqIds: string[];
  relatedUrls: RelatedUrl[];
  internalNotes: string;
  published: boolean;
  /** datetime-local, Japan time */
  publishStart: string;
  publishEnd: string;
}

type EditableField = Exclude<keyof Values, 'faqId'>;

const editableFields: EditableField[] = [
  'question',
  'answer',
  'altPhrasings',
  'keywords',
  'categoryIds',
  'departmentId',
  'relatedFaqIds',
  'relatedUrls',
  'internalNotes',
  'published',
  'publishStart',
  'publishEnd',
];

function emptyValues(question = ''): Values {
  return {
    faqId: '',
    question,
    answer: '',
    altPhrasings: [],
    keywords: [],
    categoryIds: [],
    departmentId: '',
    relatedFaqIds: [],
    relatedUrls: [],
    internalNotes: '',
    published: false,
    publishStart: '',
    publishEnd: '',
  };
}

function valuesOf(faq: Faq): Values {
  return {
    faqId: faq.faqId,
    question: faq.question,
    answer: faq.answer,
    altPhrasings: [...faq.altPhrasings],
    keywords: [...faq.keywords],
    categoryIds: [...faq.categoryIds],
    departmentId: faq.departmentId ?? '',
    relatedFaqIds: [...faq.relatedFaqIds],
    relatedUrls: faq.relatedUrls.map((u) => ({ ...u })),
    internalNotes: faq.internalNotes,
    published: faq.published,
    publishStart: isoToJstLocal(faq.publishStart),
    publishEnd: isoToJstLocal(faq.publishEnd),
  };
}

/** The API's value of one field. */
function payloadValue(values: Values, field: EditableField) {
  switch (field) {
    case 'departmentId':
      return values.departmentId || null;
    case 'publishStart':
    case 'publishEnd':
      return jstLocalToIso(values[field]);
    case 'relatedUrls':
      return values.relatedUrls.map((u) => ({ title: u.title.trim(), url: u.url.trim() }));
    default:
      return values[field];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields(values: Values, base: Values): EditableField[] {
  return editableFields.filter((f) => !same(payloadValue(values, f), payloadValue(base, f)));
}

/**
 * Create or edit a FAQ: every field of FaqInput. Saving an existing FAQ sends the fields changed and the
 * version read; when someone else saved in between (409) the form says so and offers the latest version.
 */
export function FaqForm({
  slug,
  center,
  faq,
  initialQuestion,
  onSaved,
  onReloadLatest,
}: {
  slug: string;
  center: Center | undefined;
  faq?: Faq;
  initialQuestion?: string;
  onSaved?: (faq: Faq) => void;
  /** Throw away the edits and show the version saved by someone else. */
  onReloadLatest?: () => void;
}) {
  const [values, setValues] = useState<Values>(() => (faq ? valuesOf(faq) : emptyValues(initialQuestion)));
  const [base, setBase] = useState<Values>(() => (faq ? valuesOf(faq) : emptyValues(initialQuestion)));
  const [version, setVersion] = useState(faq?.version ?? 0);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const categoriesErrorId = useId();
  const dirty = changedFields(values, base).length > 0;

  // A newer FAQ from the page (saved, reviewed, attachment added): take it when nothing is being edited, or
  // only its version when its content is what the edits started from; otherwise keep the edits (saving them
  // then reports the conflict).
  const valuesRef = useRef(values);
  valuesRef.current = values;
  const baseRef = useRef(base);
  baseRef.current = base;
  useEffect(() => {
    if (!faq) return;
    const next = valuesOf(faq);
    const editing = changedFields(valuesRef.current, baseRef.current).length > 0;
    if (!editing) {
      setValues(next);
      setBase(next);
      setVersion(faq.version);
    } else if (changedFields(next, baseRef.current).length === 0) {
      setVersion(faq.version);
    }
  }, [faq]);

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setUnchanged(false);
  };

  const fieldNames = [
    'faqId',
    ...editableFields,
    ...values.relatedUrls.flatMap((_, i) => [`relatedUrls.${i}.title`, `relatedUrls.${i}.url`]),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setConflict(false);
    setUnchanged(false);
    const full: Record<string, unknown> = Object.fromEntries(
      editableFields.map((f) => [f, payloadValue(values, f)]),
    );
    if (!faq && values.faqId.trim() !== '') full.faqId = values.faqId.trim();
    const parsed = faqInputSchema.safeParse(full);
    if (!parsed.success) {
      errors.fromZod(parsed.error, fieldNames);
      focusFirstInvalid(formRef.current);
      return;
    }
    const changes = faq ? changedFields(values, base) : [];
    if (faq && changes.length === 0) {
      errors.clear();
      setUnchanged(true);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      if (!faq) {
        const created = await api.post<Faq>(faqsPath(slug), parsed.data satisfies FaqInput, {
          schema: faqSchema,
        });
        setFlash(`FAQ「${created.faqId}」を作成しました。`);
        setBase(values);
        navigate(faqItemHref(slug, created.faqId), { replace: true });
        return;
      }
      const update: FaqUpdate = { version };
      const data = parsed.data as Record<string, unknown>;
      for (const f of changes) (update as Record<string, unknown>)[f] = data[f];
      const saved = await api.patch<Faq>(faqPath(slug, faq.faqId), update, { schema: faqSchema });
      const next = valuesOf(saved);
      setValues(next);
      setBase(next);
      setVersion(saved.version);
      onSaved?.(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && faq) {
        setConflict(true);
      } else if (e instanceof ApiError && e.status === 409 && !e.field) {
        errors.setField('faqId', 'このFAQ-IDは既に使われています。別のFAQ-IDを入力してください。');
      } else {
        errors.fromApi(e, fieldNames);
      }
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const fe = errors.fieldErrors;
  const axes = [...(center?.categoryAxes ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);

  const toggleCategory = (id: string, on: boolean) =>
    set('categoryIds', on ? [...values.categoryIds, id] : values.categoryIds.filter((c) => c !== id));

  const setUrl = (index: number, key: keyof RelatedUrl, value: string) =>
    set(
      'relatedUrls',
      values.relatedUrls.map((u, i) => (i === index ? { ...u, [key]: value } : u)),
    );

  const addUrl = () => {
    set('relatedUrls', [...values.relatedUrls, { title: '', url: '' }]);
    const index = values.relatedUrls.length;
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLInputElement>(`[name="relatedUrls.${index}.title"]`)?.focus(),
    );
  };

  const removeUrl = (index: number) => {
    set(
      'relatedUrls',
      values.relatedUrls.filter((_, i) => i !== index),
    );
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLButtonElement>('.related-urls__add')?.focus(),
    );
  };

  return (
    <form ref={formRef} className="form faq-form" onSubmit={submit} noValidate>
      {conflict && (
        <div className="alert alert--error" role="alert">
          <p>
            このFAQは、あなたが編集している間にほかの人が保存しました。最新の内容を読み込んでから、もう一度編集してください（入力中の内容は破棄されます）。
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setConflict(false);
              onReloadLatest?.();
            }}
          >
            最新の内容を読み込む
          </button>
        </div>
      )}
      {unchanged && (
        <p className="alert alert--info" role="status">
          変更はありません。
        </p>
      )}
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />

      <fieldset className="form-group">
        <legend className="form-group__legend">質問と回答</legend>
        {faq ? (
          <p>
            FAQ-ID：<code>{faq.faqId}</code>
            <span className="muted">（変更できません）</span>
          </p>
        ) : (
          <TextField
            label="FAQ-ID"
            name="faqId"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            hint="半角英数字と - _ . の40文字以内。空欄のときは FAQ-000123 のような番号を自動で付けます。作成後は変更できません。"
            fieldClassName="field--medium-width"
            value={values.faqId}
            onChange={(e) => set('faqId', e.target.value)}
            error={fe.faqId}
          />
        )}
        <TextAreaField
          label="質問"
          name="question"
          rows={2}
          maxLength={500}
          required
          value={values.question}
          onChange={(e) => set('question', e.target.value)}
          error={fe.question}
        />
        <AnswerEditor value={values.answer} onChange={(v) => set('answer', v)} error={fe.answer} />
        <StringListEditor
          label="言い換え（市民の聞き方）"
          name="altPhrasings"
          hint="例：「粗大ごみはどう出すの」。質問と同じ重みで検索されます。30件まで。"
          items={values.altPhrasings}
          onChange={(v) => set('altPhrasings', v)}
          error={fe.altPhrasings}
          maxItems={30}
          maxLength={200}
        />
        <StringListEditor
          label="キーワード"
          name="keywords"
          hint="検索でこの FAQ を見つけやすくする語。30件まで。"
          items={values.keywords}
          onChange={(v) => set('keywords', v)}
          error={fe.keywords}
          maxItems={30}
          maxLength={50}
        />
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-group__legend">分類と所管課</legend>
        {axes.length === 0 ? (
          <p className="muted">分類が登録されていません（センター設定の「分類」で登録できます）。</p>
        ) : (
          <fieldset
            className={`category-picker${fe.categoryIds ? ' field--invalid' : ''}`}
            aria-describedby={fe.categoryIds ? categoriesErrorId : undefined}
          >
            <legend className="field__label">分類</legend>
            {axes.map((axis) => (
              <fieldset key={axis.id} className="checkbox-group category-picker__axis">
                <legend className="category-picker__axis-name">{axis.name}</legend>
                {[...axis.categories]
                  .sort((a, b) => a.sortOrder - b.sortOrder)
                  .map((c, index) => (
                    <Checkbox
                      key={c.id}
                      label={c.name}
                      name={index === 0 ? 'categoryIds' : undefined}
                      checked={values.categoryIds.includes(c.id)}
                      onChange={(e) => toggleCategory(c.id, e.target.checked)}
                    />
                  ))}
                {axis.categories.length === 0 && <p className="muted">カテゴリがありません。</p>}
              </fieldset>
            ))}
            {fe.categoryIds && (
              <p className="field__error" id={categoriesErrorId}>
                <span aria-hidden="true">⚠ </span>
                {fe.categoryIds}
              </p>
            )}
          </fieldset>
        )}
        <SelectField
          label="所管課"
          name="departmentId"
          fieldClassName="field--medium-width"
          value={values.departmentId}
          onChange={(e) => set('departmentId', e.target.value)}
          error={fe.departmentId}
        >
          <option value="">（所管課なし）</option>
          {(center?.departments ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-group__legend">関連情報</legend>
        <StringListEditor
          label="関連FAQ（FAQ-ID）"
          name="relatedFaqIds"
          hint="同じセンターの FAQ の FAQ-ID。20件まで。"
          items={values.relatedFaqIds}
          onChange={(v) => set('relatedFaqIds', v)}
          error={fe.relatedFaqIds}
          maxItems={20}
          maxLength={40}
          validate={(text) => {
            const r = faqIdSchema.safeParse(text);
            if (!r.success) return r.error.issues[0]?.message ?? 'FAQ-IDの形式が正しくありません';
            if (faq && text === faq.faqId) return 'この FAQ 自身は関連FAQにできません';
            return undefined;
          }}
          renderItem={(id) => <code>{id}</code>}
        />
        <fieldset
          className="related-urls"
          aria-describedby={fe.relatedUrls ? `${categoriesErrorId}-urls` : undefined}
        >
          <legend className="field__label">関連URL</legend>
          <p className="field__hint">市のホームページなど、回答の根拠や詳しい案内のページ。20件まで。</p>
          {values.relatedUrls.length === 0 && <p className="muted">登録されていません。</p>}
          {values.relatedUrls.map((u, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their position is their identity
            <div className="related-urls__row" key={i}>
              <TextField
                label={`リンク${i + 1}の名前`}
                name={`relatedUrls.${i}.title`}
                fieldClassName="related-urls__title"
                value={u.title}
                onChange={(e) => setUrl(i, 'title', e.target.value)}
                error={fe[`relatedUrls.${i}.title`]}
              />
              <TextField
                label={`リンク${i + 1}のURL`}
                name={`relatedUrls.${i}.url`}
                type="url"
                inputMode="url"
                spellCheck={false}
                placeholder="https://"
                fieldClassName="related-urls__url"
                value={u.url}
                onChange={(e) => setUrl(i, 'url', e.target.value)}
                error={fe[`relatedUrls.${i}.url`]}
              />
              <ItemButton
                label="削除"
                item={`リンク${i + 1}`}
                danger
                className="related-urls__remove"
                onClick={() => removeUrl(i)}
              />
            </div>
          ))}
          {fe.relatedUrls && (
            <p className="field__error" id={`${categoriesErrorId}-urls`}>
              <span aria-hidden="true">⚠ </span>
              {fe.relatedUrls}
            </p>
          )}
          {values.relatedUrls.length < 20 && (
            <button
              type="button"
              className="button button--secondary button--small related-urls__add"
              onClick={addUrl}
            >
              関連URLを追加
            </button>
          )}
        </fieldset>
        <TextAreaField
          label="内部メモ"
          name="internalNotes"
          hint="職員だけが見るメモです。公開サイトや API には出ません。"
          rows={3}
          maxLength={5000}
          value={values.internalNotes}
          onChange={(e) => set('internalNotes', e.target.value)}
          error={fe.internalNotes}
        />
      </fieldset>

      <fieldset className="form-group">
        <legend className="form-group__legend">公開</legend>
        <Checkbox
          label="公開する（公開サイト・チャットボットに載せる）"
          name="published"
          checked={values.published}
          onChange={(e) => set('published', e.target.checked)}
        />
        <div className="form__row">
          <TextField
            label="公開開始日時"
            name="publishStart"
            type="datetime-local"
            hint="日本時間。空欄のときはすぐに公開します。"
            fieldClassName="field--datetime"
            value={values.publishStart}
            onChange={(e) => set('publishStart', e.target.value)}
            error={fe.publishStart}
          />
          <TextField
            label="公開終了日時"
            name="publishEnd"
            type="datetime-local"
            hint="日本時間。空欄のときは終了しません。"
            fieldClassName="field--datetime"
            value={values.publishEnd}
            onChange={(e) => set('publishEnd', e.target.value)}
            error={fe.publishEnd}
          />
        </div>
      </fieldset>

      <div className="form__actions faq-form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          {faq ? '保存' : '作成'}
        </button>
        {faq && dirty && <span className="muted">保存していない変更があります。</span>}
      </div>
    </form>
  );
}
