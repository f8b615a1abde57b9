import type { z } from 'zod';
import { AppError } from './errors.ts';

/** Turns the first zod issue into a `validation_failed` error that names the field, e.g. `lines.0.number`. */
export function validationError(issues: readonly z.core.$ZodIssue[], prefix?: string): AppError {
  const issue = issues[0];
  const pathText = issue ? issue.path.map(String).join('.') : '';
  const field = [prefix, pathText].filter(Boolean).join('.') || undefined;
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : '入力内容に誤りがあります。';
  return new AppError('validation_failed', message, field);
}

/** Parses input for service callers that are not HTTP (CLI, jobs), with the same error shape. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error.issues, prefix);
  return result.data;
}
