import type { FieldIssue } from '@/lib/orders/errors';
import type { ParamType } from './metadata';

/**
 * `?` parameters: each value is checked against its declared type and becomes an Athena
 * ExecutionParameter. Dates are `YYYY-MM-DD` passed as a quoted string, because the catalog keeps
 * dates as ISO strings (`dt`, `order_date`); write `DATE(?)` where a real date is wanted.
 */

export type ParamValue = string | number | boolean | null;
/** What the runner sends: ExecutionParameters literals are made from these. */
export type BoundParam = string | number | boolean;

/** Athena allows 1024 characters per ExecutionParameter, quotes included. */
const MAX_PARAM_CHARS = 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** One value as its type wants it, or the reason it is not one. */
export function coerceParam(value: ParamValue, type: ParamType): { value: BoundParam } | { error: string } {
  if (value === null || value === '') return { error: 'Enter a value' };
  switch (type) {
    case 'string': {
      const text = String(value);
      return text.length > MAX_PARAM_CHARS ? { error: `Must be at most ${MAX_PARAM_CHARS} characters` } : { value: text };
    }
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(number)) return { error: `Must be a number, not ${JSON.stringify(value)}` };
      return { value: number };
    }
    case 'date':
      return typeof value === 'string' && isValidDate(value.trim())
        ? { value: value.trim() }
        : { error: `Must be a date as YYYY-MM-DD, not ${JSON.stringify(value)}` };
    case 'boolean':
      if (value === true || value === 'true') return { value: true };
      if (value === false || value === 'false') return { value: false };
      return { error: `Must be true or false, not ${JSON.stringify(value)}` };
  }
}

/** The types for a query's placeholders: the saved ones where given, `string` for the rest. */
export function paramTypesFor(count: number, declared: readonly ParamType[] = []): ParamType[] {
  return Array.from({ length: count }, (_, i) => declared[i] ?? 'string');
}

/** Checks count and types; field issues point at `params` or `params.<i>`. */
export function bindParams(
  placeholders: number,
  values: readonly ParamValue[],
  types: readonly ParamType[],
): { params: BoundParam[]; issues: FieldIssue[] } {
  if (values.length !== placeholders) {
    const has = `${placeholders} ? placeholder${placeholders === 1 ? '' : 's'}`;
    const given = `${values.length} value${values.length === 1 ? ' was' : 's were'} given`;
    return { params: [], issues: [{ path: 'params', message: `The query has ${has} but ${given}` }] };
  }
  const params: BoundParam[] = [];
  const issues: FieldIssue[] = [];
  values.forEach((value, i) => {
    const type = types[i] ?? 'string';
    const result = coerceParam(value, type);
    if ('error' in result) issues.push({ path: `params.${i}`, message: `Parameter ${i + 1} (${type}): ${result.error}` });
    else params.push(result.value);
  });
  return { params, issues };
}

/** An ExecutionParameters literal from the history back into a value to re-run with. */
export function parseLiteral(literal: string): ParamValue {
  const text = literal.trim();
  if (/^'(?:[^']|'')*'$/.test(text)) return text.slice(1, -1).replaceAll("''", "'");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^null$/i.test(text)) return null;
  const number = Number(text);
  return Number.isFinite(number) && text !== '' ? number : text;
}
