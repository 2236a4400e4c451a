import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  bindParameters,
  checkLiteral,
  originalOffset,
  ParameterError,
  placeholderOffsets,
} from '@/local/athena/sql/parameters';

describe('ExecutionParameters binding', () => {
  it('substitutes each ? in order, as SQL text', () => {
    const { sql } = bindParameters('SELECT * FROM t WHERE status = ? AND total_cents > ? AND d = ?', [
      "'paid'",
      '100',
      "DATE '2026-11-20'",
    ]);
    expect(sql).toBe("SELECT * FROM t WHERE status = 'paid' AND total_cents > 100 AND d = DATE '2026-11-20'");
  });

  it('ignores ? inside strings, quoted identifiers and comments', () => {
    const sql = `SELECT '?', "what?", x -- really?\n/* ? */ FROM t WHERE a = ?`;
    expect(placeholderOffsets(sql)).toEqual([sql.lastIndexOf('?')]);
    expect(bindParameters(sql, ['1']).sql).toBe(
      `SELECT '?', "what?", x -- really?\n/* ? */ FROM t WHERE a = 1`,
    );
  });

  it('refuses a count mismatch in either direction', () => {
    expect(() => bindParameters('SELECT ?', [])).toThrow(
      /1 placeholder \(\?\) but 0 ExecutionParameters were given/,
    );
    expect(() => bindParameters('SELECT ?', undefined)).toThrow(ParameterError);
    expect(() => bindParameters('SELECT 1', ['1'])).toThrow(
      /0 placeholders \(\?\) but 1 ExecutionParameter was given/,
    );
  });

  it.each([
    '42',
    '-1.5',
    '1e3',
    '.5',
    "'paid'",
    "'O''Brien'",
    "''",
    "DATE '2026-11-20'",
    "timestamp '2026-11-20 10:00:00'",
    'TRUE',
    'false',
    'NULL',
    ' 7 ',
  ])('accepts the single literal %s', (literal) => {
    expect(checkLiteral(literal, 0)).toBe(literal.trim());
  });

  it.each([
    "'paid' OR 1=1",
    "'a'; DROP TABLE t",
    "'unterminated",
    "'a''",
    'paid',
    '1 + 1',
    "'a' 'b'",
    '(SELECT 1)',
    "DATE '2026' || 'x'",
    '',
    '-- comment',
  ])('refuses %j, which is not exactly one literal', (value) => {
    expect(() => checkLiteral(value, 3)).toThrow(/ExecutionParameters\[3\] is not a single SQL literal/);
  });

  it('explains how to quote text when a bare word is given', () => {
    expect(() => checkLiteral('paid', 0)).toThrow(/Quote text as 'text'/);
  });

  it('maps offsets in the bound text back to the original', () => {
    const original = 'SELECT ? , nope';
    const { sql, edits } = bindParameters(original, ["'a long value'"]);
    expect(applyEdits(original, edits)).toBe(sql);
    expect(originalOffset(edits, sql.indexOf('nope'))).toBe(original.indexOf('nope'));
    expect(originalOffset(edits, sql.indexOf('long'))).toBe(original.indexOf('?'));
    expect(originalOffset(edits, 3)).toBe(3);
  });
});
