import { type Center, type PublicationState, publicationStateLabels } from '@madoguchi/contracts';
import { SelectField } from '../../components/fields.tsx';

/** The two filters every FAQ screen offers; '' means すべて. */
export interface CategoryDepartmentFilter {
  categoryId: string;
  departmentId: string;
}

/**
 * 分類 and 所管課 selects for a filter form (FAQ一覧, FAQ検索, CSV出力, 満足度), each starting with すべて.
 * Place it inside the form's `filters__grid`; `onChange` receives the one field changed.
 */
export function CategoryDepartmentFilters({
  center,
  value,
  onChange,
}: {
  /** The centre's axes and departments; the selects offer only すべて until it is loaded. */
  center: Center | undefined;
  value: CategoryDepartmentFilter;
  onChange: (change: Partial<CategoryDepartmentFilter>) => void;
}) {
  return (
    <>
      <SelectField
        label="分類"
        name="categoryId"
        value={value.categoryId}
        onChange={(e) => onChange({ categoryId: e.target.value })}
      >
        <option value="">すべて</option>
        <CategoryOptions center={center} />
      </SelectField>
      <SelectField
        label="所管課"
        name="departmentId"
        value={value.departmentId}
        onChange={(e) => onChange({ departmentId: e.target.value })}
      >
        <option value="">すべて</option>
        <DepartmentOptions center={center} />
      </SelectField>
    </>
  );
}

/** 公開状態 select for a filter form (FAQ一覧, CSV出力), starting with すべて (''). */
export function PublicationStateFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (state: string) => void;
}) {
  return (
    <SelectField label="公開状態" name="state" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">すべて</option>
      {(Object.keys(publicationStateLabels) as PublicationState[]).map((s) => (
        <option key={s} value={s}>
          {publicationStateLabels[s]}
        </option>
      ))}
    </SelectField>
  );
}

/** `<option>`s of the centre's categories grouped by axis. */
function CategoryOptions({ center }: { center: Center | undefined }) {
  const axes = [...(center?.categoryAxes ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  return (
    <>
      {axes.map((axis) => (
        <optgroup key={axis.id} label={axis.name}>
          {[...axis.categories]
            .sort((a, b) => a.sortOrder - b.sortOrder)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

function DepartmentOptions({ center }: { center: Center | undefined }) {
  return (
    <>
      {(center?.departments ?? []).map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </>
  );
}
