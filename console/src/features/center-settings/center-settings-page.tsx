import {
  type Center,
  centerSchema,
  centerUpdateSchema,
  dayKeys,
  dayLabels,
  type FaqEvidenceErased,
  faqEvidenceErasedSchema,
  type Role,
  type SessionCenter,
  type WeeklyHours,
} from '@madoguchi/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Checkbox, FormAlert, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { HoursEditor } from '../../components/hours-editor.tsx';
import { useNotice } from '../../components/notice.tsx';
import { LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { focusFirstInvalid, useFormErrors } from '../../lib/form.ts';
import { formatHours } from '../../lib/format.ts';
import { can } from '../../lib/permissions.ts';
import { useSessionContext } from '../../lib/session.tsx';
import { useApi } from '../../lib/use-api.ts';
import { CategoriesSection } from './categories-section.tsx';
import { ClosuresSection } from './closures-section.tsx';
import { DepartmentsSection } from './departments-section.tsx';
import { LinesSection } from './lines-section.tsx';

export interface SectionProps {
  center: Center;
  slug: string;
  editable: boolean;
  reload: () => void;
}

const contents = [
  { id: 'general', label: '基本情報' },
  { id: 'hours', label: '受付時間' },
  { id: 'lines', label: '回線' },
  { id: 'closures', label: '休業日' },
  { id: 'departments', label: '所管課' },
  { id: 'categories', label: '分類' },
];

export function CenterSettingsPage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  const slug = center.slug;
  const detail = useApi<Center>(`center:${slug}`, (signal) =>
    api.get<Center>(centerPath(slug), { signal, schema: centerSchema }),
  );
  const core = can.editCenterCore(roles);
  const calendarAndCategories = can.editCalendarAndCategories(roles);

  return (
    <>
      <PageHeader title="センター設定" lead={center.name} />
      {!core && (
        <p className="alert alert--info">
          業務監督者が変更できるのは休業日と分類です。その他の項目の変更はシステム管理者に依頼してください。
        </p>
      )}
      <nav className="toc" aria-label="このページの項目">
        <ul>
          {contents.map((c) => (
            <li key={c.id}>
              <a href={`#${c.id}`}>{c.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {detail.error !== undefined && !detail.data ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : !detail.data ? (
        <Loading />
      ) : (
        <>
          <GeneralSection center={detail.data} slug={slug} editable={core} reload={detail.reload} />
          <HoursSection center={detail.data} slug={slug} editable={core} reload={detail.reload} />
          <LinesSection center={detail.data} slug={slug} editable={core} reload={detail.reload} />
          <ClosuresSection
            center={detail.data}
            slug={slug}
            editable={calendarAndCategories}
            reload={detail.reload}
          />
          <DepartmentsSection center={detail.data} slug={slug} editable={core} reload={detail.reload} />
          <CategoriesSection
            center={detail.data}
            slug={slug}
            editable={calendarAndCategories}
            reload={detail.reload}
          />
        </>
      )}
    </>
  );
}

const kindLabels = { general: '総合コールセンター', specific: '特定コールセンター' } as const;

function GeneralSection({ center, slug, editable, reload }: SectionProps) {
  const { refresh } = useSessionContext();
  const [name, setName] = useState(center.name);
  const [kind, setKind] = useState(center.kind);
  const [description, setDescription] = useState(center.description);
  const [searchLearning, setSearchLearning] = useState(center.searchLearning);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const notice = useNotice();
  const formRef = useRef<HTMLFormElement>(null);

  if (!editable) {
    return (
      <Section title="基本情報" id="general">
        <dl className="details">
          <div>
            <dt>名称</dt>
            <dd>{center.name}</dd>
          </div>
          <div>
            <dt>種別</dt>
            <dd>{kindLabels[center.kind]}</dd>
          </div>
          <div>
            <dt>スラッグ（URL）</dt>
            <dd>
              <code>{center.slug}</code>
            </dd>
          </div>
          <div>
            <dt>説明</dt>
            <dd className="pre-wrap">{center.description || '—'}</dd>
          </div>
          <div>
            <dt>検索の学習</dt>
            <dd>{center.searchLearning ? '使う' : '使わない'}</dd>
          </div>
        </dl>
      </Section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const parsed = centerUpdateSchema.safeParse({ name, kind, description, searchLearning });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.patch(centerPath(slug), parsed.data);
      notice.success('基本情報を保存しました。');
      reload();
      await refresh();
    } catch (e) {
      errors.fromApi(e, ['name', 'kind', 'description']);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="基本情報" id="general">
      <form ref={formRef} onSubmit={submit} noValidate className="form form--narrow">
        <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
        {notice.element}
        <TextField
          label="名称"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fieldErrors.name}
          required
        />
        <SelectField
          label="種別"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as Center['kind'])}
          error={errors.fieldErrors.kind}
        >
          <option value="general">{kindLabels.general}</option>
          <option value="specific">{kindLabels.specific}</option>
        </SelectField>
        <TextAreaField
          label="説明"
          name="description"
          rows={4}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fieldErrors.description}
        />
        <Checkbox
          label="検索の学習を使う"
          name="searchLearning"
          hint="オペレーターが「このFAQで回答した」を押したときの検索語を、そのFAQの検索順位に生かします。電話番号・メールアドレスなどの数字や記号は取り除いて保存します。使わないにすると、学習した語は検索に使わず、新たにも記録しません。"
          checked={searchLearning}
          onChange={(e) => setSearchLearning(e.target.checked)}
        />
        <p className="muted">
          スラッグ（URL）：<code>{center.slug}</code>（変更できません）
        </p>
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            基本情報を保存
          </button>
        </div>
      </form>
      <EraseLearning slug={slug} />
    </Section>
  );
}

/** Read-only table of a week's hours. */
export function HoursTable({ hours, caption }: { hours: WeeklyHours; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact table--auto">
        <caption className="visually-hidden">{caption}</caption>
        <tbody>
          {dayKeys.map((d) => (
            <tr key={d}>
              <th scope="row">{dayLabels[d]}</th>
              <td>{formatHours(hours[d])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HoursSection({ center, slug, editable, reload }: SectionProps) {
  const [hours, setHours] = useState<WeeklyHours>(center.businessHours);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const notice = useNotice();
  const formRef = useRef<HTMLFormElement>(null);
  const description =
    '曜日ごとと祝日の受付時間です。休業日の設定（年末年始など）は「休業日」で行います。祝日は自動で判定されます。';

  if (!editable) {
    return (
      <Section title="受付時間" id="hours" description={description}>
        <HoursTable hours={center.businessHours} caption="受付時間" />
      </Section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    notice.clear();
    const parsed = centerUpdateSchema.safeParse({ businessHours: hours });
    if (!parsed.success) {
      errors.fromZod(parsed.error);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await api.patch(centerPath(slug), parsed.data);
      notice.success('受付時間を保存しました。');
      reload();
    } catch (e) {
      const fields = dayKeys.flatMap((d) => [
        `businessHours.${d}.opens`,
        `businessHours.${d}.closes`,
        `businessHours.${d}`,
      ]);
      errors.fromApi(e, fields);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="受付時間" id="hours" description={description}>
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
        {notice.element}
        <HoursEditor
          legend="センターの受付時間"
          name="businessHours"
          value={hours}
          onChange={setHours}
          errors={errors.fieldErrors}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" aria-busy={busy}>
            受付時間を保存
          </button>
        </div>
      </form>
    </Section>
  );
}

/** Erases every learnt wording of the centre (the learning switch alone keeps what was learnt). */
function EraseLearning({ slug }: { slug: string }) {
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const erase = async () => {
    if (busy) return;
    if (
      !window.confirm(
        'このセンターの学習した検索語をすべて削除しますか？検索の順位は学習前に戻ります。元に戻すことはできません。',
      )
    )
      return;
    setBusy(true);
    notice.clear();
    try {
      const { deleted } = await api.delete<FaqEvidenceErased>(centerPath(slug, '/faq-evidence'), {
        schema: faqEvidenceErasedSchema,
      });
      notice.success(`学習した検索語を${deleted.toLocaleString('ja-JP')}件削除しました。`);
    } catch (e) {
      notice.failure(e, '削除できませんでした。');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form form--narrow">
      {notice.element}
      <p className="muted">
        学習した検索語は FAQ ごとに FAQ
        編集者が確認・削除できます。センター全体の学習をやり直すときは、すべて削除します。
      </p>
      <div className="form__actions">
        <button type="button" className="button button--danger-text" aria-busy={busy} onClick={erase}>
          学習した検索語をすべて削除
        </button>
      </div>
    </div>
  );
}
