import type { Center } from '@madoguchi/contracts';
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
