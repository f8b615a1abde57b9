import { useCallback, useState } from 'react';
import { ApiError, errorText } from './api.ts';

export type FieldErrors = Record<string, string>;

export interface ZodLikeError {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

function closestField(path: string, fields: readonly string[]): string | undefined {
  return fields.filter((f) => path === f || path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
}

/** Field errors plus one form-level error, filled from zod issues or from an API error. */
export function useFormErrors() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sequence, setSequence] = useState(0);

  const clear = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  /** Issues keyed by path; a path below one of `fields` (`roles.0.departmentId` under `roles`) goes there. */
  const fromZod = useCallback((error: ZodLikeError, fields: readonly string[] = []) => {
    const next: FieldErrors = {};
    for (const issue of error.issues) {
      const path = issue.path.map(String).join('.');
      const key = closestField(path, fields) ?? path;
      next[key] ??= issue.message;
    }
    setFieldErrors(next);
    setFormError(null);
    setSequence((n) => n + 1);
  }, []);

  /**
   * Show an API error next to its field when `error.field` names one of `fields` (or lies below one,
   * e.g. `businessHours.mon.closes` under `businessHours.mon`); otherwise as the form's error.
   */
  const fromApi = useCallback((error: unknown, fields: readonly string[] = []) => {
    const field = error instanceof ApiError ? error.field : undefined;
    const match = field ? closestField(field, fields) : undefined;
    if (match && error instanceof ApiError) {
      setFieldErrors({ [match]: error.message });
      setFormError(null);
    } else {
      setFieldErrors({});
      setFormError(errorText(error));
    }
    setSequence((n) => n + 1);
  }, []);

  const setField = useCallback((field: string, message: string) => {
    setFieldErrors({ [field]: message });
    setFormError(null);
    setSequence((n) => n + 1);
  }, []);

  return { fieldErrors, formError, sequence, clear, fromZod, fromApi, setField };
}

export type FormErrors = ReturnType<typeof useFormErrors>;

/** Move focus to the first field marked invalid, once React has rendered the errors. */
export function focusFirstInvalid(form: HTMLElement | null, attempts = 10): void {
  requestAnimationFrame(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else if (attempts > 1) focusFirstInvalid(form, attempts - 1);
  });
}
