import { type Line, lineInputSchema } from '@madoguchi/contracts';
import { useState } from 'react';
import { Dialog } from '../../components/dialog.tsx';
import { ItemButton } from '../../components/item-button.tsx';
import { useNotice } from '../../components/notice.tsx';
import { EmptyState, Section } from '../../components/page.tsx';
import { type FieldDef, SimpleForm } from '../../components/simple-form.tsx';
import { api, centerPath } from '../../lib/api.ts';
import type { SectionProps } from './center-settings-page.tsx';

const fields: FieldDef[] = [
  { name: 'label', label: '回線名', required: true, placeholder: '例：代表電話', size: 'long' },
  { name: 'number', label: '電話番号', type: 'tel', required: true, placeholder: '例：0246-22-1111' },
];

export function LinesSection({ center, slug, editable, reload }: SectionProps) {
  const [editing, setEditing] = useState<Line | null>(null);
  const notice = useNotice();

  const remove = async (line: Line) => {
    if (!window.confirm(`回線「${line.label}」を削除しますか？`)) return;
    try {
      await api.delete(centerPath(slug, `/lines/${line.id}`));
      notice.success(`回線「${line.label}」を削除しました。`);
      reload();
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    }
  };

  return (
    <Section
      title="回線"
      id="lines"
      description="代表電話などの着信番号です。レポートでは回線ごとに集計します。"
    >
      {notice.element}
      {center.lines.length === 0 ? (
        <EmptyState>回線は登録されていません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">回線の一覧</caption>
            <thead>
              <tr>
                <th scope="col">回線名</th>
                <th scope="col">電話番号</th>
                {editable && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {center.lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">{line.label}</th>
                  <td className="nowrap">{line.number}</td>
                  {editable && (
                    <td className="actions">
                      <ItemButton label="編集" item={line.label} onClick={() => setEditing(line)} />
                      <ItemButton label="削除" item={line.label} danger onClick={() => remove(line)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <div className="subsection">
          <h3 className="subsection__title">回線を追加</h3>
          <SimpleForm
            inline
            resetOnSuccess
            fields={fields}
            schema={lineInputSchema}
            submitLabel="追加"
            onSubmit={async (data) => {
              await api.post(centerPath(slug, '/lines'), data);
              notice.success(`回線「${data.label}」を追加しました。`);
              reload();
            }}
          />
        </div>
      )}
      {editing && (
        <Dialog title="回線の編集" onClose={() => setEditing(null)}>
          <SimpleForm
            fields={fields}
            initial={editing}
            schema={lineInputSchema}
            submitLabel="保存"
            onCancel={() => setEditing(null)}
            onSubmit={async (data) => {
              await api.patch(centerPath(slug, `/lines/${editing.id}`), data);
              setEditing(null);
              notice.success(`回線「${data.label}」を保存しました。`);
              reload();
            }}
          />
        </Dialog>
      )}
    </Section>
  );
}
