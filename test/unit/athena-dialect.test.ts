import { describe, expect, it } from 'vitest';
import {
  DIALECT_MACRO_SQL,
  dialectEdits,
  mysqlToStrftime,
  SHIMMED_FUNCTIONS,
} from '@/local/athena/sql/dialect';
import { applyEdits } from '@/local/athena/sql/parameters';

describe('Trino dialect shims', () => {
  it('translates MySQL-style date formats to strftime', () => {
    expect(mysqlToStrftime('%Y-%m-%d %H:%i:%s')).toBe('%Y-%m-%d %H:%M:%S');
    expect(mysqlToStrftime('%M %e, %Y %r')).toBe('%B %-d, %Y %I:%M:%S %p');
    expect(mysqlToStrftime('100%% on %W (%Q)')).toBe('100%% on %A (Q)');
  });

  it('rewrites lambda functions and literal date_parse formats, and only calls', () => {
    const sql =
      "SELECT transform(items, i -> i.sku), date_parse(d, '%Y-%m-%d %H:%i'), t.transform, 'transform(x)' FROM t";
    expect(applyEdits(sql, dialectEdits(sql))).toBe(
      "SELECT list_transform(items, i -> i.sku), strptime(d, '%Y-%m-%d %H:%M'), t.transform, 'transform(x)' FROM t",
    );
  });

  it('leaves date_parse with a computed format alone', () => {
    const sql = 'SELECT date_parse(d, fmt) FROM t';
    expect(dialectEdits(sql)).toEqual([]);
  });

  it('defines the functions the dashboard relies on', () => {
    for (const name of [
      'from_iso8601_timestamp',
      'date_format',
      'approx_distinct',
      'regexp_like',
      'element_at',
      'cardinality',
      'to_unixtime',
      'from_unixtime',
      'at_timezone',
      'date_trunc',
      'date_add',
      'date_diff',
    ]) {
      expect(SHIMMED_FUNCTIONS).toContain(name);
    }
    expect(DIALECT_MACRO_SQL.every((sql) => sql.startsWith('CREATE OR REPLACE TEMP MACRO '))).toBe(true);
  });
});
