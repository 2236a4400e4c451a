import type { FieldErrors, FieldValues } from 'react-hook-form';
import type { FieldIssue } from '@/lib/orders/errors';

/**
 * Flat issues ("items.0.quantity") → react-hook-form's nested error object. An issue on a list
 * itself ("items") goes to its `root`, where field arrays keep their own errors.
 */
export function issuesToFieldErrors<T extends FieldValues>(issues: FieldIssue[], arrayFields: string[]): FieldErrors<T> {
  const errors: Record<string, unknown> = {};
  for (const issue of issues) {
    const segments = issue.path ? issue.path.split('.') : ['root'];
    if (arrayFields.includes(issue.path)) segments.push('root');
    let node: Record<string, unknown> = errors;
    segments.slice(0, -1).forEach((segment, i) => {
      node[segment] ??= /^\d+$/.test(segments[i + 1] ?? '') ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
    const leaf = segments[segments.length - 1]!;
    node[leaf] ??= { type: 'validate', message: issue.message };
  }
  return errors as FieldErrors<T>;
}
