import { type FormEvent, type HTMLAttributes, useRef, useState } from 'react';
import { focusFirstInvalid, useFormErrors, type ZodLikeError } from '../lib/form.ts';
import { FormAlert, TextField } from './fields.tsx';

export interface FieldDef {
  name: string;
  label: string;
  type?: 'text' | 'tel' | 'number';
  hint?: string;
  required?: boolean;
  placeholder?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  size?: 'short' | 'medium' | 'long';
}

/** Any zod schema, structurally. */
export interface FormSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: ZodLikeError };
}

type Values = Record<string, string>;

/**
 * A small form of text and number inputs checked by a contract schema before `onSubmit`; API errors
 * with a `field` are shown next to that field.
 */
export function SimpleForm<T>({
  fields,
  initial,
  schema,
  submitLabel,
  onSubmit,
  onCancel,
  inline,
  resetOnSuccess,
}: {
  fields: FieldDef[];
  initial?: Record<string, string | number>;
  schema: FormSchema<T>;
  submitLabel: string;
  onSubmit: (data: T) => Promise<void>;
  onCancel?: () => void;
  inline?: boolean;
  resetOnSuccess?: boolean;
}) {
  const start = (): Values =>
    Object.fromEntries(
      fields.map((f) => [f.name, initial?.[f.name] === undefined ? '' : String(initial[f.name])]),
    );
  const [values, setValues] = useState<Values>(start);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const names = fields.map((f) => f.name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const data: Record<string, string | number> = {};
    for (const f of fields) {
      const raw = values[f.name] ?? '';
      data[f.name] = f.type === 'number' ? (raw.trim() === '' ? 0 : Number(raw)) : raw;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      errors.fromZod(parsed.error, names);
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(parsed.data);
      if (resetOnSuccess) setValues(start());
    } catch (e) {
      errors.fromApi(e, names);
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className={inline ? 'form form--inline' : 'form'}>
      <FormAlert formError={errors.formError} fieldErrors={errors.fieldErrors} sequence={errors.sequence} />
      <div className={inline ? 'form__row' : 'form__fields'}>
        {fields.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            type={f.type === 'number' ? 'number' : f.type === 'tel' ? 'tel' : 'text'}
            inputMode={f.inputMode ?? (f.type === 'number' ? 'numeric' : undefined)}
            min={f.type === 'number' ? 0 : undefined}
            hint={f.hint}
            placeholder={f.placeholder}
            required={f.required}
            fieldClassName={`field--${f.size ?? 'medium'}`}
            value={values[f.name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            error={errors.fieldErrors[f.name]}
          />
        ))}
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
      </div>
    </form>
  );
}
