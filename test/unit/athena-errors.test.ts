import { describe, expect, it } from 'vitest';
import { describeEngineError, isInterrupt } from '@/local/athena/sql/errors';

const identity = (sql: string) => ({
  executedSql: sql,
  originalSql: sql,
  toOriginalOffset: (o: number) => o,
});

describe('DuckDB errors as StateChangeReason', () => {
  it('gives a parser error its code and the line:column of the original query, without the excerpt', () => {
    const sql = 'SELECT *\nFROM t\nWHERE x = = 1';
    const message = `Parser Error: syntax error at or near "="\n\nLINE 3: WHERE x = = 1\n${' '.repeat(18)}^`;
    expect(describeEngineError(message, identity(sql))).toEqual({
      reason: 'SYNTAX_ERROR: line 3:11: syntax error at or near "="',
      category: 2,
      retryable: false,
    });
  });

  it('finds the column in a long line DuckDB shortened with ...', () => {
    const sql = `SELECT ${'a, '.repeat(40)}missing_column FROM t`;
    const at = sql.indexOf('missing_column');
    const excerpt = `...${sql.slice(at - 30, at + 20)}...`;
    const message = `Binder Error: Referenced column "missing_column" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 1: ${excerpt}\n${' '.repeat('LINE 1: '.length + 33)}^`;
    const failure = describeEngineError(message, identity(sql));
    expect(failure.reason).toBe(
      `COLUMN_NOT_FOUND: line 1:${at + 1}: Referenced column "missing_column" not found in FROM clause! Candidate bindings: "a"`,
    );
  });

  it('maps the position back through rewrites', () => {
    const original = 'SELECT ?, nope';
    const executed = "SELECT 'long value', nope";
    const message = `Binder Error: Referenced column "nope" not found in FROM clause!\n\nLINE 1: ${executed}\n${' '.repeat(8 + executed.indexOf('nope'))}^`;
    const failure = describeEngineError(message, {
      executedSql: executed,
      originalSql: original,
      toOriginalOffset: (o) => o - ("'long value'".length - 1),
    });
    expect(failure.reason).toMatch(/^COLUMN_NOT_FOUND: line 1:11: /);
  });

  it.each([
    [
      'Catalog Error: Table with name nope does not exist!\nDid you mean "sales_cdc.order_changes"?',
      'TABLE_NOT_FOUND: Table with name nope does not exist! Did you mean "sales_cdc.order_changes"?',
    ],
    [
      'Catalog Error: Scalar Function with name foo does not exist!\nDid you mean "floor"?',
      'FUNCTION_NOT_FOUND: Scalar Function with name foo does not exist! Did you mean "floor"?',
    ],
    [
      "Conversion Error: Could not convert string 'abc' to INT32",
      "INVALID_CAST_ARGUMENT: Could not convert string 'abc' to INT32",
    ],
    [
      'Binder Error: column "x" must appear in the GROUP BY clause or must be part of an aggregate function.',
      'EXPRESSION_NOT_AGGREGATE: column "x" must appear in the GROUP BY clause or must be part of an aggregate function.',
    ],
    [
      'Binder Error: table "t" has 2 columns available but 3 columns specified',
      'MISMATCHED_COLUMN_ALIASES: table "t" has 2 columns available but 3 columns specified',
    ],
    [
      'Out of Range Error: Overflow in multiplication of INT64',
      'NUMERIC_VALUE_OUT_OF_RANGE: Overflow in multiplication of INT64',
    ],
    ['something odd happened', 'GENERIC_USER_ERROR: something odd happened'],
  ])('%s', (message, reason) => {
    expect(describeEngineError(message).reason).toBe(reason);
  });

  it('drops internal stack traces and marks internal errors as system errors', () => {
    const message =
      'INTERNAL Error: Attempted to access index 3 within vector of size 3\nThis error signals an assertion failure within DuckDB.\n\nStack Trace:\n0  duckdb::Exception::Exception() +52\n1  duckdb::InternalException()';
    expect(describeEngineError(message)).toEqual({
      reason: 'GENERIC_INTERNAL_ERROR: Attempted to access index 3 within vector of size 3',
      category: 1,
      retryable: false,
    });
  });

  it('recognises an interrupted query', () => {
    expect(isInterrupt('INTERRUPT Error: Interrupted!')).toBe(true);
    expect(isInterrupt('Binder Error: nope')).toBe(false);
  });
});
