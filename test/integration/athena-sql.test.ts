import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeRow,
  removeDataDir,
  runQuery,
  startAndWait,
  startAthenaHarness,
  writeChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  await writeChangeFile(athena.dataDir, '2026-11-20', 'part-1', [
    changeRow({
      order_id: 'o-1',
      status: 'paid',
      region: 'EU',
      customer_name: "Miles O'Brien",
      order_date: '2026-11-19T23:30:00.000Z',
    }),
    changeRow({ order_id: 'o-2', status: 'pending', region: 'NA', order_date: '2026-11-20T01:15:00.000Z' }),
    changeRow({ order_id: 'o-3', status: 'paid', region: 'NA', order_date: '2026-11-20T12:00:00.000Z' }),
  ]);
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const value = async (sql: string, input = {}) => (await runQuery(athena.client, sql, input)).rows[1]?.[0];
const failure = async (sql: string, input = {}) => {
  const execution = await startAndWait(athena.client, sql, input);
  expect(execution.Status?.State, sql).toBe('FAILED');
  return execution.Status?.StateChangeReason ?? '';
};

describe('ExecutionParameters', () => {
  it('binds each ? positionally as a SQL literal', async () => {
    const result = await runQuery(
      athena.client,
      'SELECT order_id FROM orders_current WHERE status = ? AND region = ? ORDER BY order_id',
      {
        ExecutionParameters: ["'paid'", "'NA'"],
      },
    );
    expect(result.rows).toEqual([['order_id'], ['o-3']]);
    expect(result.execution.ExecutionParameters).toEqual(["'paid'", "'NA'"]);
    expect(
      await value('SELECT count(*) FROM orders_current WHERE customer_name = ?', {
        ExecutionParameters: ["'Miles O''Brien'"],
      }),
    ).toBe('1');
    expect(await value('SELECT ? + ?', { ExecutionParameters: ['40', '2'] })).toBe('42');
    expect(await value('SELECT ?', { ExecutionParameters: ["DATE '2026-11-20'"] })).toBe('2026-11-20');
  });

  it('refuses a count mismatch with a clear reason', async () => {
    expect(await failure('SELECT * FROM orders_current WHERE status = ?')).toBe(
      'INVALID_PARAMETER_USAGE: Incorrect number of parameters: the query has 1 placeholder (?) but 0 ExecutionParameters were given',
    );
    expect(await failure('SELECT 1', { ExecutionParameters: ["'x'"] })).toMatch(
      /0 placeholders \(\?\) but 1 ExecutionParameter was given/,
    );
  });

  it('never lets a parameter inject more than one literal', async () => {
    const reason = await failure('SELECT count(*) FROM orders_current WHERE status = ?', {
      ExecutionParameters: ["'paid' OR 1=1"],
    });
    expect(reason).toMatch(/^INVALID_PARAMETER_USAGE: ExecutionParameters\[0\] is not a single SQL literal/);
    expect(await failure('SELECT ?', { ExecutionParameters: ['paid'] })).toMatch(/Quote text as 'text'/);
  });
});

describe('bad and unsupported SQL', () => {
  it.each([
    ['SELECT * FORM orders_current', /^SYNTAX_ERROR: line 1:15: syntax error at or near "orders_current"$/],
    [
      'SELECT * FROM no_such_table',
      /^TABLE_NOT_FOUND: line 1:15: Table with name no_such_table does not exist!/,
    ],
    [
      'SELECT no_such_function(1)',
      /^FUNCTION_NOT_FOUND: line 1:8: Function 'no_such_function' not registered$/,
    ],
    [
      "SELECT CAST('abc' AS INTEGER)",
      /^INVALID_CAST_ARGUMENT: line 1:8: Could not convert string 'abc' to INT32$/,
    ],
    ['SELECT region, count(*) FROM orders_current', /^EXPRESSION_NOT_AGGREGATE: /],
  ])('%j ends FAILED: %s', async (sql, reason) => {
    expect(await failure(sql)).toMatch(reason);
  });

  it('points at the line and column of the query as sent, through parameter binding', async () => {
    expect(
      await failure('SELECT order_id\nFROM orders_current\nWHERE status = ? AND nope = 1', {
        ExecutionParameters: ["'a much longer literal'"],
      }),
    ).toMatch(/^COLUMN_NOT_FOUND: line 3:22: Referenced column "nope" not found/);
  });

  it.each([
    ["INSERT INTO order_changes (order_id) VALUES ('x')", /read-only, so INSERT statements are not run/],
    ['CREATE TABLE copy AS SELECT * FROM order_changes', /read-only, so CREATE statements are not run/],
    ['DROP VIEW orders_current', /read-only, so DROP statements are not run/],
    ['DELETE FROM order_changes', /read-only, so DELETE statements are not run/],
    ['MSCK REPAIR TABLE order_changes', /Partitions are discovered automatically/],
    ['WITH x AS (SELECT 1) INSERT INTO order_changes (order_id) SELECT 1', /read-only/],
    ["COPY (SELECT 1) TO '/tmp/out.csv'", /COPY statements are not supported/],
    ["ATTACH '/tmp/other.db'", /ATTACH statements are not supported/],
    ['SELECT 1; DROP TABLE order_changes', /Only one sql statement is allowed/],
    ["SELECT * FROM read_text('/etc/hostname')", /^FUNCTION_NOT_FOUND: line 1:15: Table function 'read_text' not registered/],
  ])('refuses %j', async (sql, reason) => {
    expect(await failure(sql)).toMatch(reason);
  });

  it('still has its data after all that', async () => {
    expect(await value('SELECT count(*) FROM order_changes')).toBe('3');
  });
});

describe('Trino dialect', () => {
  it.each([
    ['SELECT 7 / 2', '3'],
    ['SELECT -7 / 2', '-3'],
    ['SELECT 7.0 / 2', '3.5'],
    [
      "SELECT date_format(from_iso8601_timestamp('2026-11-20T09:05:07Z'), '%Y-%m-%d %H:%i:%s')",
      '2026-11-20 09:05:07',
    ],
    ["SELECT from_iso8601_timestamp('2026-11-20T10:00:00+02:00')", '2026-11-20 08:00:00.000 UTC'],
    ["SELECT from_iso8601_date('2026-11-20')", '2026-11-20'],
    ["SELECT date_trunc('month', DATE '2026-11-20')", '2026-11-01'],
    [
      "SELECT date_trunc('day', from_iso8601_timestamp('2026-11-20T10:11:12.345Z'))",
      '2026-11-20 00:00:00.000 UTC',
    ],
    ["SELECT date_add('day', 12, DATE '2026-11-20')", '2026-12-02'],
    ["SELECT date_diff('day', TIMESTAMP '2026-11-20 23:00:00', TIMESTAMP '2026-11-21 01:00:00')", '0'],
    ["SELECT date_parse('20/11/2026', '%d/%m/%Y')", '2026-11-20 00:00:00.000'],
    ["SELECT to_unixtime(from_iso8601_timestamp('2026-11-20T10:00:00Z'))", '1.7951688E9'],
    ['SELECT from_unixtime(0)', '1970-01-01 00:00:00.000 UTC'],
    [
      "SELECT at_timezone(from_iso8601_timestamp('2026-11-20T10:00:00Z'), 'America/New_York')",
      '2026-11-20 05:00:00.000',
    ],
    ["SELECT regexp_like('ORD-123', '^ORD-\\d+$')", 'true'],
    ["SELECT regexp_replace('a-b-c', '-', '+')", 'a+b+c'],
    ["SELECT regexp_replace('2026-11-20', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1')", '20/11/2026'],
    ["SELECT regexp_extract('no digits', '\\d+')", null],
    ['SELECT element_at(ARRAY[10, 20, 30], -1)', '30'],
    ["SELECT element_at(MAP(ARRAY['a'], ARRAY[1]), 'a')", '1'],
    ['SELECT cardinality(ARRAY[1, 2, 3])', '3'],
    ["SELECT array_join(ARRAY['a', 'b'], ', ')", 'a, b'],
    ['SELECT transform(ARRAY[1, 2], x -> x * 10)', '[10, 20]'],
    ['SELECT json_extract_scalar(\'{"a": {"b": "x"}}\', \'$.a.b\')', 'x'],
    ['SELECT approx_distinct(region) FROM orders_current', '2'],
    ["SELECT day_of_week(DATE '2026-11-22')", '7'],
  ])('%s → %s', async (sql, expected) => {
    expect(await value(sql)).toBe(expected);
  });

  it('runs a dashboard query written for Athena unchanged', async () => {
    const result = await runQuery(
      athena.client,
      `SELECT date_format(date_trunc('day', order_date), '%Y-%m-%d') AS day,
              count(*) AS orders, sum(total_cents) / 100 AS revenue
       FROM orders_current GROUP BY 1 ORDER BY 1`,
    );
    expect(result.rows).toEqual([
      ['day', 'orders', 'revenue'],
      ['2026-11-19', '1', '1299'],
      ['2026-11-20', '2', '2598'],
    ]);
  });
});
