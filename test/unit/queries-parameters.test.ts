import { describe, expect, it } from 'vitest';
import { bindParams, coerceParam, isValidDate, paramTypesFor } from '@/lib/queries/parameters';
import { countPlaceholders } from '@/lib/queries/sql-tokens';

describe('query parameters', () => {
  it('counts placeholders outside literals and comments', () => {
    expect(countPlaceholders('SELECT * FROM t WHERE a = ? AND b = ?')).toBe(2);
    expect(countPlaceholders("SELECT '?' AS q, \"?\" -- ?\n FROM t /* ? */ WHERE a = ?")).toBe(1);
    expect(countPlaceholders('SELECT 1')).toBe(0);
  });

  it('coerces each type and explains what is wrong', () => {
    expect(coerceParam('paid', 'string')).toEqual({ value: 'paid' });
    expect(coerceParam("O'Brien", 'string')).toEqual({ value: "O'Brien" });
    expect(coerceParam('42', 'number')).toEqual({ value: 42 });
    expect(coerceParam(-1.5, 'number')).toEqual({ value: -1.5 });
    expect(coerceParam('2026-11-20', 'date')).toEqual({ value: '2026-11-20' });
    expect(coerceParam('true', 'boolean')).toEqual({ value: true });
    expect(coerceParam(false, 'boolean')).toEqual({ value: false });
    expect(coerceParam('4 2', 'number')).toEqual({ error: 'Must be a number, not "4 2"' });
    expect(coerceParam('1 OR 1=1', 'number')).toMatchObject({ error: expect.stringMatching(/number/) });
    expect(coerceParam('2026-02-30', 'date')).toMatchObject({ error: expect.stringMatching(/YYYY-MM-DD/) });
    expect(coerceParam('20/11/2026', 'date')).toMatchObject({ error: expect.stringMatching(/YYYY-MM-DD/) });
    expect(coerceParam('yes', 'boolean')).toMatchObject({ error: expect.stringMatching(/true or false/) });
    expect(coerceParam('', 'string')).toEqual({ error: 'Enter a value' });
    expect(coerceParam(null, 'number')).toEqual({ error: 'Enter a value' });
  });

  it('validates dates on the calendar', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2025-13-01')).toBe(false);
  });

  it('refuses a wrong count with one issue at params', () => {
    expect(bindParams(2, ['a'], ['string', 'string'])).toEqual({
      params: [],
      issues: [{ path: 'params', message: 'The query has 2 ? placeholders but 1 value was given' }],
    });
    expect(bindParams(0, ['a', 'b'], []).issues[0]?.message).toBe(
      'The query has 0 ? placeholders but 2 values were given',
    );
  });

  it('reports every bad value at its own index', () => {
    expect(bindParams(3, ['x', 'nope', '2026-01-01'], ['string', 'number', 'date'])).toEqual({
      params: ['x', '2026-01-01'],
      issues: [{ path: 'params.1', message: 'Parameter 2 (number): Must be a number, not "nope"' }],
    });
    expect(bindParams(2, ['2026-01-01', 5], ['date', 'number'])).toEqual({ params: ['2026-01-01', 5], issues: [] });
  });

  it('defaults undeclared placeholders to string', () => {
    expect(paramTypesFor(3, ['date'])).toEqual(['date', 'string', 'string']);
    expect(paramTypesFor(1, ['date', 'number'])).toEqual(['date']);
  });
});
