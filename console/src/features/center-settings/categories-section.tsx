import {
  type Category,
  type CategoryAxis,
  categoryAxisInputSchema,
  categoryInputSchema,
} from '@madoguchi/contracts';
import { useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, Section } from '../../components/page.tsx';
import { type FieldDef, SimpleForm } from '../../components/simple-form.tsx';
import { api, centerPath } from '../../lib/api.ts';
import type { SectionProps } from './center-settings-page.tsx';

const axisFields: FieldDef[] = [
  { name: 'name', label: '分類軸の名前', required: true, placeholder: '例：行政分野', size: 'long' },
  {
    name: 'key',
    label: 'キー',
    required: true,
    placeholder: '例：field',
    hint: '半角英小文字・数字・_',
    size: 'medium',
  },
  { name: 'sortOrder', label: '表示順', type: 'number', size: 'short' },
];

const categoryFields: FieldDef[] = [
  { name: 'name', label: 'カテゴリ名', required: true, size: 'long' },
  { name: 'sortOrder', label: '表示順', type: 'number', size: 'short' },
];

type Editing = { kind: 'axis'; axis: CategoryAxis } | { kind: 'category'; category: Category };

export function CategoriesSection({ center, slug, editable, reload }: SectionProps) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const notice = useNotice();
  const axes = [...center.categoryAxes].sort((a, b) => a.sortOrder - b.sortOrder);

  const remove = async (what: string, path: string) => {
    if (!window.confirm(`${what}を削除しますか？`)) return;
    try {
      await api.delete(centerPath(slug, path));
      notice.success(`${what}を削除しました。`);
      reload();
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  return (
    <Section
      title="分類"
      id="categories"
      description="FAQ や応対履歴の分類です。「行政分野」「ライフイベント」のように複数の分類軸を持てます。"
    >
      {notice.element}
      {axes.length === 0 && <EmptyState>分類軸は登録されていません。</EmptyState>}
      {axes.map((axis) => {
        const categories = [...axis.categories].sort((a, b) => a.sortOrder - b.sortOrder);
        return (
          <div className="subsection axis" key={axis.id}>
            <div className="subsection__header">
              <h3 className="subsection__title">
                {axis.name} <code className="muted">{axis.key}</code>
              </h3>
              {editable && (
                <div className="actions">
                  <ItemButton
                    label="編集"
                    item={`分類軸 ${axis.name}`}
                    onClick={() => setEditing({ kind: 'axis', axis })}
                  />
                  <ItemButton
                    label="削除"
                    item={`分類軸 ${axis.name}`}
                    danger
                    onClick={() => remove(`分類軸「${axis.name}」`, `/category-axes/${axis.id}`)}
                  />
                </div>
              )}
            </div>
            {categories.length === 0 ? (
              <EmptyState>カテゴリはまだありません。</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table table--compact">
                  <caption className="visually-hidden">{axis.name}のカテゴリ</caption>
                  <thead>
                    <tr>
                      <th scope="col">カテゴリ名</th>
                      <th scope="col">表示順</th>
                      {editable && <th scope="col">操作</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {categories.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{c.name}</th>
                        <td className="num">{c.sortOrder}</td>
                        {editable && (
                          <td className="actions">
                            <ItemButton
                              label="編集"
                              item={c.name}
                              onClick={() => setEditing({ kind: 'category', category: c })}
                            />
                            <ItemButton
                              label="削除"
                              item={c.name}
                              danger
                              onClick={() => remove(`カテゴリ「${c.name}」`, `/categories/${c.id}`)}
                            />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable && (
              <details className="disclosure">
                <summary>「{axis.name}」にカテゴリを追加</summary>
                <SimpleForm
                  inline
                  resetOnSuccess
                  fields={categoryFields}
                  initial={{ sortOrder: (categories.at(-1)?.sortOrder ?? 0) + 10 }}
                  schema={categoryInputSchema}
                  submitLabel="追加"
                  onSubmit={async (data) => {
                    await api.post(centerPath(slug, `/category-axes/${axis.id}/categories`), data);
                    notice.success(`カテゴリ「${data.name}」を追加しました。`);
                    reload();
                  }}
                />
              </details>
            )}
          </div>
        );
      })}
      {editable && (
        <div className="subsection">
          <h3 className="subsection__title">分類軸を追加</h3>
          <SimpleForm
            inline
            resetOnSuccess
            fields={axisFields}
            initial={{ sortOrder: (axes.at(-1)?.sortOrder ?? 0) + 10 }}
            schema={categoryAxisInputSchema}
            submitLabel="追加"
            onSubmit={async (data) => {
              await api.post(centerPath(slug, '/category-axes'), data);
              notice.success(`分類軸「${data.name}」を追加しました。`);
              reload();
            }}
          />
        </div>
      )}
      {editing?.kind === 'axis' && (
        <Dialog title="分類軸の編集" onClose={() => setEditing(null)}>
          <SimpleForm
            fields={axisFields}
            initial={{ name: editing.axis.name, key: editing.axis.key, sortOrder: editing.axis.sortOrder }}
            schema={categoryAxisInputSchema}
            submitLabel="保存"
            onCancel={() => setEditing(null)}
            onSubmit={async (data) => {
              await api.patch(centerPath(slug, `/category-axes/${editing.axis.id}`), data);
              setEditing(null);
              notice.success(`分類軸「${data.name}」を保存しました。`);
              reload();
            }}
          />
        </Dialog>
      )}
      {editing?.kind === 'category' && (
        <Dialog title="カテゴリの編集" onClose={() => setEditing(null)}>
          <SimpleForm
            fields={categoryFields}
            initial={{ name: editing.category.name, sortOrder: editing.category.sortOrder }}
            schema={categoryInputSchema}
            submitLabel="保存"
            onCancel={() => setEditing(null)}
            onSubmit={async (data) => {
              await api.patch(centerPath(slug, `/categories/${editing.category.id}`), data);
              setEditing(null);
              notice.success(`カテゴリ「${data.name}」を保存しました。`);
              reload();
            }}
          />
        </Dialog>
      )}
    </Section>
  );
}
