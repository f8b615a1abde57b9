import {
  type SessionCenter,
  type SynonymGroup,
  synonymGroupInputSchema,
  synonymGroupSchema,
} from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { Checkbox, FormAlert, TextField } from '../../components/fields.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { useApi } from '../../lib/use-api.ts';
import '../faq/faq.css';
import { ItemButton } from '../../components/item-button.tsx';

const groupListSchema = synonymGroupSchema.array();

/** `ごみ、ゴミ, 塵` → terms (読点, comma, full-width comma, slash or new line). */
function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[、,，/／\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && !seen.has(t) && seen.add(t));
}

/** 同義語: groups of words that search treats as the same (faq_editor, admin). */
export function SynonymsPage({ center }: { center: SessionCenter }) {
  const slug = center.slug;
  const list = useApi<SynonymGroup[]>(`synonyms:${slug}`, (signal) =>
    api.get<SynonymGroup[]>(centerPath(slug, '/synonyms'), { signal, schema: groupListSchema }),
  );
  const [editing, setEditing] = useState<SynonymGroup | null>(null);
  const notice = useNotice();

  const toggle = async (group: SynonymGroup) => {
    try {
      await api.patch(centerPath(slug, `/synonyms/${group.id}`), { enabled: !group.enabled });
      notice.success(`「${group.terms.join('、')}」を${group.enabled ? '無効' : '有効'}にしました。`);
      list.reload();
    } catch (e) {
      notice.failure(e, '変更できませんでした。');
    }
  };

  const remove = async (group: SynonymGroup) => {
    if (!window.confirm(`同義語「${group.terms.join('、')}」を削除しますか？`)) return;
    try {
      await api.delete(centerPath(slug, `/synonyms/${group.id}`));
      notice.success(`「${group.terms.join('、')}」を削除しました。`);
      list.reload();
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  const groups = list.data ?? [];

  return (
    <>
      <PageHeader
        title="同義語"
        lead="検索で同じ意味として扱う語のまとまりです。「ごみ、ゴミ、塵」のように登録すると、どれで検索しても同じ FAQ が見つかります。漢字の語は、かなだけの検索でも読みで見つかります（例：「こくほ」→ 国保）。"
      />
      {notice.element}
      <Section title="同義語の追加" id="synonym-add">
        <SynonymForm
          slug={slug}
          submitLabel="追加"
          onSaved={(terms) => {
            notice.success(`「${terms.join('、')}」を追加しました。`);
            list.reload();
          }}
        />
      </Section>
      <Section title="登録済みの同義語" id="synonym-groups">
        {list.error !== undefined && !list.data ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : groups.length === 0 ? (
          <EmptyState>同義語は登録されていません。</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="table__caption">
                同義語の一覧<span className="muted">（{groups.length}件）</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">同じ意味の語</th>
                  <th scope="col">状態</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => {
                  const name = g.terms.join('、');
                  return (
                    <tr key={g.id} className={g.enabled ? undefined : 'row--inactive'}>
                      <th scope="row">
                        <ul className="term-list">
                          {g.terms.map((t) => (
                            <li key={t}>{t}</li>
                          ))}
                        </ul>
                      </th>
                      <td>
                        <span className={`badge ${g.enabled ? 'badge--success' : 'badge--muted'}`}>
                          {g.enabled ? '有効' : '無効'}
                        </span>
                      </td>
                      <td className="actions">
                        <ItemButton label="編集" item={name} onClick={() => setEditing(g)} />
                        <ItemButton
                          label={g.enabled ? '無効にする' : '有効にする'}
                          item={name}
                          onClick={() => toggle(g)}
                        />
                        <ItemButton label="削除" item={name} danger onClick={() => remove(g)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {editing && (
        <Dialog title="同義語の編集" onClose={() => setEditing(null)}>
          <SynonymForm
            slug={slug}
            group={editing}
            submitLabel="保存"
            onCancel={() => setEditing(null)}
            onSaved={(terms) => {
              setEditing(null);
              notice.success(`「${terms.join('、')}」を保存しました。`);
              list.reload();
            }}
          />
        </Dialog>
      )}
    </>
  );
}

function SynonymForm({
  slug,
  group,
  submitLabel,
  onSaved,
  onCancel,
}: {
  slug: string;
  group?: SynonymGroup;
  submitLabel: string;
  onSaved: (terms: string[]) => void;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(group ? group.terms.join('、') : '');
  const [enabled, setEnabled] = useState(group?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = synonymGroupInputSchema.safeParse({ terms: splitTerms(text), enabled });
    if (!parsed.success) {
      errors.fromZod(parsed.error, ['terms', 'enabled']);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      if (group) await api.patch(centerPath(slug, `/synonyms/${group.id}`), parsed.data);
      else await api.post(centerPath(slug, '/synonyms'), parsed.data);
      if (!group) {
        setText('');
        setEnabled(true);
      }
      onSaved(parsed.data.terms);
    } catch (e) {
      errors.fromApi(e, ['terms', 'enabled']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <TextField
        label="同じ意味の語"
        name="terms"
        hint="2語以上を読点（、）またはカンマで区切って入力します。例：ごみ、ゴミ、塵"
        autoComplete="off"
        required
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.fieldErrors.terms}
      />
      <Checkbox
        label="有効（検索で使う）"
        name="enabled"
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-busy={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            キャンセル
          </button>
        )}
      </div>
    </form>
  );
}
