import { describe, expect, it } from 'vitest';
import { checkReadOnly } from '@/lib/queries/read-only-guard';

const allowed = (sql: string) => expect(checkReadOnly(sql), sql).toMatchObject({ ok: true });
const refused = (sql: string, reason: RegExp) => {
  const verdict = checkReadOnly(sql);
  expect(verdict.ok, sql).toBe(false);
  if (!verdict.ok) expect(verdict.reason).toMatch(reason);
};

describe('read-only guard', () => {
  it('runs SELECT, WITH … SELECT, SHOW, DESCRIBE and EXPLAIN', () => {
    expect(checkReadOnly('SELECT 1')).toEqual({ ok: true, kind: 'SELECT' });
    expect(checkReadOnly('WITH a AS (SELECT 1 AS x) SELECT x FROM a')).toEqual({ ok: true, kind: 'SELECT' });
    expect(checkReadOnly('SHOW TABLES')).toEqual({ ok: true, kind: 'SHOW' });
    expect(checkReadOnly('DESCRIBE order_changes')).toEqual({ ok: true, kind: 'DESCRIBE' });
    expect(checkReadOnly('EXPLAIN SELECT * FROM orders_current')).toEqual({ ok: true, kind: 'EXPLAIN' });
    allowed('(SELECT 1) UNION ALL (SELECT 2)');
    allowed('EXPLAIN (FORMAT JSON) SELECT 1');
    allowed('WITH RECURSIVE t(n) AS (SELECT 1) SELECT n FROM t');
    allowed('WITH a AS (SELECT 1), b AS (WITH c AS (SELECT 2) SELECT * FROM c) SELECT * FROM a, b');
  });

  it('accepts mixed case, leading comments and one trailing semicolon', () => {
    allowed('sElEcT status FROM orders_current');
    allowed('with x as (select 1) Select * from x');
    allowed('-- revenue\n/* by day */ SELECT 1;');
    allowed('SELECT 1 ;  -- done');
  });

  it('is not fooled by keywords inside string literals or quoted names', () => {
    allowed("SELECT * FROM order_changes WHERE event_name = 'DELETE; DROP TABLE order_changes'");
    allowed(`SELECT 'INSERT INTO t VALUES (1)' AS "update" FROM orders_current`);
    allowed("SELECT 'it''s; DROP' AS x");
  });

  it('finds a statement that a comment hides or a semicolon separates', () => {
    refused('/* SELECT */ DROP TABLE order_changes', /DROP changes data/);
    refused('-- SELECT 1\nDELETE FROM order_changes', /DELETE changes data/);
    refused('SELECT 1; DROP TABLE order_changes', /one statement.*2/);
    refused('SELECT 1; -- fine\nSELECT 2', /has 2/);
    refused("SELECT ';'; SELECT 2", /has 2/);
  });

  it('refuses a CTE that feeds a write, whatever the case', () => {
    refused('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', /WITH clause feeds an INSERT/);
    refused('with x as (select 1) insert into t select * from x', /feeds an INSERT/);
    refused('WITH x AS (SELECT 1) DELETE FROM t', /feeds a DELETE/);
    refused('WITH x AS (DELETE FROM t) SELECT 1', /WITH query x is not a SELECT: DELETE/);
  });

  it('refuses writes, DDL and what EXPLAIN ANALYZE would run', () => {
    refused('INSERT INTO t VALUES (1)', /INSERT changes data.*read-only/);
    refused('CREATE TABLE t AS SELECT 1', /CREATE/);
    refused('Create Or Replace View v AS SELECT 1', /CREATE/);
    refused('MSCK REPAIR TABLE order_changes', /MSCK/);
    refused('UNLOAD (SELECT 1) TO \'s3://x/\' WITH (format = \'JSON\')', /UNLOAD/);
    refused('EXPLAIN ANALYZE INSERT INTO t SELECT 1', /INSERT/);
    refused('PREPARE q FROM SELECT 1', /PREPARE statements are not allowed/);
  });

  it('gives a reason for empty or unfinished text', () => {
    refused('', /empty/);
    refused('  -- just a comment\n', /empty/);
    refused(';;', /empty/);
    refused('WITH x AS (SELECT 1', /never closed/);
    refused('EXPLAIN', /needs a statement/);
  });
});
