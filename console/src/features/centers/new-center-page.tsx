import { type Center, centerInputSchema } from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { FormAlert, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { PageHeader } from '../../components/page.tsx';
import { api } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { centerHref, navigate } from '../../lib/router.tsx';
import { useSessionContext } from '../../lib/session.tsx';

/** システム管理者: add a centre (`POST /centers`), then open its settings. */
export function NewCenterPage() {
  const { refresh } = useSessionContext();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'general' | 'specific'>('general');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = centerInputSchema.safeParse({ slug: slug.trim(), name, kind, description });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      const center = await api.post<Center>('/centers', parsed.data);
      await refresh();
      navigate(centerHref(center.slug, 'settings'));
    } catch (e) {
      errors.fromApi(e, ['slug', 'name', 'kind', 'description']);
      focusFirstInvalid(formRef.current);
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="センターの追加"
        lead="追加後、受付時間・回線・所管課などを「センター設定」で登録します。"
      />
      <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
        <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
        <TextField
          label="名称"
          name="name"
          placeholder="例：いわき市総合コールセンター"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldErrors.name}
          required
        />
        <TextField
          label="スラッグ（URL に使う名前）"
          name="slug"
          hint="半角英小文字・数字・ハイフン（2〜40文字）。後から変更できません。"
          placeholder="例：iwaki"
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          error={errors.fieldErrors.slug}
          required
        />
        <SelectField
          label="種別"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value === 'specific' ? 'specific' : 'general')}
          error={errors.fieldErrors.kind}
        >
          <option value="general">総合コールセンター</option>
          <option value="specific">特定コールセンター</option>
        </SelectField>
        <TextAreaField
          label="説明"
          name="description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fieldErrors.description}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            センターを追加
          </button>
        </div>
      </form>
    </>
  );
}
